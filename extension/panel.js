// The result panel: asks the service worker for its job, then shows the Rust conversion first
// (with Copy and what was not converted), the analysis after it (tables show their top rows and
// a "Show all"). Everything from the page is set with textContent (it is untrusted).
import { analysisSummary, el, frameworkName, table } from "./dom.js";

const $ = (id) => document.getElementById(id);
const TOP_ROWS = 10;
// convert_file's default data size (pkg/batuta/convert/file.py): the backend choice is made for
// it, and the panel says so, since a selection carries no data size of its own.
const ASSUMED_N = 1_000_000;

function showAbout(about) {
  if (!about) return;
  const what = { selection: "Selected text", block: "Picked code block", page: "Page" }[about.source]
    || "Code";
  $("source").textContent = `${what} from ${about.title || about.url || "this page"}`
    + (about.chars ? ` (${about.chars.toLocaleString("en-US")} characters)` : "");
  if (about.preview) {
    $("code").textContent = about.preview + (about.chars > about.preview.length ? "\n…" : "");
    $("code-details").hidden = false;
  }
}

function showError({ code, message }) {
  const p = el("p", null, "error");
  p.append(el("code", code), document.createTextNode(` ${message}`));
  $("error").replaceChildren(p);
}

// A table of the first TOP_ROWS rows, worst first as given, and a button for the rest.
function topTable(caption, headers, rows) {
  const box = el("div", null, "table-box");
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", caption);
  const draw = (all) => {
    const shown = all ? rows : rows.slice(0, TOP_ROWS);
    const t = table(all || rows.length <= TOP_ROWS ? caption
      : `${caption} (top ${shown.length} of ${rows.length.toLocaleString("en-US")})`, headers, shown,
      Math.max(shown.length, 1));
    const parts = [t];
    if (!all && rows.length > TOP_ROWS) {
      const more = el("button", `Show all ${rows.length.toLocaleString("en-US")} rows`, "more");
      more.type = "button";
      more.addEventListener("click", () => { draw(true); box.focus(); });
      parts.push(more);
    }
    box.replaceChildren(...parts);
  };
  draw(false);
  return box;
}

// "line 11, column 12: syntax error: invalid syntax" from analyze_code's syntax_error.
function whereItFails(a) {
  const e = a.syntax_error;
  if (!e) return a.parse_error;
  const at = e.line ? `line ${e.line}${e.column ? `, column ${e.column}` : ""}: ` : "";
  return `${at}${e.message}`;
}

function lineRanges(ranges) {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}\u2013${b}`)).join(", ");
}

// The analyzed code, numbered, with the line that does not parse marked and the lines that were
// not measured in italics: the parse error where it applies. The numbers are CSS content, so a
// copy of the code does not carry them.
function markParseError(a) {
  const e = a.syntax_error;
  const pre = $("code");
  const lines = pre.textContent.split("\n");
  if (!e || !e.line || e.line > lines.length) return;
  const skipped = (n) => (a.not_measured_lines || []).some(([x, y]) => n >= x && n <= y);
  pre.replaceChildren(...lines.map((text, i) => {
    const n = i + 1;
    const last = n === lines.length;
    const line = el(n === e.line ? "mark" : "span", last ? text : `${text}\n`,
                    skipped(n) ? "line unmeasured" : "line");
    line.dataset.n = String(n);
    if (n === e.line) line.title = e.message;
    return line;
  }));
  $("code-details").open = true;
  document.querySelector("#code-details summary").textContent =
    `Analyzed code (line ${e.line} does not parse)`;
}

// Prose or blank space (Python's classify_snippet said so): nothing was analyzed, and why.
function notAnalyzedSection(snippet) {
  const out = [el("h2", "Not analyzed")];
  out.push(el("p", snippet.reason, "note"));
  if (snippet.advice) out.push(el("p", snippet.advice, "advice"));
  return out;
}

function backendReason(c) {
  // The explanation lists the mapped constructs, then "Backend: <why>"; the panel shows the why
  // (it names only operations this code has) and the data size the choice assumed.
  const why = (c.explanation || "").split("Backend: ").slice(1).join("Backend: ").trim();
  return `${why || "no operation to route"} (assumed data size n = ${ASSUMED_N.toLocaleString("en-US")})`;
}

function conversionSection(c, err, a) {
  const out = [el("h2", "Rust conversion")];
  const note = (text) => out.push(el("p", text, "note"));
  if (err) {
    out.push(el("p", `${err.code}: ${err.message}`, "error"));
    return out;
  }
  if (!c) {
    if (a.parse_error) {
      note(`Not converted: the Python does not parse (${whereItFails(a)}). `
        + "Fix that line to see the Rust.");
    } else note(`Only Python is converted; this is ${a.language}.`);
    return out;
  }
  const bar = el("div", null, "toolbar");
  const copy = el("button", "Copy Rust", "copy");
  copy.type = "button";
  const copied = el("span", "", "copied");
  copied.setAttribute("role", "status");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(c.rust_code);
      copied.textContent = "Copied.";
    } catch {
      copied.textContent = "Copy was refused: select the Rust and press Ctrl+C.";
    }
  });
  bar.append(copy, copied);
  const pre = el("pre", c.rust_code, "rust");
  pre.tabIndex = 0;
  pre.setAttribute("aria-label", "Rust conversion");
  const dl = el("dl");
  dl.append(el("dt", "Backend"), el("dd", c.backend_recommendation || "—", "backend"),
            el("dt", "Why"), el("dd", backendReason(c), "why"));
  out.push(bar, pre, dl);
  const skipped = c.unsupported || [];
  const h = el("h3", `Not converted (${skipped.length})`);
  const list = el("ul", null, "unsupported");
  for (const u of skipped) {
    const where = u.span && u.span.line ? ` (line ${u.span.line})` : "";
    list.appendChild(el("li", `${u.python || u.symbol || "construct"}${where}: ${u.reason || ""}`));
  }
  if (!skipped.length) list.appendChild(el("li", "Nothing: every recognised construct was mapped."));
  out.push(h, list);
  return out;
}

function analysisSection(a) {
  const out = [el("h2", "Analysis")];
  out.push(analysisSummary(a));
  if (a.parse_error) {
    const ranges = a.not_measured_lines || [];
    const rest = a.functions.length || (a.tdg && a.tdg.score !== null)
      ? "; what is below is measured from the rest" : "";
    out.push(el("p", `Could not parse ${whereItFails(a)}.`
      + (ranges.length ? ` Not measured: line${ranges.length === 1 && ranges[0][0] === ranges[0][1]
        ? "" : "s"} ${lineRanges(ranges)}${rest}.` : ""), "error parse"));
  }
  if (a.frameworks.length) {
    out.push(topTable("ML call sites", ["Framework", "Symbol", "Line"],
      a.frameworks.map((s) => [frameworkName(s.framework), s.symbol, s.line])));
  }
  if (a.functions.length) {
    const worst = [...a.functions].sort((x, y) => y.cyclomatic - x.cyclomatic || x.line - y.line);
    out.push(topTable("Complexity, most complex first",
      ["Function", "Line", "Cyclomatic", "Cognitive", "Band"],
      worst.map((f) => [f.name, f.line, f.cyclomatic, f.cognitive, f.band])));
  }
  return out;
}

async function main() {
  const id = new URLSearchParams(location.search).get("job");
  let reply;
  try {
    reply = await chrome.runtime.sendMessage({ target: "background", type: "job", id });
  } catch (err) {
    reply = { error: { code: "BATUTA-W-002", message: `the extension did not answer: ${err.message}` } };
  }
  reply = reply || { error: { code: "BATUTA-W-002", message: "the extension did not answer" } };
  showAbout(reply.about);
  if (reply.notice) $("notice").textContent = reply.notice;
  if (reply.error) {
    showError(reply.error);
    $("status").textContent = "Batuta could not analyze this code.";
    document.body.dataset.state = "error";
  } else {
    const { snippet, analysis, conversion, conversionError } = reply.ok;
    if (!analysis) {
      const none = el("section", null, `not-analyzed ${snippet.kind}`);
      document.querySelector("#code-details summary").textContent = "The text it looked at";
      none.append(...notAnalyzedSection(snippet));
      $("result").replaceChildren(none);
    } else {
      const conv = el("section", null, "conversion");
      conv.append(...conversionSection(conversion, conversionError, analysis));
      const an = el("section", null, "analysis");
      an.append(...analysisSection(analysis));
      $("result").replaceChildren(conv, an);
      markParseError(analysis);
    }
    const r = reply.runtime;
    $("status").textContent = analysis ? `Analyzed in your browser by Batuta ${r.version}.`
      : "Nothing was analyzed: see why below.";
    document.body.dataset.state = "done";
    document.body.dataset.runtime = JSON.stringify(r);
  }
  $("main").setAttribute("aria-busy", "false");
}

main();
