// The extension's service worker: turns a toolbar click or the context menu into a job (the
// selected text, or a <pre>/<code> block the user picks on the page), opens the result panel,
// and relays the job to the offscreen document where Python runs. It holds no host permission:
// activeTab lets it read the current page only after the user invoked Batuta there.
import { EXTENSION_MAX_CHARS, checkCode } from "./batuta/batuta-guard.js";

const MENU_ID = "batuta-analyze";
const jobs = new Map();
let nextJob = 1;
let creating = null;

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_ID, title: "Analyze with Batuta",
                               contexts: ["selection", "page"] });
});

chrome.action.onClicked.addListener((tab) => start(tab));
chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID) start(tab);
});

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || msg.target !== "background") return false;
  if (msg.type === "picked" && sender.tab) {
    openPanel({ ...msg.job, tabId: sender.tab.id });
    return false;
  }
  if (msg.type === "job") {
    runJob(Number(msg.id)).then(sendResponse, (err) => sendResponse({
      error: { code: err.code || "BATUTA-W-001", message: String(err.message || err) } }));
    return true;  // answered asynchronously
  }
  return false;
});

async function start(tab) {
  if (!tab || tab.id === undefined) return;
  try {
    const [{ result }] = await chrome.scripting.executeScript({
      target: { tabId: tab.id }, func: grabOrPick });
    if (result && !result.picking) openPanel({ ...result, tabId: tab.id });
  } catch (err) {
    openPanel({ error: { code: "BATUTA-X-001",
                         message: `Batuta cannot read this page (${err.message}).` } });
  }
}

async function openPanel(job) {
  const id = nextJob++;
  jobs.set(id, job);
  // The popup fits the window it comes from (an 800 px screen once got an 860 px popup whose
  // bottom was off screen); the panel scrolls what does not fit.
  const from = await chrome.windows.getLastFocused().catch(() => null);
  const height = Math.max(360, Math.min(760, (from && from.height) || 760));
  const width = Math.max(360, Math.min(760, (from && from.width) || 760));
  const place = from && Number.isFinite(from.top) ? { top: from.top, left: from.left } : {};
  chrome.windows.create({ url: chrome.runtime.getURL(`panel.html?job=${id}`), type: "popup",
                          width, height, ...place });
}

async function runJob(id) {
  const job = jobs.get(id);
  if (!job) return { error: { code: "BATUTA-X-001", message: "This result is no longer available; run Batuta again." } };
  jobs.delete(id);
  const about = { source: job.source || null, url: job.url || null, title: job.title || null,
                  chars: typeof job.code === "string" ? job.code.length : 0,
                  preview: typeof job.code === "string" ? job.code.slice(0, 4000) : "" };
  if (job.error) return { about, error: job.error };
  // Blank text goes on to Python, whose classify_snippet says why nothing is analyzed.
  const blank = typeof job.code === "string" && !job.code.trim();
  const bad = blank ? null : checkCode(job.code, { maxChars: EXTENSION_MAX_CHARS,
                                                    what: "This code block" });
  if (bad) return { about, error: bad };
  await ensureOffscreen();
  const reply = await chrome.runtime.sendMessage({ target: "offscreen", type: "analyze",
                                                   code: job.code, filename: job.filename });
  return { about, ...reply };
}

async function ensureOffscreen() {
  // One offscreen document, created on first use and kept: Python boots once and is reused.
  if (!(await chrome.offscreen.hasDocument())) {
    creating ??= chrome.offscreen.createDocument({
      url: "offscreen.html", reasons: ["WORKERS"],
      justification: "Runs Python (Pyodide) in a Web Worker to analyze code on this computer.",
    }).finally(() => { creating = null; });
    await creating;
  }
  for (let i = 0; i < 100; i++) {  // the document's module script may still be loading
    try {
      const pong = await chrome.runtime.sendMessage({ target: "offscreen", type: "ping" });
      if (pong && pong.ok) return;
    } catch (err) { /* no listener yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw Object.assign(new Error("the analysis context did not start"), { code: "BATUTA-W-002" });
}

// Injected into the page (isolated world) on the user's click; must be self-contained.
function grabOrPick() {
  const selection = String(window.getSelection() || "");
  const about = { url: location.href, title: document.title };
  if (selection.trim()) return { ...about, code: selection, source: "selection" };
  // A selection of blank space only is no code: say so, and offer the picker instead.
  const why = selection ? "The selection is only blank space, so pick a code block instead: " : "";
  if (window.__batutaPicker) return { picking: true };
  const blocks = [...document.querySelectorAll("pre, code")]
    .filter((el) => el.tagName === "PRE" || !el.closest("pre"));
  if (!blocks.length) {
    return { ...about, source: "page", error: { code: "BATUTA-X-001",
      message: `${why ? "The selection is only blank space, and this" : "This"} page has no <pre> or `
        + "<code> block and nothing is selected: select some code first." } };
  }
  const saved = new Map();
  const banner = document.createElement("div");
  banner.setAttribute("role", "status");
  banner.id = "batuta-picker-banner";
  banner.textContent = `Batuta: ${why}click a code block to analyze it (Tab to move, Enter to pick, Esc to cancel)`;
  Object.assign(banner.style, { position: "fixed", top: "0", left: "0", right: "0", zIndex: "2147483647",
    background: "#12355b", color: "#fff", font: "14px system-ui, sans-serif", padding: "8px 12px" });
  const mark = (el, on) => { el.style.outline = on ? "3px solid #c25e00" : saved.get(el).outline; };
  const finish = () => {
    for (const [el, s] of saved) {
      el.style.outline = s.outline;
      if (s.tabIndex === null) el.removeAttribute("tabindex"); else el.setAttribute("tabindex", s.tabIndex);
    }
    banner.remove();
    document.removeEventListener("click", onClick, true);
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("mouseover", onOver, true);
    document.removeEventListener("mouseout", onOut, true);
    document.removeEventListener("focusin", onOver, true);
    document.removeEventListener("focusout", onOut, true);
    delete window.__batutaPicker;
  };
  const pick = (el) => {
    finish();
    chrome.runtime.sendMessage({ target: "background", type: "picked",
      job: { ...about, code: el.textContent, source: "block" } });
  };
  const blockOf = (node) => node instanceof Element && blocks.find((b) => b === node || b.contains(node));
  function onClick(ev) {
    const el = blockOf(ev.target);
    if (!el) return;
    ev.preventDefault();
    ev.stopPropagation();
    pick(el);
  }
  function onKey(ev) {
    if (ev.key === "Escape") { finish(); return; }
    const el = blockOf(ev.target);
    if (ev.key === "Enter" && el) { ev.preventDefault(); pick(el); }
  }
  function onOver(ev) { const el = blockOf(ev.target); if (el) mark(el, true); }
  function onOut(ev) { const el = blockOf(ev.target); if (el) mark(el, false); }
  for (const el of blocks) {
    saved.set(el, { outline: el.style.outline, tabIndex: el.getAttribute("tabindex") });
    el.tabIndex = 0;
  }
  document.body.appendChild(banner);
  document.addEventListener("click", onClick, true);
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("mouseover", onOver, true);
  document.addEventListener("mouseout", onOut, true);
  document.addEventListener("focusin", onOver, true);
  document.addEventListener("focusout", onOut, true);
  window.__batutaPicker = true;
  blocks[0].focus();
  return { picking: true, blocks: blocks.length };
}
