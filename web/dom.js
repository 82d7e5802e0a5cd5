// Small DOM builders shared by the playground, the documentation elements and the extension
// panel. Everything goes through textContent, never innerHTML: analyzed code is untrusted.

export function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

// Rows a table shows at most: a 200,000-line repository has thousands of call sites, and a
// page of thousands of rows is neither fast nor readable. The caption says when rows are left
// out, and how many: a cut table must never pass for the whole result.
const FRAMEWORK_NAMES = { numpy: "NumPy", sklearn: "scikit-learn", pytorch: "PyTorch" };

/** A framework id of the Python API ("sklearn") as people write it ("scikit-learn"). */
export function frameworkName(id) {
  return FRAMEWORK_NAMES[id] || id;
}

export const ROW_LIMIT = 200;

// A captioned table with column headers; numbers get the "num" class (right-aligned), and an
// empty table says "none" rather than showing nothing.
export function table(caption, headers, rows, limit = ROW_LIMIT) {
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const t = el("table");
  t.appendChild(el("caption", shown.length < rows.length
    ? `${caption} (first ${shown.length} of ${rows.length.toLocaleString("en")})` : caption));
  const head = t.createTHead().insertRow();
  for (const h of headers) {
    const th = el("th", h);
    th.scope = "col";
    head.appendChild(th);
  }
  const body = t.createTBody();
  for (const row of shown) {
    const tr = body.insertRow();
    for (const cell of row) tr.appendChild(el("td", cell ?? "", typeof cell === "number" ? "num" : ""));
  }
  if (!rows.length) body.insertRow().appendChild(el("td", "none")).colSpan = headers.length;
  if (shown.length < rows.length) {
    const more = t.createTFoot().insertRow().appendChild(
      el("td", `… and ${(rows.length - shown.length).toLocaleString("en")} more rows, not shown`));
    more.colSpan = headers.length;
  }
  return t;
}

// The one-glance summary of an analyze_code result (the extension panel and the documentation
// elements show the same): language, lines, ML frameworks, technical-debt grade.
export function analysisSummary(a) {
  // Python with a syntax error is graded from the parts that parse: the grade says so.
  const unparsed = (a.not_measured_lines || []).reduce((n, [x, y]) => n + y - x + 1, 0);
  const partial = a.syntax_error && unparsed
    ? ` \u2014 partial: ${unparsed.toLocaleString("en-US")} line${unparsed === 1 ? "" : "s"} `
      + "that did not parse are not graded"
    : "";
  const tdg = a.tdg && a.tdg.score !== null
    ? `${a.tdg.grade} (${a.tdg.score.toFixed(1)}/100)${partial}` : "not measured";
  const frameworks = [a.has_numpy && "NumPy", a.has_sklearn && "scikit-learn",
                      a.has_pytorch && "PyTorch"].filter(Boolean);
  const dl = el("dl");
  dl.append(el("dt", "Language"), el("dd", a.language, "language"),
            el("dt", "Lines"), el("dd", `${a.code} code, ${a.comment} comment, ${a.blank} blank`),
            el("dt", "ML frameworks"), el("dd", frameworks.join(", ") || "none", "frameworks"),
            el("dt", "Technical debt"), el("dd", tdg, partial && tdg !== "not measured"
              ? "tdg partial" : "tdg"));
  return dl;
}
