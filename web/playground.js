// The playground page: code on the left (CodeMirror once loaded, a textarea before), results on
// the right in tabs. Wires the controls to the JS API (batuta.js), keeps the code being edited,
// the last analysis and the workflow phases in IndexedDB, and registers the service worker.
// Everything is rendered with textContent (never innerHTML): analyzed code is untrusted.
//
// Per panel, one call at a time: the code panel (analyze, convert, projects) and the backend
// panel each have their own busy state, status line and error line, so two calls never
// overwrite each other's messages; a failed call clears what it would have replaced.
import * as batuta from "./batuta.js";
import { el, frameworkName } from "./dom.js";
import { chartPixelRatio, watchPixelRatio } from "./render/pixel-ratio.js";

const $ = (id) => document.getElementById(id);
const PHASES = ["Analysis", "Transpilation", "Optimization", "Validation", "Deployment"];
const PHASE_LABELS = { NotStarted: "not started", InProgress: "in progress", Completed: "completed",
                       Failed: "failed" };
const DB_NAME = "batuta-playground";
const ROWS = 200;  // rows a table shows before "show all" (thousands of rows are slow to draw)
const LARGE_PASTE = 1_000_000;  // characters: above this, analysis takes seconds; ask first

const num = (n) => (typeof n === "number" && Number.isFinite(n) ? n.toLocaleString("en") : n ?? "—");
const plural = (n, one, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;

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

// --- the editors -----------------------------------------------------------------------------------
// Until web/editor/editor.js (CodeMirror) has loaded, the textarea is the editor; the module is
// imported after first paint and after Python's boot has started, so it never delays either.
let editor = null;      // the Python (input) editor, once loaded
let rustView = null;    // the read-only Rust view, once loaded
let editorModule = null;
let rustText = "";
let links = [];         // [{py: [a, b], rs: [c, d]}] from the last conversion

function getCode() { return editor ? editor.getCode() : $("code").value; }

function setCode(code) {
  $("code").value = code;
  if (editor) editor.setCode(code);
}

async function loadEditors() {
  try {
    editorModule = await import("./editor/editor.js");
  } catch (err) {
    console.warn("batuta: the code editor did not load; the plain text box stays", err);
    return;
  }
  const host = $("editor-host");
  const area = $("code");
  const mount = el("div", null, "cm-host input");
  host.appendChild(mount);
  editor = editorModule.createEditor(mount, {
    doc: area.value, language: languageOf($("filename").value).highlight, label: "Code",
    onChange: () => { dropLinks(); keepDraft(); },  // the text is read when needed (getCode)
    onRun: () => $("analyze-btn").click(),
    onLine: (line) => linkFrom("py", line),
  });
  area.hidden = true;
  host.querySelector("label[for=code]").hidden = true;
  $("conv-rust").hidden = true;
  const rustMount = el("div", null, "cm-host");
  $("rust-host").appendChild(rustMount);
  rustView = editorModule.createEditor(rustMount, {
    doc: rustText, language: "rust", readOnly: true, label: "Rust output",
    onLine: (line) => linkFrom("rs", line),
  });
  window.playground.editor = editor;
  window.playground.rust = rustView;
}

function showRust(text) {
  rustText = text;
  $("conv-rust").textContent = text;
  if (rustView) rustView.setCode(text);
  $("copy-rust-btn").disabled = !text;
  $("download-rust-btn").disabled = !text;
  $("rust-host").hidden = !text;  // no empty code box under "No Rust shown"
  if (text && rustView) rustView.view.requestMeasure();  // laid out while hidden: measure again
}

// --- linked lines: a Python line and the Rust it became ----------------------------------------
// From each mapping's Python span and its Rust lines: `rust_span` [start, end] when the converter
// gives it; else the first Rust line, at or after the previous mapping's, that holds the
// mapping's Rust text (mappings come in Python order and the Rust follows that order).
const MARKED = /\u0001([^\u0001\u0002]*)\u0002/g;  // a crate path the converter shortens on output
const plainRust = (text, full = true) => String(text || "").replace(MARKED, (_, path) => (full ? path : path.split("::").pop()));

// The mapping's Rust as the file may spell it: crate paths shortened by a `use` line
// ("aprender::tree::DecisionTreeRegressor::new()" is written "DecisionTreeRegressor::new()").
function needles(text) {
  const out = [plainRust(text, false).trim(), plainRust(text).trim()];
  let rest = out[1];
  while (/^[a-z_][a-z0-9_]*::/.test(rest)) {
    rest = rest.replace(/^[a-z_][a-z0-9_]*::/, "");
    out.push(rest);
  }
  return [...new Set(out)].filter(Boolean);
}

function rustLines(mappings, rust) {
  const lines = rust.split("\n");
  let from = 0;
  const find = (needle) => {
    const at = lines.findIndex((l, i) => i >= from && l.includes(needle));
    return at >= 0 ? at : lines.findIndex((l) => l.includes(needle));
  };
  return mappings.map((m) => {
    if (Array.isArray(m.rust_span) && m.rust_span.length === 2) return m.rust_span;
    const text = String(m.rust || "");
    const first = text.split("\n")[0];
    let at = -1;
    for (const needle of needles(first)) {
      if ((at = find(needle)) >= 0) break;
    }
    if (at < 0) return null;
    from = at;
    return [at + 1, at + text.split("\n").length];
  });
}

function setLinks(mappings, rust) {
  const rs = rustLines(mappings, rust);
  links = mappings.map((m, i) => ({ py: m.span ? [m.span.line, m.span.end_line ?? m.span.line] : null,
                                    rs: rs[i] }))
    .filter((l) => l.py && l.rs);
  window.playground.links = links;
}

function dropLinks() {
  if (!links.length) return;
  links = [];
  window.playground.links = links;
  editor?.setLinked([]);
  rustView?.setLinked([]);
}

function linkFrom(side, line) {
  if (!editor || !rustView) return;
  const other = side === "py" ? "rs" : "py";
  const hit = line === null ? [] : links.filter((l) => l[side][0] <= line && line <= l[side][1]);
  const [here, there] = side === "py" ? [editor, rustView] : [rustView, editor];
  here.setLinked(hit.map((l) => l[side]));
  there.setLinked(hit.map((l) => l[other]));
  if (hit.length) there.reveal(hit[0][other][0]);
}

// --- drafts: the code being edited survives a reload ---------------------------------------------
let draftTimer = null;

function keepDraft() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => {
    const draft = { code: getCode(), filename: $("filename").value };
    window.playground.draftSaved = dbPut("draft", draft)
      .catch((err) => console.warn("batuta: draft not kept", err));
  }, 300);
}

async function restoreDraft() {
  const draft = await dbGet("draft");
  if (!draft) return;
  setCode(draft.code);
  $("filename").value = draft.filename;
}

// --- languages by file name: the badge, the highlighting, what may go to the converter ----------
const EXTENSIONS = {
  py: "Python", pyw: "Python", pyi: "Python", c: "C", h: "C", cc: "C++", cpp: "C++", cxx: "C++",
  hpp: "C++", hh: "C++", sh: "Shell", bash: "Shell", zsh: "Shell", rs: "Rust", js: "JavaScript",
  ts: "TypeScript", go: "Go", java: "Java", md: "Markdown", toml: "TOML", yaml: "YAML", yml: "YAML",
};

function languageOf(filename) {
  const m = /\.([A-Za-z0-9]+)$/.exec(filename.trim());
  const name = m ? EXTENSIONS[m[1].toLowerCase()] || `.${m[1]} file` : "Python";
  return { name, python: name === "Python",
           highlight: name === "Python" ? "python" : name === "Rust" ? "rust" : null };
}

function onFilename() {
  const lang = languageOf($("filename").value);
  $("lang-badge").textContent = lang.name;
  editor?.setLanguage(lang.highlight);
  keepDraft();
}

// --- tabs (WAI-ARIA tabs: arrow keys move between them) --------------------------------------------
const panels = () => [...document.querySelectorAll("#tables > [role=tabpanel]")];

function buildTabs() {
  const list = $("tablist");
  list.replaceChildren();
  for (const panel of panels()) {
    if (panel.dataset.needs && typeof batuta[panel.dataset.needs] !== "function") {
      panel.remove();  // this build's API has no such call
      continue;
    }
    const tab = el("button", panel.dataset.tab);
    tab.type = "button";
    tab.id = `tab-${panel.id.slice(6)}`;
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-controls", panel.id);
    panel.setAttribute("aria-labelledby", tab.id);
    tab.addEventListener("click", () => selectTab(panel.dataset.tab));
    tab.addEventListener("keydown", onTabKey);
    list.appendChild(tab);
  }
  selectTab("Summary", false);
}

function selectTab(name, focus = false) {
  for (const panel of panels()) {
    const on = panel.dataset.tab === name;
    panel.hidden = !on;
    const tab = $(panel.getAttribute("aria-labelledby"));
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  if (name === "Charts" && chartResult) requestChart(chartResult);
}

function onTabKey(ev) {
  const tabs = [...$("tablist").children];
  const i = tabs.indexOf(ev.currentTarget);
  const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[ev.key];
  if (to === undefined) return;
  ev.preventDefault();
  const tab = tabs[(to + tabs.length) % tabs.length];
  selectTab($(tab.getAttribute("aria-controls")).dataset.tab, true);
}

function setTabCount(panelId, count) {
  const tab = $(`tab-${panelId.slice(6)}`);
  if (!tab) return;
  tab.querySelector(".count")?.remove();
  if (count !== null && count !== undefined) tab.appendChild(el("span", num(count), "count"));
}

// After an action the outcome must be where the user looks: on a stacked (narrow) layout the
// results pane is below the editor, so bring its status line into view.
function revealOutcome(node = $("outcome")) {
  const stacked = $("results").offsetTop > $("input-pane").offsetTop + 10;
  const r = node.getBoundingClientRect();
  if (stacked || r.top < 0 || r.bottom > innerHeight) {
    node.scrollIntoView({ block: "start", behavior: "instant" });
  }
}

// --- tables: sortable, filterable, "N of M shown" --------------------------------------------------
// columns: [{label, num?, code?}]; rows: arrays of cells; jump(row) makes the first cell a button.
function dataTable(caption, columns, rows, { sort = null, filter = true, jump = null, limit = ROWS } = {}) {
  const box = el("div", null, "table-box");
  const tools = el("div", null, "table-tools");
  const t = el("table");
  const cap = el("caption", caption);
  const shownNote = el("span", "", "shown");
  cap.appendChild(shownNote);
  t.appendChild(cap);
  const head = t.createTHead().insertRow();
  const body = t.createTBody();
  const foot = t.createTFoot();
  let order = sort;  // {col, dir: 1 | -1}
  let query = "";
  let max = limit;
  const ths = columns.map((c, i) => {
    const th = el("th", null, c.num ? "num" : "");
    th.scope = "col";
    const b = el("button", c.label, "sort");
    b.type = "button";
    b.addEventListener("click", () => {
      order = { col: i, dir: order && order.col === i ? -order.dir : (c.num ? -1 : 1) };
      draw();
    });
    th.appendChild(b);
    head.appendChild(th);
    return th;
  });
  const cmp = (a, b) => {
    const x = a[order.col], y = b[order.col];
    if (typeof x === "number" && typeof y === "number") return (x - y) * order.dir;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return String(x).localeCompare(String(y)) * order.dir;
  };
  function draw() {
    ths.forEach((th, i) => th.setAttribute("aria-sort",
      order && order.col === i ? (order.dir > 0 ? "ascending" : "descending") : "none"));
    const q = query.toLowerCase();
    let view = q ? rows.filter((r) => r.some((c) => typeof c === "string" && c.toLowerCase().includes(q))) : rows;
    if (order) view = [...view].sort(cmp);
    const shown = view.slice(0, max);
    body.replaceChildren();
    for (const row of shown) {
      const tr = body.insertRow();
      row.forEach((cell, i) => {
        const c = columns[i];
        const td = el("td", null, c.num ? "num" : c.code ? "code" : "");
        if (i === 0 && jump && jump(row)) {
          const b = el("button", cell ?? "", "jump");
          b.type = "button";
          b.title = "Show in the editor";
          b.addEventListener("click", () => jump(row)());
          td.appendChild(b);
        } else {
          td.textContent = c.num ? num(cell) : String(cell ?? "");
        }
        tr.appendChild(td);
      });
    }
    const total = rows.length;
    shownNote.textContent = q ? `${num(shown.length)} of ${num(view.length)} matching shown (${num(total)} in all)`
      : `${num(shown.length)} of ${num(total)} shown`;
    foot.replaceChildren();
    if (shown.length < view.length) {
      const td = foot.insertRow().appendChild(el("td",
        `${num(view.length - shown.length)} more rows not shown: filter, show all, or save the result as JSON. `));
      td.colSpan = columns.length;
      const all = el("button", `Show all ${num(view.length)}`, "secondary");
      all.type = "button";
      all.addEventListener("click", () => { max = Infinity; draw(); });
      td.appendChild(all);
    }
  }
  if (filter && rows.length > 10) {
    const id = `filter-${Math.random().toString(36).slice(2, 9)}`;
    const label = el("label", "Filter");
    label.htmlFor = id;
    const input = el("input");
    input.type = "search";
    input.id = id;
    input.setAttribute("aria-label", `Filter ${caption.toLowerCase()}`);
    input.placeholder = "name, path or symbol";
    input.autocomplete = "off";
    input.addEventListener("input", () => { query = input.value; draw(); });
    tools.append(label, input);
    box.appendChild(tools);
  }
  draw();
  box.appendChild(t);
  // The box scrolls sideways on a narrow screen: a keyboard user must be able to scroll it.
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", caption);
  return box;
}

const empty = (text) => el("p", text, "empty");

function facts(pairs) {
  const dl = el("dl", null, "facts");
  for (const [k, v] of pairs) dl.append(el("dt", k), el("dd", v));
  return dl;
}

// --- rendering results -------------------------------------------------------------------------------
function tdgView(tdg) {
  if (!tdg || tdg.score === null || tdg.score === undefined) {
    const why = (tdg?.not_measured || []).map((n) => `${n.path}: ${n.reason}`).join("; ");
    return [empty(`Technical-debt grade: not measured${why ? ` (${why})` : " (no code it can grade)"}.`)];
  }
  return [
    el("p", `Technical-debt grade ${tdg.grade}: ${tdg.score.toFixed(1)} of 100`, "grade"),
    dataTable("TDG breakdown", [{ label: "component" }, { label: "weight", num: true },
      { label: "share met", num: true }, { label: "points", num: true }, { label: "detail" }],
    (tdg.components || []).map((c) => [c.name.replace(/_/g, " "), c.weight,
      Number((c.ratio * 100).toFixed(0)), Number(c.points.toFixed(2)), c.detail]), { filter: false }),
  ];
}

// The call sites grouped by symbol: the APIs a migration has to map, the most used first, with
// the crate its framework moves to.
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

function functionRows(functions) {
  return functions.map((f) => [f.name, f.cyclomatic, f.cognitive ?? null,
    f.end_line && f.line ? f.end_line - f.line + 1 : null, f.path || "", f.line]);
}

const FUNCTION_COLUMNS = [{ label: "function", code: true }, { label: "cyclomatic", num: true },
  { label: "cognitive", num: true }, { label: "lines", num: true }, { label: "file", code: true },
  { label: "line", num: true }];

function fill(panelId, nodes, count) {
  $(panelId).replaceChildren(...nodes);
  setTabCount(panelId, count);
}

function renderCode(result, label) {
  const sites = result.frameworks || [];
  const fns = result.functions || [];
  const worst = [...fns].sort((a, b) => b.cyclomatic - a.cyclomatic)[0];
  const frameworks = [result.has_numpy && "NumPy", result.has_sklearn && "scikit-learn",
                      result.has_pytorch && "PyTorch"].filter(Boolean);
  const summary = [
    ...(result.parse_error ? [el("p", `Parse error: ${result.parse_error}`, "error")] : []),
    facts([["File", label], ["Language", result.language],
           ["Lines", `${num(result.code)} code, ${num(result.comment)} comment, ${num(result.blank)} blank`],
           ["ML frameworks", frameworks.join(", ") || "none"],
           ["ML call sites", num(sites.length)],
           ["Functions", fns.length ? `${num(fns.length)}; most complex: ${worst.name} (cyclomatic ${worst.cyclomatic})` : "none"],
           ["Technical debt", result.tdg && result.tdg.score !== null ? `${result.tdg.grade} (${result.tdg.score.toFixed(1)} / 100)` : "not measured"]]),
  ];
  const toLine = (line) => () => editor ? editor.goToLine(line) : null;
  fill("summary-body", summary);
  fill("panel-callsites", sites.length ? [
    dataTable("APIs to map, most used first", [{ label: "framework" }, { label: "symbol", code: true },
      { label: "call sites", num: true }], apiUsage(sites.map((s) => ({ ...s, path: label })), [])
      .map((r) => [frameworkName(r[0]), r[1], r[2]]), { filter: false }),
    dataTable("ML call sites", [{ label: "symbol", code: true }, { label: "framework" },
      { label: "line", num: true }, { label: "column", num: true }],
    sites.map((f) => [f.symbol, frameworkName(f.framework), f.line, f.column]),
    { jump: (row) => toLine(row[2]) }),
  ] : [empty("No NumPy, scikit-learn or PyTorch call sites in this code.")], sites.length);
  fill("panel-functions", fns.length ? [dataTable("Functions, most complex first", FUNCTION_COLUMNS,
    functionRows(fns), { sort: { col: 1, dir: -1 }, jump: (row) => toLine(row[5]) })]
    : [empty("No functions in this code.")], fns.length);
  fill("panel-dependencies", [empty("Dependencies come from a project's manifests (pyproject.toml, requirements.txt, …): load a project.")], null);
  fill("panel-tdg", tdgView(result.tdg), null);
  const parts = [result.language, plural(result.lines_of_code, "line")];
  if (sites.length) parts.push(plural(sites.length, "ML call site"));
  return `${label}: ${parts.join(", ")}`;
}

// Project files kept in memory (dropped or chosen, not archives) so a table row can open one.
let projectSources = new Map();
let projectInput = null;  // what the shown project was analyzed from (for the Rust crate)

async function openSource(path, line) {
  const file = projectSources.get(path);
  if (!file) return;
  setCode(await file.text());
  $("filename").value = path.split("/").pop();
  onFilename();
  editor?.goToLine(line);
}

function renderProject(result, label) {
  const files = result.total_files ?? (result.files || []).length;
  const fns = result.functions || [];
  const sites = result.call_sites || [];
  const jump = (row, pathCol, lineCol) => (projectSources.has(row[pathCol])
    ? () => openSource(row[pathCol], row[lineCol]) : null);
  if (!files) {
    fill("summary-body", [empty(`Nothing to analyze in ${label}: no file in a language Batuta reads.`),
      ...((result.skipped || []).length ? [skippedTable(result.skipped)] : [])]);
    for (const id of ["panel-callsites", "panel-functions", "panel-dependencies", "panel-tdg"]) {
      fill(id, [empty("Nothing here: the project has no analyzable files.")], 0);
    }
    return `${label}: no analyzable files`;
  }
  const langs = result.languages || [];
  fill("summary-body", [
    facts([["Project", label], ["Files", num(files)], ["Primary language", result.primary_language ?? "none"],
           ["Functions", num(fns.length)], ["ML call sites", num(sites.length)],
           ["Technical debt", result.tdg && result.tdg.score !== null ? `${result.tdg.grade} (${result.tdg.score.toFixed(1)} / 100)` : "not measured"]]),
    dataTable("Languages", [{ label: "language" }, { label: "files", num: true }, { label: "code lines", num: true },
      { label: "comment", num: true }, { label: "blank", num: true }, { label: "share %", num: true }],
    langs.map((l) => [l.language, l.files, l.code, l.comment, l.blank, Number(l.percentage.toFixed(1))]),
    { filter: false }),
    ...((result.transpilers || []).length ? [dataTable("Transpilers", [{ label: "language" }, { label: "tool" },
      { label: "files", num: true }], result.transpilers.map((t) => [t.language, t.tool, t.files]), { filter: false })] : []),
    ...((result.skipped || []).length ? [skippedTable(result.skipped)] : []),
  ]);
  const frameworks = result.ml_frameworks || [];
  fill("panel-callsites", sites.length ? [
    dataTable("ML frameworks", [{ label: "framework" }, { label: "files", num: true },
      { label: "call sites", num: true }, { label: "Rust target" }],
    frameworks.map((m) => [frameworkName(m.framework), m.files, m.call_sites, m.target]),
    { filter: false }),
    dataTable("APIs to map, most used first", [{ label: "framework" }, { label: "symbol", code: true },
      { label: "call sites", num: true }, { label: "files", num: true }, { label: "Rust target" }],
    apiUsage(sites, frameworks)),
    dataTable("ML call sites", [{ label: "path", code: true }, { label: "framework" }, { label: "symbol", code: true },
      { label: "line", num: true }], sites.map((c) => [c.path, c.framework, c.symbol, c.line]),
    { jump: (row) => jump(row, 0, 3) }),
  ] : [empty("No NumPy, scikit-learn or PyTorch call sites in this project.")], sites.length);
  fill("panel-functions", fns.length ? [dataTable("Functions, most complex first", FUNCTION_COLUMNS,
    functionRows(fns), { sort: { col: 1, dir: -1 }, jump: (row) => jump(row, 4, 5) })]
    : [empty("No functions found in this project.")], fns.length);
  const deps = [];
  for (const d of result.dependencies || []) {
    for (const p of d.packages || []) deps.push([p.name, p.spec || "any", d.manager, d.file]);
    if (d.error) deps.push([d.error, "", d.manager, d.file]);
  }
  fill("panel-dependencies", deps.length ? [dataTable("Dependencies", [{ label: "package", code: true },
    { label: "version", code: true }, { label: "manager" }, { label: "file", code: true }], deps)]
    : [empty("No dependency manifests (pyproject.toml, requirements.txt, setup.py, Cargo.toml, …) found.")],
  deps.length);
  fill("panel-tdg", tdgView(result.tdg), null);
  return `${label}: ${plural(files, "file")}, primary language ${result.primary_language ?? "none"}`;
}

// Folded: a checkout skips dozens of files (licences, images, .git); the count says enough.
function skippedTable(skipped) {
  const box = el("details", null, "more");
  box.appendChild(el("summary", `Skipped files: ${num(skipped.length)} (not a language Batuta reads, too large, or version control)`));
  box.appendChild(dataTable("Skipped files", [{ label: "path", code: true }, { label: "reason" }],
    skipped.map((s) => [s.path, s.reason])));
  return box;
}

// --- charts: sized to their box and the device pixel ratio, redrawn on resize ----------------------
let chartResult = null;
let chartTimer = null;

const CHART_BORDER = 1;  // .chart-box canvas { border: 1px } (box-sizing: border-box)

function freshCanvas(w, h) {
  // A canvas keeps the first context type it gets (webgpu or 2d): draw each chart on a new one.
  const old = $("chart");
  const canvas = el("canvas");
  canvas.id = "chart";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", old.getAttribute("aria-label") || "");
  // Exactly w x h CSS pixels inside the border, so the backing store (w x h times the pixel
  // ratio) maps one to one onto device pixels: no resampling blur.
  canvas.style.width = `${w + 2 * CHART_BORDER}px`;
  canvas.style.height = `${h + 2 * CHART_BORDER}px`;
  canvas.style.maxWidth = "100%";  // a box under 300 px (a 320 px phone) squeezes, never overflows
  old.replaceWith(canvas);
  return canvas;
}

// The chart is laid out in CSS pixels of its box and drawn at the device pixel ratio (clamped
// to 1..3, the sizes the glyph atlas is rasterized at): the canvas' backing store is its CSS
// size times the ratio, with text, lines and markers drawn at that size (api.chart_encoding's
// scale). The box takes the height the layout needs: side by side from 720 px wide, else stacked.
function chartSize() {
  const box = $("chart-box");
  const w = Math.min(4096, Math.max(298, Math.floor(box.getBoundingClientRect().width || 642) - 2 * CHART_BORDER));
  const h = w >= 720 ? Math.round(Math.min(520, Math.max(320, w * 0.42)))
    : Math.round(Math.min(760, Math.max(560, w * 1.5)));
  const boxH = `${h + 2 * CHART_BORDER}px`;
  if (box.style.height !== boxH) box.style.height = boxH;
  const scale = chartPixelRatio(w, h);
  return { w, h, scale, theme: window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light" };
}

function chartCaption(result) {
  const langs = [...(result.languages || [])].sort((a, b) => b.code - a.code);
  const fns = (result.functions || []).length;
  return `Share of code lines by language (${langs.map((l) => `${l.language} ${l.percentage.toFixed(1)} %`).join(", ")}) ` +
    `and the cyclomatic complexity of ${plural(fns, "function")} in four bands.`;
}

// One draw at a time (a resize during a draw queues the next), and none when nothing changed.
let chartQueue = Promise.resolve(null);
let drawn = { result: null, w: 0, h: 0, kind: null };

function requestChart(result) {
  chartResult = result;
  chartQueue = chartQueue.then(() => drawChart(chartResult)).catch((err) => {
    console.warn("batuta: chart failed", err);
    return null;
  });
  window.playground.chart = chartQueue;
  return chartQueue;
}

async function drawChart(result) {
  const fig = $("chart-fig");
  const has = Boolean(result && (result.languages || []).length);
  fig.hidden = !has;
  $("chart-empty").hidden = has;
  if (!has) return null;
  const caption = chartCaption(result);
  $("chart-caption").textContent = caption;
  if ($("panel-charts").hidden) return "deferred";  // drawn when the tab opens, at its size
  await pythonReady;  // a restored result is drawn by the same renderer as a fresh one
  const { w, h, scale, theme } = chartSize();
  if (drawn.result === result && drawn.w === w && drawn.h === h && drawn.scale === scale &&
      drawn.theme === theme) return drawn.kind;
  let encoding = null;
  try { encoding = await batuta.call("chart_encoding", result, w, h, theme, scale); } catch (err) {
    console.warn("batuta: chart_encoding failed", err);
  }
  let kind = "bars";
  if (encoding) {
    for (const [path, fn] of [["./render/webgpu.js", "renderEncoding"], ["./render/canvas2d.js", "renderEncoding2d"]]) {
      try {
        const mod = await import(path);
        const canvas = freshCanvas(w, h);
        canvas.setAttribute("aria-label", caption);
        await mod[fn](canvas, encoding, { shaderBase: "shaders/" });
        canvas.dataset.pixelRatio = String(scale);
        kind = fn;
        break;
      } catch (err) { console.warn(`batuta: ${fn} failed`, err); }
    }
  }
  if (kind === "bars") {
    const canvas = freshCanvas(w, h);
    canvas.setAttribute("aria-label", caption);
    drawBars(canvas, result.languages, w, h, scale);
  }
  drawn = { result, w, h, scale, theme, kind };
  return kind;
}

function redrawSoon() {
  clearTimeout(chartTimer);
  if (!chartResult) return;
  chartTimer = setTimeout(() => requestChart(chartResult), 120);
}

function drawBars(canvas, languages, w, h, scale = 1) {
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext("2d");
  ctx.scale(scale, scale);
  const rows = [...languages].sort((a, b) => b.code - a.code).slice(0, 10);
  const max = Math.max(1, ...rows.map((l) => l.code));
  const span = w - 220;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, w, h);
  ctx.font = "13px sans-serif";
  const bh = (h - 20) / rows.length;
  rows.forEach((l, i) => {
    const y = 10 + i * bh;
    ctx.fillStyle = "#111820";
    ctx.fillText(l.language, 8, y + bh * 0.6);
    ctx.fillStyle = "#12355b";
    ctx.fillRect(130, y + 3, span * (l.code / max), Math.max(4, bh - 6));
    ctx.fillStyle = "#111820";
    ctx.fillText(num(l.code), 136 + span * (l.code / max), y + bh * 0.6);
  });
}

// --- the analysis on screen ------------------------------------------------------------------------
let shown = null;  // the analysis on screen, for "Save result as JSON"

function saveResult() {
  if (!shown) return;
  download(JSON.stringify(shown.result, null, 1), "application/json",
    `batuta-${shown.kind}-${shown.at.slice(0, 19).replace(/[:T]/g, "-")}.json`);
}

// A Blob saved by the browser: nothing leaves the machine.
function download(text, type, name) {
  const link = el("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

function showAnalysis(record) {
  shown = record;
  $("save-btn").disabled = false;
  $("report-btn").disabled = record.kind !== "project";
  $("crate-btn").disabled = !(record.kind === "project" && projectInput && projectInput.label === record.label);
  $("summary-body").classList.remove("empty");
  const text = record.kind === "project" ? renderProject(record.result, record.label)
    : renderCode(record.result, record.label);
  $("summary").textContent = text;
  requestChart(record.kind === "project" ? record.result : null);
}

function clearAnalysis() {
  shown = null;
  $("save-btn").disabled = true;
  $("report-btn").disabled = true;
  $("crate-btn").disabled = true;
  $("summary").textContent = "No analysis shown.";
  const body = $("summary-body");
  body.replaceChildren(document.createTextNode("The last call failed: see the message above."));
  body.classList.add("empty");
  emptyPanels("No result: the last call failed (see the message above).");
  requestChart(null);
}

// One sentence where a result will be, instead of empty tables.
function emptyPanels(text) {
  for (const id of ["panel-callsites", "panel-functions", "panel-dependencies", "panel-tdg"]) {
    fill(id, [empty(text)], null);
  }
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
  list.replaceChildren(...PHASES.map((p) => el("li", `${p}: ${PHASE_LABELS[phases[p]] || phases[p]}`,
                                                 `state-${phases[p]}`)));
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

// --- panels: busy state, status, errors -------------------------------------------------------------
const PANELS = {
  code: { status: "status", error: "error", controls: ["analyze-btn", "convert-btn", "sample-btn", "folder-input", "files-input"] },
  backend: { status: "backend-status", error: "backend-error", controls: ["backend-btn"] },
  workflow: { status: "workflow-status", error: "error", controls: ["phase-next", "phase-reset"] },
  oracle: { status: "oracle-status", error: "oracle-error", controls: ["oracle-btn"] },
};
const busy = { code: false, backend: false, workflow: false, oracle: false };
const PYTHON_PANELS = ["code", "backend", "oracle"];
let pythonUp = false;
let cancelling = false;

function setBusy(panel, on) {
  busy[panel] = on;
  const p = PANELS[panel];
  for (const id of p.controls) {
    if ($(id)) $(id).disabled = on || (!pythonUp && panel !== "workflow");
  }
  if (panel === "code") $("cancel-btn").hidden = !on;
}

function showError(panel, err) {
  const box = $(PANELS[panel].error);
  box.hidden = !err;
  box.textContent = err ? `${err.code || "error"}: ${err.message || err}` : "";
}

async function guarded(panel, label, fn, onFail = null) {
  if (busy[panel]) return;  // one call at a time per panel
  const status = $(PANELS[panel].status);
  showError(panel, null);
  status.textContent = `${label}…`;
  setBusy(panel, true);
  const t0 = performance.now();
  try {
    const note = await fn();  // a string: what to say instead of "done" (nothing was run)
    status.textContent = typeof note === "string" ? note
      : `${label}: done in ${num(Math.round(performance.now() - t0))} ms`;
  } catch (err) {
    if (cancelling && err && err.code === "BATUTA-W-004") {
      status.textContent = `${label}: cancelled`;
      window.playground.cancelled += 1;
      return;
    }
    if (onFail) onFail();
    showError(panel, err);
    status.textContent = `${label}: failed`;
    window.playground.errors += 1;
  } finally {
    setBusy(panel, false);
    $("project-progress").hidden = true;
    if (panel !== "workflow") revealOutcome(panel === "code" ? $("outcome") : $(`panel-${panel}`));
  }
}

// --- size guard: the core's bounds (dist/limits.json) and a question before a big paste ---------------
let limits = { analyze_code_chars: 8 * 1024 * 1024, convert_chars: 2_000_000 };
let confirmedSize = 0;

function tooLarge(message) {
  return Object.assign(new Error(message), { code: "BATUTA-X-002" });
}

// Over the core's bound: refused here, before the worker is asked. Over LARGE_PASTE: the first
// click says how big it is and asks for a second.
function checkSize(code, bound, verb) {
  if (code.length > bound) {
    throw tooLarge(`${num(code.length)} characters is over the ${num(bound)} bound for one file ` +
                   `(${verb} refused before starting; split the file or analyze it as a project)`);
  }
  if (code.length > LARGE_PASTE && confirmedSize !== code.length) {
    confirmedSize = code.length;
    return false;
  }
  return true;
}

function askAgain(label, code) {
  return `${label}: this code is ${(code.length / 1e6).toFixed(1)} million characters; ` +
    `that takes several seconds (Cancel stops it). Click "${label}" again to go ahead.`;
}

// --- actions ---------------------------------------------------------------------------------------
async function analyzeCode() {
  const code = getCode();
  if (!checkSize(code, limits.analyze_code_chars, "analysis")) return askAgain("Analyze code", code);
  const name = $("filename").value.trim() || undefined;
  selectTab("Summary");
  const result = await batuta.analyze_code(code, name);
  await remember("code", name || "pasted code", result);
}

async function analyzeFiles(files, label, sources = new Map()) {
  const bar = $("project-progress");
  bar.value = 0;
  bar.hidden = false;
  selectTab("Summary");
  // Bytes move to the worker (transferred, not copied): keep a copy for "Download Rust crate".
  const kept = files instanceof Uint8Array ? files.slice() : files;
  const result = await batuta.analyze_project(files, {
    onProgress: (done, total) => {
      bar.max = Math.max(1, total);
      bar.value = done;
      $("status").textContent = `Analyzing ${label}: ${num(done)} / ${num(total)} files`;
    },
  });
  projectSources = sources;
  projectInput = { files: kept, label };
  await remember("project", label, result);
}

// Python cannot be interrupted mid-call, so cancelling stops its worker and starts a fresh
// one (a snapshot boot: well under a second); nothing the page shows or keeps is lost.
async function cancelAnalysis() {
  cancelling = true;
  $("cancel-btn").hidden = true;
  pythonUp = false;
  for (const p of PYTHON_PANELS) for (const id of PANELS[p].controls) if ($(id)) $(id).disabled = true;
  try {
    batuta.terminate();  // the running call rejects with BATUTA-W-004
    pythonReady = startPython();
    await pythonReady;
  } finally {
    cancelling = false;
  }
}

async function loadSample() {
  const res = await fetch("sample-project.zip");
  if (!res.ok) throw Object.assign(new Error("the sample project is not in this build"), { code: "BATUTA-X-005" });
  await analyzeFiles(new Uint8Array(await res.arrayBuffer()), "sample project");
}

function clearConversion() {
  showRust("");
  dropLinks();
  $("conv-tables").replaceChildren();
  $("conv-head").textContent = "No Rust shown: the last conversion failed (see the message above).";
  $("conv-head").className = "empty";
}

async function convert() {
  const code = getCode();
  const filename = $("filename").value.trim() || "module.py";
  const lang = languageOf(filename);
  selectTab("Rust");
  clearConversion();
  $("conv-head").textContent = `Converting ${filename}…`;
  if (!lang.python) {
    throw Object.assign(new Error(`only Python can be converted: ${filename} is ${lang.name} ` +
      "(rename it to .py if it is Python)"), { code: "BATUTA-X-001" });
  }
  if (!checkSize(code, limits.convert_chars, "conversion")) {
    $("conv-head").textContent = "Convert Python to Rust: the Rust shows here.";
    return askAgain("Convert to Rust", code);
  }
  const result = await batuta.convert_file(code, filename);
  window.playground.conversion = result;
  showRust(result.rust_code || "");
  setLinks(result.mappings || [], result.rust_code || "");
  const mapped = (result.mappings || []).length;
  const missed = (result.unsupported || []).length;
  $("conv-head").textContent = `${filename} → Rust: ${plural(mapped, "construct")} mapped, ` +
    `${num(missed)} not converted. Backend: ${result.backend_recommendation || "—"}. ` +
    "Hover or select a line on either side to light up its counterpart.";
  $("conv-head").className = "note";
  const toLine = (line) => () => editor ? editor.goToLine(line) : null;
  $("conv-tables").replaceChildren(
    ...(missed ? [dataTable("Not converted", [{ label: "construct", code: true }, { label: "line", num: true },
      { label: "reason" }], result.unsupported.map((u) => [u.python || u.symbol || "",
      u.span ? u.span.line : (u.line ?? null), u.reason || ""]), { jump: (row) => (row[1] ? toLine(row[1]) : null) })] : []),
    dataTable("Mappings", [{ label: "Python", code: true }, { label: "Rust", code: true },
      { label: "line", num: true }, { label: "note" }],
    (result.mappings || []).map((m) => [m.python || "", plainRust(m.rust), m.span ? m.span.line : null,
      [m.complexity, m.note].filter(Boolean).join(": ")]), { jump: (row) => (row[2] ? toLine(row[2]) : null) }),
    ...(result.explanation ? [el("p", result.explanation, "note")] : []));
}

// The migration report (api.report): one self-contained HTML file, built in the worker.
async function downloadReport() {
  if (!shown || shown.kind !== "project") return;
  const html = await batuta.report(shown.result, "html");
  download(html, "text/html", `batuta-report-${shown.label.replace(/[^\w.-]+/g, "_")}.html`);
}

// The shown project as a Cargo crate (api.convert_project) from the same inputs.
async function downloadCrate() {
  if (!projectInput) return;
  const bytes = await batuta.convert_project(projectInput.files);
  const link = el("a");
  link.href = URL.createObjectURL(new Blob([bytes], { type: "application/zip" }));
  link.download = `${projectInput.label.replace(/\.(zip|tar\.gz|tgz|tar)$/i, "").replace(/[^\w.-]+/g, "_")}-rust.zip`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

async function askOracle() {
  $("oracle-out").replaceChildren();
  const query = $("oracle-q").value.trim();
  const project = shown && shown.kind === "project" ? shown.result : undefined;
  const a = await batuta.oracle(query, { analysis: project });
  const parts = [
    el("p", `${a.primary ? a.primary.component : "no component"}${a.primary && a.primary.path ? ` (${a.primary.path})` : ""}`, "grade"),
    facts([["Problem", a.problem_class || "—"], ["Why", a.primary ? a.primary.rationale : "—"],
           ["Backend", a.compute ? `${a.compute.backend}: ${a.compute.rationale}` : "—"],
           ["Distribution", a.distribution ? a.distribution.rationale : "—"]]),
  ];
  if ((a.supporting || []).length) {
    parts.push(dataTable("Supporting components", [{ label: "component" }, { label: "confidence", num: true },
      { label: "why" }], a.supporting.map((c) => [c.component, Number(c.confidence.toFixed(2)), c.rationale]),
    { filter: false }));
  }
  if (a.code_example) {
    parts.push(el("h3", "Example"));
    const pre = el("pre", a.code_example, "example");
    pre.tabIndex = 0;
    pre.setAttribute("aria-label", "Example Rust code");
    parts.push(pre);
  }
  if ((a.related_queries || []).length) {
    const list = el("div", null, "actions");
    for (const q of a.related_queries) {
      const b = el("button", q, "secondary");
      b.type = "button";
      b.addEventListener("click", () => { $("oracle-q").value = q; $("oracle-btn").click(); });
      list.appendChild(b);
    }
    parts.push(el("h3", "Related questions"), list);
  }
  $("oracle-out").replaceChildren(...parts);
}

const fmtSeconds = (s) => (s * 1000 < 0.01 ? `${(s * 1e6).toPrecision(3)} µs` : `${Number((s * 1000).toPrecision(3)).toLocaleString("en")} ms`);
const fmtCount = (n, unit) => {
  for (const [k, p] of [[1e15, "P"], [1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]]) {
    if (Math.abs(n) >= k) return `${Number((n / k).toPrecision(3))} ${p}${unit} (${num(Math.round(n))})`;
  }
  return `${num(Math.round(n))} ${unit}`;
};

// The backend panel shows one decision: the router's (Scalar / SIMD / GPU by operation and
// size). The cost model beside it answers another question, "is a GPU worth the PCIe
// transfer?" (cost.offload, cost.verdict), and cost_note says how that bears on the decision.
function backendView(d) {
  const c = d.cost || {};
  const rows = [
    ["Work", c.shape || "—"], ["Floating-point operations", c.flops === undefined ? "—" : fmtCount(c.flops, "FLOP")],
    ["Data moved", c.bytes === undefined ? "—" : fmtCount(c.bytes, "B")],
    ["PCIe transfer", c.transfer_s === undefined ? "—" : fmtSeconds(c.transfer_s)],
    ["GPU compute", c.gpu_compute_s === undefined ? "—" : fmtSeconds(c.gpu_compute_s)],
    ["CPU (SIMD) compute", c.cpu_compute_s === undefined ? "—" : fmtSeconds(c.cpu_compute_s)],
    ["Compute / transfer", c.ratio === undefined ? "—" : `${Number(c.ratio.toPrecision(3))} (GPU pays off above 5)`],
    ["GPU offload (5× PCIe rule)", c.verdict || "—"],
  ];
  const t = dataTable("Cost model (5× PCIe rule)", [{ label: "figure" }, { label: "value" }], rows, { filter: false });
  t.classList.add("pairs");  // two columns of words: wrap to the box instead of scrolling sideways
  return [
    el("p", `Recommended backend: ${d.backend}`, "grade"),
    el("p", `${d.rationale} (data size ${num(d.data_size)}; SIMD above ${num(d.simd_above)}` +
      `${d.gpu_above ? `, GPU above ${num(d.gpu_above)}` : ", never GPU"}).`),
    t,
    ...(d.cost_note ? [el("p", d.cost_note)] : []),
    el("p", `Hardware assumed: ${d.hardware ? `${d.hardware.gpu_tflops} TFLOPS GPU, ${d.hardware.cpu_gflops} GFLOPS CPU, ` +
      `PCIe ${d.hardware.pcie_gb_s} GB/s (${d.hardware.source})` : "defaults"}.`, "note"),
  ];
}

async function recommend() {
  const size = Number($("size").value);
  $("backend-out").replaceChildren();
  const d = await batuta.backend_recommend($("op").value, Number.isSafeInteger(size) ? size : $("size").value);
  $("backend-out").replaceChildren(...backendView(d));
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

const ARCHIVE_RE = /\.(zip|tar|tgz|tar\.gz|tar\.bz2|tbz2|tar\.xz|txz)$/i;

// Relative paths as the analysis reports them, for opening a file from a table row.
function sourcesOf(files) {
  if (files.length === 1 && ARCHIVE_RE.test(files[0].name)) return new Map();
  const paths = files.map((f) => f.batutaPath || f.webkitRelativePath || f.name);
  const common = paths.every((p) => p.includes("/")) && new Set(paths.map((p) => p.split("/")[0])).size === 1;
  return new Map(files.map((f, i) => [common ? paths[i].split("/").slice(1).join("/") : paths[i], f]));
}

function filesLabel(files) {
  if (files.length === 1) return files[0].name;
  const top = new Set(files.map((f) => (f.batutaPath || f.webkitRelativePath || f.name).split("/")[0]));
  return top.size === 1 && files[0].webkitRelativePath !== "" ? `${[...top][0]} (${plural(files.length, "file")})`
    : plural(files.length, "file");
}

async function onDrop(ev) {
  ev.preventDefault();
  $("drop").classList.remove("over");
  if (busy.code) return;
  const entries = [...(ev.dataTransfer.items || [])].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  const files = [];
  if (entries.length) for (const e of entries) await walkEntry(e, "", files);
  else files.push(...ev.dataTransfer.files);
  await guarded("code", "Analyze dropped files", () => analyzeFiles(files, filesLabel(files), sourcesOf(files)),
    clearAnalysis);
}

let pythonReady = null;

async function startPython() {
  const info = await batuta.init({
    onProgress: (stage, fraction) => {
      $("boot-progress").value = fraction;
      $("boot-label").textContent = `Starting Python: ${stage}`;
    },
  });
  $("boot-progress").value = 1;
  $("boot-label").textContent = `Python ready (${info.mode} boot, ${num(Math.round(info.bootMs))} ms)`;
  $("version").textContent = info.version;
  pythonUp = true;
  for (const p of PYTHON_PANELS) setBusy(p, busy[p]);
  return info;
}

async function loadLimits() {
  try {
    const res = await fetch("limits.json");
    if (res.ok) limits = { ...limits, ...(await res.json()) };
  } catch (err) { console.warn("batuta: limits.json not read; the built-in bounds apply", err); }
}

function wire() {
  $("analyze-btn").addEventListener("click", () => guarded("code", "Analyze code", analyzeCode, clearAnalysis));
  $("convert-btn").addEventListener("click", () => guarded("code", "Convert", convert, clearConversion));
  $("sample-btn").addEventListener("click", () => guarded("code", "Analyze sample project", loadSample, clearAnalysis));
  $("backend-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    guarded("backend", "Recommend backend", recommend);
  });
  $("save-btn").addEventListener("click", saveResult);
  if (typeof batuta.report === "function") {
    $("report-btn").hidden = false;
    $("report-btn").addEventListener("click", () => guarded("code", "Migration report", downloadReport));
  }
  if (typeof batuta.convert_project === "function") {
    $("crate-btn").hidden = false;
    $("crate-btn").addEventListener("click", () => guarded("code", "Rust crate", downloadCrate));
  }
  $("oracle-form")?.addEventListener("submit", (ev) => {
    ev.preventDefault();
    guarded("oracle", "Ask the Oracle", askOracle);
  });
  $("copy-rust-btn").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(rustText);
      $("status").textContent = "Rust copied to the clipboard";
    } catch (err) {
      showError("code", Object.assign(new Error(`the clipboard refused: ${err.message}`), { code: "copy" }));
    }
  });
  $("download-rust-btn").addEventListener("click", () => {
    const base = ($("filename").value.trim() || "module.py").replace(/\.[^.]*$/, "");
    download(rustText, "text/x-rust", `${base || "module"}.rs`);
  });
  $("cancel-btn").addEventListener("click", () => {
    window.playground.restart = cancelAnalysis().catch((err) => showError("code", err));
  });
  $("phase-next").addEventListener("click", () => guarded("workflow", "Workflow", completeNextPhase));
  $("phase-reset").addEventListener("click", () => guarded("workflow", "Workflow",
    () => savePhases(Object.fromEntries(PHASES.map((p) => [p, "NotStarted"])))));
  for (const id of ["folder-input", "files-input"]) {
    $(id).addEventListener("change", (ev) => {
      const files = [...ev.target.files];
      ev.target.value = "";  // choosing the same files again is a new analysis
      guarded("code", "Analyze files", () => analyzeFiles(files, filesLabel(files), sourcesOf(files)), clearAnalysis);
    });
  }
  const drop = $("drop");
  drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", onDrop);
  drop.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && ev.target === drop) $("files-input").click(); });
  $("code").addEventListener("input", keepDraft);
  $("code").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); $("analyze-btn").click(); }
  });
  $("filename").addEventListener("input", onFilename);
  new ResizeObserver(() => { if (!$("panel-charts").hidden) redrawSoon(); }).observe($("chart-box"));
  window.matchMedia?.("(prefers-color-scheme: dark)").addEventListener?.("change", redrawSoon);
  // A move to a screen of another pixel ratio (or a browser zoom): drawn again at the new one.
  watchPixelRatio(redrawSoon);
}

async function boot() {
  buildTabs();
  emptyPanels("Analyze code or load a project: its results show here.");
  wire();
  pythonReady = startPython();  // first: the editor, the limits and IndexedDB never delay it
  pythonReady.catch(() => {});
  await restoreDraft();
  onFilename();
  await savePhases(await loadPhases());
  const last = await dbGet("lastAnalysis");
  if (last) { showAnalysis(last); window.playground.last = last; }
  requestAnimationFrame(() => setTimeout(() => {
    window.playground.editorReady = loadEditors();
  }, 0));
  loadLimits();
  const info = await pythonReady;
  if (new URLSearchParams(location.search).has("sample")) {
    await guarded("code", "Analyze sample project", loadSample, clearAnalysis);
  }
  return info;
}

window.batuta = batuta;
window.playground = { last: null, count: 0, errors: 0, cancelled: 0, links: [], selectTab };
window.playground.ready = boot().catch((err) => {
  showError("code", err);
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
  if (!registration) return;  // registration blocked (a test browser, a privacy mode)
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
