/* Shared by the pages: one GraphQL call to this gateway, proofs of possession, and safe text rendering. */

/**
 * The tab's proof-of-possession key (DPoP, RFC 9449): an ECDSA P-256 key made at sign-in that cannot be
 * read out of the browser (non-extractable), kept in IndexedDB under an id held in the tab's session
 * storage. The access token is bound to it, so a token copied out of the tab is worth nothing without it.
 */
/** Bytes as base64url without padding, as JWS and PKCE write them. */
const base64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

const proofKeys = (() => {
  const KEY_ID = "ncp.signin.key";
  const open = () =>
    new Promise((resolve, reject) => {
      const request = indexedDB.open("ncp-proof-keys", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("keys");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const run = async (mode, action) => {
    const db = await open();
    try {
      return await new Promise((resolve, reject) => {
        const request = action(db.transaction("keys", mode).objectStore("keys"));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  };
  const encode = (value) => base64url(new TextEncoder().encode(JSON.stringify(value)));

  /** The tab's key, or null before sign-in. */
  async function current() {
    const id = sessionStorage.getItem(KEY_ID);
    return id ? ((await run("readonly", (store) => store.get(id))) ?? null) : null;
  }
  return {
    /** Makes the tab a new key (at sign-in), forgetting the one before. */
    async renew() {
      await this.forget();
      const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
      const { kty, crv, x, y } = await crypto.subtle.exportKey("jwk", pair.publicKey);
      const id = crypto.randomUUID();
      await run("readwrite", (store) =>
        store.put({ privateKey: pair.privateKey, jwk: { kty, crv, x, y } }, id),
      );
      sessionStorage.setItem(KEY_ID, id);
    },
    async forget() {
      const id = sessionStorage.getItem(KEY_ID);
      sessionStorage.removeItem(KEY_ID);
      if (id) await run("readwrite", (store) => store.delete(id));
    },
    /** A proof for one request (`token`: the access token it goes with), or null without a key. */
    async proof(method, url, token) {
      const key = await current();
      if (!key) return null;
      const claims = { jti: crypto.randomUUID(), htm: method, htu: url, iat: Math.floor(Date.now() / 1000) };
      if (token) {
        claims.ath = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
      }
      const input = `${encode({ typ: "dpop+jwt", alg: "ES256", jwk: key.jwk })}.${encode(claims)}`;
      const signature = await crypto.subtle.sign(
        { name: "ECDSA", hash: "SHA-256" },
        key.privateKey,
        new TextEncoder().encode(input),
      );
      return `${input}.${base64url(signature)}`;
    },
  };
})();

window.ncp = {
  base64url,
  proofKeys,
  async graphql(query, variables, token) {
    const headers = { "content-type": "application/json" };
    if (token) {
      headers.authorization = `Bearer ${token}`;
      const proof = await proofKeys.proof("POST", new URL("/graphql", location.origin).href, token);
      if (proof) headers.dpop = proof;
    }
    const response = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  },
  /** Codes of the countries that did not answer, from COUNTRY_UNAVAILABLE errors. */
  unreachable(errors) {
    return [
      ...new Set(
        (errors || [])
          .filter((e) => e.extensions && e.extensions.code === "COUNTRY_UNAVAILABLE")
          .map((e) => e.extensions.country),
      ),
    ];
  },
  /**
   * The page's own texts in the reader's language, from /assets/i18n/<lang>.json (English until a
   * translation is added to LANGUAGES): fills every [data-i18n] element and returns t(key, values).
   */
  async messages() {
    const LANGUAGES = ["en"];
    const wanted = (navigator.languages || [navigator.language]).map((l) => l.slice(0, 2));
    const lang = wanted.find((l) => LANGUAGES.includes(l)) || "en";
    document.documentElement.lang = lang;
    const texts = await (await fetch(`/assets/i18n/${lang}.json`)).json();
    const t = (key, values = {}) =>
      (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    return t;
  },
  el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null) continue;
      if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child);
    return node;
  },
};
