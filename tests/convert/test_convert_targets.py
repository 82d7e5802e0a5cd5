"""The converter's facts about its targets match ``shared/crate-api`` (issue 12, item 1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from batuta.convert.targets import emittable_paths, load, param_kind

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "crate-api"


def test_packaged_subset_is_regenerated_from_the_tables() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "extract_targets.py"),
                          str(SHARED), "--check"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_emittable_path_is_in_the_tables() -> None:
    targets = load()
    paths = emittable_paths()
    assert "aprender::linear_model::LinearRegression" in paths
    assert "aprender::linear_model::LinearRegression::fit" in paths
    assert "aprender::traits::Estimator" in paths
    assert "trueno::Vector" in paths and "trueno::Vector::stddev" in paths
    assert "realizar::run_inference" in paths
    assert sorted(p for p in paths if p not in targets) == []


def test_records_carry_signature_facts() -> None:
    targets = load()
    (fit,) = [i for i in targets.get("aprender::classification::LogisticRegression::fit")
              if not i.trait]
    assert fit.receiver == "&mut self" and [p.kind for p in fit.params] == ["borrowed", "slice"]
    assert fit.is_result
    (predict,) = [i for i in targets.get("aprender::classification::LogisticRegression::predict")
                  if not i.trait]
    assert predict.returns == "Vec<usize>" and not predict.is_result
    assert targets.get("aprender::preprocessing::OneHotEncoder")[0].uncertain
    assert targets.versions == {"trueno": "0.10.1", "aprender": "0.29", "realizar": "0.8.6"}
    assert param_kind("&str") == "str" and param_kind("impl Into<PathBuf>") == "generic"
    assert param_kind("Vec<f32>") == "owned" and param_kind("&mut Self") == "mut"
