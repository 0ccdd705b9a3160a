(function () {
  const { graphql, unreachable, el } = window.ncp;
  const QUERY = `{ countries { code name contactPoints {
    id organisation unit email phone languages competences address workingHours } } }`;
  let countries = [];
  let offline = [];

  function render() {
    const language = document.getElementById("language").value;
    const competence = document.getElementById("competence").value;
    const container = document.getElementById("countries");
    container.replaceChildren(
      ...countries.map((country) => {
        const isOffline = offline.includes(country.code);
        const contacts = (country.contactPoints || []).filter(
          (c) =>
            (!language || c.languages.includes(language)) &&
            (!competence || c.competences.includes(competence)),
        );
        return el(
          "section",
          { class: "country", "data-country": country.code, "data-status": isOffline ? "unreachable" : "ok" },
          el(
            "h2",
            {},
            `${country.name} (${country.code})`,
            isOffline ? el("span", { class: "badge unreachable" }, "currently unreachable") : null,
          ),
          isOffline
            ? el("p", { class: "muted" }, "This country's registry did not answer; try again later.")
            : contacts.length
              ? el(
                  "div",
                  { class: "contacts" },
                  contacts.map((c) =>
                    el(
                      "div",
                      { class: "contact", "data-contact": c.id },
                      el("strong", {}, c.organisation),
                      c.unit ? el("span", { class: "muted" }, c.unit) : null,
                      el("div", {}, el("a", { href: `mailto:${c.email}` }, c.email)),
                      el("div", {}, c.phone),
                      el("div", { class: "muted" }, `Languages: ${c.languages.join(", ")}`),
                      el(
                        "div",
                        { class: "muted" },
                        `Competences: ${c.competences.map((x) => x.toLowerCase()).join(", ")}`,
                      ),
                      el("div", { class: "muted" }, c.address),
                      el("div", { class: "muted" }, c.workingHours),
                    ),
                  ),
                )
              : el("p", { class: "muted" }, "No contact point matches the filters."),
        );
      }),
    );
  }

  function fillFilters() {
    const languages = [
      ...new Set(countries.flatMap((c) => (c.contactPoints || []).flatMap((p) => p.languages))),
    ].sort();
    const competences = [
      ...new Set(countries.flatMap((c) => (c.contactPoints || []).flatMap((p) => p.competences))),
    ].sort();
    document.getElementById("language").append(...languages.map((l) => el("option", { value: l }, l)));
    document
      .getElementById("competence")
      .append(...competences.map((c) => el("option", { value: c }, c.toLowerCase())));
  }

  async function load() {
    const status = document.getElementById("status");
    try {
      const result = await graphql(QUERY);
      countries = (result.data && result.data.countries) || [];
      offline = unreachable(result.errors);
      fillFilters();
      render();
      status.textContent = offline.length
        ? `${countries.length} countries; unreachable now: ${offline.join(", ")}.`
        : `${countries.length} countries.`;
      status.dataset.loaded = "true";
    } catch (error) {
      status.textContent = `The directory could not be loaded: ${error.message}`;
      status.className = "error";
    }
  }

  document.getElementById("filters").addEventListener("change", render);
  load();
})();
