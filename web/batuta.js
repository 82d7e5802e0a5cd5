// Batuta's JavaScript API: an ES module that runs the Python core in a dedicated Web Worker.
//
//   import * as batuta from "./batuta.js";
//   await batuta.init({ onProgress: (stage, fraction) => {} });
//   const result = await batuta.analyze_code("import numpy as np\n");
//
// Every function returns a Promise of plain JSON, exactly Python's to_jsonable(result). Errors
// reject with a BatutaError carrying `code` and `message`. This file is glue: the logic is in
// Python (batuta.bridge); argument types and bounds are checked there.

const ARCHIVE_RE = /\.(zip|tar|tgz|tar\.gz|tar\.bz2|tbz2|tar\.xz|txz)$/i;

/** An error from the Python core or the worker, with a stable `code` (BATUTA-X-NNN …). */
export class BatutaError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = "BatutaError";
    this.code = code;
    this.details = details;
  }
}

let worker = null;
let ready = null;
let nextId = 1;
const pending = new Map();

function defaultBase() {
  return new URL("./", import.meta.url).href;
}

function failAll(code, message) {
  for (const { reject } of pending.values()) reject(new BatutaError(code, message));
  pending.clear();
}

function startWorker(baseUrl) {
  const w = new Worker(new URL("worker.js", baseUrl), { type: "module", name: "batuta" });
  w.onmessage = (ev) => {
    const msg = ev.data || {};
    const entry = pending.get(msg.id);
    if (msg.id === null && msg.error) {  // an error with no request: fail everything waiting
      failAll(msg.error.code, msg.error.message);
      return;
    }
    if (!entry) return;
    if (msg.type === "progress") {
      if (entry.onProgress) {
        try {
          if (msg.stage !== undefined) entry.onProgress(msg.stage, msg.fraction);
          else entry.onProgress(msg.done, msg.total);
        } catch (err) { console.error("batuta: onProgress threw", err); }
      }
      return;
    }
    pending.delete(msg.id);
    if (msg.error) entry.reject(new BatutaError(msg.error.code, msg.error.message,
                                                msg.error.details || {}));
    else if (msg.result !== undefined) entry.resolveJson(msg.result);
    else entry.resolve(msg.ok);
  };
  // A worker that fails to load or crashes would otherwise leave every Promise pending forever.
  w.onerror = (ev) => {
    ev.preventDefault?.();
    failAll("BATUTA-W-002", `worker failed: ${ev.message || "could not load worker.js"}`);
  };
  w.onmessageerror = () => failAll("BATUTA-W-002", "worker message could not be decoded");
  return w;
}

function request(msg, { onProgress, transfer } = {}) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const resolveJson = (text) => {
      let parsed;
      try { parsed = JSON.parse(text); } catch (err) {
        reject(new BatutaError("BATUTA-W-003", `bad reply from the worker: ${err.message}`));
        return;
      }
      if (parsed.error) reject(new BatutaError(parsed.error.code, parsed.error.message,
                                               parsed.error.details || {}));
      else resolve(parsed.ok);
    };
    pending.set(id, { resolve, reject, resolveJson, onProgress });
    try {
      worker.postMessage({ ...msg, id }, transfer || []);
    } catch (err) {
      pending.delete(id);
      reject(new BatutaError("BATUTA-X-001", `argument cannot be sent to the worker: ${err.message}`));
    }
  });
}

/**
 * Boot Pyodide and Batuta in a Worker. Safe to call more than once (boots once).
 * `cache` (default true): the worker reads the boot files through this build's Cache Storage,
 * the one sw.js precaches into, so a first visit downloads each file once. Pass false on a site
 * without Batuta's service worker (the documentation elements, the extension): nothing there
 * would ever delete an old build's cache.
 * @param {{baseUrl?: string, onProgress?: (stage: string, fraction: number) => void,
 *          snapshot?: boolean, cache?: boolean}} [options]
 * @returns {Promise<{version: string, mode: "snapshot"|"normal", bootMs: number}>}
 */
export function init({ baseUrl, onProgress, snapshot = true, cache = true } = {}) {
  if (ready) return ready;
  const base = baseUrl ? new URL(baseUrl, location.href).href : defaultBase();
  worker = startWorker(base);
  ready = request({ type: "init", snapshot, cache }, { onProgress }).catch((err) => {
    terminate();
    throw err;
  });
  return ready;
}

/** Stop the worker; a later init() boots a fresh one. */
export function terminate() {
  if (worker) worker.terminate();
  worker = null;
  ready = null;
  failAll("BATUTA-W-004", "Batuta was terminated");
}

function encodeArgs(args) {
  const trimmed = [...args];
  while (trimmed.length && trimmed[trimmed.length - 1] === undefined) trimmed.pop();
  try {
    return JSON.stringify(trimmed);
  } catch (err) {
    throw new BatutaError("BATUTA-X-001", `arguments are not JSON-serializable: ${err.message}`);
  }
}

/** Positional and keyword arguments for Python functions with keyword-only parameters. */
function encodeKwargs(args, kwargs) {
  const kw = Object.fromEntries(Object.entries(kwargs).filter(([, v]) => v !== undefined));
  return JSON.stringify({ args: JSON.parse(encodeArgs(args)), kwargs: kw });
}

async function invoke(name, args, { blob, files, onProgress, kwargs } = {}) {
  if (!ready) throw new BatutaError("BATUTA-X-001", "call init() before using Batuta");
  await ready;
  const encoded = kwargs ? encodeKwargs(args, kwargs) : encodeArgs(args);
  const msg = { type: "call", name, args: encoded, progress: Boolean(onProgress) };
  if (blob) msg.blob = blob;
  if (files) msg.files = files;  // File handles: cloning one copies no bytes
  return request(msg, { onProgress, transfer: blob ? [blob.buffer] : [] });
}

/** Call any function listed in batuta.api.EXPORTS with JSON arguments. */
export function call(name, ...args) {
  return invoke(name, args);
}

export const version = () => invoke("version", []);
export const analyze_code = (code, filename) => invoke("analyze_code", [code, filename]);
export const classify_snippet = (text) => invoke("classify_snippet", [text]);
export const convert_numpy = (code, dataSize) => invoke("convert_numpy", [code, dataSize]);
export const convert_sklearn = (code, dataSize) => invoke("convert_sklearn", [code, dataSize]);
export const convert_pytorch = (code, dataSize) => invoke("convert_pytorch", [code, dataSize]);
export const convert_file = (code, filename) => invoke("convert_file", [code, filename]);

/**
 * Convert a project (the inputs analyze_project takes) into a Cargo crate: the zip's bytes,
 * `<crateName>/Cargo.toml`, `src/`, `CONVERSION.md` (built in the worker, ready to download).
 * @returns {Promise<Uint8Array>}
 */
export async function convert_project(files, crateName) {
  const { source, blob, handles } = await packFiles(files);
  const args = crateName === undefined ? [source] : [source, crateName];
  const out = await invoke("convert_project", args, { blob, files: handles });
  return Uint8Array.from(atob(out.$bytes), (c) => c.charCodeAt(0));
}
export const backend_recommend = (operation, dataSize, hardware) =>
  invoke("backend_recommend", [operation, dataSize, hardware]);

/**
 * The report of a survey database (`batuta survey -o survey.db`), read by Pyodide's sqlite3.
 * @param {Uint8Array|ArrayBuffer} db the file's bytes (copied: the caller's buffer stays usable)
 * @param {"view"|"charts"|"json"|"text"|"html"} [format] "view": tables and chart encodings for
 *   a page; "charts": the encodings alone
 * @param {{width?: number, scale?: number}} [charts] the charts' column width in CSS pixels and
 *   the device pixel ratio they are drawn at (1..3)
 */
export function survey_report(db, format = "view", { width = null, scale = 1 } = {}) {
  if (!(db instanceof Uint8Array || db instanceof ArrayBuffer)) {
    return Promise.reject(new BatutaError("BATUTA-X-001", "survey_report takes the bytes of a survey.db"));
  }
  const blob = db instanceof ArrayBuffer ? new Uint8Array(db.slice(0)) : new Uint8Array(db);
  return invoke("survey_report", [{ $blob: true }, format, width, scale], { blob });
}
/** Serving backends a privacy tier ("Sovereign" | "Private" | "Standard") allows, ordered for a
 *  latency tier ("RealTime" | "Interactive" | "Batch"). */
export const backend_serving = (privacy, latency) => invoke("backend_serving", [privacy, latency]);

/**
 * Ask the Oracle. `dataSize` is a number or text ("1M"); `analysis` is a project analysis
 * (the JSON analyze_project returned) to answer for that project; `nodes` a cluster size.
 * @param {string} query
 * @param {{dataSize?: number|string, hardware?: object, analysis?: object, nodes?: number}} [options]
 */
export const oracle = (query, { dataSize, hardware, analysis, nodes } = {}) =>
  invoke("oracle", [query], { kwargs: { data_size: dataSize, hardware, analysis, nodes } });
export const oracle_list = () => invoke("oracle_list", []);
export const oracle_show = (name) => invoke("oracle_show", [name]);
export const oracle_capabilities = (name) => invoke("oracle_capabilities", [name]);
export const oracle_integrate = (from, to) => invoke("oracle_integrate", [from, to]);
export const oracle_recommend = (problem, { dataSize, hardware } = {}) =>
  invoke("oracle_recommend", [problem], { kwargs: { data_size: dataSize, hardware } });
export const cookbook_recipes = () => invoke("cookbook_recipes", []);
export const cookbook_recipe = (id) => invoke("cookbook_recipe", [id]);
export const cookbook_by_tag = (tag) => invoke("cookbook_by_tag", [tag]);
export const cookbook_by_component = (name) => invoke("cookbook_by_component", [name]);
export const cookbook_search = (text) => invoke("cookbook_search", [text]);
/**
 * The migration report of a project analysis (analyze_project's result), built in the worker.
 * @param {object} analysis
 * @param {"html"|"markdown"|"json"|"text"} [format] default "html": one self-contained file
 * @param {object} [state] a .batuta-state.json object, when the page has one
 * @returns {Promise<string>}
 */
export const report = (analysis, format = "html", state) =>
  invoke("report", [analysis, format, state]);

/**
 * Analyze a project: a mapping path -> Uint8Array | string (object or Map), a FileList or
 * array of File (a dropped folder), or an archive (zip/tar bytes or one archive File).
 * @param {*} files
 * @param {{onProgress?: (done: number, total: number) => void}} [options] plus AnalyzeOptions
 */
export async function analyze_project(files, { onProgress, ...options } = {}) {
  const { source, blob, handles } = await packFiles(files);
  const args = Object.keys(options).length ? [source, options] : [source];
  return invoke("analyze_project", args, { blob, files: handles, onProgress });
}

// A dropped folder up to these bounds is read whole on this thread, in parallel (~0.15 ms a
// file); a bigger one, usually a checkout with its history, node_modules or data, is read by
// the worker file by file as the analysis asks (~0.3 ms a file, but nothing pruned is read).
const READ_UP_FRONT_BYTES = 32 * 2 ** 20;
const READ_UP_FRONT_FILES = 10_000;

async function packFiles(files) {
  if (files instanceof ArrayBuffer) files = new Uint8Array(files);
  if (files instanceof Uint8Array) return { source: { $archive: { name: "" } }, blob: files.slice() };
  if (typeof File !== "undefined" && files instanceof File) files = [files];
  const isFileList = typeof FileList !== "undefined" && files instanceof FileList;
  if (isFileList || (Array.isArray(files) && files.length && files.every((f) => f instanceof Blob))) {
    const list = Array.from(files);
    if (list.length === 1 && ARCHIVE_RE.test(list[0].name || "")) {
      const bytes = new Uint8Array(await list[0].arrayBuffer());
      return { source: { $archive: { name: list[0].name } }, blob: bytes };
    }
    const entries = stripRoot(list.map((f) => [f.batutaPath || f.webkitRelativePath || f.name, f]));
    const total = list.reduce((n, f) => n + f.size, 0);
    if (total <= READ_UP_FRONT_BYTES && list.length <= READ_UP_FRONT_FILES) {
      // Small enough to read whole, in parallel: the fastest way for a clean source folder.
      return concat(await Promise.all(entries.map(async ([path, f]) => [
        path, new Uint8Array(await f.arrayBuffer())])));
    }
    // Names and sizes only: the worker reads a file when the walk keeps it, so a checkout's
    // .git, node_modules and oversized data are never read (bridge.py's $lazy).
    return { source: { $lazy: entries.map(([path, f]) => [path, f.size]) }, blob: null,
             handles: entries.map(([, f]) => f) };
  }
  let entries = null;
  if (files instanceof Map) entries = [...files.entries()];
  else if (files && typeof files === "object" && !Array.isArray(files)) entries = Object.entries(files);
  if (!entries || !entries.every(([, v]) => typeof v === "string" || v instanceof Uint8Array
                                            || v instanceof ArrayBuffer)) {
    return { source: files === undefined ? null : files, blob: null };  // Python rejects it with a code
  }
  const enc = new TextEncoder();
  return concat(entries.map(([p, v]) => [String(p),
    typeof v === "string" ? enc.encode(v) : new Uint8Array(v)]));
}

function stripRoot(entries) {
  // A dropped folder arrives as "folder/a.py", "folder/b/c.py": analyze it relative to the folder.
  const heads = new Set(entries.map(([p]) => p.split("/")[0]));
  if (heads.size !== 1 || !entries.every(([p]) => p.includes("/"))) return entries;
  const cut = [...heads][0].length + 1;
  return entries.map(([p, b]) => [p.slice(cut), b]);
}

function concat(entries) {
  const total = entries.reduce((n, [, b]) => n + b.byteLength, 0);
  const blob = new Uint8Array(total);
  const index = [];
  let offset = 0;
  for (const [path, bytes] of entries) {
    blob.set(bytes, offset);
    index.push([path, offset, bytes.byteLength]);
    offset += bytes.byteLength;
  }
  return { source: { $files: index }, blob };
}
