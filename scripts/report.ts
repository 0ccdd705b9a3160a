import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { portPlan } from "#schema/registry";
import { ROOT_DIR } from "#core";
import { escapeHtml, svgBarChart } from "./report/svg-chart";
import {
  ActivitiesData,
  activitiesCsv,
  activitiesHtml,
  activityReport,
  ACTIVITIES_QUERY,
  SectionReport,
} from "./report/report-activities";
import { writeReportPdf } from "./report/report-pdf";
import { csvField } from "./report/csv";

const USAGE = "Usage: npm run report -- --year 2026 --token <RFP token> [--gateway URL] [--out DIR]";

interface Cell {
  value: number | null;
  suppressed: boolean;
}
interface Table {
  name: string;
  title: string;
  rows: string[];
  columns: string[];
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  total: Cell;
}
interface CountryFigures {
  code: string;
  name: string;
  statistics: {
    exact: boolean;
    threshold: number;
    tables: Table[];
    medians: Array<{ name: string; title: string; days: number | null; suppressed: boolean }>;
  } | null;
}

const QUERY = `query WgccReport($year: Int!) { countries { code name statistics(period: { year: $year }) {
  exact threshold
  tables { name title rows columns cells { value suppressed } rowTotals { value suppressed } columnTotals { value suppressed } total { value suppressed } }
  medians { name title days suppressed }
} } }`;

const show = (cell: Cell) => (cell.suppressed ? "suppressed" : String(cell.value));

/** One CSV per table, long format: one line per country and cell, so sums are one filter away. */
function tableCsv(name: string, countries: CountryFigures[]): string {
  const lines = ["country,row,column,value,suppressed"];
  for (const country of countries) {
    const table = country.statistics?.tables.find((t) => t.name === name);
    if (!table) continue;
    table.rows.forEach((row, i) =>
      table.columns.forEach((column, j) => {
        const cell = table.cells[i][j];
        lines.push(
          [country.code, row, column, cell.value ?? "", cell.suppressed]
            .map((v) => csvField(String(v)))
            .join(","),
        );
      }),
    );
  }
  return lines.join("\n") + "\n";
}

function tableHtml(name: string, countries: CountryFigures[]): string {
  const answered = countries.filter((c) => c.statistics);
  const first = answered[0]?.statistics!.tables.find((t) => t.name === name);
  if (!first) return "";
  const oneRow = first.rows.length === 1;
  // One-row tables: a line per country; two-way tables: a line per country and row.
  const header = ["Country", ...first.columns, "Total"];
  const body = answered.flatMap((country) => {
    const table = country.statistics!.tables.find((t) => t.name === name)!;
    return table.rows.map((row, i) => [
      oneRow ? country.code : `${country.code} → ${row}`,
      ...table.cells[i].map(show),
      show(table.rowTotals[i]),
    ]);
  });
  const chart = svgBarChart(
    `${first.title}: total by country`,
    answered.map((c) => {
      const total = c.statistics!.tables.find((t) => t.name === name)!.total;
      return { label: `${c.name} (${c.code})`, value: total.suppressed ? null : total.value };
    }),
  );
  return `<section><h2>${escapeHtml(first.title)}</h2>${chart}
<table><thead><tr>${header.map((h) => `<th>${escapeHtml(h.toLowerCase().replace(/_/g, " "))}</th>`).join("")}</tr></thead>
<tbody>${body.map((line) => `<tr>${line.map((v) => `<td${v === "suppressed" ? ' class="s"' : ""}>${escapeHtml(v)}</td>`).join("")}</tr>`).join("\n")}</tbody></table>
<p class="note">CSV: <a href="${name}.csv">${name}.csv</a></p></section>`;
}

function reportHtml(
  year: number,
  countries: CountryFigures[],
  unreachable: string[],
  tableNames: string[],
  activities: string,
): string {
  const threshold = countries.find((c) => c.statistics)?.statistics!.threshold ?? 5;
  const medians = countries
    .filter((c) => c.statistics)
    .flatMap((c) =>
      c.statistics!.medians.map((m) => [c.code, m.title, m.suppressed ? "suppressed" : String(m.days)]),
    );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WGCC report ${year}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2rem auto;color:#1d2733}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.25rem .5rem;text-align:right}td:first-child,th:first-child{text-align:left}.s{color:#9b1c1c;font-style:italic}.note{color:#5b6b7c}</style></head><body>
<h1>Unaccompanied and trafficked children in the Baltic Sea region, ${year}</h1>
<p>Report of the Regional Focal Point to the WGCC, generated ${escapeHtml(new Date().toISOString().slice(0, 10))} from the federated national registries. Each country computed its own figures; no record left a country.</p>
<p class="note">Disclosure control: counts from 1 to ${threshold - 1} are suppressed, and further figures where totals would reveal them; medians need at least 10 cases. Zero is shown.</p>
${unreachable.length ? `<p><strong>Did not answer:</strong> ${unreachable.map(escapeHtml).join(", ")}.</p>` : ""}
${tableNames.map((name) => tableHtml(name, countries)).join("\n")}
<section><h2>Median durations (days)</h2><table><thead><tr><th>Country</th><th>Measure</th><th>Median</th></tr></thead><tbody>
${medians.map((line) => `<tr>${line.map((v) => `<td${v === "suppressed" ? ' class="s"' : ""}>${escapeHtml(String(v))}</td>`).join("")}</tr>`).join("\n")}
</tbody></table></section>
${activities}
<p class="note">PDF: <a href="report.pdf">report.pdf</a></p></body></html>
`;
}

/** Posts one query with the RFP token; refusals end the report, an unreachable country is noted. */
async function ask<T>(
  gateway: string,
  token: string,
  query: string,
  year: number,
  what: string,
): Promise<{ data: T; unreachable: string[] }> {
  const response = await fetch(gateway, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: { year } }),
  }).catch(() => {
    throw new Error(`The gateway did not answer at ${gateway}; is the federation running (npm start)?`);
  });
  const result = (await response.json()) as {
    data?: T | null;
    errors?: Array<{ message: string; extensions?: { code?: string; country?: string } }>;
  };
  const refusal = result.errors?.find((e) =>
    ["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT"].includes(e.extensions?.code ?? ""),
  );
  if (!result.data || refusal)
    throw new Error(`The ${what} were refused: ${(refusal ?? result.errors?.[0])?.message}`);
  const unreachable = (result.errors ?? [])
    .filter((e) => e.extensions?.code === "COUNTRY_UNAVAILABLE")
    .map((e) => e.extensions!.country!);
  return { data: result.data, unreachable };
}

/**
 * `npm run report -- --year 2026 --token ...`: the WGCC report as HTML with SVG charts, a CSV per table, the
 * activities of the Plan (HTML and `activities.csv`) and the whole as `report.pdf`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      year: { type: "string" },
      token: { type: "string" },
      gateway: { type: "string" },
      out: { type: "string" },
    },
  });
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2000) throw new Error(`--year must be a year.\n${USAGE}`);
  const token = values.token ?? process.env.RFP_TOKEN;
  if (!token) throw new Error(`An RFP token is needed: --token or RFP_TOKEN.\n${USAGE}`);
  const gateway = values.gateway ?? `http://127.0.0.1:${portPlan().gateway}/graphql`;
  const out = resolve(values.out ?? join(ROOT_DIR, "reports", `wgcc-${year}`));

  const figures = await ask<{ countries: CountryFigures[] }>(gateway, token, QUERY, year, "figures");
  const countries = figures.data.countries;
  const plan = await ask<ActivitiesData>(gateway, token, ACTIVITIES_QUERY, year, "activities");
  // A country that did not answer either query is named: its figures or its progress notes are missing.
  const unreachable = [...new Set([...figures.unreachable, ...plan.unreachable])];
  const activities: SectionReport[] = activityReport(plan.data);
  const tableNames = countries.find((c) => c.statistics)?.statistics!.tables.map((t) => t.name) ?? [];

  await mkdir(out, { recursive: true });
  for (const name of tableNames) await writeFile(join(out, `${name}.csv`), tableCsv(name, countries));
  await writeFile(join(out, "activities.csv"), activitiesCsv(activities));
  await writeFile(
    join(out, "index.html"),
    reportHtml(
      year,
      countries,
      unreachable,
      tableNames,
      activitiesHtml(activities, plan.data.planOfAction.source),
    ),
  );
  await writeReportPdf(join(out, "report.pdf"), {
    year,
    generated: new Date().toISOString().slice(0, 10),
    unreachable,
    tables: tableNames.map((name) => ({
      title: countries.find((c) => c.statistics)!.statistics!.tables.find((t) => t.name === name)!.title,
      totals: countries
        .filter((c) => c.statistics)
        .map((c) => [c.code, show(c.statistics!.tables.find((t) => t.name === name)!.total)]),
    })),
    activities,
  });
  const items = activities.flatMap((s) => s.items);
  console.log(
    `WGCC report for ${year}: ${tableNames.length} tables, ${countries.length - unreachable.length} of ${countries.length} countries; ` +
      `${items.filter((i) => i.events.length || i.progress.length || i.national.length).length} of ${items.length} Plan items with activity.`,
  );
  if (unreachable.length) console.log(`Did not answer: ${unreachable.join(", ")}`);
  console.log(out);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
