"""The Oracle, the cookbook and the migration report answer in the browser worker exactly as
natively: a corpus of queries through ``batuta.js`` (keyword options included), offline, with
the network guard recording no foreign request (``bpage``)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from browser_support import run_js

from batuta import bridge

pytestmark = pytest.mark.browser

QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("Train a random forest classifier", {}),
    ("Convert my sklearn pipeline to Rust", {}),
    ("Deploy model for production inference", {}),
    ("Fast matrix multiplication with SIMD", {}),
    ("Scale computation with repartir across cluster", {}),
    ("Use aprender for my ML task", {}),
    ("Train a classifier", {"dataSize": 1_000_000, "hardware": {"has_gpu": True}}),
    ("Train model with GDPR compliance", {}),
    ("Train random forest", {"dataSize": 10_000}),
    ("Simple calculation", {"dataSize": 50}),
    ("Train a model on large dataset", {}),
    ("Train a model and deploy for inference", {}),
    ("Matrix operations with trueno", {}),
    ("", {}),
    ("xyz abc 123", {}),
    ("Should I use random forest or gradient boosting?", {}),
    ("speech recognition transcription", {}),
    ("I have 500m samples and need GPU training with LoRA", {}),
    ("Train on 1m samples", {}),
    ("distribute computation across cluster with repartir", {}),
    ("check transcript quality", {}),
    ("bash script migration", {}),
    ("I need 20 million samples distributed", {"nodes": 4}),
    ("Cluster with k-means algorithm on 2.5m rows", {}),
    ("qlora fine-tuning of an llm", {}),
    ("render course video with encoding", {}),
    ("use trueno-db for semantic similarity search", {}),
    ("Deploy model to AWS Lambda with <10ms latency", {}),
    ("pca on 10 thousand samples", {"dataSize": "2M"}),
    ("héllo wörld ✓ — naïve bayes", {}),
    ("train on 50 million samples on 4 nodes", {}),
    ("knowledge exploration of transcripts", {"hardware": {"has_gpu": False}}),
]


def native_oracle(query: str, options: dict[str, Any]) -> Any:
    kwargs = {"data_size": options.get("dataSize"), "hardware": options.get("hardware"),
              "nodes": options.get("nodes")}
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    return json.loads(bridge.call("oracle", json.dumps({"args": [query], "kwargs": kwargs})))


def test_oracle_corpus_matches_native(bpage: Any) -> None:
    assert len(QUERIES) >= 30
    got = run_js(bpage, """
      const out = [];
      for (const [q, opts] of arg) {
        try { out.push({ ok: await window.batuta.oracle(q, opts) }); }
        catch (e) { out.push({ error: e.code }); }
      }
      return out;""", [[q, o] for q, o in QUERIES], timeout_s=120)
    assert "__error__" not in got, got
    mismatches = [(q, g, w) for (q, o), g in zip(QUERIES, got, strict=True)
                  if g != (w := native_oracle(q, o))]
    assert mismatches == []
    assert got[0]["ok"]["primary"]["component"] == "aprender"


def test_bad_arguments_reject_with_the_native_code(bpage: Any) -> None:
    out = run_js(bpage, "return await window.batuta.oracle('x', { dataSize: 'lots' });")
    assert out["__error__"]["code"] == "BATUTA-X-001"
    out = run_js(bpage, "return await window.batuta.oracle_show('nope');")
    assert out["__error__"]["code"] == "BATUTA-X-001"


def test_cookbook_and_components_match_native(bpage: Any) -> None:
    calls: list[tuple[str, list[Any]]] = [
        ("oracle_list", []), ("oracle_show", ["trueno"]), ("oracle_capabilities", ["aprender"]),
        ("oracle_integrate", ["aprender", "realizar"]), ("oracle_integrate", ["trueno", "bashrs"]),
        ("oracle_recommend", ["cluster customers"]), ("cookbook_recipes", []),
        ("cookbook_recipe", ["ml-random-forest"]), ("cookbook_by_tag", ["WASM"]),
        ("cookbook_by_component", ["trueno"]), ("cookbook_search", ["lora"]),
        ("backend_serving", ["Private", "Batch"]), ("backend_recommend", ["matmul", 20000]),
    ]
    got = run_js(bpage, """
      const out = [];
      for (const [name, args] of arg) out.push(await window.batuta.call(name, ...args));
      return out;""", [[n, a] for n, a in calls], timeout_s=120)
    for (name, args), value in zip(calls, got, strict=True):
        assert {"ok": value} == json.loads(bridge.call(name, json.dumps(args))), name


def test_report_is_built_in_the_worker(bpage: Any) -> None:
    out = run_js(bpage, """
      const files = { "train.py": "import numpy as np\\nfrom sklearn.cluster import KMeans\\n"
        + "def f(x):\\n    if x:\\n        return np.dot(x, x)\\n    return KMeans(3).fit(x)\\n",
        "requirements.txt": "numpy==1.26.4\\nscikit-learn\\n" };
      const analysis = await window.batuta.analyze_project(files);
      return { analysis, html: await window.batuta.report(analysis, "html"),
               md: await window.batuta.report(analysis, "markdown") };""", timeout_s=120)
    assert "__error__" not in out, out
    analysis = out["analysis"]
    assert out["md"] == json.loads(bridge.call("report", json.dumps([analysis, "markdown"])))["ok"]
    assert out["html"] == json.loads(bridge.call("report", json.dumps([analysis, "html"])))["ok"]
    assert out["html"].count('<figure class="chart"') == 4
