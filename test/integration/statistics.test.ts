import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ENABLED_COUNTRIES } from "#schema/registry";
import { ROOT_DIR } from "#core";
import { useSharedFederation } from "../support/federation";
import { errorCodes, graphql } from "../support/graphql";
import { attackPublished, misprinted } from "../support/linear-attacker";
import { CASE_INPUT, mutate, ok, RISK_ASSESSMENT_PROFILE } from "../support/referrals";

const federation = useSharedFederation();
const gateway = () => federation().gatewayUrl;
const officer = (country: string) => federation().tokenFor({ role: "NCP_OFFICER", country });
const rfp = () => federation().tokenFor({ role: "RFP_ANALYST" });

/**
 * Germany's figures, which no other suite writes to (the federation is shared): the demo data fills the
 * current year; this suite adds children identified in the first quarter of last year.
 */
const THIS_YEAR = new Date().getUTCFullYear();
const LAST_YEAR = THIS_YEAR - 1;

const STATS = `query($code: ID!, $period: StatisticsPeriodInput!) { country(code: $code) { statistics(period: $period) {
  exact threshold period { label }
  tables { name rows columns cells { value suppressed } rowTotals { value suppressed } columnTotals { value suppressed } total { value suppressed } }
  medians { name days suppressed cases }
} } }`;

type Cell = { value: number | null; suppressed: boolean };
type Stats = {
  exact: boolean;
  threshold: number;
  period: { label: string };
  tables: Array<{
    name: string;
    columns: string[];
    cells: Cell[][];
    rowTotals: Cell[];
    columnTotals: Cell[];
    total: Cell;
  }>;
  medians: Array<{ name: string; days: number | null; suppressed: boolean; cases: number | null }>;
};

async function statistics(token: string | undefined, code: string, period: Record<string, number>) {
  return graphql<{ country: { statistics: Stats } }>(gateway(), STATS, {
    variables: { code, period },
    token,
  });
}

const cell = (stats: Stats, table: string, column: string) => {
  const t = stats.tables.find((x) => x.name === table)!;
  return t.cells[0][t.columns.indexOf(column)];
};

beforeAll(async () => {
  // Germany, first quarter of last year (before the demo data, which fills the current year): twelve
  // trafficked children exploited for forced labour, two of them also undocumented, two more undocumented
  // children, and twelve referrals to Poland sent this year.
  const de = await officer("DE");
  const ids: string[] = [];
  for (let i = 0; i < 14; i++) {
    const input = {
      ...CASE_INPUT,
      // Two of the trafficked children are undocumented as well: they count in both groups.
      targetGroups: i < 2 ? ["TRAFFICKED", "UNDOCUMENTED"] : [i < 12 ? "TRAFFICKED" : "UNDOCUMENTED"],
      exploitationForms: i < 12 ? ["FORCED_LABOUR"] : [],
      identifiedOn: `${LAST_YEAR}-01-10T00:00:00.000Z`,
      guardian: { ...CASE_INPUT.guardian, appointedOn: `${LAST_YEAR}-01-12T00:00:00.000Z` },
      childViews: { ...CASE_INPUT.childViews, heardOn: `${LAST_YEAR}-02-01T00:00:00.000Z` },
    };
    ids.push(ok(await mutate(gateway(), de, "DE", "createCase", { input }), "DE", "createCase").id);
  }
  for (let i = 0; i < 12; i++) {
    const input = {
      idempotencyKey: `stats-${i}-referral`,
      caseId: ids[i],
      to: "PL",
      purpose: "RISK_ASSESSMENT",
      urgency: "NORMAL",
      profile: RISK_ASSESSMENT_PROFILE,
    };
    ok(await mutate(gateway(), de, "DE", "sendReferral", { input }), "DE", "sendReferral");
  }
}, 120_000);

describe("regional statistics through the gateway", () => {
  it("the RFP gets disclosure-controlled figures from every country", async () => {
    const response = await graphql(
      gateway(),
      "query($year: Int!) { countries { code statistics(period: { year: $year }) { exact threshold tables { name total { value suppressed } } } } }",
      { variables: { year: THIS_YEAR }, token: await rfp() },
    );
    expect(response.errors).toBeUndefined();
    const countries = response.data.countries as Array<{
      code: string;
      statistics: { exact: boolean; threshold: number; tables: unknown[] };
    }>;
    expect(countries.map((c) => c.code)).toEqual(ENABLED_COUNTRIES.map((c) => c.code));
    for (const country of countries) {
      expect(country.statistics).toMatchObject({ exact: false, threshold: 5 });
      expect(country.statistics.tables.length).toBeGreaterThan(5);
    }
  });

  it("suppresses small counts for the RFP and for other countries, and shows them to the country's own officers", async () => {
    const period = { year: LAST_YEAR, quarter: 1 };
    const forRfp = (await statistics(await rfp(), "DE", period)).data!.country.statistics;
    const forPl = (await statistics(await officer("PL"), "DE", period)).data!.country.statistics;
    const forDe = (await statistics(await officer("DE"), "DE", period)).data!.country.statistics;

    expect(cell(forRfp, "casesByTargetGroup", "TRAFFICKED")).toEqual({ value: 12, suppressed: false });
    expect(cell(forRfp, "casesByTargetGroup", "UNDOCUMENTED")).toEqual({ value: null, suppressed: true });
    expect(cell(forRfp, "casesByTargetGroup", "UNACCOMPANIED_ASYLUM_SEEKING")).toEqual({
      value: 0,
      suppressed: false,
    });
    // The total would give the suppressed cell away: it is hidden too.
    expect(forRfp.tables.find((t) => t.name === "casesByTargetGroup")!.total.suppressed).toBe(true);
    expect(forPl).toEqual(forRfp);
    expect(forDe.exact).toBe(true);
    expect(cell(forDe, "casesByTargetGroup", "UNDOCUMENTED")).toEqual({ value: 4, suppressed: false });
    // A child in two groups counts in each: the total counts memberships (14 children, 16 memberships).
    expect(forDe.tables.find((t) => t.name === "casesByTargetGroup")!.total).toEqual({
      value: 16,
      suppressed: false,
    });
    expect(cell(forDe, "casesByExploitationForm", "FORCED_LABOUR")).toEqual({ value: 12, suppressed: false });
    // 12 of 14 children were exploited: published, that would tell that two were not, so the RFP gets
    // neither the count nor the total (the 16 target-group memberships of 14 children likewise).
    expect(cell(forRfp, "casesByExploitationForm", "FORCED_LABOUR")).toEqual({
      value: null,
      suppressed: true,
    });
    expect(forRfp.tables.find((t) => t.name === "casesByExploitationForm")!.total.suppressed).toBe(true);
    expect(cell(forRfp, "casesByExploitationForm", "SEXUAL")).toEqual({ value: 0, suppressed: false });
  });

  it("an officer of PL gets DE's controlled figures and PL's exact ones", async () => {
    const pl = await officer("PL");
    expect((await statistics(pl, "DE", { year: THIS_YEAR })).data!.country.statistics.exact).toBe(false);
    expect((await statistics(pl, "PL", { year: THIS_YEAR })).data!.country.statistics.exact).toBe(true);
  });

  it("publishes a median only when at least ten cases stand behind it", async () => {
    // The referrals were sent this year, long after the children were identified in January last year.
    const forRfp = (await statistics(await rfp(), "DE", { year: THIS_YEAR })).data!.country.statistics;
    const identification = forRfp.medians.find((m) => m.name === "identificationToReferral")!;
    expect(identification.suppressed).toBe(false);
    expect(identification.days).toBeGreaterThan(100);
    expect(identification.cases).toBeNull();
    const decision = forRfp.medians.find((m) => m.name === "referralToDecision")!;
    expect(decision).toMatchObject({ days: null, suppressed: true });
  });

  it("always gives the same answer to the same question", async () => {
    const token = await rfp();
    const first = await statistics(token, "DE", { year: THIS_YEAR });
    const second = await statistics(token, "DE", { year: THIS_YEAR });
    expect(second).toEqual(first);
  });

  it("an attacker with every table of DE's year and its quarters solves no suppressed figure", async () => {
    // What the RFP can put side by side, and the truth as DE's officers read it.
    const [token, own] = [await rfp(), await officer("DE")];
    const periods = [{ year: THIS_YEAR }, ...[1, 2, 3, 4].map((quarter) => ({ year: THIS_YEAR, quarter }))];
    const controlled: Stats[] = [];
    const exact: Stats[] = [];
    for (const period of periods) {
      controlled.push((await statistics(token, "DE", period)).data!.country.statistics);
      exact.push((await statistics(own, "DE", period)).data!.country.statistics);
    }
    expect(
      misprinted(
        controlled,
        exact.map((stats) => stats.tables),
        controlled[0].threshold,
      ),
    ).toEqual([]);
    const { suppressed, recovered } = attackPublished(controlled);
    expect(recovered).toEqual([]);
    // The demo data has counts below the threshold: the attacker had something to attack.
    expect(suppressed).toBeGreaterThan(0);
  });

  it("refuses arbitrary periods, monthly figures to others, and callers without a token", async () => {
    const token = await rfp();
    const month = await statistics(token, "DE", { year: THIS_YEAR, month: 1 });
    expect(errorCodes(month)).toEqual(["BAD_USER_INPUT"]);
    expect(month.errors![0].extensions!.field).toBe("period.month");
    expect(errorCodes(await statistics(token, "DE", { year: 1999 }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await statistics(token, "DE", { year: THIS_YEAR, quarter: 5 }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(errorCodes(await statistics(token, "DE", { year: THIS_YEAR, quarter: 1, month: 2 }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(errorCodes(await statistics(undefined, "DE", { year: THIS_YEAR }))).toEqual(["UNAUTHENTICATED"]);
    const own = await statistics(await officer("DE"), "DE", { year: THIS_YEAR, month: 1 });
    expect(own.errors).toBeUndefined();
  });
});

describe("the WGCC report", () => {
  it("writes an HTML report with SVG charts and a CSV per table whose sums match the API", async () => {
    const token = await rfp();
    const out = mkdtempSync(join(tmpdir(), "wgcc-"));
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [
        join(ROOT_DIR, "dist/scripts/report.js"),
        "--year",
        String(THIS_YEAR),
        "--token",
        token,
        "--gateway",
        gateway(),
        "--out",
        out,
      ]);
      expect(stdout.trim().split("\n").at(-1)).toBe(out);
      const html = readFileSync(join(out, "index.html"), "utf8");
      expect(html).toContain("<svg");
      expect(html).toContain(`Baltic Sea region, ${THIS_YEAR}`);

      const api = await graphql(
        gateway(),
        `
          query ($year: Int!) {
            countries {
              code
              statistics(period: { year: $year }) {
                tables {
                  name
                  cells {
                    value
                    suppressed
                  }
                }
              }
            }
          }
        `,
        { variables: { year: THIS_YEAR }, token },
      );
      const tables = api.data.countries[0].statistics.tables.map((t: { name: string }) => t.name);
      expect(readdirSync(out).sort()).toEqual(
        [...tables.map((t: string) => `${t}.csv`), "activities.csv", "index.html", "report.pdf"].sort(),
      );
      for (const name of tables) {
        const lines = readFileSync(join(out, `${name}.csv`), "utf8")
          .trim()
          .split("\n")
          .slice(1)
          .map((l) => l.split(","));
        for (const country of api.data.countries) {
          const cells = country.statistics.tables.find((t: { name: string }) => t.name === name).cells.flat();
          const apiSum = cells.reduce((sum: number, c: { value: number | null }) => sum + (c.value ?? 0), 0);
          const apiHidden = cells.filter((c: { suppressed: boolean }) => c.suppressed).length;
          const rows = lines.filter((l) => l[0] === country.code);
          const csvSum = rows.reduce((sum, l) => sum + (l[3] === "" ? 0 : Number(l[3])), 0);
          const csvHidden = rows.filter((l) => l[4] === "true").length;
          expect({ name, country: country.code, csvSum, csvHidden }).toEqual({
            name,
            country: country.code,
            csvSum: apiSum,
            csvHidden: apiHidden,
          });
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("refuses to run without a token the federation accepts", async () => {
    const run = promisify(execFile)(process.execPath, [
      join(ROOT_DIR, "dist/scripts/report.js"),
      "--year",
      String(THIS_YEAR),
      "--token",
      "nope",
      "--gateway",
      gateway(),
    ]);
    await expect(run).rejects.toMatchObject({
      stderr: expect.stringMatching(/refused: The bearer token was rejected/),
    });
  });
});
