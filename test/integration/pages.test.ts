import { join } from "node:path";
import { Browser, Page } from "playwright-core";
import { ENABLED_COUNTRIES, findCountry } from "#schema/registry";
import { launchBrowser, SCREENSHOTS, signIn } from "../support/browser";
import { useSharedFederation } from "../support/federation";
import { graphql } from "../support/graphql";

const federation = useSharedFederation();
const base = () => federation().gatewayUrl.replace(/\/graphql$/, "");
let browser: Browser;
let page: Page;
const outside: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(() => browser?.close());
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Everything the pages load must come from the gateway itself, or the identity provider signing in.
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(base()) && !url.startsWith(federation().idpUrl)) outside.push(url);
  });
});
afterEach(async () => {
  await page.close();
  expect(outside).toEqual([]);
});

async function openDirectory() {
  await page.goto(`${base()}/directory`);
  await page.waitForSelector('#status[data-loaded="true"]');
}

describe("the public NCP directory page", () => {
  it("lists every enabled country's contact points, with no sign-in", async () => {
    await openDirectory();
    for (const country of ENABLED_COUNTRIES) {
      const section = page.locator(`section[data-country="${country.code}"]`);
      await expect(section.getAttribute("data-status")).resolves.toBe("ok");
      await expect(section.textContent()).resolves.toContain(`ncp@ncp.${country.code.toLowerCase()}.example`);
    }
    await page.screenshot({ path: join(SCREENSHOTS, "directory.png"), fullPage: true });
  });

  it("filters by language and by competence", async () => {
    await openDirectory();
    await page.selectOption("#language", "lt");
    await expect(page.locator('section[data-country="LT"] .contact').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('section[data-country="SE"] .contact').count()).resolves.toBe(0);
    await page.selectOption("#language", "");
    await page.selectOption("#competence", "IDENTIFICATION");
    // Of the demo desks, only each country's main desk covers identification; the return desks drop out.
    const listed = (await page.locator(".contact").allTextContents()).join("\n");
    const desks = (kind: string) =>
      ENABLED_COUNTRIES.map((c) => `${kind}@ncp.${c.code.toLowerCase()}.example`);
    expect(desks("ncp").filter((email) => listed.includes(email))).toEqual(desks("ncp"));
    expect(desks("return").filter((email) => listed.includes(email))).toEqual([]);
  });

  it("marks a country that does not answer as unreachable", async () => {
    const latvia = findCountry("LV")!;
    await federation().stopNational(latvia);
    try {
      await openDirectory();
      await expect(page.locator('section[data-country="LV"]').getAttribute("data-status")).resolves.toBe(
        "unreachable",
      );
      await expect(page.locator('section[data-country="EE"]').getAttribute("data-status")).resolves.toBe(
        "ok",
      );
      await page.screenshot({ path: join(SCREENSHOTS, "directory-unreachable.png"), fullPage: true });
    } finally {
      await federation().startNational(latvia);
    }
  });
});

describe("the public partner search page", () => {
  it("finds partners across the region by service and language, with no sign-in", async () => {
    const latvia = await federation().tokenFor({ role: "NCP_OFFICER", country: "LV" });
    const name = `Daugavpils Family Centre ${Date.now()}`;
    const added = await graphql(
      federation().gatewayUrl,
      `
        mutation ($input: PartnerInput!) {
          latvia {
            addPartner(input: $input) {
              id
            }
          }
        }
      `,
      {
        token: latvia,
        variables: {
          input: {
            name,
            kind: "NGO",
            services: ["PSYCHOLOGICAL_SUPPORT", "SHELTER"],
            languages: ["ru", "lv"],
            regions: ["Daugavpils"],
            email: "info@family-centre.lv.example",
          },
        },
      },
    );
    expect(added.errors).toBeUndefined();

    await page.goto(`${base()}/partners`);
    await page.waitForSelector('#status[data-loaded="true"]');
    await page.getByLabel("Service").selectOption({ label: "psychological support" });
    await page.getByLabel("Language (ISO 639-1 code)").fill("ru");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForSelector('#status[data-loaded="true"]');

    const latviaSection = page.locator('section[data-country="LV"]');
    await expect(latviaSection.textContent()).resolves.toContain(name);
    // Every card shown offers the service in the language asked for.
    const cards = await page.locator(".contact").allTextContents();
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card).toContain("psychological support");
      expect(card).toMatch(/Languages: .*\bru\b/);
    }
    // NCP-only contacts are not on the public page.
    await expect(page.locator("body").textContent()).resolves.not.toContain("ncp-line@");
    await page.screenshot({ path: join(SCREENSHOTS, "partners.png"), fullPage: true });

    await page.getByLabel("Country").selectOption("SE");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForSelector('#status[data-loaded="true"]');
    await expect(page.locator('section[data-country="LV"]').count()).resolves.toBe(0);
  });

  it("names a country that does not answer, and shows the others' partners", async () => {
    const estonia = findCountry("EE")!;
    await federation().stopNational(estonia);
    try {
      await page.goto(`${base()}/partners`);
      await page.waitForSelector('#status[data-loaded="true"]');
      await expect(page.locator('section[data-country="EE"]').getAttribute("data-status")).resolves.toBe(
        "unreachable",
      );
      await expect(page.locator("#status").textContent()).resolves.toMatch(
        /^[1-9]\d* partner organisations? found; unreachable now: .*\bEE\b/,
      );
      // The countries that answered still show their partners (which ones answer in time is up to the machine).
      await expect(page.locator('section[data-status="ok"] .contact').count()).resolves.toBeGreaterThan(0);
    } finally {
      await federation().startNational(estonia);
    }
  });
});

describe("the RFP dashboard", () => {
  const year = new Date().getUTCFullYear();
  const API = `query($year: Int!) { countries { code statistics(period: { year: $year }) {
    tables { name rows columns cells { value suppressed } rowTotals { value suppressed } total { value suppressed } } } } }`;
  const shown = (cell: { value: number | null; suppressed: boolean }) =>
    cell.suppressed ? "suppressed" : String(cell.value);

  /** The analyst signs in at the Children's Unit's identity provider; the year's figures load at once. */
  async function openDashboard() {
    await page.goto(`${base()}/dashboard`);
    await signIn(page, "cbss", "analyst");
    await page.waitForSelector(`#status[data-loaded="${year}"]`);
  }

  it("shows the same numbers as the API, suppressed cells as such", async () => {
    await openDashboard();
    await expect(page.locator("#signed-in").getAttribute("data-role")).resolves.toBe("RFP_ANALYST");
    await page.screenshot({ path: join(SCREENSHOTS, "dashboard.png"), fullPage: true });
    const token = await federation().tokenFor({ role: "RFP_ANALYST" });
    const api = await graphql(federation().gatewayUrl, API, { variables: { year }, token });
    expect(api.errors).toBeUndefined();
    let suppressed = 0;
    for (const country of api.data.countries) {
      const groups = country.statistics.tables.find((t: any) => t.name === "casesByTargetGroup");
      for (const [j, group] of groups.columns.entries()) {
        const text = await page
          .locator(`td[data-country="${country.code}"][data-group="${group}"]`)
          .textContent();
        expect({ country: country.code, group, text }).toEqual({
          country: country.code,
          group,
          text: shown(groups.cells[0][j]),
        });
        if (groups.cells[0][j].suppressed) suppressed++;
      }
      const total = await page
        .locator(`td[data-country="${country.code}"][data-group="TOTAL"]`)
        .textContent();
      expect(total).toBe(shown(groups.total));
      const sent = country.statistics.tables.find((t: any) => t.name === "referralsSent");
      for (const [i, receiver] of sent.rows.entries()) {
        const cell = await page
          .locator(`td[data-from="${country.code}"][data-to="${receiver}"]`)
          .textContent();
        expect(cell).toBe(shown(sent.rowTotals[i]));
      }
    }
    expect(suppressed).toBeGreaterThan(0); // the demo data does exercise suppression
  });

  it("names a country that did not answer", async () => {
    const iceland = findCountry("IS")!;
    await federation().stopNational(iceland);
    try {
      await openDashboard();
      await expect(page.locator("#unreachable").getAttribute("data-countries")).resolves.toBe("IS");
      await page.screenshot({ path: join(SCREENSHOTS, "dashboard-unreachable.png"), fullPage: true });
    } finally {
      await federation().startNational(iceland);
    }
  });

  it("shows nothing before sign-in, and a wrong password keeps the person at the identity provider", async () => {
    await page.goto(`${base()}/dashboard`);
    await expect(page.locator("#figures").isHidden()).resolves.toBe(true);
    await signIn(page, "cbss", "analyst", { password: "not-the-password", expectSignedIn: false });
    await expect(page.getByRole("alert").textContent()).resolves.toMatch(/wrong password/);
    expect(page.url()).toMatch(/\/cbss\/interaction\//);
    await page.goto(`${base()}/dashboard`);
    await expect(page.locator("#content").isHidden()).resolves.toBe(true);
    await expect(page.locator("#status").textContent()).resolves.toMatch(/Sign in/);
  });

  it("signs out: the figures go and the sign-in choice comes back", async () => {
    await openDashboard();
    await page.click("#signout");
    await page.waitForSelector("#provider");
    await expect(page.locator("#content").isHidden()).resolves.toBe(true);
  });
});
