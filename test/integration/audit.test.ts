import mongoose from "mongoose";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { databaseName, findCountry } from "#schema/registry";
import { AuditRecord, ROOT_DIR } from "#core";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { Store } from "../../subgraphs/national/src/store";
import { useSharedFederation } from "../support/federation";
import { eventually } from "../support/eventually";
import { errorCodes, graphql, GraphQLResponse } from "../support/graphql";
import { CASE_INPUT, FULL_REFERRAL_QUERY, mutate, ok, RISK_ASSESSMENT_PROFILE } from "../support/referrals";

const federation = useSharedFederation();
const sweden = () => findCountry("SE")!;
const token = (country: string) => federation().tokenFor({ role: "NCP_OFFICER", country });

let store: Store;
beforeAll(async () => {
  store = await openCountryStore(federation().mongoUri(sweden()));
});
afterAll(() => store.close());

async function sendReferral(): Promise<string> {
  const url = federation().gatewayUrl;
  const se = await token("SE");
  const caseId = ok(await mutate(url, se, "SE", "createCase", { input: CASE_INPUT }), "SE", "createCase").id;
  const input = {
    idempotencyKey: `audit-${Date.now()}-${Math.random()}`,
    caseId,
    to: "LT",
    purpose: "RISK_ASSESSMENT",
    urgency: "NORMAL",
    profile: RISK_ASSESSMENT_PROFILE,
  };
  return ok(await mutate(url, se, "SE", "sendReferral", { input }), "SE", "sendReferral").id;
}

const readAs = async (country: string, id: string) =>
  graphql(federation().gatewayUrl, FULL_REFERRAL_QUERY, {
    variables: { code: "SE", id },
    token: await token(country),
  });

const TRAIL = `query($country: ID, $outcome: AuditOutcome) { country(code: "SE") {
  auditTrail(country: $country, outcome: $outcome, first: 100) { nodes { seq subject country role operation policy recordIds purpose outcome reason count } }
} }`;

async function trail(variables: Record<string, unknown>) {
  const response = await graphql(federation().gatewayUrl, TRAIL, { variables, token: await token("SE") });
  expect(response.errors).toBeUndefined();
  return response.data.country.auditTrail.nodes as Array<Record<string, any>>;
}

const exec = promisify(execFile);
async function verify(): Promise<{ code: number; output: string }> {
  const script = join(ROOT_DIR, "dist/scripts/audit-verify.js");
  const args = [
    script,
    "--country",
    "SE",
    "--mongodb-uri",
    federation().mongoUri(sweden()),
    "--gateway",
    federation().gatewayUrl,
  ];
  try {
    const { stdout } = await exec(process.execPath, args);
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

describe("the audit trail in each national store", () => {
  it("records a cross-border read and a refused attempt in the owner's log, with who, what, purpose and outcome", async () => {
    const id = await sendReferral();
    expect((await readAs("LT", id)).errors).toBeUndefined();
    const pl = await readAs("PL", id);
    expect(pl.errors).toBeUndefined();
    expect(pl.data.country.referral).toBeNull();

    const lt = await trail({ country: "LT", outcome: "ALLOWED" });
    expect(lt).toContainEqual(
      expect.objectContaining({
        country: "LT",
        role: "NCP_OFFICER",
        subject: "dev-ncp_officer-lt",
        policy: "readReferrals",
        purpose: "RISK_ASSESSMENT",
        recordIds: expect.arrayContaining([id]),
      }),
    );
    const refused = await trail({ country: "PL", outcome: "REFUSED" });
    expect(refused).toContainEqual(
      expect.objectContaining({
        country: "PL",
        policy: "readReferrals",
        recordIds: [id],
        reason: expect.stringMatching(
          /Only principals of the two countries of a referral.*your token is for PL/,
        ),
      }),
    );
  });

  it("counts the refusals of callers without a token in one entry, rather than chaining one per alias and country", async () => {
    const start = (await trail({ outcome: "REFUSED" }))[0]?.seq ?? 0;
    // Fifteen aliases of Sweden's cases (the gateway's work limit keeps a query from asking every country
    // that many times): fifteen requests at Sweden, each refused.
    const aliases = Array.from(
      { length: 15 },
      (_, i) => `a${i}: country(code: "SE") { cases(first: 1) { nodes { id } } }`,
    );
    const flood = await graphql(federation().gatewayUrl, `query Flood { ${aliases.join(" ")} }`);
    expect(errorCodes(flood)).toEqual(Array(15).fill("UNAUTHENTICATED"));
    const entries = (await trail({ outcome: "REFUSED" })).filter(
      (e) => e.seq > start && e.subject === "anonymous",
    );
    // One entry, or two if the minute's write fell in between: never one per alias.
    expect(entries.length).toBeLessThanOrEqual(2);
    for (const entry of entries)
      expect(entry).toMatchObject({
        policy: "readCases",
        operation: "(refusals without a valid token, counted)",
        recordIds: [],
        reason: expect.stringMatching(/^Sign in to read the country's cases/),
      });
    expect(entries.reduce((sum, e) => sum + e.count, 0)).toBe(15);
  });

  it("records every write before it happens and then its outcome", async () => {
    const id = await sendReferral();
    const writes = await trail({ country: "SE" });
    const forReferral = writes.filter((w) => w.policy === "writeReferrals").slice(0, 2);
    expect(forReferral.map((w) => w.outcome)).toEqual(["SUCCEEDED", "ALLOWED"]);
    const failed = await mutate(federation().gatewayUrl, await token("SE"), "SE", "changeReferralStatus", {
      id,
      version: 99,
      status: "CLOSED",
    });
    expect(errorCodes(failed)).toEqual(["CONFLICT"]);
    expect((await trail({ country: "SE", outcome: "FAILED" }))[0]).toMatchObject({
      policy: "writeReferrals",
      recordIds: [id],
      reason: "CONFLICT",
    });
  });

  it("is readable only by the owner's NCP officers", async () => {
    for (const country of ["LT", "PL"]) {
      const response = await graphql(federation().gatewayUrl, TRAIL, {
        variables: {},
        token: await token(country),
      });
      expect(errorCodes(response)).toEqual(["FORBIDDEN"]);
    }
    const rfp = await graphql(federation().gatewayUrl, TRAIL, {
      variables: {},
      token: await federation().tokenFor({ role: "RFP_ANALYST" }),
    });
    expect(errorCodes(rfp)).toEqual(["FORBIDDEN"]);
  });

  it("keeps one unbroken chain under concurrent appends", async () => {
    const id = await sendReferral();
    const reads = await Promise.all(Array.from({ length: 20 }, () => readAs("LT", id)));
    for (const read of reads) expect(read.errors).toBeUndefined();
    const entries = await store.Audit.find().sort({ _id: 1 }).lean<AuditRecord[]>();
    expect(entries.map((e) => e._id)).toEqual(entries.map((_, i) => i + 1));
    const report = await verify();
    expect(report.output).toMatch(/OK: every entry verifies/);
    expect(report.code).toBe(0);
  });
});

/**
 * An honest fault in Sweden's real store: the table behind its audit collection refuses new rows (a
 * trigger its administrator adds), while every other collection, and reading the log, work as before.
 */
function auditTable(): string {
  const id = federation().storeSql(
    sweden(),
    "SELECT collection_id FROM documentdb_api_catalog.collections " +
      `WHERE database_name = '${databaseName(sweden())}' AND collection_name = 'audit_log'`,
  );
  if (!/^\d+$/.test(id)) throw new Error(`No audit collection in Sweden's store: '${id}'.`);
  return `documentdb_data.documents_${id}`;
}
const refuseAuditAppends = (table: string) =>
  federation().storeSql(
    sweden(),
    "CREATE OR REPLACE FUNCTION public.test_refuse_audit_append() RETURNS trigger LANGUAGE plpgsql " +
      "AS $$ BEGIN RAISE EXCEPTION 'the audit log refuses new entries (test fault)'; END $$; " +
      `CREATE TRIGGER test_refuse_audit_append BEFORE INSERT ON ${table} ` +
      "FOR EACH ROW EXECUTE FUNCTION public.test_refuse_audit_append()",
  );
const allowAuditAppends = (table: string) =>
  federation().storeSql(
    sweden(),
    `DROP TRIGGER IF EXISTS test_refuse_audit_append ON ${table}; ` +
      "DROP FUNCTION IF EXISTS public.test_refuse_audit_append()",
  );

describe("when the audit log cannot be written", () => {
  it("refuses a cross-border read and a write with AUDIT_UNAVAILABLE, and the write does not happen", async () => {
    const id = await sendReferral();
    const status = async () =>
      (
        await graphql(
          federation().gatewayUrl,
          `
            query ($id: ID!) {
              country(code: "SE") {
                referral(id: $id) {
                  status
                  version
                  history {
                    status
                  }
                }
              }
            }
          `,
          { variables: { id }, token: await token("SE") },
        )
      ).data.country.referral;
    const before = await status();
    expect(before).toMatchObject({ status: "SENT" });

    const table = auditTable();
    refuseAuditAppends(table);
    let read: GraphQLResponse | undefined;
    let write: GraphQLResponse | undefined;
    try {
      // Lithuania's officer reads Sweden's referral: an access Sweden must record, and cannot.
      read = await readAs("LT", id);
      // Sweden's officer withdraws it: the entry before the write cannot be made, so neither can the write.
      write = await mutate(federation().gatewayUrl, await token("SE"), "SE", "changeReferralStatus", {
        id,
        version: before.version,
        status: "WITHDRAWN",
        note: "Withdrawn while the audit log is down",
      });
    } finally {
      allowAuditAppends(table);
    }
    expect(errorCodes(read!)).toContain("AUDIT_UNAVAILABLE");
    expect(read!.data?.country?.referral ?? null).toBeNull();
    expect(JSON.stringify(read)).not.toContain(RISK_ASSESSMENT_PROFILE.riskFactors);
    expect(errorCodes(write!)).toEqual(["AUDIT_UNAVAILABLE"]);
    expect(write!.errors![0].message).toMatch(/could not be recorded in the audit log/);
    expect(await status()).toEqual(before);

    // With the log writable again, the same read is granted and the chain still verifies.
    const again = await readAs("LT", id);
    expect(again.errors).toBeUndefined();
    expect(again.data.country.referral.profile.riskFactors).toBe(RISK_ASSESSMENT_PROFILE.riskFactors);
    const report = await verify();
    expect(report.output).toMatch(/OK: every entry verifies/);
    expect(report.code).toBe(0);
  });
});

describe("npm run audit:verify", () => {
  let original: AuditRecord[];
  beforeAll(async () => {
    // Each referral writes four entries (two writes, each before and after), and one more when Lithuania
    // checks its doorbell with Sweden: all of them in the log before any test takes its snapshot.
    const ids = [await sendReferral(), await sendReferral()];
    await eventually("Lithuania's check of both doorbells", async () => {
      const inbox = await graphql(
        federation().gatewayUrl,
        '{ country(code: "LT") { notifications(first: 200) { referralId } } }',
        { token: await token("LT") },
      );
      const rung = inbox.data.country.notifications.map((n: { referralId: string }) => n.referralId);
      return ids.every((id) => rung.includes(id)) || undefined;
    });
  });
  // Taken just before each tampering and put back just after: the federation is shared, and Sweden's log
  // goes on growing between tests.
  beforeEach(async () => {
    original = await store.Audit.find().sort({ _id: 1 }).lean<AuditRecord[]>();
    expect(original.length).toBeGreaterThan(6);
  });
  afterEach(async () => {
    await store.Audit.deleteMany({});
    await store.Audit.insertMany(original);
  });

  const tamperings: Array<[string, (entries: AuditRecord[]) => Promise<unknown>, RegExp]> = [
    [
      "an edited entry",
      (e) => store.Audit.updateOne({ _id: e[2]._id }, { $set: { subject: "someone-else" } }),
      /#3: its content does not match its hash \(edited\)/,
    ],
    ["a deleted entry", (e) => store.Audit.deleteOne({ _id: e[3]._id }), /#4: entry 4 is missing/],
    [
      "two entries swapped",
      async (e) => {
        const { _id: a, ...first } = e[1];
        const { _id: b, ...second } = e[2];
        await store.Audit.replaceOne({ _id: a }, second);
        await store.Audit.replaceOne({ _id: b }, first);
      },
      /#2: does not link to the entry before it/,
    ],
  ];

  it.each(tamperings)("reports %s as the first broken entry", async (_label, tamper, expected) => {
    await tamper(original);
    const report = await verify();
    expect(report.code).toBe(1);
    expect(report.output).toMatch(expected);
  });

  it("reports a truncated log by comparing with the heads the Children's Unit witnessed", async () => {
    const head = original.at(-1)!;
    const witnessed = async () =>
      (await graphql(federation().gatewayUrl, '{ auditWitness(code: "SE") { seq hash } }')).data
        .auditWitness as Array<{ seq: number; hash: string }>;
    const deadline = Date.now() + 15_000;
    while (!(await witnessed()).some((h) => h.seq === head._id && h.hash === head.hash)) {
      if (Date.now() > deadline) throw new Error("the directory never witnessed the current head");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // A chain cut short is still internally consistent; only the witness can tell.
    await store.Audit.deleteMany({ _id: mongoose.trusted({ $gt: head._id - 2 }) });
    const report = await verify();
    expect(report.code).toBe(1);
    // The witness may also have seen the head before the last one: the report names the first head
    // witnessed past the end of the log, whichever of the two that is.
    expect(report.output).toMatch(
      new RegExp(
        `#(${head._id - 1}|${head._id}): was witnessed but the log ends at ${head._id - 2} \\(truncated\\)`,
      ),
    );
  });
});
