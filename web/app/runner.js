// The browser app runner: glue between the page and Python's app view model.
//
// Python (batuta.api.app_view) does all the work: validation, data, expressions, layout,
// interactions. This file fetches the app's files from this origin (or reads an opened local
// folder), keeps the UI state (widget id -> value), and draws the JSON it gets back. Charts come
// with their batuta.render encoding and are drawn by the WGSL passes through WebGPU
// (web/render/webgpu.js), by the same passes on Canvas 2D without WebGPU, and from the plain
// series only if neither works.

import * as batuta from "../batuta.js";
import { renderEncoding } from "../render/webgpu.js";
import { renderEncoding2d } from "../render/canvas2d.js";
import { chartPixelRatio, watchPixelRatio } from "../render/pixel-ratio.js";

const root = document.getElementById("app-root");
const statusEl = document.getElementById("app-status");
const MAX_FILE_BYTES = 20 * 1024 * 1024;

const session = { yaml: null, files: {}, state: {}, view: null, score: null, analysis: null,
                  seq: 0, source: "" };
window.batutaApp = session; // tests and the console read the current view here

function setStatus(text, isError = false) {
  statusEl.textContent = text;
  statusEl.classList.toggle("error", isError);
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

async function loadFromUrl(appUrl) {
  const url = new URL(appUrl, location.href);
  if (url.origin !== location.origin) throw new Error("apps load only from this site");
  session.source = url.pathname.split("/").slice(-2).join("/");
  const yaml = await fetchText(url);
  const needed = await batuta.call("app_files", yaml);
  const files = {};
  for (const rel of needed) {
    try { files[rel] = await fetchText(new URL(rel, url)); }
    catch (err) { console.warn("batuta app: missing file", rel, err); } // Python reports it
  }
  await start(yaml, files);
}

async function loadFromFolder(fileList) {
  const list = Array.from(fileList);
  const yamlFile = list.filter((f) => /(^|\/)app\.ya?ml$/.test(f.webkitRelativePath || f.name))
    .sort((a, b) => (a.webkitRelativePath || a.name).length - (b.webkitRelativePath || b.name).length)[0];
  if (!yamlFile) throw new Error("no app.yaml in the opened folder");
  const path = yamlFile.webkitRelativePath || yamlFile.name;
  session.source = path;
  const prefix = path.slice(0, path.length - yamlFile.name.length);
  const files = {};
  for (const f of list) {
    const rel = (f.webkitRelativePath || f.name);
    if (f === yamlFile || !rel.startsWith(prefix) || f.size > MAX_FILE_BYTES) continue;
    files[rel.slice(prefix.length)] = await f.text();
  }
  await start(await yamlFile.text(), files);
}

async function start(yaml, files) {
  Object.assign(session, { yaml, files, state: {}, view: null, score: null });
  try {
    session.score = await batuta.call("app_score", yaml, files, session.analysis);
  } catch (err) {
    session.score = { error: { code: err.code, message: err.message } };
  }
  await refresh();
}

// Charts are drawn at the device pixel ratio (1..3, the sizes of the renderer's glyph atlas):
// a canvas' backing store is its CSS width times the ratio, with text rasterized at that size.
const pixelRatio = () => chartPixelRatio();

async function refresh() {
  const seq = ++session.seq;
  const width = Math.max(240, root.clientWidth || window.innerWidth);
  lastWidth = root.clientWidth || window.innerWidth;
  lastRatio = pixelRatio();
  try {
    const view = await batuta.call("app_view", session.yaml, session.files, session.state,
                                   session.analysis, Math.round(width), true, lastRatio);
    if (seq !== session.seq) return; // a newer state is already being drawn
    session.view = view;
    draw(view);
    const s = session.score;
    setStatus(s && !s.error ? `Quality ${s.score.toFixed(1)}/100 (${s.grade})` : "Ready");
    root.dataset.version = String(seq);
  } catch (err) {
    if (seq !== session.seq) return;
    showAppError(err);
    root.dataset.version = String(seq);
  }
}

// A bad app.yaml: its errors across the whole width under its own name (the previous app's
// title, theme and grid columns are cleared, or the message sat in one 100 px column).
function showAppError(err) {
  session.view = null;
  const name = session.source || "the app";
  document.title = `Error in ${name} · Batuta`;
  document.getElementById("app-title").textContent = `Cannot open ${name}`;
  document.getElementById("landing").hidden = true;
  resetTheme();
  root.classList.remove("stacked");
  root.style.gridTemplateColumns = "";
  root.replaceChildren(el("div", { className: "app-error", role: "alert",
                                   dataset: { testid: "app-error" } },
    el("h2", {}, `${name} has ${err.code ? `an error (${err.code})` : "an error"}`),
    el("pre", {}, err.message || String(err))));
  setStatus("The app has an error", true);
  root.scrollIntoView({ block: "nearest" });
}

function resetTheme() {
  document.body.style.background = "";
  document.body.style.color = "";
  document.body.classList.remove("app-light", "app-dark");
}

function luminance(hex) {
  const m = /^#([0-9a-f]{6})$/i.exec(hex || "");
  if (!m) return null;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function setState(id, value) {
  session.state = { ...session.state, [id]: value };
  return refresh();
}

function draw(view) {
  document.title = `${view.name} · Batuta`;
  document.getElementById("app-title").textContent = view.name;
  const { columns, gap, stacked } = view.layout;
  const theme = view.theme || {};
  document.getElementById("landing").hidden = true;
  resetTheme();
  document.body.style.background = theme.background || "";
  document.body.style.color = theme.foreground || "";
  const lum = luminance(theme.background);
  if (lum !== null) document.body.classList.add(lum > 0.4 ? "app-light" : "app-dark");
  document.body.style.setProperty("--primary", theme.primary || "#0969da");
  root.classList.toggle("stacked", stacked);
  root.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
  root.style.gap = `${gap}px`;
  const focused = document.activeElement && document.activeElement.id;
  root.replaceChildren(...view.sections.map(section => {
    const box = el("section", { className: "section", id: `section-${section.id}`,
                                dataset: { testid: `section-${section.id}` } },
                   ...section.widgets.map(widgetNode));
    box.style.gridColumn = stacked ? "1 / -1" : `${section.column_start} / ${section.column_end + 1}`;
    box.style.gridRow = String(section.row);
    return box;
  }));
  if (focused) document.getElementById(focused)?.focus();
}

function widgetNode(w) {
  const node = el("div", { className: `widget ${w.type}`, dataset: { testid: `widget-${w.id}` } });
  if (w.title && (w.type !== "chart" || w.error)) node.append(el("h3", {}, w.title)); // charts draw their own title
  if (w.error) {
    node.append(el("p", { className: "error", role: "alert" }, `${w.error.code}: ${w.error.message}`));
    return node;
  }
  const build = BUILDERS[w.type];
  if (build) build(node, w);
  return node;
}

const BUILDERS = {
  text(node, w) { node.innerHTML += w.html; }, // HTML escaped by batuta.app._markdown
  metric(node, w) {
    node.append(el("div", { className: "label" }, w.label),
                el("div", { className: "value", dataset: { testid: `metric-${w.id}` } }, w.text));
  },
  chart(node, w) {
    const canvas = el("canvas", { width: 800, height: (w.height || 300),
                                  role: "img", ariaLabel: w.aria_label || w.title || "chart",
                                  dataset: { testid: `chart-${w.id}`, points: String(w.points),
                                             series: JSON.stringify(w.series) } });
    node.append(canvas);
    if (!w.encoding) { drawChart(canvas, w); canvas.dataset.renderer = "basic"; return; }
    paintEncoding(canvas, w).catch((err) => console.warn("batuta app: chart", err));
  },
  data_table(node, w) { node.append(...tableNodes(w)); },
  select(node, w) {
    const id = `input-${w.id}`;
    const select = el("select", { id, dataset: { testid: `select-${w.id}` } },
                      ...w.options.map(o => el("option", { value: o, selected: o === w.value }, o)));
    select.addEventListener("change", () => setState(w.id, select.value));
    node.append(el("label", { htmlFor: id }, w.label), " ", select);
  },
  slider(node, w) {
    // Two native range inputs (keyboard: arrows, Page Up/Down, Home/End) for the low and high
    // ends; the new [low, high] goes to Python when an input is released, not on every step.
    const ids = [`input-${w.id}-low`, `input-${w.id}-high`];
    const out = el("output", { htmlFor: ids.join(" "), dataset: { testid: `slider-text-${w.id}` } },
                   w.text);
    const ends = ids.map((id, i) => el("input", {
      id, type: "range", min: w.min, max: w.max, step: w.step, value: w.value[i],
      ariaLabel: `${w.label}: ${i ? "highest" : "lowest"}`,
      dataset: { testid: `slider-${w.id}-${i ? "high" : "low"}` } }));
    const send = () => setState(w.id, ends.map((e) => Number(e.value)));
    for (const input of ends) input.addEventListener("change", send);
    node.append(el("div", { className: "label", id: `label-${w.id}` }, w.label, ": ", out),
                el("div", { className: "ends" },
                   el("label", { htmlFor: ids[0] }, "From"), ends[0],
                   el("label", { htmlFor: ids[1] }, "To"), ends[1]));
  },
  button(node, w) {
    const button = el("button", { type: "button", id: `input-${w.id}`,
                                  dataset: { testid: `button-${w.id}` } }, w.label);
    button.addEventListener("click", () => setState(w.id, (session.state[w.id] || 0) + 1));
    node.append(button);
  },
  text_input(node, w) {
    const id = `input-${w.id}`;
    const input = w.multiline ? el("textarea", { id, value: w.value, placeholder: w.placeholder })
                              : el("input", { id, value: w.value, placeholder: w.placeholder });
    input.dataset.testid = `input-${w.id}`;
    input.addEventListener("input", () => { session.state = { ...session.state, [w.id]: input.value }; });
    node.append(el("label", { htmlFor: id }, w.label), input);
  },
  analysis(node, w) {
    const t = w.tdg || {};
    node.append(el("p", {}, `Primary language: ${w.primary_language ?? "—"}`),
                el("p", {}, `TDG: ${t.score ?? "—"} (${t.grade ?? "—"})`),
                el("ul", {}, ...(w.languages || []).map(l =>
                  el("li", {}, `${l.language}: ${l.code} code lines (${l.percentage}%)`))));
  },
  converter(node, w) {
    const r = w.result;
    if (!r) { node.append(el("p", {}, "Press the button to convert.")); return; }
    node.append(el("pre", { dataset: { testid: `rust-${w.id}` } }, r.rust_code || ""));
    if (r.backend_recommendation) node.append(el("p", {}, `Backend: ${r.backend_recommendation}`));
  },
};

function tableNodes(w) {
  const head = el("tr", {}, ...w.columns.map(c => {
    const label = c + (w.sort === c ? (w.desc ? " ▼" : " ▲") : "");
    if (!w.sortable) return el("th", { scope: "col" }, label);
    const b = el("button", { type: "button" }, label);
    b.addEventListener("click", () => setState(w.id, { sort: c, desc: w.sort === c && !w.desc, page: 1 }));
    return el("th", { scope: "col", ariaSort: w.sort === c ? (w.desc ? "descending" : "ascending") : "none" }, b);
  }));
  const body = w.rows.map(row => el("tr", {}, ...row.map(v => el("td", {}, v === null ? "" : String(v)))));
  const table = el("div", { className: "table-box", tabIndex: 0, role: "region",
                            ariaLabel: w.title || "table" },
                   el("table", { dataset: { testid: `table-${w.id}` } }, el("thead", {}, head),
                      el("tbody", {}, ...body)));
  const page = (n) => setState(w.id, { sort: w.sort, desc: w.desc, page: n });
  const prev = el("button", { type: "button", disabled: w.page <= 1 }, "Previous");
  const next = el("button", { type: "button", disabled: w.page >= w.pages }, "Next");
  prev.addEventListener("click", () => page(w.page - 1));
  next.addEventListener("click", () => page(w.page + 1));
  const rows = `${w.total_rows.toLocaleString("en")} row${w.total_rows === 1 ? "" : "s"}`;
  return [table, el("p", { className: "pager" }, prev,
                    ` page ${w.page} of ${w.pages} (${rows}) `, next)];
}

const gpu = { ok: typeof navigator !== "undefined" && Boolean(navigator.gpu) };

const GPU_WAIT_MS = 20000;  // a loaded machine's first WebGPU chart takes seconds

async function paintEncoding(canvas, w) {
  if (gpu.ok) {
    try {
      // A GPU path that never answers must not leave a blank chart: after GPU_WAIT_MS that
      // chart is drawn on Canvas 2D instead (the next ones still try WebGPU). Scatter charts
      // used to hit this on SwiftShader (points_composite's workgroup barriers: seconds per
      // layer); they now present in well under a second (tests/browser/test_browser_charts.py).
      const late = Symbol("late");
      const res = await Promise.race([renderEncoding(canvas, w.encoding), new Promise((ok) =>
        setTimeout(() => ok(late), GPU_WAIT_MS))]);
      if (res === late) console.warn(`batuta app: chart ${w.id}: WebGPU did not answer, Canvas 2D`);
      else if (res.presented) { canvas.dataset.renderer = "webgpu"; return; }
    } catch (err) {
      gpu.ok = false; // no adapter here: stay on the CPU path for the rest of the session
      console.warn("batuta app: WebGPU unavailable, drawing on Canvas 2D", err);
    }
  }
  const fresh = canvas.cloneNode(false); // a canvas that tried "webgpu" cannot give "2d"
  canvas.replaceWith(fresh);
  try {
    await renderEncoding2d(fresh, w.encoding);
    fresh.dataset.renderer = "canvas2d";
  } catch (err) {
    drawChart(fresh, w);
    fresh.dataset.renderer = "basic";
  }
}

// --- Basic Canvas 2D charts (from the series, when no encoding can be drawn) ------------------------------------------------------------------------
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1"];

function groupsOf(series) {
  const groups = new Map();
  (series.x || []).forEach((_, i) => {
    const key = series.color ? String(series.color[i]) : "";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(i);
  });
  return groups;
}

function drawChart(canvas, w) {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const { width, height } = canvas;
  const pad = { l: 56, r: 16, t: 16, b: 36 };
  const s = w.series;
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, width, height);
  const num = (v) => typeof v === "number" && Number.isFinite(v);
  let groups = groupsOf(s);
  let cats = null;
  let ys = [];
  if (w.chart_type === "bar") {
    cats = [...new Set((s.x || []).map(String))];
    const sums = new Map();
    for (const [g, idx] of groups) {
      const t = new Map(cats.map(c => [c, 0]));
      idx.forEach(i => { if (num(s.y[i])) t.set(String(s.x[i]), t.get(String(s.x[i])) + s.y[i]); });
      sums.set(g, t); ys.push(...t.values());
    }
    groups = sums;
  } else if (w.chart_type === "histogram") {
    const vals = (s.x || []).filter(num);
    const lo = Math.min(...vals), hi = Math.max(...vals), n = Math.max(1, w.bins || 10);
    const counts = new Array(n).fill(0);
    vals.forEach(v => { counts[Math.min(n - 1, Math.floor(((v - lo) / ((hi - lo) || 1)) * n))]++; });
    cats = counts.map((_, i) => (lo + (i * (hi - lo || 1)) / n).toPrecision(3));
    groups = new Map([["", new Map(cats.map((c, i) => [c, counts[i]]))]]);
    ys = counts;
  } else {
    ys = (s.y || []).filter(num);
  }
  const yMax = Math.max(1e-9, ...ys, 0), yMin = Math.min(0, ...ys);
  const py = (v) => pad.t + (height - pad.t - pad.b) * (1 - (v - yMin) / ((yMax - yMin) || 1));
  ctx.strokeStyle = "#555"; ctx.beginPath();
  ctx.moveTo(pad.l, pad.t); ctx.lineTo(pad.l, height - pad.b); ctx.lineTo(width - pad.r, height - pad.b);
  ctx.stroke();
  ctx.fillStyle = "#222"; ctx.font = "11px sans-serif";
  ctx.fillText(String(+yMax.toPrecision(3)), 4, pad.t + 8);
  if (cats) {
    const slot = (width - pad.l - pad.r) / Math.max(1, cats.length);
    const bw = slot * 0.8 / Math.max(1, groups.size);
    [...groups.values()].forEach((t, gi) => {
      ctx.fillStyle = PALETTE[gi % PALETTE.length];
      cats.forEach((c, ci) => {
        const x = pad.l + ci * slot + slot * 0.1 + gi * bw;
        ctx.fillRect(x, py(t.get(c)), bw - 1, py(0) - py(t.get(c)));
      });
    });
    ctx.fillStyle = "#222";
    cats.forEach((c, ci) => ctx.fillText(c, pad.l + ci * slot + 2, height - pad.b + 14));
    return;
  }
  const xs = (s.x || []).filter(num);
  const xMin = Math.min(...xs), xMax = Math.max(...xs);
  const px = (v) => pad.l + (width - pad.l - pad.r) * ((v - xMin) / ((xMax - xMin) || 1));
  [...groups.values()].forEach((idx, gi) => {
    const pts = idx.filter(i => num(s.x[i]) && num(s.y[i])).map(i => [s.x[i], s.y[i]]);
    if (w.chart_type === "line") pts.sort((a, b) => a[0] - b[0]);
    ctx.strokeStyle = ctx.fillStyle = PALETTE[gi % PALETTE.length];
    ctx.beginPath();
    pts.forEach(([x, y], k) => {
      if (w.chart_type === "line") (k ? ctx.lineTo(px(x), py(y)) : ctx.moveTo(px(x), py(y)));
      else { ctx.moveTo(px(x) + 3, py(y)); ctx.arc(px(x), py(y), 3, 0, 2 * Math.PI); }
    });
    w.chart_type === "line" ? ctx.stroke() : ctx.fill();
  });
}

async function analyzeProject(fileList) {
  setStatus("Analyzing the project…");
  session.analysis = await batuta.analyze_project(fileList);
  if (session.yaml) await start(session.yaml, session.files);
  else setStatus(`Project analyzed (${session.analysis.primary_language}); now open an app.`);
}

// An app that cannot even be read (no app.yaml, invalid YAML) shows its error as a bad app does.
function loadFailed(err) {
  showAppError(err);
  root.dataset.version = String(++session.seq);
}

// The layout (columns, stacking under 640 px) and the charts' sizes come from Python for one
// width: a window resized by more than a few pixels gets a fresh view.
// A new pixel ratio (another screen, a browser zoom) also gets a fresh view, drawn at it.
let lastWidth = 0;
let lastRatio = 1;
let resizeTimer = null;
function refreshIfResized() {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    const width = root.clientWidth || window.innerWidth;
    if (session.yaml && session.view && (Math.abs(width - lastWidth) > 8 || pixelRatio() !== lastRatio)) refresh();
  }, 150);
}
window.addEventListener("resize", refreshIfResized);
watchPixelRatio(refreshIfResized);  // a move to a screen of another ratio: a fresh view

// --- boot ------------------------------------------------------------------------------------
async function main() {
  document.getElementById("open-project").addEventListener("change", (ev) => {
    analyzeProject(ev.target.files).catch((err) => setStatus(`${err.code || "error"}: ${err.message}`, true));
  });
  document.getElementById("open-folder").addEventListener("change", (ev) => {
    loadFromFolder(ev.target.files).catch(loadFailed);
  });
  try {
    await batuta.init({ onProgress: (stage) => setStatus(`Starting Python… ${stage}`) });
    const app = new URLSearchParams(location.search).get("app");
    if (app) await loadFromUrl(app).catch(loadFailed);
    else setStatus("Ready: pick an example or open an app folder.");
  } catch (err) {
    setStatus(`${err.code || "error"}: ${err.message}`, true);
  }
  window.batutaAppReady = true;
}

main();
