// Batuta's Web Worker: boots Pyodide (from the memory snapshot when there is one), mounts the
// bundled packages' zip, and answers calls through batuta.bridge.call.
// Protocol (all messages carry the request id):
//   {type:"init", snapshot?:bool}          -> {id, ok:{version, mode, bootMs}}
//   {type:"call", name, args, blob?, progress?:bool}
//                                          -> {id, result:"<bridge JSON>"} | progress messages
//   {type:"makeSnapshot"}                  -> {id, snapshot:Uint8Array}   (build.py only)
// Every failure is posted back as {id, error:{code, message}}: a silent worker hangs the page.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const BASE = new URL("./", import.meta.url);
const INDEX_URL = new URL("pyodide/", BASE).href;
let pyodide = null;
let bridgeCall = null;
let booting = null;
let bootInfo = null;

function post(msg, transfer) {
  self.postMessage(msg, transfer || []);
}

const stageTimes = {};  // ms spent in each boot stage, reported in init()'s answer
let lastStage = null;
let stageStart = 0;

function progress(id, stage, fraction) {
  const now = performance.now();
  if (lastStage) stageTimes[lastStage] = Math.round(now - stageStart);
  lastStage = stage;
  stageStart = now;
  post({ id, type: "progress", stage, fraction });
}

async function fetchBytes(path) {
  const url = new URL(path, BASE);
  // Read precached files straight from Cache Storage: skips a service-worker round trip that
  // would copy the 31 MB snapshot once more.
  const hit = self.caches ? await caches.match(url.href).catch(() => undefined) : undefined;
  if (hit) return new Uint8Array(await hit.arrayBuffer());
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot fetch ${path}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function fetchManifest() {
  const res = await fetch(new URL("manifest.json", BASE));
  if (!res.ok) throw new Error(`cannot fetch manifest.json: HTTP ${res.status}`);
  return res.json();
}

// The packages come as one zip with their bytecode (build.py, tools/build_site.py): one file
// write and zipimport, where unpacking wheels cost up to 400 ms of a warm boot. The mount path
// is the same in every boot, so a snapshot that imported from it finds the same bytes again.
function installSite(py, bytes, mount) {
  // FS writes, not loadPackage/micropip: no lock file, no network, and the snapshot stays
  // valid (SPEC.md §4).
  py.FS.writeFile(mount, bytes);
  py.runPython(`import sys
if ${JSON.stringify(mount)} not in sys.path:
    sys.path.append(${JSON.stringify(mount)})`);
}

async function bootNormal(id, manifest, sitePromise, makeSnapshot) {
  progress(id, "runtime", 0.2);
  // A fixed hash seed for the snapshot boot makes its memory image closer to reproducible.
  const env = makeSnapshot ? { PYTHONHASHSEED: "0" } : {};
  const py = await loadPyodide({ indexURL: INDEX_URL, _makeSnapshot: makeSnapshot, env,
                                 stdout: () => {}, stderr: (m) => console.warn(m) });
  progress(id, "packages", 0.6);
  installSite(py, await sitePromise, manifest.site.mount);
  progress(id, "import", 0.8);
  py.runPython("import batuta.bridge");
  return py;
}

async function bootSnapshot(id, manifest, sitePromise) {
  // loadPyodide takes the snapshot as a Promise: its download overlaps fetching and compiling
  // pyodide.asm.wasm.
  progress(id, "runtime", 0.3);
  const py = await loadPyodide({ indexURL: INDEX_URL, _loadSnapshot: fetchBytes(manifest.snapshot),
                                 stdout: () => {}, stderr: (m) => console.warn(m) });
  // Only wasm memory was saved: write the packages' zip again for modules imported later, and
  // reseed randomness that the snapshot froze.
  progress(id, "packages", 0.7);
  installSite(py, await sitePromise, manifest.site.mount);
  progress(id, "import", 0.8);
  py.runPython("import random, batuta.bridge; random.seed()");
  return py;
}

async function boot(id, useSnapshot) {
  const t0 = performance.now();
  progress(id, "manifest", 0.05);
  const manifest = await fetchManifest();
  const sitePromise = fetchBytes(manifest.site.path);
  let mode = "normal";
  let py = null;
  let fallbackReason = null;
  if (useSnapshot !== false && manifest.snapshot) {
    try {
      py = await bootSnapshot(id, manifest, sitePromise);
      mode = "snapshot";
    } catch (err) {
      fallbackReason = String(err && err.message ? err.message : err);
      console.warn("batuta: snapshot boot failed, using the normal boot:", fallbackReason);
    }
  }
  if (!py) py = await bootNormal(id, manifest, sitePromise, false);
  pyodide = py;
  bridgeCall = py.pyimport("batuta.bridge").call;
  const version = JSON.parse(bridgeCall("version", "[]")).ok;
  progress(id, "ready", 1);
  bootInfo = { version, mode, bootMs: performance.now() - t0, pyodide: manifest.pyodide,
               build: manifest.build || null, fallbackReason, stageMs: { ...stageTimes } };
  return bootInfo;
}

async function makeSnapshot() {
  const manifest = await fetchManifest();
  const py = await bootNormal(0, manifest, fetchBytes(manifest.site.path), true);
  // Pre-import what the API will need so a restored worker starts warm; parts of the API that
  // are not built yet are skipped, not fatal.
  py.runPython(`
import importlib
for _m in ("batuta.api", "batuta._serialize", "batuta.analyze.archive", "batuta.analyze.code",
           "batuta.analyze.project", "batuta.convert", "batuta.backend", "json", "ast",
           "tokenize", "zipfile", "tarfile"):
    try:
        importlib.import_module(_m)
    except Exception:
        pass
del _m, importlib
`);
  return py.makeMemorySnapshot();
}

function runCall(msg) {
  const { id, name, args, blob } = msg;
  let onProgress;  // undefined reaches Python as None (JS null would be jsnull)
  if (msg.progress) {
    let last = 0;
    onProgress = (done, total) => {
      const now = performance.now();
      if (done === total || now - last > 50) {  // throttle: one message per 50 ms at most
        last = now;
        post({ id, type: "progress", done, total });
      }
    };
  }
  const out = bridgeCall(name, args, blob ?? undefined, onProgress);
  post({ id, result: out });
}

self.onmessage = async (ev) => {
  const msg = ev.data || {};
  const id = msg.id;
  try {
    if (msg.type === "init") {
      if (!booting) booting = boot(id, msg.snapshot);
      post({ id, ok: await booting });
    } else if (msg.type === "call") {
      if (!bridgeCall) throw Object.assign(new Error("call init() first"), { code: "BATUTA-X-001" });
      runCall(msg);
    } else if (msg.type === "makeSnapshot") {
      const snapshot = await makeSnapshot();
      post({ id, snapshot }, [snapshot.buffer]);
    } else {
      throw Object.assign(new Error(`unknown message type ${msg.type}`), { code: "BATUTA-X-001" });
    }
  } catch (err) {
    if (msg.type === "init") booting = null;  // a failed boot may be retried
    post({ id, error: { code: (err && err.code) || "BATUTA-W-001",
                        message: String(err && err.message ? err.message : err) } });
  }
};

self.onunhandledrejection = (ev) => {
  post({ id: null, error: { code: "BATUTA-W-001", message: String(ev.reason) } });
};
