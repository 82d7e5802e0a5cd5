"""A real multi-file project dropped into the playground gives the native result and survives
a reload (IndexedDB)."""

from __future__ import annotations

import base64
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from browser_support import ROOT, run_js, strip_volatile
from playground_support import get_code, open_tab, set_code

from batuta import api
from batuta._serialize import to_jsonable

pytestmark = pytest.mark.browser

SAMPLE = ROOT / "static" / "sample-project"


def native_project() -> Any:
    result = strip_volatile(to_jsonable(api.analyze_project(SAMPLE)))
    result.pop("root")
    return result


def wait_for_analysis(page: Any, before: int, timeout_s: float = 90) -> Any:
    page.wait_for_function(
        f"() => window.playground.count > {before} || window.playground.errors > 0",
        timeout=timeout_s * 1000)
    assert page.evaluate("window.playground.errors") == 0, page.text_content("#error")
    record = page.evaluate("window.playground.last")
    result = strip_volatile(record["result"])
    result.pop("root", None)
    return result


def count(page: Any) -> int:
    return int(page.evaluate("window.playground.count"))


def upload_folder_matching_native(page: Any, folder: Path) -> Any:
    """Choose ``folder`` in the playground; its result must equal the native one."""
    before = count(page)
    page.set_input_files("#folder-input", folder)
    got = wait_for_analysis(page, before)
    native = strip_volatile(to_jsonable(api.analyze_project(folder)))
    native.pop("root")
    assert got == native
    return got


def test_folder_upload_matches_native(bpage: Any) -> None:
    assert SAMPLE.is_dir(), "static/sample-project is the multi-file fixture"
    before = count(bpage)
    bpage.set_input_files("#folder-input", SAMPLE)
    got = wait_for_analysis(bpage, before)
    assert got == native_project()
    assert got["total_files"] >= 10 and got["primary_language"] == "Python"


def test_dropped_zip_matches_native(bpage: Any, dist_dir: Path) -> None:
    data = base64.b64encode((dist_dir / "sample-project.zip").read_bytes()).decode()
    before = count(bpage)
    run_js(bpage, """
      const bytes = Uint8Array.from(atob(arg), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "sample-project.zip", { type: "application/zip" }));
      document.getElementById("drop").dispatchEvent(
        new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      return true;""", data)
    assert wait_for_analysis(bpage, before) == native_project()


def test_sample_button_and_progress(bpage: Any) -> None:
    before = count(bpage)
    bpage.click("#sample-btn")
    assert wait_for_analysis(bpage, before) == native_project()
    open_tab(bpage, "Charts")  # drawn when shown, at the size of its box
    kind = run_js(bpage, "return await window.playground.chart;")
    # WebGPU works in this Chromium (SwiftShader), so the analysis charts must come from the
    # WGSL renderer through api.chart_encoding, not from a fallback.
    assert kind == "renderEncoding"
    assert "Python" in (bpage.get_attribute("#chart", "aria-label") or "")
    progress = run_js(bpage, """
      const seen = [];
      const files = { "a.py": "import numpy as np\\n", "b.sh": "echo 1\\n",
                      "c/d.py": new TextEncoder().encode("x = 1\\n") };
      const onProgress = (d, t) => seen.push([d, t]);
      const r = await window.batuta.analyze_project(files, { onProgress });
      return { seen, total: r.total_files };""")
    assert progress["total"] == 3
    assert progress["seen"] and progress["seen"][-1] == [3, 3]


def test_analysis_survives_reload(bpage: Any) -> None:
    before = count(bpage)
    set_code(bpage, "import torch\nx = torch.zeros(2)\n")
    bpage.fill("#filename", "reload_me.py")
    bpage.click("#analyze-btn")
    wait_for_analysis(bpage, before)
    last = bpage.evaluate("window.playground.last")
    assert last["label"] == "reload_me.py" and last["result"]["has_pytorch"] is True
    # The draft is written 300 ms after the last keystroke.
    run_js(bpage, "await new Promise((r) => setTimeout(r, 400)); "
                  "await window.playground.draftSaved; return true;")
    bpage.reload()
    bpage.wait_for_function("() => window.playground && window.playground.last", timeout=60_000)
    assert bpage.evaluate("window.playground.last") == last
    assert "reload_me.py" in (bpage.text_content("#summary") or "")
    # The code being edited comes back too, exactly as typed.
    assert bpage.input_value("#code") == "import torch\nx = torch.zeros(2)\n"
    run_js(bpage, "await window.playground.editorReady; return true;")
    assert get_code(bpage) == "import torch\nx = torch.zeros(2)\n"  # in the editor too
    assert bpage.input_value("#filename") == "reload_me.py"
    phases = bpage.text_content("#phases") or ""
    assert "Analysis: completed" in phases and "Transpilation: not started" in phases
    run_js(bpage, "return await window.playground.ready;", timeout_s=120)


def table_by_caption(page: Any, caption: str) -> Any:
    return page.locator("#tables table").filter(
        has=page.locator("caption", has_text=caption))


def test_big_results_are_cut_visibly_grouped_and_saved_whole(bpage: Any, tmp_path: Path) -> None:
    # 253 call sites: more than a table shows, so the cut must say so, the grouped table must
    # count every one, and the saved JSON must hold them all.
    project = tmp_path / "many_calls"
    project.mkdir()
    (project / "zeros.py").write_text(
        "import numpy as np\n" + "".join(f"a{i} = np.zeros({i})\n" for i in range(250)))
    (project / "sums.py").write_text("import numpy as np\n" + "np.sum(1)\n" * 3)
    before = count(bpage)
    bpage.set_input_files("#folder-input", project)
    wait_for_analysis(bpage, before)

    sites = table_by_caption(bpage, "ML call sites")
    assert "200 of 253 shown" in (sites.locator("caption").text_content() or "")
    assert sites.locator("tbody tr").count() == 200
    assert "53 more rows" in (sites.locator("tfoot").text_content() or "")

    usage = table_by_caption(bpage, "APIs to map")
    rows = [[(c or "").strip() for c in r.locator("td").all_text_contents()]
            for r in usage.locator("tbody tr").all()]
    assert rows == [["numpy", "numpy.zeros", "250", "1", "trueno"],
                    ["numpy", "numpy.sum", "3", "1", "trueno"]]

    with bpage.expect_download() as download:
        bpage.click("#save-btn")
    saved = json.loads(Path(download.value.path()).read_text())
    assert len(saved["call_sites"]) == 253
    assert saved == bpage.evaluate("window.playground.last.result")


def test_a_checkout_with_heavy_history_and_data_is_read_only_where_it_counts(
        bpage: Any, tmp_path: Path) -> None:
    # A real repository folder: 600 MB of git pack and data beside two source files. The
    # worker reads a file only when the walk keeps it, so the pack (pruned) and the CSV (over
    # the size bound) are never read; reading everything first would not fit the 256 MB bound.
    project = tmp_path / "checkout"
    (project / ".git" / "objects" / "pack").mkdir(parents=True)
    (project / "data").mkdir()
    (project / "src").mkdir()
    (project / "src" / "train.py").write_text("import torch\nmodel = torch.nn.Linear(2, 2)\n")
    (project / "README.md").write_text("# checkout\n")
    shutil.copytree(SAMPLE, project / "sample")  # enough files for batched reads
    pack = project / ".git" / "objects" / "pack" / "pack-1.pack"
    for heavy in (pack, project / "data" / "all.csv"):
        with heavy.open("wb") as f:
            f.truncate(300 * 2**20)  # sparse: costs no disk here, 300 MB to a reader
    got = upload_folder_matching_native(bpage, project)
    paths = [f["path"] for f in got["files"]]
    assert "README.md" in paths and "src/train.py" in paths and len(paths) > 10
    skipped = {s["path"]: s["reason"] for s in got["skipped"]}
    assert skipped[".git/"] == "version control"
    assert skipped["data/all.csv"].startswith("too large")


def test_a_long_analysis_can_be_cancelled_and_the_page_goes_on(bpage: Any,
                                                               tmp_path: Path) -> None:
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for n in range(4000):  # several seconds of analysis in the worker
            zf.writestr(f"pkg/m{n}.py", f"import numpy as np\n\ndef f{n}(x):\n"
                                        f"    return np.zeros({n}) + x\n")
    shown_before = bpage.text_content("#summary")
    bpage.set_input_files("#files-input", archive)
    # Counts with thousands separators; the progress bar follows them.
    in_progress = ("/Analyzing .*: [\\d,]+ \\/ 4,000 files/.test($('status').textContent)"
                   " && $('project-progress').max === 4000 && !$('project-progress').hidden")
    bpage.wait_for_function(f"() => {{ const $ = (id) => document.getElementById(id); "
                            f"return {in_progress}; }}", timeout=60_000)
    assert bpage.is_visible("#cancel-btn")
    bpage.click("#cancel-btn")
    bpage.wait_for_function("() => window.playground.cancelled === 1", timeout=30_000)
    run_js(bpage, "await window.playground.restart; return true;", timeout_s=60)
    assert "cancelled" in (bpage.text_content("#status") or "")
    assert bpage.is_hidden("#error") and bpage.is_hidden("#cancel-btn")
    assert bpage.text_content("#summary") == shown_before  # the last result stays
    assert bpage.is_enabled("#analyze-btn")
    out = run_js(bpage, "return await window.batuta.analyze_code('import torch\\n', 'a.py');")
    assert out["has_pytorch"] is True


def test_a_folder_of_many_small_files_is_read_on_demand(bpage: Any, tmp_path: Path) -> None:
    # Over 10,000 files (a node_modules) but few bytes: read on demand too, so the pruned
    # packages are never read, and the answer is the native one.
    project = tmp_path / "web-app"
    for n in range(105):
        package = project / "node_modules" / f"pkg{n}"
        package.mkdir(parents=True)
        for k in range(100):
            (package / f"f{k}.js").write_text("module.exports = 1;\n")
    (project / "app.py").write_text("import numpy as np\nnp.zeros(1)\n")
    got = upload_folder_matching_native(bpage, project)
    assert [f["path"] for f in got["files"]] == ["app.py"]
