// Batuta's Web Worker: boots Pyodide (from the memory snapshot when there is one), mounts the
// bundled packages' zip, and answers calls through batuta.bridge.call.
// Protocol (all messages carry the request id):
//   {type:"init", snapshot?:bool, cache?:bool} -> {id, ok:{version, mode, bootMs}}
//   {type:"call", name, args, blob?, files?, progress?:bool}
//                                          -> {id, result:"<bridge JSON>"} | progress messages
//   {type:"makeSnapshot"}                  -> {id, snapshot:Uint8Array}   (build.py only)
// Every failure is posted back as {id, error:{code, message}}: a silent worker hangs the page.
const BASE = new URL("./", import.meta.url);
const INDEX_URL = new URL("pyodide/", BASE).href;
// Both start as the worker starts, side by side: the manifest (it names the snapshot to read)
// and Pyodide's loader. A static import would make the manifest wait for the loader.
const pyodideLoader = import("./pyodide/pyodide.mjs");
pyodideLoader.catch(() => {});  // reported by the boot that awaits it
let earlyManifest = fetchManifest();
earlyManifest.catch(() => {});  // likewise
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

// Resolves once the read of a file is under way, to {bytes: Promise<Uint8Array>}: boot() waits
// for that before it starts loadPyodide, whose script compile holds this thread ~150 ms.
async function startRead(path, manifest) {
  const url = new URL(path, BASE);
  // Read precached files straight from Cache Storage: skips a service-worker round trip that
  // would copy the snapshot once more. Only this build's cache (sw.js names it batuta-<build>)
  // is searched, not every cache of the origin.
  const options = manifest.build ? { cacheName: `batuta-${manifest.build}` } : {};
  const hit = self.caches ? await caches.match(url.href, options).catch(() => undefined)
                          : undefined;
  const res = hit || await (readThroughCache ? readThrough(url.href, manifest) : fetch(url));
  if (!res.ok) throw new Error(`cannot fetch ${path}: HTTP ${res.status}`);
  return { bytes: res.arrayBuffer().then((buffer) => new Uint8Array(buffer)) };
}

// init({cache: true}) (the default; the playground's service worker precaches the build): a first
// visit downloads each file once. This worker and sw.js's precache both read a file through
// this build's cache under one Web Lock a file; whoever asks first downloads it, the other
// finds it cached. The response streams on at once; the lock is held until its copy is stored.
let readThroughCache = false;
const networkFetch = self.fetch.bind(self);
// The copies are stored once the boot is over: writing 30 MB into Cache Storage during it made
// cold boots slower (medians of 8: 2,155 ms against 1,672 ms reading straight from the network,
// a loaded machine; 1,812 against 1,863 and 1,700 against 1,671 ms with the write deferred).
// The lock stays held until the copy is stored, so the service worker still finds it; a second
// read of the same file in this worker meanwhile (a normal boot after a failed snapshot) gets a
// clone of the held copy instead of waiting on that lock, which would wait for the boot.
let bootOver;
const afterBoot = new Promise((resolve) => { bootOver = resolve; });
const held = new Map();  // href -> Promise of an unread copy whose cache write waits

function readThrough(href, manifest) {
  if (!self.caches || !manifest.build || !self.navigator.locks) return networkFetch(href);
  const mine = held.get(href);
  if (mine) {
    return mine.then((copy) => {
      try { return copy.clone(); } catch { return networkFetch(href); }  // already being stored
    });
  }
  const cacheName = `batuta-${manifest.build}`;
  let share;
  let fail;
  held.set(href, new Promise((resolve, reject) => { share = resolve; fail = reject; }));
  held.get(href).catch(() => {});  // a failure is reported to the first reader
  return new Promise((resolve, reject) => {
    self.navigator.locks.request(`batuta-fetch ${href}`, async () => {
      const cache = await caches.open(cacheName);
      const cached = await cache.match(href);
      const res = cached || await networkFetch(href);
      const copy = res.clone();
      share(copy);
      resolve(res);
      await afterBoot;
      held.delete(href);
      if (!cached && res.ok) await cache.put(href, copy).catch(() => {});  // a full disk costs
    }).catch((err) => {                                                  // the cache, not the boot
      held.delete(href);
      fail(err);
      reject(err);
    });
  });
}

// Pyodide fetches pyodide.asm.wasm itself: in cache mode its fetches of this build's files
// (the manifest lists them) go through readThrough too.
function routeFetchesThroughCache(manifest) {
  readThroughCache = true;
  const files = new Set(Object.keys(manifest.files || {}).map((f) => new URL(f, BASE).href));
  self.fetch = (input, init) => {
    const href = typeof input === "string" ? new URL(input, BASE).href
      : input instanceof URL ? input.href : null;
    if (href && files.has(href) && (!init || !init.method || init.method === "GET")) {
      return readThrough(href, manifest);
    }
    return networkFetch(input, init);
  };
}

async function fetchBytes(path, manifest) {
  return (await startRead(path, manifest)).bytes;
}

// The snapshot file is the memory image without its all-zero pages (tools/snapshot_format.py):
// 14 of 31 MB fewer to read at every boot. A file that does not match the format throws, and
// the boot falls back to the normal one.
function expandSnapshot(data) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const magic = String.fromCharCode(...data.subarray(0, 4));
  if (data.length < 20 || magic !== "BSNP" || view.getUint32(4, true) !== 1) {
    throw new Error("the snapshot file is not in Batuta's snapshot format");
  }
  const size = view.getUint32(8, true);
  const page = view.getUint32(12, true);
  const count = view.getUint32(16, true);
  const start = 20 + 4 * count;
  if (page === 0 || data.length !== start + count * page) {
    throw new Error("the snapshot file is truncated");
  }
  const image = new Uint8Array(size);  // zero-filled: the dropped pages
  for (let n = 0; n < count; n++) {
    const at = view.getUint32(20 + 4 * n, true) * page;
    if (at >= size) throw new Error("the snapshot file has a page out of range");
    const from = start + n * page;
    image.set(data.subarray(from, from + Math.min(page, size - at)), at);
  }
  return image;
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
  const { loadPyodide } = await pyodideLoader;
  const py = await loadPyodide({ indexURL: INDEX_URL, _makeSnapshot: makeSnapshot, env,
                                 stdout: () => {}, stderr: (m) => console.warn(m) });
  progress(id, "packages", 0.6);
  installSite(py, await sitePromise, manifest.site.mount);
  progress(id, "import", 0.8);
  py.runPython("import batuta.bridge");
  return py;
}

// During a snapshot boot Pyodide mounts this empty zip as its standard library, and the real
// one, read by boot() straight from the cache beside the snapshot, is written over it once
// Python is up: the restored interpreter reads no file until it imports something new.
const STDLIB = "pyodide/python_stdlib.zip";
const STDLIB_LATER = "stdlib-later.zip";

async function bootSnapshot(id, manifest, snapshotPromise, zipsPromise) {
  progress(id, "runtime", 0.3);
  const { loadPyodide } = await pyodideLoader;
  const py = await loadPyodide({ indexURL: INDEX_URL, _loadSnapshot: snapshotPromise,
                                 stdLibURL: new URL(STDLIB_LATER, BASE).href,
                                 stdout: () => {}, stderr: (m) => console.warn(m) });
  // Only wasm memory was saved: write the zips again for modules imported later, and reseed
  // randomness that the snapshot froze.
  progress(id, "packages", 0.7);
  const [site, stdlib] = await zipsPromise;
  const mount = py.FS.readdir("/lib").find((name) => /^python\d+\.zip$/.test(name));
  if (!mount) throw new Error("Pyodide mounted no standard library zip");
  py.FS.writeFile(`/lib/${mount}`, stdlib);
  installSite(py, site, manifest.site.mount);
  progress(id, "import", 0.8);
  py.runPython("import random, batuta.bridge; random.seed()");
  return py;
}

async function boot(id, useSnapshot, useCache) {
  const t0 = performance.now();
  progress(id, "manifest", 0.05);
  const pending = earlyManifest;
  earlyManifest = null;  // a retried boot fetches it again
  const manifest = await (pending ?? fetchManifest());
  if (useCache) routeFetchesThroughCache(manifest);
  const snapshot = useSnapshot !== false && manifest.snapshot;
  let snapshotPromise = null;
  let zipsPromise = null;
  let sitePromise;
  if (snapshot) {
    // Every read is under way before loadPyodide, whose script compile and start-up hold this
    // thread for most of the next half second: a read issued later waits for them. (Reading
    // the zips only after the snapshot, and compiling pyodide.asm.wasm early, were measured:
    // both slower here.)
    const reads = [startRead(manifest.snapshot, manifest),
                   startRead(manifest.site.path, manifest), startRead(STDLIB, manifest)];
    await Promise.allSettled(reads);
    const [snapshotBytes, siteBytes, stdlibBytes] = reads.map((r) => r.then((x) => x.bytes));
    snapshotPromise = snapshotBytes.then(expandSnapshot);
    snapshotPromise.catch(() => {});  // a failure is the snapshot boot's to report
    sitePromise = siteBytes;
    zipsPromise = Promise.all([siteBytes, stdlibBytes]);
    zipsPromise.catch(() => {});  // likewise
  } else {
    sitePromise = fetchBytes(manifest.site.path, manifest);
  }
  let mode = "normal";
  let py = null;
  let fallbackReason = null;
  if (snapshot) {
    try {
      py = await bootSnapshot(id, manifest, snapshotPromise, zipsPromise);
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
  const py = await bootNormal(0, manifest, fetchBytes(manifest.site.path, manifest), true);
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
  const reader = msg.files ? fileReader(msg.files) : undefined;
  const out = bridgeCall(name, args, blob ?? undefined, onProgress, reader);
  post({ id, result: out });
}

// Python reads a dropped folder's files synchronously while its walk runs:
// reader(which, limit) -> the first `limit` bytes of files[which], or, when `which` is a JSON
// array of indices, those of each file end to end (one call a batch: ~0.3 ms a file, against
// ~0.6 ms with one call a file); null when a file can no longer be read.
function fileReader(files) {
  const sync = new FileReaderSync();
  return (which, limit) => {
    try {
      const parts = (typeof which === "string" ? JSON.parse(which) : [which])
        .map((index) => files[index].slice(0, limit));
      return new Uint8Array(sync.readAsArrayBuffer(parts.length === 1 ? parts[0] : new Blob(parts)));
    } catch {
      return null;
    }
  };
}

self.onmessage = async (ev) => {
  const msg = ev.data || {};
  const id = msg.id;
  try {
    if (msg.type === "init") {
      if (!booting) booting = boot(id, msg.snapshot, msg.cache === true).finally(bootOver);
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
