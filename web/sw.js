// Service worker: precaches every file of this build (manifest.json lists them with hashes) so
// that after one visit the playground boots and analyzes with the network off. build.py writes
// the build id below; a new build therefore installs a new worker and a fresh cache.
const BUILD = "__BUILD_ID__";
const CACHE = `batuta-${BUILD}`;
const SCOPE = new URL("./", self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const res = await fetch(new URL("manifest.json", SCOPE), { cache: "no-store" });
    const manifest = await res.json();
    const cache = await caches.open(CACHE);
    const urls = ["./", "manifest.json", ...Object.keys(manifest.files)];
    await cache.addAll(urls.map((u) => new Request(new URL(u, SCOPE), { cache: "no-store" })));
    // The first worker takes over at once. A new build waits while a page of the old one is
    // open (that page would otherwise load the new build's files beside its own); the page
    // offers the update and sends "skipWaiting" when the user accepts it.
  })());
});

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
