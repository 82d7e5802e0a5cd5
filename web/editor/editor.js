// The playground's code editors: CodeMirror 6 (npm, pinned in package-lock.json), bundled with
// esbuild by build.py into dist/editor/editor.js. The page imports this module after first
// paint, so it never delays Python's boot; until it loads, the plain <textarea> is the editor.
//
// Each editor lives in a shadow root: CodeMirror then puts its styles in a constructed style
// sheet (adoptedStyleSheets), which the page's CSP (style-src 'self', no inline styles) allows;
// in the document it would write a <style> element, which that CSP blocks. The look is a
// CodeMirror theme over the page's colour variables (custom properties inherit into the shadow).
//
// What it adds over CodeMirror's parts: one factory for the Python input and the read-only Rust
// view, light and dark highlight styles following prefers-color-scheme, and "linked lines"
// (a set of highlighted lines that the page sets from the conversion's mappings, plus a
// callback with the line under the pointer or the cursor).
import { Compartment, EditorState, RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration, EditorView, drawSelection, highlightActiveLineGutter, keymap, lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  HighlightStyle, bracketMatching, indentOnInput, indentUnit, syntaxHighlighting,
} from "@codemirror/language";
import { tags as t } from "@lezer/highlight";
import { python } from "@codemirror/lang-python";
import { rust } from "@codemirror/lang-rust";

// Colours chosen for >= 4.5:1 contrast on the editor's background (#ffffff / #15191e).
const LIGHT = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword], color: "#7a1fa2" },
  { tag: [t.string, t.special(t.string), t.character], color: "#a3151a" },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: "#5b6470", fontStyle: "italic" },
  { tag: [t.number, t.bool, t.null], color: "#0b5d1e" },
  { tag: [t.definition(t.variableName), t.function(t.definition(t.variableName))], color: "#0a4a8c" },
  { tag: [t.typeName, t.className, t.namespace], color: "#7a4a00" },
  { tag: [t.macroName, t.attributeName], color: "#005f6b" },
]);
const DARK = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword], color: "#e3a6ff" },
  { tag: [t.string, t.special(t.string), t.character], color: "#ffb3a8" },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: "#a9b4c0", fontStyle: "italic" },
  { tag: [t.number, t.bool, t.null], color: "#9be39f" },
  { tag: [t.definition(t.variableName), t.function(t.definition(t.variableName))], color: "#9ccdff" },
  { tag: [t.typeName, t.className, t.namespace], color: "#ffd27a" },
  { tag: [t.macroName, t.attributeName], color: "#8fe3ee" },
]);

const LOOK = {
  "&": { border: "1px solid var(--border)", borderRadius: "4px", background: "var(--code-bg)",
         color: "var(--fg)", fontSize: "0.92rem" },
  "&.cm-focused": { outline: "3px solid var(--focus)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', lineHeight: "1.45",
                    overflow: "auto" },
  ".cm-gutters": { background: "var(--gutter)", color: "var(--muted)",
                   borderRight: "1px solid var(--line)" },
  ".cm-activeLineGutter": { background: "var(--hover)", color: "var(--fg)" },
  ".cm-content": { caretColor: "var(--fg)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground":
    { background: "var(--selection)" },
  ".cm-linked": { background: "var(--linked)", boxShadow: "inset 3px 0 0 var(--linked-edge)" },
};
const SIZE = {
  input: EditorView.theme({ "&": { height: "100%" } }),  // the page sizes the host
  readonly: EditorView.theme({ "&": { maxHeight: "min(70vh, 40rem)", minHeight: "6rem" } }),
};

const dark = () => window.matchMedia?.("(prefers-color-scheme: dark)").matches;

// --- linked lines: a decoration set replaced as a whole by one effect -------------------------
const setLinked = StateEffect.define();
const linkedField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) if (e.is(setLinked)) return e.value;
    return tr.docChanged ? Decoration.none : deco.map(tr.changes);
  },
  provide: (f) => EditorView.decorations.from(f),
});
const linkedLine = Decoration.line({ class: "cm-linked" });

function lineDecorations(doc, ranges) {
  const lines = new Set();
  for (const [a, b] of ranges) {
    for (let n = Math.max(1, a); n <= Math.min(doc.lines, b); n++) lines.add(n);
  }
  const builder = new RangeSetBuilder();
  for (const n of [...lines].sort((x, y) => x - y)) {
    const from = doc.line(n).from;
    builder.add(from, from, linkedLine);
  }
  return builder.finish();
}

const LANGUAGES = { python, rust };

/**
 * An editor in `parent`.
 * @param {HTMLElement} parent
 * @param {{doc?: string, language?: "python"|"rust"|null, readOnly?: boolean, label: string,
 *          onChange?: () => void, onRun?: () => void,
 *          onLine?: (line: number|null) => void}} options
 */
export function createEditor(parent, { doc = "", language = "python", readOnly = false, label,
                                       onChange, onRun, onLine } = {}) {
  const lang = new Compartment();
  const theme = new Compartment();
  const style = () => syntaxHighlighting(dark() ? DARK : LIGHT);
  const keys = [
    ...(onRun ? [{ key: "Mod-Enter", run: () => { onRun(); return true; } }] : []),
    ...(readOnly ? [] : [indentWithTab]),
    ...defaultKeymap, ...historyKeymap,
  ];
  let lastLine = null;
  const report = (line) => {
    if (line === lastLine || !onLine) return;
    lastLine = line;
    onLine(line);
  };
  const extensions = [
    lineNumbers(), highlightActiveLineGutter(), drawSelection(), history(), bracketMatching(),
    indentOnInput(), indentUnit.of("    "), EditorState.tabSize.of(4),
    lang.of(language && LANGUAGES[language] ? LANGUAGES[language]() : []),
    theme.of(style()), EditorView.theme(LOOK), SIZE[readOnly ? "readonly" : "input"],
    keymap.of(keys), linkedField,
    // tabindex: the content is focusable anyway (contenteditable); saying so lets checkers
    // (axe: scrollable-region-focusable) see that the scrolling box can be reached.
    EditorView.contentAttributes.of({ "aria-label": label, "aria-multiline": "true", tabindex: "0" }),
    EditorState.readOnly.of(readOnly),
    EditorView.updateListener.of((u) => {
      if (u.docChanged && onChange) onChange();  // no text: a 5 MB document is not copied per keystroke
      if (u.selectionSet && u.view.hasFocus) {
        report(u.state.doc.lineAt(u.state.selection.main.head).number);
      }
    }),
    EditorView.domEventHandlers({
      mousemove(ev, view) {
        const pos = view.posAtCoords({ x: ev.clientX, y: ev.clientY });
        report(pos === null ? null : view.state.doc.lineAt(pos).number);
      },
      mouseleave() { report(null); },
    }),
  ];
  const shadow = parent.attachShadow({ mode: "open" });
  const view = new EditorView({ parent: shadow, root: shadow,
                                state: EditorState.create({ doc, extensions }) });
  window.matchMedia?.("(prefers-color-scheme: dark)").addEventListener?.("change", () => {
    view.dispatch({ effects: theme.reconfigure(style()) });
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    setLanguage(name) {
      view.dispatch({ effects: lang.reconfigure(name && LANGUAGES[name] ? LANGUAGES[name]() : []) });
    },
    /** Highlight these [start, end] line ranges (1-based, inclusive); [] clears. */
    setLinked(ranges) {
      view.dispatch({ effects: setLinked.of(lineDecorations(view.state.doc, ranges)) });
    },
    /** The highlighted line numbers, for tests and for scrolling to them. */
    linkedLines() {
      const out = [];
      const deco = view.state.field(linkedField);
      for (let it = deco.iter(); it.value; it.next()) out.push(view.state.doc.lineAt(it.from).number);
      return out;
    },
    /** Put the cursor on `line` and scroll it to the middle of the view. */
    goToLine(line, focus = true) {
      const n = Math.max(1, Math.min(view.state.doc.lines, line));
      const pos = view.state.doc.line(n).from;
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
      if (focus) view.focus();
    },
    /** Scroll `line` to the middle of the view without moving the cursor (the linked side of
     *  a hover: its counterpart is read where the eye looks, not at an edge). */
    reveal(line) {
      const n = Math.max(1, Math.min(view.state.doc.lines, line));
      view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(n).from, { y: "center" }) });
    },
  };
}
