// The survey page: open a survey.db (chosen or dropped), ask Python for its report and show it.
// Glue only: batuta.survey_report(bytes, "view") gives the same tables `batuta survey-report`
// prints and each chart's encoding; tables are built with textContent (dom.js), never
// innerHTML, since paths and names in a survey come from analyzed code.
import * as batuta from "./batuta.js";
import { el, table } from "./dom.js";

const $ = (id) => document.getElementById(id);
// For tests and scripts: how many reports were shown, the last view, and errors seen.
const page = { ready: null, count: 0, last: null, errors: 0, charts: [] };
window.surveyPage = page;
window.batuta = batuta;

async function drawChart(chart) {
  const figure = el("figure");
  const canvas = el("canvas");
  canvas.style.maxWidth = "100%";  // the encoding sets the pixel size; the page sets the fit
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", chart.title);
  figure.append(canvas, el("figcaption", chart.title));
  $("charts").appendChild(figure);
  // The renderer's WGSL path when WebGPU works, its Canvas 2D path otherwise.
  for (const [path, fn] of [["./render/webgpu.js", "renderEncoding"], ["./render/canvas2d.js", "renderEncoding2d"]]) {
    try {
      const mod = await import(path);
      await mod[fn](canvas, chart.encoding, { shaderBase: "shaders/" });
      page.charts.push(fn);
      return fn;
    } catch (err) { console.warn(`batuta: ${fn} failed`, err); }
  }
  return null;
}

async function show(file) {
  $("error").hidden = true;
  $("status").textContent = `Reading ${file.name} (${file.size.toLocaleString("en")} bytes)…`;
  try {
    await page.ready;
    const view = await batuta.survey_report(new Uint8Array(await file.arrayBuffer()), "view");
    $("charts").replaceChildren();
    page.charts = [];
    $("tables").replaceChildren(...view.tables.map((t) => table(t.caption, t.headers, t.rows)));
    $("report").hidden = false;
    const t = view.report.totals;
    $("status").textContent = `${file.name}: ${t.sources.toLocaleString("en")} sources, `
      + `${t.code.toLocaleString("en")} code lines`;
    page.last = view;
    page.count += 1;
    for (const chart of view.charts) await drawChart(chart);
  } catch (err) {
    page.errors += 1;
    $("error").textContent = `${err.code || "error"}: ${err.message}`;
    $("error").hidden = false;
    $("status").textContent = "";
  }
}

function wire() {
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
