// <batuta-oracle>: ask Batuta's Oracle from a documentation page.
//
//   <batuta-oracle data-size="1M">train a random forest classifier</batuta-oracle>
//   <batuta-oracle editable>convert my sklearn pipeline to Rust</batuta-oracle>
//
// The question is the element's text (or its `query` attribute); `data-size` (1M, 500K, 2B or
// a number) wins over a size in the text; `editable` adds a labelled input to ask again. The
// answer shows the problem class, the recommended component with its confidence and why, the
// supporting components, the compute backend (the same decision as `batuta backend`), the
// distribution advice with its Amdahl figures, the Rust example with a Copy button, and related
// questions as buttons. It shares the page's ONE Worker: batuta.js `init` boots once however
// many elements call it. Loaded by batuta-elements.js; all text is set with textContent.
import * as batuta from "../batuta.js";
import { el } from "../dom.js";

const MAX_QUERY = 2_000;

const SHEET = new CSSStyleSheet();
SHEET.replaceSync(`
:host { display: block; margin: 1rem 0; color: var(--batuta-fg, #111820);
  font: 0.95rem/1.45 var(--batuta-font, system-ui, sans-serif); }
:host([hidden]) { display: none; }
.frame { border: 1px solid var(--batuta-border, #8a96a3); border-radius: var(--batuta-radius, 6px);
  background: var(--batuta-bg, #ffffff); padding: 0.6rem 0.8rem; }
.title { font-weight: 700; color: var(--batuta-accent, #12355b); }
.status { color: var(--batuta-muted, #3d4752); font-size: 0.85rem; margin-left: 0.5rem; }
form { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.4rem 0; }
label { font-weight: 600; width: 100%; }
input { flex: 1 1 14rem; min-width: 0; padding: 0.35rem; font: inherit;
  border: 1px solid var(--batuta-border, #8a96a3); border-radius: 4px; }
button { font: inherit; padding: 0.25rem 0.6rem; cursor: pointer; border-radius: 4px;
  border: 1px solid var(--batuta-border, #8a96a3); background: var(--batuta-code-bg, #f4f6f8);
  color: var(--batuta-fg, #111820); }
:focus-visible { outline: 3px solid var(--batuta-focus, #c25e00); outline-offset: 2px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.8rem; margin: 0.4rem 0; }
dt { font-weight: 600; } dd { margin: 0; }
pre { overflow: auto; max-height: 24rem; padding: 0.45rem; margin: 0.25rem 0;
  font: 0.85rem/1.4 var(--batuta-mono, ui-monospace, "DejaVu Sans Mono", monospace);
  background: var(--batuta-code-bg, #f4f6f8); border: 1px solid var(--batuta-border, #8a96a3);
  border-radius: 4px; }
ul { margin: 0.25rem 0; padding-left: 1.2rem; }
.related { display: flex; flex-wrap: wrap; gap: 0.3rem; list-style: none; padding: 0; }
.error { color: var(--batuta-error, #8b0000); font-weight: 600; }
h3 { font-size: 0.95rem; margin: 0.6rem 0 0.2rem; }
`);

const visible = typeof IntersectionObserver === "undefined" ? null
  : new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      visible.unobserve(entry.target);
      entry.target.ask();
    }
  }, { rootMargin: "200px 0px" });

let uid = 0;

class BatutaOracle extends HTMLElement {
  static get observedAttributes() { return ["query", "data-size"]; }

  connectedCallback() {
    if (!this.shadowRoot) this.render();
    if (visible) visible.observe(this);
    else this.ask();
  }

  disconnectedCallback() {
    if (visible) visible.unobserve(this);
  }

  attributeChangedCallback() {
    if (this.shadowRoot && this.asked) this.ask();
  }

  render() {
    this.uid = `o${++uid}`;
    this.seq = 0;
    const root = this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [SHEET];
    const frame = el("div", null, "frame");
    frame.setAttribute("part", "frame");
    frame.setAttribute("role", "group");
    const title = el("span", this.getAttribute("label") || "Ask the Oracle", "title");
    title.id = `${this.uid}-title`;
    frame.setAttribute("aria-labelledby", title.id);
    this.statusEl = el("span", "Python starts when this is visible", "status");
    this.statusEl.setAttribute("role", "status");
    const head = el("div");
    head.append(title, this.statusEl);
    frame.appendChild(head);
    if (this.hasAttribute("editable")) frame.appendChild(this.renderForm());
    else frame.appendChild(el("p", this.query()));
    this.out = el("div");
    this.out.setAttribute("aria-live", "polite");
    frame.appendChild(this.out);
    root.appendChild(frame);
  }

  renderForm() {
    const form = el("form");
    const label = el("label", "Your question");
    label.htmlFor = `${this.uid}-q`;
    const question = this.query();  // from the text, before the input takes over
    this.input = el("input");
    this.input.id = label.htmlFor;
    this.input.value = question;
    this.input.maxLength = MAX_QUERY;
    form.append(label, this.input, el("button", "Ask"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      this.ask();
    });
    return form;
  }

  query() {
    if (this.input) return this.input.value;
    return (this.getAttribute("query") ?? this.textContent ?? "").trim().replace(/\s+/g, " ");
  }

  /** Ask (again); an older answer arriving late is dropped. */
  async ask(text) {
    this.asked = true;
    if (text !== undefined && this.input) this.input.value = text;
    const seq = ++this.seq;
    const query = text ?? this.query();
    this.setAttribute("state", "working");
    this.statusEl.textContent = "Starting Python…";
    try {
      await batuta.init({ cache: false });  // the one shared Worker
      this.statusEl.textContent = "Thinking…";
      const dataSize = this.getAttribute("data-size") || undefined;
      const answer = await batuta.oracle(query.slice(0, MAX_QUERY), { dataSize });
      if (seq !== this.seq) return;
      this.show(answer);
      this.setAttribute("state", "ready");
      this.statusEl.textContent = "Answered in your browser";
      this.dispatchEvent(new CustomEvent("batuta-result", { detail: answer, bubbles: true }));
    } catch (err) {
      if (seq !== this.seq) return;
      const p = el("p", null, "error");
      p.setAttribute("role", "alert");
      p.append(el("code", err.code || "BATUTA-X-000"), document.createTextNode(` ${err.message}`));
      this.out.replaceChildren(p);
      this.setAttribute("state", "error");
      this.statusEl.textContent = "";
    }
  }

  show(a) {
    const dl = el("dl");
    const row = (k, v) => dl.append(el("dt", k), el("dd", v));
    row("Problem", a.problem_class);
    row("Use", `${a.primary.component} (${Math.round(a.primary.confidence * 100)}%): ${a.primary.rationale}`);
    if (a.primary.path) row("API", a.primary.path);
    if (a.supporting.length) {
      row("With", a.supporting.map((s) => `${s.component} (${Math.round(s.confidence * 100)}%)`).join(", "));
    }
    row("Backend", `${a.compute.backend}: ${a.compute.rationale}`);
    row("Distribute", `${a.distribution.needed ? "yes" : "no"}: ${a.distribution.rationale}`);
    const out = [dl];
    if (a.code_example) {
      const pre = el("pre");
      pre.tabIndex = 0;
      pre.className = "example";
      pre.setAttribute("aria-label", "Rust example");
      pre.appendChild(el("code", a.code_example));
      const copy = el("button", "Copy example");
      copy.type = "button";
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(a.code_example);
          copy.textContent = "Copied";
        } catch {
          copy.textContent = "Select the code to copy it";
        }
      });
      out.push(el("h3", "Rust example"), pre, copy);
    }
    if (a.related_queries.length) {
      const ul = el("ul", null, "related");
      ul.setAttribute("aria-label", "Related questions");
      for (const q of a.related_queries) {
        const b = el("button", q);
        b.type = "button";
        b.addEventListener("click", () => this.ask(q));
        const li = el("li");
        li.appendChild(b);
        ul.appendChild(li);
      }
      out.push(el("h3", "Ask next"), ul);
    }
    this.out.replaceChildren(...out);
  }
}

if (!customElements.get("batuta-oracle")) customElements.define("batuta-oracle", BatutaOracle);
