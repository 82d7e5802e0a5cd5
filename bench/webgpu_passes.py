"""Per-pass WebGPU timings of one chart in headless Chromium (SwiftShader, as the tests run it).

Run: ``python bench/webgpu_passes.py`` (``--points-composite FILE`` serves another
``points_composite.wgsl``, e.g. an older one from git, to compare). The chart is the model-sizes
example app's data drawn as a scatter (five families, five point layers), encoded natively as
``app.html`` gets it; each dispatch is compiled and submitted on its own and timed to
``onSubmittedWorkDone``, twice (the second round reuses nothing: new modules and pipelines).
Prints one line per dispatch: round, pass, workgroups, compile ms, run ms; then the totals.

``--scales`` instead times the playground's own chart (the sample project, 689x760 CSS px) in
the built ``dist/``: ``chart_encoding`` in Pyodide and ``renderEncoding`` at pixel ratio 1 and
2, each twice (the second is reported), with the encoding's size.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pkg"))
sys.path.insert(0, str(ROOT / "tests"))

from batuta.app import build_view, open_app  # noqa: E402

TIME_PASSES = """async (enc) => {
  const w = await import('/web/render/webgpu.js');
  const dev = await w.getDevice();
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const size = (n) => Math.ceil(Math.max(16, n) / 4) * 4;
  const rows = [];
  for (let round = 0; round < 2; round++) {
    const bufs = new Map();
    for (const op of enc.recording) {
      if (op.op === 'upload') {
        const data = w.decodeBlob(enc.blobs[op.blob]);
        const b = dev.createBuffer({ size: size(data.byteLength), usage, mappedAtCreation: true });
        new Uint8Array(b.getMappedRange()).set(data);
        b.unmap();
        bufs.set(op.buffer, b);
      } else if (op.op === 'create') {
        bufs.set(op.buffer, dev.createBuffer({ size: size(op.size), usage }));
      } else if (op.op === 'dispatch') {
        const code = await w.loadPass(op.pass, op.defines || {});
        const t0 = performance.now();
        const pipe = await dev.createComputePipelineAsync({ layout: 'auto',
          compute: { module: dev.createShaderModule({ code }), entryPoint: 'main' } });
        const t1 = performance.now();
        const e = dev.createCommandEncoder();
        const p = e.beginComputePass();
        p.setPipeline(pipe);
        const entries = op.bindings.map((n, i) => ({ binding: i,
                                                     resource: { buffer: bufs.get(n) } }));
        p.setBindGroup(0, dev.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries }));
        p.dispatchWorkgroups(...op.workgroups);
        p.end();
        dev.queue.submit([e.finish()]);
        await dev.queue.onSubmittedWorkDone();
        rows.push([round, op.pass, op.workgroups.join('x'), t1 - t0, performance.now() - t1]);
      }
    }
    for (const b of bufs.values()) b.destroy();
  }
  return rows;
}"""


def scatter_encoding() -> dict[str, Any]:
    """The model-sizes app with its chart as a scatter, encoded as the app runner gets it."""
    folder = ROOT / "static" / "apps" / "model-sizes"
    with tempfile.TemporaryDirectory() as tmp:
        app_dir = Path(tmp)
        yaml = (folder / "app.yaml").read_text(encoding="utf-8")
        (app_dir / "app.yaml").write_text(yaml.replace("chart_type: line", "chart_type: scatter"),
                                          encoding="utf-8")
        shutil.copy(folder / "models.csv", app_dir / "models.csv")
        app, files = open_app(app_dir)
        view = build_view(app, files, chart_encodings=True)
    chart = next(w for s in view["sections"] for w in s["widgets"] if w.get("encoding"))
    enc: dict[str, Any] = chart["encoding"]
    return enc


class _Quiet(http.server.SimpleHTTPRequestHandler):
    override: bytes | None = None

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        if self.override is not None and self.path.endswith("/shaders/points_composite.wgsl"):
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(self.override)
            return
        super().do_GET()


SCALES_JS = """async () => {
  const r = window.playground.last.result;
  const gpu = await import('./render/webgpu.js');
  const out = {};
  for (const scale of [1, 2, 1, 2]) {
    const t0 = performance.now();
    const enc = await window.batuta.call('chart_encoding', r, 689, 760, 'light', scale);
    const t1 = performance.now();
    const c = document.createElement('canvas');
    document.body.append(c);
    await gpu.renderEncoding(c, enc, { shaderBase: 'shaders/' });
    const t2 = performance.now();
    c.remove();
    out[scale] = { encode_ms: t1 - t0, draw_ms: t2 - t1, size: [enc.width, enc.height],
                   json_kb: JSON.stringify(enc).length / 1024,
                   atlas_kb: enc.blobs.atlas.length * 3 / 4 / 1024 };
  }
  return out;
}"""


def playground_scales() -> None:
    """The playground's chart encoded and drawn at pixel ratio 1 and 2 (see the docstring)."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from browser_support import LocalServer, boot_playground

    server = LocalServer(ROOT / "dist")
    server.start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                         headless=True)
            page = browser.new_context(service_workers="block",
                                       viewport={"width": 1280, "height": 800}).new_page()
            boot_playground(page, server.url)
            page.click("#sample-btn")
            page.wait_for_function("() => window.playground.count > 0", timeout=120_000)
            rows = page.evaluate(SCALES_JS)
            browser.close()
    finally:
        server.stop()
    print("scale canvas encode_ms draw_ms encoding_kb atlas_kb")
    for scale, r in rows.items():
        print(f"{scale} {r['size'][0]}x{r['size'][1]} {r['encode_ms']:.0f} {r['draw_ms']:.0f} "
              f"{r['json_kb']:.0f} {r['atlas_kb']:.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points-composite", type=Path, help="serve this points_composite.wgsl")
    ap.add_argument("--scales", action="store_true", help="the playground chart at DPR 1 and 2")
    args = ap.parse_args()
    if args.scales:
        playground_scales()
        return
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS

    if args.points_composite:
        _Quiet.override = args.points_composite.read_bytes()
    enc = scatter_encoding()
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(ROOT)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                         headless=True)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/tests/render/pages/"
                      "parity.html")
            page.wait_for_function("window.batutaReady === true", timeout=15000)
            rows = page.evaluate(TIME_PASSES, enc)
            browser.close()
    finally:
        httpd.shutdown()
    print(f"chart {enc['width']}x{enc['height']}; round pass workgroups compile_ms run_ms")
    for rnd, name, groups, compile_ms, run_ms in rows:
        print(f"{rnd} {name:17} {groups:>9} {compile_ms:8.0f} {run_ms:8.0f}")
    for rnd in (0, 1):
        mine = [r for r in rows if r[0] == rnd]
        print(f"round {rnd}: compile {sum(r[3] for r in mine):.0f} ms, "
              f"run {sum(r[4] for r in mine):.0f} ms")


if __name__ == "__main__":
    main()
