// The playground page: wires the form, drop zone and result panels to the JS API (batuta.js),
// keeps the code being edited, the last analysis and the workflow phases in IndexedDB, and
// registers the service worker. Everything is rendered with textContent (never innerHTML):
// analyzed code is untrusted.
import * as batuta from "./batuta.js";
import { el, table } from "./dom.js";

const $ = (id) => document.getElementById(id);
const PHASES = ["Analysis", "Transpilation", "Optimization", "Validation", "Deployment"];
const DB_NAME = "batuta-playground";

// --- IndexedDB: one object store of named records ----------------------------------------------
function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore("state");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function dbGet(key) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const req = db.transaction("state").objectStore("state").get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function dbPut(key, value) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction("state", "readwrite");
    tx.objectStore("state").put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

// The code being edited and its file name are kept as they are typed (a reload or a closed tab
// must not lose a paste); a draft that was never edited leaves the page's example in place.
let draftTimer = null;

function keepDraft() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => {
    const draft = { code: $("code").value, filename: $("filename").value };
    window.playground.draftSaved = dbPut("draft", draft)
      .catch((err) => console.warn("batuta: draft not kept", err));
  }, 300);
}

async function restoreDraft() {
  const draft = await dbGet("draft");
  if (!draft) return;
  $("code").value = draft.code;
  $("filename").value = draft.filename;
}

// --- small DOM helpers ---------------------------------------------------------------------------


const fmt = (x, digits = 1) => (typeof x === "number" ? Number(x.toFixed(digits)) : x ?? "—");

function setStatus(text) { $("status").textContent = text; }

function showError(err) {
  const box = $("error");
  box.hidden = !err;
  box.textContent = err ? `${err.code || "error"}: ${err.message || err}` : "";
}

// --- rendering results ---------------------------------------------------------------------------
function tdgTables(tdg) {
  if (!tdg) return [];
  const out = [el("p", `Technical-debt grade: ${tdg.grade ?? "not measured"} (${fmt(tdg.score)} / 100)`, "grade")];
  out.push(table("TDG breakdown", ["component", "weight", "ratio", "points", "detail"],
    (tdg.components || []).map((c) => [c.name, c.weight, fmt(c.ratio, 3), fmt(c.points, 2), c.detail])));
  return out;
}

function renderCode(result) {
  const parts = [
    table("Summary", ["language", "code", "comment", "blank", "NumPy", "sklearn", "PyTorch"],
      [[result.language, result.code, result.comment, result.blank, String(result.has_numpy),
        String(result.has_sklearn), String(result.has_pytorch)]]),
    table("ML call sites", ["framework", "symbol", "line", "column"],
      (result.frameworks || []).map((f) => [f.framework, f.symbol, f.line, f.column])),
    table("Functions", ["name", "line", "cyclomatic", "cognitive", "band"],
      (result.functions || []).map((f) => [f.name, f.line, f.cyclomatic, f.cognitive, f.band])),
    ...tdgTables(result.tdg),
  ];
  if (result.parse_error) parts.unshift(el("p", `Parse error: ${result.parse_error}`, "error"));
  return { summary: `${result.language}: ${result.lines_of_code} lines`, parts, chart: null };
}

// The call sites grouped by symbol: the list of APIs a migration has to map, the most used
// first, with the crate its framework moves to.
function apiUsage(callSites, frameworks) {
  const targets = new Map(frameworks.map((m) => [m.framework, m.convertible ? m.target : "none yet"]));
  const groups = new Map();
  for (const c of callSites) {
    const key = `${c.framework}\u0000${c.symbol}`;
    if (!groups.has(key)) groups.set(key, { site: c, count: 0, paths: new Set() });
    const group = groups.get(key);
    group.count += 1;
    group.paths.add(c.path);
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || a.site.symbol.localeCompare(b.site.symbol))
    .map((g) => [g.site.framework, g.site.symbol, g.count, g.paths.size,
                 targets.get(g.site.framework) ?? "—"]);
}

function renderProject(result) {
  const deps = [];
  for (const d of result.dependencies || []) {
    for (const p of d.packages || []) deps.push([d.manager, d.file, p.name, p.spec]);
    if (!(d.packages || []).length) deps.push([d.manager, d.file, d.error || "(none)", ""]);
  }
  const parts = [
    table("Languages", ["language", "files", "code", "comment", "blank", "share %"],
      (result.languages || []).map((l) => [l.language, l.files, l.code, l.comment, l.blank, fmt(l.percentage)])),
    table("Dependencies", ["manager", "file", "package", "spec"], deps),
    table("ML frameworks", ["framework", "files", "call sites", "Rust target"],
      (result.ml_frameworks || []).map((m) => [m.framework, m.files, m.call_sites, m.target])),
    table("APIs to map, most used first", ["framework", "symbol", "call sites", "files", "Rust target"],
      apiUsage(result.call_sites || [], result.ml_frameworks || [])),
    table("ML call sites", ["path", "framework", "symbol", "line"],
      (result.call_sites || []).map((c) => [c.path, c.framework, c.symbol, c.line])),
    table("Transpilers", ["language", "tool", "files"],
      (result.transpilers || []).map((t) => [t.language, t.tool, t.files])),
    ...tdgTables(result.tdg),
    table("Skipped", ["path", "reason"], (result.skipped || []).map((s) => [s.path, s.reason])),
  ];
  const files = (result.files || []).length || result.total_files || 0;
  return { summary: `Project: ${files} files, primary language ${result.primary_language ?? "none"}`,
           parts, chart: result.languages || [] };
}

function freshCanvas() {
  // A canvas keeps the first context type it gets (webgpu or 2d): draw each chart on a new one.
  const old = $("chart");
  const canvas = el("canvas");
  canvas.id = "chart";
  canvas.width = 960;
  canvas.height = 400;
  canvas.setAttribute("role", "img");
  old.replaceWith(canvas);
  return canvas;
}

async function drawChart(result, languages) {
  const fig = $("chart-fig");
  fig.hidden = !languages || !languages.length;
  if (fig.hidden) return null;
  const label = "Code lines by language: " + languages.map((l) => `${l.language} ${l.code}`).join(", ");
  // The renderer's WGSL charts when the API exports chart_encoding and WebGPU works; else the
  // renderer's Canvas2D path; else a plain Canvas2D bar chart.
  let encoding = null;
  try { encoding = await batuta.call("chart_encoding", result, 960, 400); } catch { encoding = null; }
  if (encoding) {
    for (const [path, fn] of [["./render/webgpu.js", "renderEncoding"], ["./render/canvas2d.js", "renderEncoding2d"]]) {
      try {
        const canvas = freshCanvas();
        canvas.setAttribute("aria-label", label);
        const mod = await import(path);
        await mod[fn](canvas, encoding, { shaderBase: "shaders/" });
        return fn;
      } catch (err) { console.warn(`batuta: ${fn} failed`, err); }
    }
  }
  const canvas = freshCanvas();
  canvas.setAttribute("aria-label", label);
  drawBars(canvas, languages);
  return "bars";
}

function drawBars(canvas, languages) {
  const ctx = canvas.getContext("2d");
  const rows = languages.slice(0, 8);
  const max = Math.max(1, ...rows.map((l) => l.code));
  const span = canvas.width - 220;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.font = "13px sans-serif";
  const h = (canvas.height - 20) / rows.length;
  rows.forEach((l, i) => {
    const y = 10 + i * h;
    ctx.fillStyle = "#111820";
    ctx.fillText(l.language, 8, y + h * 0.6);
    ctx.fillStyle = "#12355b";
    ctx.fillRect(130, y + 3, span * (l.code / max), Math.max(4, h - 6));
    ctx.fillStyle = "#111820";
    ctx.fillText(String(l.code), 136 + span * (l.code / max), y + h * 0.6);
  });
}

let shown = null;  // the analysis on screen, for "Save result as JSON"

// The whole result as a file (a Blob, saved by the browser: nothing leaves the machine), for
// the rows the tables leave out and for tools that read JSON.
function saveResult() {
  if (!shown) return;
  const blob = new Blob([JSON.stringify(shown.result, null, 1)], { type: "application/json" });
  const link = el("a");
  link.href = URL.createObjectURL(blob);
  link.download = `batuta-${shown.kind}-${shown.at.slice(0, 19).replace(/[:T]/g, "-")}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

function showAnalysis(record) {
  shown = record;
  $("save-btn").disabled = false;
  const view = record.kind === "project" ? renderProject(record.result) : renderCode(record.result);
  $("summary").textContent = `${view.summary} (${record.label})`;
  $("tables").replaceChildren(...view.parts);
  window.playground.chart = drawChart(record.result, view.chart).catch((err) => {
    console.warn("batuta: chart failed", err);
    return null;
  });
}

async function remember(kind, label, result) {
  const record = { kind, label, result, at: new Date().toISOString() };
  showAnalysis(record);
  await dbPut("lastAnalysis", record);
  await completePhase("Analysis");
  window.playground.last = record;
  window.playground.count += 1;  // tests wait on this counter
}

// --- workflow phases (strict order, persisted) ----------------------------------------------------
async function loadPhases() {
  return (await dbGet("workflow")) || Object.fromEntries(PHASES.map((p) => [p, "NotStarted"]));
}

async function savePhases(phases) {
  await dbPut("workflow", phases);
  const list = $("phases");
  list.replaceChildren(...PHASES.map((p) => el("li", `${p}: ${phases[p]}`, `state-${phases[p]}`)));
}

async function completePhase(name) {
  const phases = await loadPhases();
  const i = PHASES.indexOf(name);
  if (PHASES.slice(0, i).every((p) => phases[p] === "Completed")) phases[name] = "Completed";
  await savePhases(phases);
}

async function completeNextPhase() {
  const phases = await loadPhases();
  const next = PHASES.find((p) => phases[p] !== "Completed");
  if (next) phases[next] = "Completed";
  await savePhases(phases);
}

// --- actions ---------------------------------------------------------------------------------------
let cancelling = false;

async function guarded(label, fn) {
  showError(null);
  setStatus(`${label}…`);
  const t0 = performance.now();
  try {
    await fn();
    setStatus(`${label}: done in ${Math.round(performance.now() - t0)} ms`);
  } catch (err) {
    if (cancelling && err && err.code === "BATUTA-W-004") {
      setStatus(`${label}: cancelled`);
      window.playground.cancelled += 1;
      return;
    }
    showError(err);
    setStatus(`${label}: failed`);
    window.playground.errors += 1;
  }
}

async function analyzeCode() {
  const name = $("filename").value.trim() || undefined;
  const result = await batuta.analyze_code($("code").value, name);
  await remember("code", name || "pasted code", result);
}

async function analyzeFiles(files, label) {
  $("cancel-btn").hidden = false;
  try {
    const result = await batuta.analyze_project(files, {
      onProgress: (done, total) => setStatus(`Analyzing ${label}: ${done} / ${total} files`),
    });
    await remember("project", label, result);
  } finally {
    $("cancel-btn").hidden = true;
  }
}

// Python cannot be interrupted mid-call, so cancelling stops its worker and starts a fresh
// one (a snapshot boot: well under a second); nothing the page shows or keeps is lost.
async function cancelAnalysis() {
  cancelling = true;
  $("cancel-btn").hidden = true;
  for (const id of BUSY_CONTROLS) $(id).disabled = true;
  try {
    batuta.terminate();  // the running call rejects with BATUTA-W-004
    await startPython();
  } finally {
    cancelling = false;
  }
}

async function loadSample() {
  const res = await fetch("sample-project.zip");
  if (!res.ok) throw Object.assign(new Error("the sample project is not in this build"), { code: "BATUTA-X-005" });
  await analyzeFiles(new Uint8Array(await res.arrayBuffer()), "sample project");
}

async function convert() {
  const code = $("code").value;
  $("conv-src").textContent = code;
  const result = await batuta.convert_file(code, $("filename").value.trim() || "module.py");
  $("conv-rust").textContent = result.rust_code || "";
  const rows = (result.mappings || []).map((m) => [
    m.python || "", m.rust || "", m.span ? m.span.line : "", m.complexity || m.operation || "", m.note || ""]);
  const unsupported = (result.unsupported || []).map((u) => [
    u.python || u.symbol || "", u.span ? u.span.line : (u.line ?? ""), u.reason || ""]);
  $("conv-tables").replaceChildren(
    el("p", `Backend: ${result.backend_recommendation || "—"}. ${result.explanation || ""}`),
    table("Mappings", ["Python", "Rust", "line", "complexity", "note"], rows),
    table("Not converted", ["construct", "line", "reason"], unsupported));
}

async function recommend(ev) {
  ev.preventDefault();
  const size = Number($("size").value);
  const d = await batuta.backend_recommend($("op").value, Number.isSafeInteger(size) ? size : $("size").value);
  const cost = d.cost || {};
  $("backend-out").replaceChildren(
    el("p", `${d.backend} — ${d.rationale}`, "grade"),
    table("Cost model", ["figure", "value"], Object.entries(cost).map(([k, v]) => [k, typeof v === "number" ? fmt(v, 4) : String(v)])));
}

// --- drop zone: folders (webkitGetAsEntry), files and archives --------------------------------------
async function walkEntry(entry, prefix, out) {
  if (entry.isFile) {
    const file = await new Promise((res, rej) => entry.file(res, rej));
    file.batutaPath = prefix + file.name;
    out.push(file);
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
      if (!batch.length) break;
      for (const child of batch) await walkEntry(child, `${prefix}${entry.name}/`, out);
    }
  }
}

async function onDrop(ev) {
  ev.preventDefault();
  $("drop").classList.remove("over");
  const entries = [...(ev.dataTransfer.items || [])].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  const files = [];
  if (entries.length) for (const e of entries) await walkEntry(e, "", files);
  else files.push(...ev.dataTransfer.files);
  await guarded("Analyze dropped files", () => analyzeFiles(files, `${files.length} dropped file(s)`));
}

const BUSY_CONTROLS = ["analyze-btn", "convert-btn", "sample-btn", "backend-btn", "folder-input", "files-input"];

function enable() {
  for (const id of BUSY_CONTROLS) $(id).disabled = false;
}

async function startPython() {
  const info = await batuta.init({
    onProgress: (stage, fraction) => {
      $("boot-progress").value = fraction;
      $("boot-label").textContent = `Starting Python: ${stage}`;
    },
  });
  $("boot-progress").value = 1;
  $("boot-label").textContent = `Python ready (${info.mode} boot, ${Math.round(info.bootMs)} ms)`;
  $("version").textContent = info.version;
  enable();
  return info;
}

async function boot() {
  $("analyze-btn").addEventListener("click", () => guarded("Analyze code", analyzeCode));
  $("convert-btn").addEventListener("click", () => guarded("Convert", convert));
  $("sample-btn").addEventListener("click", () => guarded("Analyze sample project", loadSample));
  $("backend-form").addEventListener("submit", (ev) => guarded("Recommend backend", () => recommend(ev)));
  $("save-btn").addEventListener("click", saveResult);
  $("cancel-btn").addEventListener("click", () => {
    window.playground.restart = cancelAnalysis().catch((err) => showError(err));
  });
  $("phase-next").addEventListener("click", () => guarded("Workflow", completeNextPhase));
  $("phase-reset").addEventListener("click", () => guarded("Workflow", () => savePhases(Object.fromEntries(PHASES.map((p) => [p, "NotStarted"])))));
  for (const id of ["folder-input", "files-input"]) {
    $(id).addEventListener("change", (ev) => {
      const files = [...ev.target.files];
      guarded("Analyze files", () => analyzeFiles(files, `${files.length} file(s)`));
    });
  }
  const drop = $("drop");
  drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", onDrop);
  drop.addEventListener("keydown", (ev) => { if (ev.key === "Enter") $("files-input").click(); });

  await restoreDraft();
  for (const id of ["code", "filename"]) $(id).addEventListener("input", keepDraft);
  await savePhases(await loadPhases());
  const last = await dbGet("lastAnalysis");
  if (last) { showAnalysis(last); window.playground.last = last; }

  const info = await startPython();
  if (new URLSearchParams(location.search).has("sample")) await guarded("Analyze sample project", loadSample);
  return info;
}

window.batuta = batuta;
window.playground = { last: null, count: 0, errors: 0, cancelled: 0 };
window.playground.ready = boot().catch((err) => {
  showError(err);
  $("boot-label").textContent = "Python failed to start";
  throw err;
});

// A new build installs beside this page and waits (sw.js): say so, and switch when asked.
function offerUpdate(waiting) {
  window.playground.updateReady = true;
  $("update").hidden = false;
  $("update-btn").onclick = () => waiting.postMessage({ type: "skipWaiting" });
}

function watchForUpdates(registration) {
  const hadController = Boolean(navigator.serviceWorker.controller);
  if (registration.waiting && hadController) offerUpdate(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const incoming = registration.installing;
    incoming?.addEventListener("statechange", () => {
      if (incoming.state === "installed" && navigator.serviceWorker.controller) offerUpdate(incoming);
    });
  });
  // The first worker claims the page quietly; a later change of worker means the user took
  // the update: reload into the new build.
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadController || window.playground.updateReady) location.reload();
  });
}

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  window.playground.sw = navigator.serviceWorker.register("sw.js").then(watchForUpdates, (err) => {
    console.warn("batuta: service worker not registered", err);
  });
}
