import { join } from "node:path";
import { decodeJwt } from "jose";
import { Browser, Page } from "playwright-core";
import { findCountry, mutationNamespace } from "#schema/registry";
import { DEMO_PASSWORD } from "../../scripts/demo/demo-users";
import { MAX_FAILED_SIGN_INS } from "../../scripts/federation/sign-in-throttle";
import { launchBrowser, SCREENSHOTS, signIn } from "../support/browser";
import { eventually } from "../support/eventually";
import { useSharedFederation } from "../support/federation";
import { errorCodes, graphql } from "../support/graphql";
import {
  CASE_INPUT,
  FULL_REFERRAL_QUERY,
  newKey,
  officersOf,
  RISK_ASSESSMENT_PROFILE,
} from "../support/referrals";

/**
 * The NCP workspace in headless Chromium, through the real sign-in: each officer signs in at their own
 * country's identity provider and works on referrals through the gateway with their own token.
 */
const federation = useSharedFederation();
const base = () => federation().gatewayUrl.replace(/\/graphql$/, "");
const { succeed, query } = officersOf(federation);
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(() => browser?.close());
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
});

/** A new browser (its own cookies and storage) where an officer of `code` signs in to the workspace. */
async function officerPage(code: string, hash = ""): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  pages.push(page);
  await page.goto(`${base()}/workspace${hash}`);
  await signIn(page, code.toLowerCase(), `officer.${code.toLowerCase()}`);
  return page;
}

/** Sweden refers a case to Lithuania through the API, as Sweden's case system would. */
async function swedishReferralToLithuania(): Promise<string> {
  const created = await succeed("SE", "createCase", { input: CASE_INPUT });
  const referral = await succeed("SE", "sendReferral", {
    input: {
      idempotencyKey: newKey("workspace"),
      caseId: created.id,
      to: "LT",
      purpose: "RISK_ASSESSMENT",
      urgency: "URGENT",
      profile: RISK_ASSESSMENT_PROFILE,
    },
  });
  return referral.id;
}

/**
 * Everything `code` was told so far is marked read through the API, as its officer would in the inbox: its
 * doorbells list then starts empty, however many the suites before rang (the federation is shared).
 */
async function readEverything(code: string): Promise<void> {
  const unread = `{ country(code: "${code}") { notifications(unreadOnly: true, first: 100) { id } } }`;
  const mark = `mutation($ids: [ID!]!) { ${mutationNamespace(findCountry(code)!)} { markNotificationsRead(ids: $ids) } }`;
  for (let page = 0; page < 100; page++) {
    const listed = await query(code, unread);
    expect(listed.errors).toBeUndefined();
    const ids = listed.data.country.notifications.map((n: { id: string }) => n.id);
    if (!ids.length) return;
    expect((await query(code, mark, { ids })).errors).toBeUndefined();
  }
  throw new Error(`${code} still has unread doorbells after 100 pages.`);
}

const row = (page: Page, table: string, id: string) => page.locator(`#${table} tr[data-referral="${id}"]`);

describe("the NCP workspace", () => {
  it("Lithuania's officer sees Sweden's referral in the inbox, opens it and acknowledges it; Sweden's officer sees that", async () => {
    await readEverything("LT");
    const id = await swedishReferralToLithuania();

    // Sweden's subgraph rang Lithuania's doorbell; the workspace shows it as new.
    await eventually(`Lithuania's doorbell for ${id}`, async () => {
      const inbox = await query(
        "LT",
        `{ country(code: "LT") { notifications(unreadOnly: true) { referralId } } }`,
      );
      return (
        inbox.data.country.notifications.some((n: { referralId: string }) => n.referralId === id) || undefined
      );
    });
    const lithuania = await officerPage("LT");
    await expect(lithuania.locator("#signed-in").getAttribute("data-country")).resolves.toBe("LT");
    await row(lithuania, "inbox", id).waitFor();
    await expect(lithuania.locator(`#doorbells li[data-referral="${id}"]`).textContent()).resolves.toContain(
      "Sweden sent a referral",
    );
    await expect(lithuania.locator("#unread").textContent()).resolves.toMatch(/^\d+ new$/);
    await lithuania.click("#mark-read");
    await lithuania.waitForSelector('#unread[data-count="0"]');
    await expect(row(lithuania, "inbox", id).textContent()).resolves.toMatch(/unanswered/);
    await lithuania.screenshot({ path: join(SCREENSHOTS, "workspace-inbox.png"), fullPage: true });

    await row(lithuania, "inbox", id).getByRole("link").click();
    await lithuania.waitForSelector("#referral-heading");
    await expect(lithuania.locator("#referral-heading").textContent()).resolves.toBe(
      "Referral from Sweden to Lithuania",
    );
    // The child as shared for a risk assessment, and the merged timeline (empty so far).
    await expect(lithuania.locator("main").textContent()).resolves.toContain(
      RISK_ASSESSMENT_PROFILE.riskFactors,
    );
    await lithuania.getByLabel("Decision", { exact: true }).selectOption("ACKNOWLEDGED");
    await lithuania.getByRole("button", { name: "Send response" }).click();
    await lithuania.waitForSelector('#response[data-decision="ACKNOWLEDGED"]');
    await expect(lithuania.locator("#notice").textContent()).resolves.toBe("Response sent: acknowledged.");
    await lithuania.screenshot({ path: join(SCREENSHOTS, "workspace-referral.png"), fullPage: true });

    // Sweden's officer, in another browser, finds the acknowledgement among the referrals sent.
    const sweden = await officerPage("SE", "#sent");
    await row(sweden, "sent", id).waitFor();
    await expect(row(sweden, "sent", id).textContent()).resolves.toMatch(/acknowledged/);
    await row(sweden, "sent", id).getByRole("link").click();
    await sweden.waitForSelector('#response[data-decision="ACKNOWLEDGED"]');
    // Sweden's own inbox lists what others sent to Sweden, not what Sweden sent.
    await sweden.goto(`${base()}/workspace#inbox`);
    await sweden.waitForSelector("table#inbox, #inbox-empty");
    await expect(row(sweden, "inbox", id).count()).resolves.toBe(0);
    await expect(
      sweden
        .locator("#inbox tr[data-referral]")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-referral"))),
    ).resolves.toEqual(expect.not.arrayContaining([expect.stringMatching(/^SE-/)]));

    // What the pages showed is what the registries hold.
    const api = await query("SE", FULL_REFERRAL_QUERY, { code: "SE", id });
    expect(api.data.country.referral.response).toMatchObject({ decision: "ACKNOWLEDGED", version: 1 });
  });

  it("does not show Poland's officer a referral between Sweden and Lithuania", async () => {
    await readEverything("PL");
    const id = await swedishReferralToLithuania();
    const poland = await officerPage("PL");
    await poland.waitForSelector("#inbox, #inbox-empty");
    await expect(row(poland, "inbox", id).count()).resolves.toBe(0);
    // Nothing changed for Poland: no doorbell list, and nothing else in its place.
    await expect(poland.locator("#doorbells").count()).resolves.toBe(0);
    await expect(poland.locator("main").innerText()).resolves.not.toMatch(/\bnull\b|undefined/);
    // Nor by its address.
    await poland.goto(`${base()}/workspace#referral/SE/${id}`);
    await poland.waitForSelector("#notice.error");
    await expect(poland.locator("#referral-heading").count()).resolves.toBe(0);
  });

  it("says so when someone answered first, and shows the latest answer", async () => {
    const id = await swedishReferralToLithuania();
    const lithuania = await officerPage("LT", `#referral/SE/${id}`);
    await lithuania.waitForSelector("#respond");
    // A colleague acknowledges through Lithuania's case system meanwhile.
    await succeed("LT", "respondToReferral", {
      referralId: id,
      version: 0,
      input: { decision: "ACKNOWLEDGED" },
    });
    await lithuania.getByLabel("Decision", { exact: true }).selectOption("INFORMATION_REQUESTED");
    await lithuania.getByRole("button", { name: "Send response" }).click();
    await lithuania.waitForSelector("#notice.error");
    await expect(lithuania.locator("#notice").textContent()).resolves.toMatch(
      /Someone changed this referral/,
    );
    await expect(lithuania.locator("#response").getAttribute("data-decision")).resolves.toBe("ACKNOWLEDGED");
  });

  it("refuses a return plan without a positive best-interests conclusion, naming what is missing", async () => {
    const id = await swedishReferralToLithuania();
    const lithuania = await officerPage("LT", `#referral/SE/${id}`);
    await lithuania.waitForSelector("#respond");
    await lithuania.getByLabel("Decision", { exact: true }).selectOption("ACCEPTED");
    await lithuania.getByLabel("Planned return date").fill("2027-03-01");
    await lithuania.getByRole("button", { name: "Send response" }).click();
    await lithuania.waitForSelector("#notice.error");
    await expect(lithuania.locator("#notice").textContent()).resolves.toMatch(
      /return is not safe yet.*best interests established/i,
    );
    await expect(lithuania.locator("#response").getAttribute("data-decision")).resolves.toBe("");
  });

  it("records a return event, which both countries see in the merged timeline; a hand-over before it is safe is refused", async () => {
    const id = await swedishReferralToLithuania();
    const sweden = await officerPage("SE", `#referral/SE/${id}`);
    await sweden.waitForSelector("#return-event");
    // Lithuania has not accepted: handing the child over is refused, and says why.
    await sweden.getByLabel("Event", { exact: true }).selectOption("HANDED_OVER");
    await sweden.getByRole("button", { name: "Record event" }).click();
    await sweden.waitForSelector("#notice.error");
    await expect(sweden.locator("#notice").textContent()).resolves.toMatch(
      /return is not safe yet.*receiver accepted/i,
    );

    const lithuania = await officerPage("LT", `#referral/SE/${id}`);
    await lithuania.waitForSelector("#return-event");
    await lithuania.getByLabel("Event", { exact: true }).selectOption("PLACED");
    await lithuania
      .getByLabel("Notes", { exact: true })
      .fill("Placed with her mother, supported by the municipality.");
    await lithuania.getByRole("button", { name: "Record event" }).click();
    await lithuania.waitForSelector("#notice.success");
    await expect(lithuania.locator("#timeline").textContent()).resolves.toContain("placed");

    await sweden.reload();
    await sweden.waitForSelector("#timeline");
    await expect(sweden.locator("#timeline").textContent()).resolves.toContain(
      "Placed with her mother, supported by the municipality.",
    );
  });

  it("opens a case and sends a referral from it, offering only the profile fields the purpose allows", async () => {
    const denmark = await officerPage("DK", "#cases");
    await denmark.waitForSelector("#create-case");
    await denmark.getByLabel("trafficked").check();
    await denmark.getByLabel("Sex", { exact: true }).selectOption("MALE");
    await denmark.getByLabel("Age band").selectOption("AGE_12_14");
    await denmark.getByRole("button", { name: "Open case" }).click();
    await denmark.waitForSelector("#notice.success");
    await expect(denmark.locator("#notice").textContent()).resolves.toBe("Case opened.");

    await denmark.getByRole("link", { name: "Referrals sent" }).click();
    await denmark.waitForSelector("#send-referral");
    await denmark.getByLabel("To", { exact: true }).selectOption("NO");
    await denmark.getByLabel("Purpose", { exact: true }).selectOption("FAMILY_TRACING");
    await expect(denmark.getByLabel("Given name (required)").count()).resolves.toBe(1);
    await denmark.getByLabel("Purpose", { exact: true }).selectOption("INFORMATION_REQUEST");
    // Minimisation: a question about a child shares no name.
    await expect(denmark.locator('#profile [name="profile.givenName"]').count()).resolves.toBe(0);
    await denmark
      .getByLabel("Question (required)")
      .fill("Is this boy known to your child protection services?");
    await denmark.getByRole("button", { name: "Send referral" }).click();
    await denmark.waitForSelector("#notice.success");
    await expect(denmark.locator("#notice").textContent()).resolves.toBe("Referral sent to Norway.");
    await denmark.screenshot({ path: join(SCREENSHOTS, "workspace-sent.png"), fullPage: true });

    const sent = await query(
      "DK",
      `{ country(code: "DK") { referrals { nodes { to { code } purpose profile { question givenName } } } } }`,
    );
    expect(sent.data.country.referrals.nodes[0]).toEqual({
      to: { code: "NO" },
      purpose: "INFORMATION_REQUEST",
      profile: { question: "Is this boy known to your child protection services?", givenName: null },
    });
  });

  it("names a country that does not answer, and the rest of the inbox still works", async () => {
    const id = await swedishReferralToLithuania();
    const iceland = findCountry("IS")!;
    await federation().stopNational(iceland);
    try {
      const lithuania = await officerPage("LT");
      await row(lithuania, "inbox", id).waitFor();
      await expect(lithuania.locator("#unreachable").getAttribute("data-countries")).resolves.toBe("IS");
      await expect(lithuania.locator("#unreachable").textContent()).resolves.toContain("Iceland");
    } finally {
      await federation().startNational(iceland);
    }
  });

  it("refuses a user name's sign-in for a while after five wrong passwords, the right one included", async () => {
    // Finland's officer: no other suite signs in as them.
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    pages.push(page);
    await page.goto(`${base()}/workspace`);
    await signIn(page, "fi", "officer.fi", { password: "wrong-1", expectSignedIn: false });
    const attempt = async (password: string) => {
      await page.getByLabel("User name").fill("officer.fi");
      await page.getByLabel("Password").fill(password);
      const answered = page.waitForResponse(
        (r) => r.request().method() === "POST" && /\/interaction\//.test(r.url()),
      );
      await page.getByRole("button", { name: "Sign in" }).click();
      return (await answered).status();
    };
    await page.getByRole("alert").waitFor();
    for (let n = 2; n <= MAX_FAILED_SIGN_INS; n++) expect(await attempt(`wrong-${n}`)).toBe(401);
    expect(await attempt(DEMO_PASSWORD)).toBe(429);
    await eventually(
      "the lockout's message",
      async () =>
        /^Too many failed sign-ins for this user name: try again in \d+ s\.$/.test(
          (await page.getByRole("alert").textContent()) ?? "",
        ) || undefined,
    );
    await expect(page.locator("#signed-in").count()).resolves.toBe(0);
  });

  /**
   * Signs in at `provider` for real, but the provider's answer (its redirect back to the pages, with a real
   * code) reaches the page altered by `tamper`, as a forged or mixed-up answer would: the page's script is
   * held back the first time the answer arrives, and the tab is then sent to the altered answer. Returns
   * the page once it has shown either a refusal or a signed-in view.
   */
  async function signInWithAlteredAnswer(provider: string, tamper: (answer: URL) => void): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    pages.push(page);
    let held = false;
    await page.route(
      (url) => url.pathname === "/assets/signin.js",
      (route) => {
        if (held) return route.continue();
        held = true;
        return route.abort();
      },
    );
    await page.goto(`${base()}/workspace`);
    await signIn(page, provider, `officer.${provider}`, { expectSignedIn: false });
    await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.has("code"));
    expect(held).toBe(true);
    const answer = new URL(page.url());
    tamper(answer);
    await page.goto(answer.toString());
    await page.waitForSelector("#status.error, #signed-in");
    return page;
  }

  /** The page refused, said why, kept nothing in the tab, and the workspace offers to sign in again. */
  async function expectRefused(page: Page, reason: RegExp): Promise<void> {
    await expect(page.locator("#signed-in").count()).resolves.toBe(0);
    await expect(page.locator("#status.error").textContent()).resolves.toMatch(reason);
    await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);
    await page.getByRole("link", { name: "Back to the workspace" }).click();
    await page.waitForSelector("#signin #provider");
    await expect(page.locator("#signed-in").count()).resolves.toBe(0);
    await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);
  }

  it("refuses a sign-in whose answer carries another state than the one this tab sent", async () => {
    const page = await signInWithAlteredAnswer("ee", (answer) => answer.searchParams.set("state", "forged"));
    await expectRefused(page, /not started from this tab.*Sign in again/);
  });

  it("refuses a sign-in whose answer names another identity provider than the one chosen (RFC 9207)", async () => {
    const page = await signInWithAlteredAnswer("lv", (answer) => {
      expect(answer.searchParams.get("iss")).toBe(`${federation().idpUrl}/lv`);
      answer.searchParams.set("iss", `${federation().idpUrl}/lt`);
    });
    await expectRefused(page, /another identity provider than the one chosen.*Sign in again/);
  });

  it("refuses a sign-in whose answer does not name its identity provider, which says it always does", async () => {
    const page = await signInWithAlteredAnswer("no", (answer) => answer.searchParams.delete("iss"));
    await expectRefused(page, /did not say which identity provider.*Sign in again/);
  });

  it("holds a token bound to a key the page cannot give away: copied out of the tab, it is refused", async () => {
    const page = await officerPage("SE");
    const token: string = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem("ncp.signin.session")!).token,
    );
    expect(decodeJwt(token).cnf).toEqual({ jkt: expect.any(String) });
    // The page reads the cases with it (its proofs made by the tab's key)...
    await page.goto(`${base()}/workspace#cases`);
    await page.waitForSelector("table#cases tr:nth-child(2), #notice.error");
    // If the page said why it could not read them, that is the failure to report.
    const refused = (await page.locator("#notice.error").count())
      ? await page.locator("#notice").textContent()
      : null;
    expect(refused).toBeNull();
    // ...the token alone, sent from anywhere else, reads nothing.
    const copied = await graphql(federation().gatewayUrl, "{ sweden { cases(first: 1) { nodes { id } } } }", {
      token,
    });
    expect(errorCodes(copied)).toEqual(["UNAUTHENTICATED"]);
    expect(copied.errors![0].message).toMatch(/bound to a key and came without a proof of it/);
    // The key's private half cannot be read out of the browser.
    const exported = await page.evaluate(async () => {
      const id = sessionStorage.getItem("ncp.signin.key")!;
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open("ncp-proof-keys");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stored: { privateKey: CryptoKey } = await new Promise((resolve, reject) => {
        const request = db.transaction("keys").objectStore("keys").get(id);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return crypto.subtle.exportKey("jwk", stored.privateKey).then(
        () => "exported",
        (error: Error) => error.name,
      );
    });
    expect(exported).toBe("InvalidAccessError");
  });

  it("shows the section a person opened last, even when the one opened before answers later", async () => {
    const page = await officerPage("SE", "#cases");
    await page.waitForSelector("table#cases tr:nth-child(2)");
    // The inbox asks every country, so it can answer after a section opened after it; hold its answer back.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${base()}/graphql`, async (route) => {
      if (route.request().postData()?.includes("countries { code referrals(status: SENT")) await held;
      await route.continue();
    });
    const inboxAsked = page.waitForRequest(
      (request) => !!request.postData()?.includes("countries { code referrals"),
    );
    await page.evaluate(() => (location.hash = "#inbox"));
    await inboxAsked;
    await page.evaluate(() => (location.hash = "#cases"));
    await page.waitForSelector("table#cases tr:nth-child(2)");
    const inboxAnswered = page.waitForResponse(
      (response) => !!response.request().postData()?.includes("countries { code referrals"),
    );
    release();
    await inboxAnswered;
    await page.waitForLoadState("networkidle");
    // The late inbox did not replace the cases the officer is reading.
    await expect(page.locator("h2").textContent()).resolves.toBe("Cases of Sweden");
    await expect(page.locator("table#cases tr:nth-child(2)").count()).resolves.toBe(1);
  });

  it("can be used from the keyboard, and labels every control", async () => {
    const id = await swedishReferralToLithuania();
    const lithuania = await officerPage("LT", `#referral/SE/${id}`);
    await lithuania.waitForSelector("#respond");
    const unlabelled = await lithuania.$$eval("input, select, textarea", (controls) =>
      controls.filter((c) => !(c as HTMLInputElement).labels?.length).map((c) => c.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    // The first decision, acknowledging, is sent with Enter on the focused button.
    await lithuania.getByRole("button", { name: "Send response" }).focus();
    await lithuania.keyboard.press("Enter");
    await lithuania.waitForSelector('#response[data-decision="ACKNOWLEDGED"]');
  });
});
