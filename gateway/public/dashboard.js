(function () {
  const { graphql, unreachable, el } = window.ncp;
  const TABLE =
    "name rows columns cells { value suppressed } rowTotals { value suppressed } columnTotals { value suppressed } total { value suppressed }";
  const YEAR_QUERY = `query($year: Int!) { countries { code name statistics(period: { year: $year }) { exact threshold tables { ${TABLE} } } } }`;
  const QUARTER_QUERY = `query($year: Int!, $quarter: Int!) { countries { code statistics(period: { year: $year, quarter: $quarter }) {
    tables { name total { value suppressed } } } } }`;
  const charts = {};

  const show = (cell) => (cell.suppressed ? "suppressed" : String(cell.value));
  const tableOf = (stats, name) => stats && stats.tables.find((t) => t.name === name);

  /**
   * Interval of one country's figure in a row: exact if published; otherwise at least 1 (zeros are shown)
   * and at most the row total minus the other figures' least values, when the row total is published.
   */
  function interval(table, row, column) {
    const cell = table.cells[row][column];
    if (!cell.suppressed) return [cell.value, cell.value];
    const total = table.rowTotals[row];
    if (total.suppressed) return [1, Infinity];
    const others = table.cells[row].reduce(
      (sum, c, j) => (j === column ? sum : sum + (c.suppressed ? 1 : c.value)),
      0,
    );
    return [1, total.value - others];
  }

  function renderGroupTable(countries) {
    const table = document.getElementById("groupTable");
    const first = countries.find((c) => c.statistics);
    if (!first) return table.replaceChildren();
    const columns = tableOf(first.statistics, "casesByTargetGroup").columns;
    table.replaceChildren(
      el(
        "tr",
        {},
        el("th", {}, "Country"),
        columns.map((c) => el("th", {}, c.toLowerCase().replaceAll("_", " "))),
        el("th", {}, "total"),
      ),
      ...countries
        .filter((c) => c.statistics)
        .map((country) => {
          const t = tableOf(country.statistics, "casesByTargetGroup");
          return el(
            "tr",
            {},
            el("td", {}, `${country.name} (${country.code})`),
            t.cells[0].map((cell, j) =>
              el(
                "td",
                {
                  class: cell.suppressed ? "suppressed" : null,
                  "data-country": country.code,
                  "data-group": columns[j],
                },
                show(cell),
              ),
            ),
            el(
              "td",
              {
                class: t.total.suppressed ? "suppressed" : null,
                "data-country": country.code,
                "data-group": "TOTAL",
              },
              show(t.total),
            ),
          );
        }),
    );
    return columns;
  }

  function renderRegional(countries, columns) {
    const rows = columns.map((group, j) => {
      let low = 0;
      let high = 0;
      for (const country of countries.filter((c) => c.statistics)) {
        const [lo, hi] = interval(tableOf(country.statistics, "casesByTargetGroup"), 0, j);
        low += lo;
        high += hi;
      }
      const text = low === high ? String(low) : high === Infinity ? `at least ${low}` : `${low} to ${high}`;
      return el(
        "tr",
        {},
        el("td", {}, group.toLowerCase().replaceAll("_", " ")),
        el("td", { "data-regional": group }, text),
      );
    });
    document
      .getElementById("regionalTable")
      .replaceChildren(el("tr", {}, el("th", {}, "Target group"), el("th", {}, "Region")), ...rows);
  }

  function renderMatrix(countries) {
    const codes = countries.map((c) => c.code);
    const header = el(
      "tr",
      {},
      el("th", {}, "from \\ to"),
      codes.map((c) => el("th", {}, c)),
    );
    const rows = countries.map((sender) => {
      const sent = tableOf(sender.statistics, "referralsSent");
      return el(
        "tr",
        {},
        el("th", {}, sender.code),
        codes.map((receiver) => {
          if (receiver === sender.code) return el("td", {}, "");
          if (!sent) return el("td", { class: "suppressed" }, "no answer");
          const cell = sent.rowTotals[sent.rows.indexOf(receiver)];
          return el(
            "td",
            { class: cell.suppressed ? "suppressed" : null, "data-from": sender.code, "data-to": receiver },
            show(cell),
          );
        }),
      );
    });
    document.getElementById("matrix").replaceChildren(header, ...rows);
  }

  function chart(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new window.Chart(document.getElementById(id), config);
  }

  function renderCharts(countries, columns, quarters) {
    const answered = countries.filter((c) => c.statistics);
    chart("byGroup", {
      type: "bar",
      data: {
        labels: answered.map((c) => c.code),
        datasets: columns.map((group, j) => ({
          label: group.toLowerCase().replaceAll("_", " "),
          data: answered.map((c) => tableOf(c.statistics, "casesByTargetGroup").cells[0][j].value),
        })),
      },
      options: {
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
      },
    });
    chart("byQuarter", {
      type: "line",
      data: {
        labels: ["Q1", "Q2", "Q3", "Q4"],
        datasets: answered.map((country) => ({
          label: country.code,
          spanGaps: false,
          data: quarters.map((q) => {
            const c = (q.data && q.data.countries.find((x) => x.code === country.code)) || {};
            const t = tableOf(c.statistics, "casesByTargetGroup");
            return t && !t.total.suppressed ? t.total.value : null;
          }),
        })),
      },
      options: { animation: false, scales: { y: { beginAtZero: true } } },
    });
  }

  async function load(event) {
    if (event) event.preventDefault();
    const signedIn = window.ncp.auth.session();
    const token = signedIn && signedIn.token;
    const year = Number(document.getElementById("year").value);
    const status = document.getElementById("status");
    status.textContent = "Asking every country...";
    const result = await graphql(YEAR_QUERY, { year }, token);
    const auth = (result.errors || []).find((e) =>
      ["UNAUTHENTICATED", "FORBIDDEN"].includes(e.extensions && e.extensions.code),
    );
    if (!result.data || auth) {
      status.textContent = auth ? auth.message : "The figures could not be loaded.";
      status.className = "error";
      return;
    }
    const quarters = await Promise.all(
      [1, 2, 3, 4].map((quarter) => graphql(QUARTER_QUERY, { year, quarter }, token)),
    );
    const countries = result.data.countries;
    const offline = unreachable(result.errors);
    document.getElementById("unreachable").textContent = offline.length
      ? `Did not answer: ${offline.join(", ")}`
      : "";
    document.getElementById("unreachable").dataset.countries = offline.join(",");
    const columns = renderGroupTable(countries) || [];
    renderRegional(countries, columns);
    renderMatrix(countries);
    renderCharts(countries, columns, quarters);
    document.getElementById("content").hidden = false;
    status.className = "muted";
    status.textContent = `Figures for ${year}; counts from 1 to ${countries.find((c) => c.statistics)?.statistics.threshold - 1} are suppressed.`;
    status.dataset.loaded = String(year);
  }

  const years = document.getElementById("year");
  const now = new Date().getUTCFullYear();
  for (let y = now; y > now - 4; y--) years.append(el("option", { value: String(y) }, String(y)));
  const showFigures = (event) =>
    load(event).catch((error) => {
      document.getElementById("status").textContent = error.message;
    });
  document.getElementById("figures").addEventListener("submit", showFigures);
  window.ncp.auth.mountSignIn(document.getElementById("account"), {
    preferred: "cbss",
    onChange: (session) => {
      document.getElementById("figures").hidden = !session;
      // Signed in: the current year's figures at once.
      if (session) showFigures();
    },
  });
})();
