// The result panel: asks the service worker for its job, then shows the analysis and a Rust
// conversion preview. Everything from the page is set with textContent (it is untrusted).
import { analysisSummary, el, table } from "./dom.js";

const $ = (id) => document.getElementById(id);

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

function showAnalysis(a) {
  const out = [el("h2", "Analysis")];
  out.push(analysisSummary(a));
  if (a.parse_error) out.push(el("p", `Could not parse this code: ${a.parse_error}`, "error"));
  if (a.frameworks.length) {
    out.push(table("ML call sites", ["Framework", "Symbol", "Line"],
      a.frameworks.map((s) => [s.framework, s.symbol, s.line])));
  }
  if (a.functions.length) {
    out.push(table("Complexity", ["Function", "Line", "Cyclomatic", "Cognitive", "Band"],
      a.functions.map((f) => [f.name, f.line, f.cyclomatic, f.cognitive, f.band])));
  }
  return out;
}

function showConversion(c, err) {
  const out = [el("h2", "Rust conversion preview")];
  if (err) {
    out.push(el("p", `${err.code}: ${err.message}`, "error"));
    return out;
  }
  if (!c) {
    out.push(el("p", "Conversion previews are made for Python code."));
    return out;
  }
  const pre = el("pre", c.rust_code, "rust");
  pre.tabIndex = 0;
  pre.setAttribute("aria-label", "Rust conversion preview");
  const dl = el("dl");
  dl.append(el("dt", "Backend"), el("dd", c.backend_recommendation || "—", "backend"),
            el("dt", "Why"), el("dd", c.explanation || ""));
  out.push(pre, dl);
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
  if (reply.error) {
    showError(reply.error);
    $("status").textContent = "Batuta could not analyze this code.";
    document.body.dataset.state = "error";
  } else {
    const { analysis, conversion, conversionError } = reply.ok;
    $("result").replaceChildren(...showAnalysis(analysis), ...showConversion(conversion, conversionError));
    const r = reply.runtime;
    $("status").textContent = `Analyzed in your browser by Batuta ${r.version}.`;
    document.body.dataset.state = "done";
    document.body.dataset.runtime = JSON.stringify(r);
  }
  $("main").setAttribute("aria-busy", "false");
}

main();
