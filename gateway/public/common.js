/* Shared by the pages: one GraphQL call to this gateway, and safe text rendering. */
window.ncp = {
  async graphql(query, variables, token) {
    const headers = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
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
