// How client code finds the site and its data, in every delivery mode.
//
// The site loads one classic script (aruntime.js, built from these modules by
// client_delivery.py) and the build's contract (contract.js) in <head>, so the
// same code runs over http(s), after Material's instant navigation (the head
// is never swapped) and from a folder (file://), where browsers load neither
// ES modules nor fetched JSON. Data files are JSON over http(s); an offline
// build also writes each as a script (`<file>.js`) that registers it here.

const DATA = "ARuntimeData";
let root = null;

/** Values Python owns (client_contract.py), from contract.js. */
export function contract() {
  const value = globalThis.ARuntimeContract;
  if (!value) throw new Error("contract.js did not load (self.ARuntimeContract is missing)");
  return value;
}

/** Absolute URL of the site root, from the address the client script was loaded from. */
export function siteRoot() {
  if (!root) {
    const script = document.querySelector("script[data-ar-client]");
    // aruntime.js lives at <root>/assets/aruntime/js/; its src is absolute once parsed.
    root = script ? new URL("../../../", script.src) : new URL("./", document.baseURI);
  }
  return root;
}

/** A site-root-relative path (from the build) as an absolute URL. */
export function siteUrl(path) {
  return new URL(path, siteRoot()).href;
}

export const offline = () => location.protocol === "file:";

const scripts = new Map();

/** Load a classic script once; resolves when it has run. */
export function loadScript(src) {
  if (!scripts.has(src)) {
    const promise = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.append(script);
    });
    promise.catch(() => scripts.delete(src));
    scripts.set(src, promise);
  }
  return scripts.get(src);
}

/**
 * Parsed JSON of a site file, by site-root-relative path. Over http(s) it is
 * fetched; from file:// its script twin `<path>.js` is loaded, which stores the
 * data in self.ARuntimeData[path].
 */
export async function loadData(path, { fresh = false } = {}) {
  if (offline()) {
    const store = (globalThis[DATA] = globalThis[DATA] || {});
    if (!(path in store)) await loadScript(siteUrl(path + ".js"));
    if (!(path in store)) throw new Error(`${path}.js did not register its data`);
    return store[path];
  }
  const url = siteUrl(path);
  const response = await fetch(url, fresh ? { cache: "no-cache" } : {});
  if (!response.ok) throw new Error(`${response.status} for ${url}`);
  return response.json();
}

export function logError(err) {
  console.error("[aruntime]", err);
}
