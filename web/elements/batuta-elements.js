// Documentation elements: <batuta-convert> and <batuta-analyze>, dropped into any page with one
// script tag:
//
//   <script type="module" src="/batuta/elements/batuta-elements.js"></script>
//   <batuta-convert framework="numpy" data-size="1000000">c = np.dot(a, b)</batuta-convert>
//   <batuta-analyze filename="train.py">import torch ...</batuta-analyze>
//
// Every element on a page shares the ONE Worker that batuta.js `init` starts; Python boots when
// the first element scrolls into view (IntersectionObserver), and each element does its own work
// only once it is visible. Results go to aria-live regions, editors are labelled textareas, and
// the look follows CSS custom properties (--batuta-bg, --batuta-fg, --batuta-accent, --batuta-
// border, --batuta-muted, --batuta-error, --batuta-radius, --batuta-font, --batuta-mono). All text
// from code and results is set with textContent: the analyzed code is untrusted.
import * as batuta from "../batuta.js";
import { analysisSummary, el, table } from "../dom.js";
import { DOCS_MAX_CHARS, checkCode, describeError } from "./batuta-guard.js";
import "./batuta-oracle.js";  // <batuta-oracle>: the Oracle, on the same shared Worker

const CONVERTERS = {
  numpy: (code, size) => batuta.convert_numpy(code, size),
  sklearn: (code, size) => batuta.convert_sklearn(code, size),
  pytorch: (code, size) => batuta.convert_pytorch(code, size),
  auto: (code) => batuta.convert_file(code, "snippet.py"),
};
const TITLES = { numpy: "NumPy → Trueno", sklearn: "scikit-learn → Aprender",
                 pytorch: "PyTorch → Realizar", auto: "Python → Rust" };

// Constructable stylesheet: allowed under a strict CSP (style-src 'self'), unlike <style>.
const SHEET = new CSSStyleSheet();
SHEET.replaceSync(`
:host { display: block; margin: 1rem 0; color: var(--batuta-fg, #111820);
  font: 0.95rem/1.45 var(--batuta-font, system-ui, sans-serif); }
:host([hidden]) { display: none; }
.frame { border: 1px solid var(--batuta-border, #8a96a3); border-radius: var(--batuta-radius, 6px);
  background: var(--batuta-bg, #ffffff); padding: 0.6rem 0.8rem; }
.head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline;
  justify-content: space-between; }
.title { font-weight: 700; color: var(--batuta-accent, #12355b); }
.status { color: var(--batuta-muted, #3d4752); font-size: 0.85rem; }
progress { width: 8rem; height: 0.7rem; vertical-align: middle; }
label { display: block; font-weight: 600; margin-top: 0.4rem; }
.hint { margin: 0.2rem 0; color: var(--batuta-muted, #3d4752); font-size: 0.85rem; }
textarea, pre { box-sizing: border-box; width: 100%; margin: 0.25rem 0; padding: 0.45rem;
  font: 0.88rem/1.4 var(--batuta-mono, ui-monospace, "DejaVu Sans Mono", monospace);
  color: var(--batuta-fg, #111820); background: var(--batuta-code-bg, #f4f6f8);
  border: 1px solid var(--batuta-border, #8a96a3); border-radius: 4px; }
pre { overflow: auto; max-height: 24rem; white-space: pre; }
textarea { resize: vertical; }
:focus-visible { outline: 3px solid var(--batuta-focus, #c25e00); outline-offset: 2px; }
.error { color: var(--batuta-error, #8b0000); font-weight: 600; margin: 0.4rem 0; }
.error code { font-weight: 700; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.15rem 0.8rem;
  margin: 0.4rem 0; }
dt { font-weight: 600; }
dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
ul { margin: 0.25rem 0; padding-left: 1.2rem; }
.scroll { overflow-x: auto; max-width: 100%; }
.stale { opacity: 0.65; }
table { border-collapse: collapse; margin: 0.3rem 0; }
caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
th, td { border: 1px solid var(--batuta-border, #8a96a3); padding: 0.15rem 0.45rem; text-align: left;
  vertical-align: top; }
td code, td { overflow-wrap: anywhere; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
h3 { font-size: 0.95rem; margin: 0.6rem 0 0.2rem; }
.backend { font-weight: 700; }
`);

// --- one shared boot ------------------------------------------------------------------------------
const boot = { promise: null, stage: "waiting", fraction: 0, listeners: new Set() };

function notifyBoot() {
  for (const fn of boot.listeners) fn(boot.stage, boot.fraction);
}

/** Start Python once for the whole page; every element awaits the same Promise. */
export function bootBatuta() {
  if (!boot.promise) {
    boot.stage = "starting";
    notifyBoot();
    boot.promise = batuta.init({
      cache: false,  // a documentation site has no Batuta service worker to clear old builds
      onProgress: (stage, fraction) => {
        boot.stage = stage;
        boot.fraction = fraction;
        notifyBoot();
      },
    }).then((info) => {
      boot.stage = "ready";
      boot.fraction = 1;
      notifyBoot();
      return info;
    }, (err) => {
      boot.promise = null;  // a failed boot may be retried by the next visible element
      boot.stage = "failed";
      notifyBoot();
      throw err;
    });
  }
  return boot.promise;
}

const observer = typeof IntersectionObserver === "undefined" ? null
  : new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      entry.target.becameVisible();
    }
  }, { rootMargin: "200px 0px" });

// --- small DOM helpers ----------------------------------------------------------------------------

// A table scrolls inside its own box (a long Rust path once made the element 2,800 px wide);
// the box is focusable so the keyboard can scroll it too.
function scroll(tableNode) {
  const box = el("div", null, "scroll");
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  const caption = tableNode.querySelector("caption");
  box.setAttribute("aria-label", caption ? caption.textContent : "table");
  box.appendChild(tableNode);
  return box;
}

function dedent(text) {
  const lines = text.replace(/\r\n?/g, "\n").replace(/^\s*\n/, "").replace(/\s+$/, "").split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n");
}


let uid = 0;
const SHOWN_CHARS = 20_000;

// --- shared element behaviour ---------------------------------------------------------------------
class BatutaElement extends HTMLElement {
  constructor() {
    super();
    this.uid = `b${++uid}`;
    this.seq = 0;
    this.visible = false;
    this.timer = null;
    this.override = null;
    this.onBoot = (stage, fraction) => this.showBoot(stage, fraction);
  }

  connectedCallback() {
    if (!this.shadowRoot) this.render();
    boot.listeners.add(this.onBoot);
    this.showBoot(boot.stage, boot.fraction);
    if (observer) observer.observe(this);
    else this.becameVisible();
  }

  disconnectedCallback() {
    boot.listeners.delete(this.onBoot);
    if (observer) observer.unobserve(this);
    clearTimeout(this.timer);
  }

  render() {
    const root = this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [SHEET];
    this.source = dedent(this.textContent || "");
    const frame = el("div", null, "frame");
    frame.setAttribute("part", "frame");
    const head = el("div", null, "head");
    this.titleEl = el("span", this.heading(), "title");
    this.titleEl.id = `${this.uid}-title`;
    this.statusEl = el("span", "", "status");
    this.statusEl.setAttribute("role", "status");
    this.progressEl = el("progress");
    this.progressEl.max = 1;
    this.progressEl.setAttribute("aria-label", "Python start-up");
    head.append(this.titleEl, this.statusEl, this.progressEl);
    this.out = el("div", null, "out");
    this.out.setAttribute("aria-live", "polite");
    this.out.setAttribute("aria-labelledby", this.titleEl.id);
    // The error and the last result sit apart: an error (a half-typed line) shows above the
    // last good result, which stays, marked as older; the next result clears the error.
    this.errorBox = el("div", null, "errors");
    this.resultBox = el("div", null, "result");
    this.out.append(this.errorBox, this.resultBox);
    frame.append(head, ...this.renderInput(), this.out);
    frame.setAttribute("role", "group");
    frame.setAttribute("aria-labelledby", this.titleEl.id);
    root.appendChild(frame);
    this.setState("idle");
  }

  setState(state) {
    this.setAttribute("state", state);
    this.out.setAttribute("aria-busy", String(state === "loading" || state === "working"));
  }

  showBoot(stage, fraction) {
    if (!this.statusEl) return;
    const ready = stage === "ready";
    this.progressEl.hidden = ready || stage === "failed" || stage === "waiting";
    this.progressEl.value = fraction || 0;
    if (stage === "waiting") this.statusEl.textContent = "Python starts when this example is visible";
    else if (stage === "failed") this.statusEl.textContent = "Python could not start";
    else if (!ready) this.statusEl.textContent = `Starting Python (${stage})…`;
    else if (this.getAttribute("state") === "working") this.statusEl.textContent = "Working…";
    else if (this.getAttribute("state") === "error") this.statusEl.textContent = "Stopped at an error (see below)";
    else this.statusEl.textContent = "Python ready, runs in your browser";
  }

  becameVisible() {
    if (this.visible) return;
    this.visible = true;
    this.run();
  }

  /** Run now (after boot); stale answers of older runs are dropped. */
  async run() {
    if (!this.visible) return;
    const seq = ++this.seq;
    const code = this.currentCode();
    const bad = checkCode(code, { maxChars: this.maxChars(), what: "This code" });
    if (bad) {
      this.showError(bad);
      return;
    }
    this.setState(boot.stage === "ready" ? "working" : "loading");
    try {
      await bootBatuta();
      if (seq !== this.seq) return;
      this.setState("working");
      this.showBoot(boot.stage, boot.fraction);
      const result = await this.compute(code);
      if (seq !== this.seq) return;
      this.errorBox.replaceChildren();
      this.resultBox.classList.remove("stale");
      this.showResult(result);
      this.setState("ready");
      this.showBoot(boot.stage, boot.fraction);
      this.dispatchEvent(new CustomEvent("batuta-result", { detail: result, bubbles: true }));
    } catch (err) {
      if (seq === this.seq) this.showError(describeError(err));
    }
  }

  schedule() {
    clearTimeout(this.timer);
    const wait = Number.parseInt(this.getAttribute("debounce") || "400", 10);
    this.timer = setTimeout(() => this.run(), Number.isFinite(wait) && wait >= 0 ? wait : 400);
  }

  maxChars() {
    const n = Number.parseInt(this.getAttribute("max-chars") || "", 10);
    return Number.isSafeInteger(n) && n > 0 ? n : DOCS_MAX_CHARS;
  }

  dataSize() {
    const raw = this.getAttribute("data-size");
    if (raw === null || raw.trim() === "") return undefined;
    const n = Number(raw.replaceAll("_", "").replaceAll(",", ""));
    if (!Number.isSafeInteger(n) || n < 1) {
      throw Object.assign(new Error(`data-size must be a positive whole number, not "${raw}"`),
                          { code: "BATUTA-X-001" });
    }
    return n;
  }

  showError({ code, message }) {
    const p = el("p", null, "error");
    p.setAttribute("role", "alert");
    p.append(el("code", code), document.createTextNode(` ${message}`));
    const kept = [p];
    if (this.resultBox.childElementCount && !this.resultBox.classList.contains("stale")) {
      kept.push(el("p", "Below: the result of the code as it last worked.", "hint"));
    }
    this.errorBox.replaceChildren(...kept);
    this.resultBox.classList.toggle("stale", this.resultBox.childElementCount > 0);
    this.setState("error");
    if (this.statusEl) this.statusEl.textContent = "Stopped at an error (see below)";
    this.dispatchEvent(new CustomEvent("batuta-error", { detail: { code, message }, bubbles: true }));
  }

  editor(labelText, hintText) {
    const label = el("label", labelText);
    label.htmlFor = `${this.uid}-src`;
    this.input = el("textarea");
    this.input.id = `${this.uid}-src`;
    this.input.spellcheck = false;
    // Chromium takes minutes to lay out a multi-megabyte textarea: text over the bound never
    // enters the editor; it is kept aside so the reader sees the error instead.
    if (this.source.length > this.maxChars()) this.override = this.source;
    else this.input.value = this.source;
    this.input.rows = Math.min(16, Math.max(3, this.input.value.split("\n").length + 1));
    this.input.setAttribute("autocapitalize", "off");
    this.input.setAttribute("autocomplete", "off");
    const hint = el("p", hintText, "hint");
    hint.id = `${this.uid}-hint`;
    this.input.setAttribute("aria-describedby", hint.id);
    this.input.addEventListener("beforeinput", (ev) => this.guardPaste(ev));
    this.input.addEventListener("input", () => {
      this.override = null;
      this.schedule();
    });
    this.input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        clearTimeout(this.timer);
        this.run();
      }
    });
    return [label, this.input, hint];
  }

  guardPaste(ev) {
    const added = ev.data ?? (ev.dataTransfer ? ev.dataTransfer.getData("text/plain") : "");
    const { selectionStart: a, selectionEnd: b, value } = this.input;
    const length = value.length - (b - a) + added.length;
    if (length <= this.maxChars()) return;
    ev.preventDefault();
    clearTimeout(this.timer);
    this.seq++;  // an answer for the older text must not replace the error
    this.showError(checkCode(added.length > this.maxChars() ? added : value + added,
                             { maxChars: this.maxChars(), what: "The pasted code" }));
  }

  currentCode() {
    if (this.override !== null && this.override !== undefined) return this.override;
    return this.input ? this.input.value : this.source;
  }

  /** The code in the element (what the reader typed, for editable elements). */
  get value() {
    return this.currentCode();
  }

  set value(text) {
    const code = String(text);
    this.override = null;
    if (!this.input) {
      this.source = code;
      this.showSource();
    } else if (code.length > this.maxChars()) {
      this.override = code;
    } else {
      this.input.value = code;
    }
    this.schedule();
  }
}

// --- <batuta-convert> -----------------------------------------------------------------------------
class BatutaConvert extends BatutaElement {
  static get observedAttributes() { return ["framework", "data-size"]; }

  framework() {
    const f = (this.getAttribute("framework") || "auto").trim().toLowerCase();
    return f in CONVERTERS ? f : null;
  }

  heading() {
    return `Convert ${TITLES[this.framework()] || "to Rust"}`;
  }

  renderInput() {
    return this.editor("Python code", "Edit the code: the Rust below follows (Ctrl+Enter converts now).");
  }

  attributeChangedCallback() {
    if (!this.shadowRoot) return;
    this.titleEl.textContent = this.heading();
    this.schedule();
  }

  async compute(code) {
    const framework = this.framework();
    if (!framework) {
      throw Object.assign(new Error(`framework must be numpy, sklearn, pytorch or auto, not `
        + `"${this.getAttribute("framework")}"`), { code: "BATUTA-X-001" });
    }
    return CONVERTERS[framework](code, this.dataSize());
  }

  showResult(r) {
    const out = [];
    const label = el("h3", "Rust");
    label.id = `${this.uid}-rust`;
    const pre = el("pre");
    pre.tabIndex = 0;  // scrollable by keyboard
    pre.setAttribute("aria-labelledby", label.id);
    pre.className = "rust";
    pre.appendChild(el("code", r.rust_code || "// nothing to convert"));
    out.push(label, pre);
    const dl = el("dl");
    dl.append(el("dt", "Backend"), el("dd", r.backend_recommendation || "—", "backend"));
    if (r.explanation) dl.append(el("dt", "Why"), el("dd", r.explanation));
    out.push(dl);
    if (r.mappings && r.mappings.length) {
      out.push(scroll(table("Mapped constructs", ["Python", "Rust", "Line", "Complexity"],
        r.mappings.map((m) => [m.python, m.rust, m.span ? m.span.line : "", m.complexity || ""]))));
    }
    if (r.unsupported && r.unsupported.length) {
      const ul = el("ul");
      for (const u of r.unsupported) {
        ul.appendChild(el("li", `${u.python || u.symbol || "construct"}: ${u.reason || ""}`));
      }
      out.push(el("h3", "Not converted"), ul);
    }
    this.resultBox.replaceChildren(...out);
  }
}

// --- <batuta-analyze> -----------------------------------------------------------------------------
class BatutaAnalyze extends BatutaElement {
  static get observedAttributes() { return ["filename", "data-size"]; }

  heading() {
    return this.getAttribute("label") || "Batuta analysis";
  }

  renderInput() {
    if (this.hasAttribute("editable")) {
      return this.editor("Code to analyze", "Edit the code: the analysis follows (Ctrl+Enter runs now).");
    }
    this.sourcePre = el("pre");
    this.sourcePre.tabIndex = 0;
    this.sourcePre.setAttribute("aria-label", "Analyzed code");
    this.showSource();
    return [this.sourcePre];
  }

  showSource() {
    if (!this.sourcePre) return;
    // Only the start of a huge block is shown: laying out megabytes of <pre> freezes the page.
    const shown = this.source.length > SHOWN_CHARS
      ? `${this.source.slice(0, SHOWN_CHARS)}\n… (${this.source.length.toLocaleString("en-US")} characters in all)`
      : this.source;
    this.sourcePre.replaceChildren(el("code", shown));
  }

  attributeChangedCallback() {
    if (this.shadowRoot) this.schedule();
  }

  async compute(code) {
    const size = this.dataSize() ?? 1_000_000;
    const filename = this.getAttribute("filename") || undefined;
    const analysis = await batuta.analyze_code(code, filename);
    const advice = [];
    const python = analysis.language === "Python" && !analysis.parse_error;
    if (python && (analysis.has_numpy || analysis.has_sklearn || analysis.has_pytorch)) {
      // Backend advice per operation the converters recognise, at the element's data size.
      const conversion = await batuta.convert_file(code, filename || "snippet.py");
      // Recognized calls count whether or not their statement could be typed into Rust.
      const seen = [...conversion.mappings, ...(conversion.unsupported || [])];
      const ops = [...new Set(seen.map((m) => m.operation).filter(Boolean))];
      for (const op of ops) advice.push(await batuta.backend_recommend(op, size));
    }
    return { analysis, advice, dataSize: size };
  }

  showResult({ analysis: a, advice, dataSize }) {
    const out = [];
    out.push(analysisSummary(a));
    if (a.parse_error) {
      const p = el("p", null, "error");
      p.setAttribute("role", "alert");
      p.append(el("code", "BATUTA-T-002"), document.createTextNode(` could not parse: ${a.parse_error}`));
      out.push(p);
    }
    if (a.frameworks.length) {
      out.push(scroll(table("ML call sites", ["Framework", "Symbol", "Line", "Rust?"],
        a.frameworks.map((s) => [s.framework, s.symbol, s.line, s.convertible ? "yes" : "no"]))));
    }
    if (a.functions.length) {
      out.push(scroll(table("Complexity", ["Function", "Line", "Cyclomatic", "Cognitive", "Band"],
        a.functions.map((f) => [f.name, f.line, f.cyclomatic, f.cognitive, f.band]))));
    }
    if (advice.length) {
      const ul = el("ul");
      for (const d of advice) {
        const li = el("li");
        li.append(el("strong", `${d.operation}: ${d.backend}`), document.createTextNode(` — ${d.rationale}`));
        ul.appendChild(li);
      }
      out.push(el("h3", `Backend advice at n = ${dataSize.toLocaleString("en-US")}`), ul);
    } else if (a.has_numpy || a.has_sklearn || a.has_pytorch) {
      out.push(el("p", "No operation with a backend choice (dot, matmul, fit, …) was found.", "hint"));
    }
    this.resultBox.replaceChildren(...out);
  }
}

if (!customElements.get("batuta-convert")) customElements.define("batuta-convert", BatutaConvert);
if (!customElements.get("batuta-analyze")) customElements.define("batuta-analyze", BatutaAnalyze);
