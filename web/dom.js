// Small DOM builders shared by the playground, the documentation elements and the extension
// panel. Everything goes through textContent, never innerHTML: analyzed code is untrusted.

export function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

// A captioned table with column headers; numbers get the "num" class (right-aligned), and an
// empty table says "none" rather than showing nothing.
export function table(caption, headers, rows) {
  const t = el("table");
  t.appendChild(el("caption", caption));
  const head = t.createTHead().insertRow();
  for (const h of headers) {
    const th = el("th", h);
    th.scope = "col";
    head.appendChild(th);
  }
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.appendChild(el("td", cell ?? "", typeof cell === "number" ? "num" : ""));
  }
  if (!rows.length) body.insertRow().appendChild(el("td", "none")).colSpan = headers.length;
  return t;
}
