(function () {
  const { graphql, unreachable, el } = window.ncp;
  const FIELDS = "id name kind services languages regions description website email phone";
  const label = (value) => value.toLowerCase().replace(/_/g, " ");

  /** One query: every country (or one), each answering from its own registry. */
  function query(country) {
    const args = "(service: $service, language: $language)";
    const partners = `partners${args} { ${FIELDS} }`;
    return country
      ? `query PartnerSearch($code: ID!, $service: PartnerService, $language: String) { country(code: $code) { code name ${partners} } }`
      : `query PartnerSearch($service: PartnerService, $language: String) { countries { code name ${partners} } }`;
  }

  function partnerCard(p) {
    return el(
      "div",
      { class: "contact", "data-partner": p.id },
      el("strong", {}, p.name),
      el("span", { class: "muted" }, label(p.kind)),
      p.description ? el("div", {}, p.description) : null,
      el("div", { class: "muted" }, `Services: ${p.services.map(label).join(", ")}`),
      el("div", { class: "muted" }, `Languages: ${p.languages.join(", ")}`),
      el("div", { class: "muted" }, `Serves: ${p.regions.join(", ")}`),
      el("div", {}, el("a", { href: `mailto:${p.email}` }, p.email)),
      p.phone ? el("div", {}, p.phone) : null,
      p.website ? el("div", {}, el("a", { href: p.website, rel: "noopener" }, p.website)) : null,
    );
  }

  async function search(event) {
    if (event) event.preventDefault();
    const status = document.getElementById("status");
    const results = document.getElementById("results");
    const service = document.getElementById("service").value || null;
    const language = document.getElementById("language").value.trim().toLowerCase() || null;
    const code = document.getElementById("country").value;
    status.className = "muted";
    status.textContent = "Searching every country's registry...";
    delete status.dataset.loaded;
    try {
      const result = await graphql(query(code), { service, language, ...(code ? { code } : {}) });
      const bad = (result.errors || []).find((e) => e.extensions && e.extensions.code === "BAD_USER_INPUT");
      if (bad) throw new Error(bad.message);
      const countries = result.data
        ? code
          ? [result.data.country].filter(Boolean)
          : result.data.countries
        : [];
      const offline = unreachable(result.errors);
      const found = countries.flatMap((c) => c.partners || []).length;
      results.replaceChildren(
        ...countries
          .filter((c) => offline.includes(c.code) || (c.partners && c.partners.length))
          .map((c) =>
            el(
              "section",
              {
                class: "country",
                "data-country": c.code,
                "data-status": offline.includes(c.code) ? "unreachable" : "ok",
              },
              el(
                "h2",
                {},
                `${c.name} (${c.code})`,
                offline.includes(c.code)
                  ? el("span", { class: "badge unreachable" }, "currently unreachable")
                  : null,
              ),
              offline.includes(c.code)
                ? el("p", { class: "muted" }, "This country's registry did not answer; try again later.")
                : el("div", { class: "contacts" }, c.partners.map(partnerCard)),
            ),
          ),
      );
      status.textContent =
        `${found} partner organisation${found === 1 ? "" : "s"} found` +
        (offline.length ? `; unreachable now: ${offline.join(", ")}.` : ".");
      status.dataset.loaded = "true";
    } catch (error) {
      results.replaceChildren();
      status.textContent = `The search failed: ${error.message}`;
      status.className = "error";
    }
  }

  async function fillChoices() {
    const choices = await (await fetch("/partners/choices.json")).json();
    document
      .getElementById("service")
      .append(...choices.services.map((s) => el("option", { value: s }, label(s))));
    const result = await graphql("{ countries { code name } }");
    const countries = (result.data && result.data.countries) || [];
    document
      .getElementById("country")
      .append(...countries.map((c) => el("option", { value: c.code }, `${c.name} (${c.code})`)));
  }

  document.getElementById("search").addEventListener("submit", search);
  fillChoices().then(() => search());
})();
