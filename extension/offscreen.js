// The offscreen document: the extension-owned context where Python runs. It boots Pyodide and
// batuta once (batuta.js starts one Web Worker) and answers every later analysis from it.
import * as batuta from "./batuta/batuta.js";
import { EXTENSION_MAX_CHARS, checkCode, describeError } from "./batuta/batuta-guard.js";

let served = 0;
let boots = 0;

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || msg.target !== "offscreen") return false;
  if (msg.type === "ping") {
    sendResponse({ ok: true });
    return false;
  }
  if (msg.type === "analyze") {
    analyze(msg.code, msg.filename).then(sendResponse);
    return true;
  }
  return false;
});

function boot() {
  const first = boots === 0;
  // Boots once; later calls return the same Promise. Files are local here: no cache to fill.
  const ready = batuta.init({ cache: false });
  if (first) {
    boots = 1;
    ready.catch(() => { boots = 0; });  // a failed boot is retried on the next request
  }
  return ready;
}

async function analyze(code, filename) {
  const blank = typeof code === "string" && !code.trim();  // classify_snippet says why
  const bad = blank ? null : checkCode(code, { maxChars: EXTENSION_MAX_CHARS,
                                               what: "This code block" });
  if (bad) return { error: bad };
  try {
    const info = await boot();
    const runtime = () => ({ version: info.version, bootMs: info.bootMs, mode: info.mode, boots,
                             served });
    // Python says what the text is (one answer for the CLI, the playground and this panel):
    // prose or blank space is not analyzed as if it were broken Python.
    const snippet = filename ? null : await batuta.classify_snippet(code);
    if (snippet && snippet.kind !== "code") {
      served += 1;
      return { ok: { snippet, analysis: null, conversion: null, conversionError: null },
               runtime: runtime() };
    }
    const analysis = await batuta.analyze_code(code, filename || undefined);
    let conversion = null;
    let conversionError = null;
    if (analysis.language === "Python" && !analysis.parse_error) {
      try {
        conversion = await batuta.convert_file(code, filename || "snippet.py");
      } catch (err) {
        conversionError = describeError(err);
      }
    }
    served += 1;
    return { ok: { snippet, analysis, conversion, conversionError }, runtime: runtime() };
  } catch (err) {
    return { error: describeError(err) };
  }
}
