// Service worker: precaches every file of this build (manifest.json lists them with hashes) so
// that after one visit the playground boots and analyzes with the network off. build.py writes
// the build id below; a new build therefore installs a new worker and a fresh cache.
const BUILD = "__BUILD_ID__";
const CACHE = `batuta-${BUILD}`;
const SCOPE = new URL("./", self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const manifestUrl = new URL("manifest.json", SCOPE).href;
    const res = await fetch(manifestUrl, { cache: "no-cache" });
    if (!res.ok) throw new Error(`cannot fetch manifest.json: HTTP ${res.status}`);
    await cache.put(manifestUrl, res.clone());
    const manifest = await res.json();
    // Small files first: the boot files (snapshot, wasm, zips) are the worker's to download
    // on a first visit, and by the time the install reaches them they are usually cached.
    const boot = new Set([manifest.snapshot, manifest.site?.path, "pyodide/pyodide.asm.wasm",
                          "pyodide/python_stdlib.zip"]);
    const files = Object.keys(manifest.files);
    const urls = ["./", ...files.filter((f) => !boot.has(f)), ...files.filter((f) => boot.has(f))];
    let next = 0;
    const lane = async () => {
      while (next < urls.length) await precache(cache, new URL(urls[next++], SCOPE).href);
    };
    await Promise.all([lane(), lane(), lane(), lane()]);  // 4 at a time: the page needs the rest
    // The first worker takes over at once. A new build waits while a page of the old one is
    // open (that page would otherwise load the new build's files beside its own); the page
    // offers the update and sends "skipWaiting" when the user accepts it.
  })());
});

// Each byte crosses the network once on a first visit: this precache and the page's worker
// (worker.js, readThrough) both read a file through this build's cache under one Web Lock a
// file, so whichever asks first downloads it and the other finds it cached. The rest (the
// page, its scripts) the page has just loaded: "no-cache" revalidates them against the HTTP
// cache (a 304, no body) instead of "no-store" downloading them again.
async function precache(cache, href) {
  const fill = async () => {
    if (await cache.match(href)) return;
    const res = await fetch(href, { cache: "no-cache" });
    if (!res.ok) throw new Error(`cannot precache ${href}: HTTP ${res.status}`);
    await cache.put(href, res);
  };
  return self.navigator.locks ? self.navigator.locks.request(`batuta-fetch ${href}`, fill) : fill();
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skipWaiting") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("batuta-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || !req.url.startsWith(SCOPE)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Exact match first: ignoreSearch makes the cache scan every entry (slow for big caches);
    // only navigations (?sample=1) need it.
    const hit = (await cache.match(req)) || (req.mode === "navigate"
      ? await cache.match(req, { ignoreSearch: true }) : undefined);
    if (hit) return hit;
    try {
      return await fetch(req);
    } catch (err) {
      // Offline and not precached: a navigation still gets the playground page.
      if (req.mode === "navigate") {
        const page = await cache.match(new URL("./", SCOPE));
        if (page) return page;
      }
      throw err;
    }
  })());
});
