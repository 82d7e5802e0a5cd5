// Cheap checks on code taken from a page before it crosses into Python: a documentation element
// or the extension must answer a 5 MB block or a <pre> of binary junk with a readable message at
// once, not after minutes of analysis in the worker. Shared by batuta-elements.js and the
// extension (build copies it). Python still enforces its own bounds behind these.

/** Largest snippet a documentation element converts or analyzes live (characters). */
export const DOCS_MAX_CHARS = 200_000;
/** Largest code block the extension analyzes (characters). */
export const EXTENSION_MAX_CHARS = 1_000_000;

const SAMPLE_CHARS = 65_536;
const BINARY_RATIO = 0.05;

function formatSize(chars) {
  if (chars >= 1_000_000) return `${(chars / 1_000_000).toFixed(1)} million characters`;
  return `${chars.toLocaleString("en-US")} characters`;
}

function suspicious(text) {
  // Control characters other than tab/newline/form feed, C1 controls and U+FFFD (what the HTML
  // parser and TextDecoder make of undecodable bytes) mark binary data shown as text.
  let bad = 0;
  const n = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || (c >= 0x7f && c <= 0x9f)
        || c === 0xfffd) bad++;
  }
  return { bad, n };
}

/**
 * Check code before analysis; returns null when it may go to Python, else {code, message}.
 * @param {unknown} text
 * @param {{maxChars?: number, what?: string}} [options]
 */
export function checkCode(text, { maxChars = DOCS_MAX_CHARS, what = "This code" } = {}) {
  if (typeof text !== "string") {
    return { code: "BATUTA-X-001", message: `${what} is not text.` };
  }
  if (text.length > maxChars) {
    return {
      code: "BATUTA-X-002",
      message: `${what} is ${formatSize(text.length)}; this view handles up to `
        + `${formatSize(maxChars)}. Analyze large files with the Batuta CLI or the playground.`,
    };
  }
  if (!text.trim()) {
    return { code: "BATUTA-X-001", message: `${what} is empty: there is nothing to analyze.` };
  }
  const { bad, n } = suspicious(text);
  if (bad >= 8 && bad / n > BINARY_RATIO) {
    const pct = Math.round((100 * bad) / n);
    return {
      code: "BATUTA-X-001",
      message: `${what} does not look like source code: ${pct}% of its characters are control `
        + "or undecodable characters (binary data?).",
    };
  }
  return null;
}

/** A readable one-line text for any error that reaches the UI. */
export function describeError(err) {
  const code = (err && err.code) || "BATUTA-X-031";
  const message = String((err && err.message) || err || "unknown error");
  return { code, message };
}
