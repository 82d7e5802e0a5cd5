// The survey page: open a survey.db (chosen or dropped), ask Python for its report and show it.
// Glue only: batuta.survey_report(bytes, "view") gives the same tables `batuta survey-report`
// prints and each chart's encoding; tables are built with textContent (dom.js), never
// innerHTML, since paths and names in a survey come from analyzed code.
// Charts are laid out at the width of their column in CSS pixels and drawn at the device pixel
// ratio (the canvas' backing store is its CSS size times the ratio, text rasterized at that
// size); a resize of the column or a new ratio asks Python for the charts again at the new size.
import * as batuta from "./batuta.js";
import { el, table } from "./dom.js";
import { chartPixelRatio, watchPixelRatio } from "./render/pixel-ratio.js";

const $ = (id) => document.getElementById(id);
// For tests and scripts: how many reports were shown, the last view, errors seen, the renderer
// of each chart drawn, and how many times the charts were drawn again for a new size or ratio.
const page = { ready: null, count: 0, last: null, errors: 0, charts: [], redraws: 0, layout: null };
window.surveyPage = page;
window.batuta = batuta;
let db = null;  // the open survey.db's bytes, asked again for charts at a new size
let drawing = 0;  // the latest chart drawing; an older one still running stops drawing

// The charts' column width in CSS pixels: the report card's, or before it is shown the open
// card's (the same width: both are .card in <main>), less its padding.
function chartLayout() {
  const box = $("report").hidden ? $("drop") : $("charts");
  const style = getComputedStyle(box);
  const pad = (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.paddingRight) || 0);
  const width = Math.max(240, Math.floor(box.clientWidth - pad) || 960);
  return { width, scale: chartPixelRatio() };
}

async function drawChart(chart, scale, seq) {
  const figure = el("figure");
  const canvas = el("canvas");
  // Exactly the chart's CSS size, so its backing store (that times the ratio) maps one to one
  // onto device pixels; max-width keeps a column narrowed before the redraw from overflowing.
  canvas.style.width = `${chart.width}px`;
  canvas.style.height = `${chart.height}px`;
  canvas.style.maxWidth = "100%";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", chart.title);
  figure.append(canvas, el("figcaption", chart.title));
  $("charts").appendChild(figure);
  // The renderer's WGSL path when WebGPU works, its Canvas 2D path otherwise.
  for (const [path, fn] of [["./render/webgpu.js", "renderEncoding"], ["./render/canvas2d.js", "renderEncoding2d"]]) {
    if (seq !== drawing) return null;
    try {
      const mod = await import(path);
      await mod[fn](canvas, chart.encoding, { shaderBase: "shaders/" });
      canvas.dataset.pixelRatio = String(scale);
      canvas.dataset.renderer = fn;
      page.charts.push(fn);
      return fn;
    } catch (err) { console.warn(`batuta: ${fn} failed`, err); }
  }
  return null;
}

async function drawCharts(charts, layout) {
  const seq = ++drawing;
  $("charts").replaceChildren();
  page.charts = [];
  page.layout = layout;
  for (const chart of charts) {
    if (seq !== drawing) return;
    await drawChart(chart, layout.scale, seq);
  }
}

// A new column width or pixel ratio: the charts again at that size (debounced, since a window
// drag resizes many times).
let redrawTimer = null;
function redrawSoon() {
  clearTimeout(redrawTimer);
  redrawTimer = setTimeout(redraw, 150);
}
async function redraw() {
  if (!db || $("report").hidden) return;
  const layout = chartLayout();
  if (page.layout && layout.width === page.layout.width && layout.scale === page.layout.scale) return;
  try {
    const charts = await batuta.survey_report(db, "charts", layout);
    page.redraws += 1;
    await drawCharts(charts, layout);
  } catch (err) { console.warn("batuta: survey charts failed", err); }
}

async function show(file) {
  $("error").hidden = true;
  $("status").textContent = `Reading ${file.name} (${file.size.toLocaleString("en")} bytes)…`;
  try {
    await page.ready;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const layout = chartLayout();
    const view = await batuta.survey_report(bytes, "view", layout);
    db = bytes;
    $("tables").replaceChildren(...view.tables.map((t) => table(t.caption, t.headers, t.rows)));
    $("report").hidden = false;
    const t = view.report.totals;
    $("status").textContent = `${file.name}: ${t.sources.toLocaleString("en")} sources, `
      + `${t.code.toLocaleString("en")} code lines`;
    page.last = view;
    page.count += 1;
    await drawCharts(view.charts, layout);
    redrawSoon();  // the card now shown may be narrower than the one measured (a scrollbar)
  } catch (err) {
    page.errors += 1;
    $("error").textContent = `${err.code || "error"}: ${err.message}`;
    $("error").hidden = false;
    $("status").textContent = "";
  }
}

function wire() {
  new ResizeObserver(redrawSoon).observe($("charts"));
  watchPixelRatio(redrawSoon);
  $("survey-input").addEventListener("change", (ev) => {
    if (ev.target.files.length) show(ev.target.files[0]);
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (ev) => ev.preventDefault());
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    const file = ev.dataTransfer && ev.dataTransfer.files[0];
    if (file) show(file);
  });
}

wire();
page.ready = batuta.init({
  onProgress: (stage, fraction) => {
    $("boot-progress").value = fraction;
    $("boot-label").textContent = `Starting Python: ${stage}`;
  },
}).then((info) => {
  $("boot-progress").value = 1;
  $("boot-label").textContent = `Python ready (${info.mode} boot)`;
  return info;
});
