import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { findCountry } from "#schema/registry";
import { ROOT_DIR } from "#core";
import { migrateLegacyCases } from "../../subgraphs/national/src/modules/case/case-migration";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { eventually } from "../support/eventually";
import { useSharedFederation } from "../support/federation";
import { errorCodes, graphql, GraphQLResponse } from "../support/graphql";
import {
  backdateReferral,
  CASE_INPUT,
  newKey as nextKey,
  ok,
  officersOf,
  RISK_ASSESSMENT_PROFILE,
} from "../support/referrals";

const federation = useSharedFederation();
const gateway = () => federation().gatewayUrl;

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const { officer, as, succeed, query } = officersOf(federation);
const newKey = () => nextKey("casework");

async function sendSeToLt(urgency = "NORMAL") {
  const caseId = (await succeed("SE", "createCase", { input: CASE_INPUT })).id;
  const input = {
    idempotencyKey: newKey(),
    caseId,
    to: "LT",
    purpose: "RISK_ASSESSMENT",
    urgency,
    profile: RISK_ASSESSMENT_PROFILE,
  };
  return (await succeed("SE", "sendReferral", { input })).id as string;
}

async function message(
  code: string,
  referralId: string,
  input: Record<string, unknown>,
): Promise<GraphQLResponse> {
  return as(code, "sendReferralMessage", { referralId, input: { idempotencyKey: newKey(), ...input } });
}

const CONVERSATION = `query($id: ID!) { country(code: "SE") { referral(id: $id) {
  messages { id writtenBy { code } body answerTo } } } }`;

describe("a case's records", () => {
  it("holds the guardian, the child's views, the age assessment, several target groups and forms of exploitation", async () => {
    const input = {
      ...CASE_INPUT,
      targetGroups: ["TRAFFICKED", "UNDOCUMENTED"],
      exploitationForms: ["SEXUAL", "FORCED_CRIMINALITY"],
      ageDisputed: true,
      ageBand: "PRESUMED_CHILD",
      ageAssessment: { method: "MULTIDISCIPLINARY", assessedOn: daysAgo(3), outcome: "AGE_15_17" },
    };
    const { id } = await succeed("SE", "createCase", { input });
    const read = await query(
      "SE",
      `query($id: ID!) { country(code: "SE") { case(id: $id) {
        targetGroups exploitationForms ageDisputed ageAssessment { method outcome }
        guardian { name organisation appointedOn } childViews { onReturn statement language withInterpreter } } } }`,
      { id },
    );
    expect(read.data.country.case).toEqual({
      targetGroups: ["TRAFFICKED", "UNDOCUMENTED"],
      exploitationForms: ["SEXUAL", "FORCED_CRIMINALITY"],
      ageDisputed: true,
      ageAssessment: { method: "MULTIDISCIPLINARY", outcome: "AGE_15_17" },
      guardian: {
        name: "Anna Guardian",
        organisation: "Malmo social services",
        appointedOn: CASE_INPUT.guardian.appointedOn,
      },
      childViews: {
        onReturn: "WISHES_TO_RETURN",
        statement: CASE_INPUT.childViews.statement,
        language: "lt",
        withInterpreter: true,
      },
    });
  });

  it("refuses records that cannot be true, naming the field, and writes nothing", async () => {
    const before = await query("SE", `{ country(code: "SE") { cases(first: 100) { nodes { id } } } }`);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ targetGroups: [] }, "targetGroups"],
      [{ targetGroups: ["TRAFFICKED", "TRAFFICKED"] }, "targetGroups"],
      [{ targetGroups: ["UNDOCUMENTED"], exploitationForms: ["BEGGING"] }, "exploitationForms"],
      [
        { guardian: { ...CASE_INPUT.guardian, appointedOn: new Date(Date.now() + DAY).toISOString() } },
        "guardian.appointedOn",
      ],
      [{ guardian: { ...CASE_INPUT.guardian, name: "" } }, "guardian.name"],
      [{ childViews: { ...CASE_INPUT.childViews, language: "xx" } }, "childViews.language"],
      [{ childViews: { ...CASE_INPUT.childViews, statement: "x".repeat(2001) } }, "childViews.statement"],
      [
        {
          ageAssessment: {
            method: "MEDICAL",
            assessedOn: new Date(Date.now() + DAY).toISOString(),
            outcome: "AGE_12_14",
          },
        },
        "ageAssessment.assessedOn",
      ],
    ];
    for (const [override, field] of bad) {
      const response = await as("SE", "createCase", { input: { ...CASE_INPUT, ...override } });
      expect({ field, codes: errorCodes(response) }).toEqual({ field, codes: ["BAD_USER_INPUT"] });
      expect(response.errors![0].extensions!.field).toBe(field);
    }
    const after = await query("SE", `{ country(code: "SE") { cases(first: 100) { nodes { id } } } }`);
    expect(after.data.country.cases.nodes).toEqual(before.data.country.cases.nodes);
  });
});

describe("the conversation on a referral", () => {
  it("each message is held by its writer, merged in time order, and invisible to a third country", async () => {
    const referralId = await sendSeToLt();
    const asked = ok(
      await message("SE", referralId, { body: "Has the mother been traced yet?" }),
      "SE",
      "sendReferralMessage",
    );
    expect(asked).toMatchObject({ referralId, writtenBy: { code: "SE" }, answerTo: null });
    const answer = await message("LT", referralId, { body: "Yes, in Kaunas district.", answerTo: asked.id });
    const answered = ok(answer, "LT", "sendReferralMessage");

    for (const code of ["SE", "LT"]) {
      const read = await query(code, CONVERSATION, { id: referralId });
      expect(read.errors).toBeUndefined();
      expect(read.data.country.referral.messages).toEqual([
        { id: asked.id, writtenBy: { code: "SE" }, body: "Has the mother been traced yet?", answerTo: null },
        { id: answered.id, writtenBy: { code: "LT" }, body: "Yes, in Kaunas district.", answerTo: asked.id },
      ]);
    }

    // Each store holds only what its own country wrote.
    for (const [code, body] of [
      ["SE", "Has the mother been traced yet?"],
      ["LT", "Yes, in Kaunas district."],
    ]) {
      const store = await openCountryStore(federation().mongoUri(findCountry(code)!), code);
      try {
        const held = await store.Message.find({ referralId }).lean<Array<{ body: string }>>();
        expect(held.map((m) => m.body)).toEqual([body]);
      } finally {
        await store.close();
      }
    }

    // Poland reads nothing of it, neither at the sender nor at the receiver, and cannot write into it.
    const pl = await query("PL", CONVERSATION, { id: referralId });
    expect(pl.errors).toBeUndefined();
    expect(pl.data.country.referral).toBeNull();
    const plRecords = await query(
      "PL",
      `query($ids: [ID!]!) { country(code: "LT") { referralRecords(referralIds: $ids) { messages { body } } } }`,
      { ids: [referralId] },
    );
    expect(errorCodes(plRecords)).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await message("PL", referralId, { body: "Hello?" }))).toEqual(["NOT_FOUND"]);

    // Lithuania's officer read Sweden's messages: Sweden's audit trail says so, by record id only.
    const trail = await query(
      "SE",
      `{ country(code: "SE") { auditTrail(country: "LT", first: 100) { nodes { policy recordIds outcome } } } }`,
    );
    expect(trail.data.country.auditTrail.nodes).toContainEqual({
      policy: "readReferrals",
      recordIds: [referralId],
      outcome: "ALLOWED",
    });
  });

  it("refuses an empty or overlong message, an answer to a message of another conversation, and a closed referral", async () => {
    const referralId = await sendSeToLt();
    const other = await sendSeToLt();
    const elsewhere = ok(
      await message("SE", other, { body: "About the other child." }),
      "SE",
      "sendReferralMessage",
    );
    const bad: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ body: "" }, "BAD_USER_INPUT", "body"],
      [{ body: "x".repeat(2001) }, "BAD_USER_INPUT", "body"],
      [{ body: "Re", answerTo: "not-an-id" }, "BAD_USER_INPUT", "answerTo"],
      [{ body: "Re", answerTo: elsewhere.id }, "NOT_FOUND", undefined],
    ];
    for (const [input, code, field] of bad) {
      const response = await message("LT", referralId, input);
      expect({ input, codes: errorCodes(response) }).toEqual({ input, codes: [code] });
      expect(response.errors![0].extensions!.field).toBe(field);
    }
    await succeed("SE", "changeReferralStatus", { id: referralId, version: 1, status: "CLOSED" });
    expect(errorCodes(await message("LT", referralId, { body: "One more thing" }))).toEqual([
      "INVALID_TRANSITION",
    ]);
    const read = await query("SE", CONVERSATION, { id: referralId });
    expect(read.data.country.referral.messages).toEqual([]);
  });
});

const DEADLINES = `query($id: ID!) { country(code: "SE") { referral(id: $id) {
  deadlines { kind overdue metAt owedBy { code } } } } }`;
const ATTENTION = `{ countries { code attention { nodes { referralId from { code } to { code } overdue { kind } } unavailable { code } } } }`;

async function deadlines(referralId: string) {
  const read = await query("SE", DEADLINES, { id: referralId });
  expect(read.errors).toBeUndefined();
  return Object.fromEntries(
    read.data.country.referral.deadlines.map((d: any) => [
      d.kind,
      d.overdue ? "OVERDUE" : d.metAt ? "MET" : "RUNNING",
    ]),
  );
}

async function attentionOf(code: string, referralId: string) {
  const read = await query(code, ATTENTION);
  expect(read.errors).toBeUndefined();
  const nodes = read.data.countries.flatMap((c: any) => c.attention.nodes);
  return nodes.find((n: any) => n.referralId === referralId)?.overdue.map((d: any) => d.kind);
}

describe("deadlines beyond the acknowledgement", () => {
  it("each deadline turns overdue, is listed in the attention of both countries only, and is met by the answer", async () => {
    const referralId = await sendSeToLt("URGENT");
    expect(await deadlines(referralId)).toEqual({
      ACKNOWLEDGEMENT: "RUNNING",
      DECISION: "RUNNING",
      RISK_ASSESSMENT: "RUNNING",
    });
    // Sent 61 days ago: past the urgent acknowledgement (48 hours), the decision (30 days) and the risk
    // assessment (60 days).
    await backdateReferral(federation, referralId, 61);
    expect(await deadlines(referralId)).toEqual({
      ACKNOWLEDGEMENT: "OVERDUE",
      DECISION: "OVERDUE",
      RISK_ASSESSMENT: "OVERDUE",
    });
    for (const code of ["SE", "LT"]) {
      expect(await attentionOf(code, referralId)).toEqual(["ACKNOWLEDGEMENT", "DECISION", "RISK_ASSESSMENT"]);
    }
    expect(await attentionOf("PL", referralId)).toBeUndefined();

    await succeed("LT", "respondToReferral", { referralId, version: 0, input: { decision: "ACKNOWLEDGED" } });
    expect(await deadlines(referralId)).toEqual({
      ACKNOWLEDGEMENT: "MET",
      DECISION: "OVERDUE",
      RISK_ASSESSMENT: "OVERDUE",
    });
    await succeed("LT", "respondToReferral", {
      referralId,
      version: 1,
      input: {
        decision: "ACCEPTED",
        riskAssessment: { completedOn: daysAgo(0), returnInBestInterests: true },
      },
    });
    expect(await deadlines(referralId)).toEqual({
      ACKNOWLEDGEMENT: "MET",
      DECISION: "MET",
      RISK_ASSESSMENT: "MET",
    });
    expect(await attentionOf("LT", referralId)).toBeUndefined();

    // Received 13 months ago: the 3-, 6- and 12-month follow-ups are overdue, until one is made.
    const record = (code: string, kind: string, days: number) =>
      succeed(code, "recordReturnEvent", {
        referralId,
        input: { idempotencyKey: newKey(), kind, occurredAt: daysAgo(days) },
      });
    await record("SE", "HANDED_OVER", 400);
    await record("LT", "RECEIVED", 400);
    const followUps = ["FOLLOW_UP_3_MONTHS", "FOLLOW_UP_6_MONTHS", "FOLLOW_UP_12_MONTHS"];
    expect(await deadlines(referralId)).toMatchObject(
      Object.fromEntries(followUps.map((k) => [k, "OVERDUE"])),
    );
    expect(await attentionOf("LT", referralId)).toEqual(followUps);
    await record("LT", "FOLLOW_UP_3_MONTHS", 300);
    expect(await deadlines(referralId)).toMatchObject({
      FOLLOW_UP_3_MONTHS: "MET",
      FOLLOW_UP_6_MONTHS: "OVERDUE",
      FOLLOW_UP_12_MONTHS: "OVERDUE",
    });
    expect(await attentionOf("LT", referralId)).toEqual(["FOLLOW_UP_6_MONTHS", "FOLLOW_UP_12_MONTHS"]);
    // Follow-ups run after the sender closes the referral; a withdrawn referral owes nothing.
    await succeed("SE", "changeReferralStatus", { id: referralId, version: 1, status: "CLOSED" });
    expect(await attentionOf("SE", referralId)).toEqual(["FOLLOW_UP_6_MONTHS", "FOLLOW_UP_12_MONTHS"]);
    const withdrawn = await sendSeToLt("URGENT");
    await succeed("SE", "changeReferralStatus", { id: withdrawn, version: 1, status: "WITHDRAWN" });
    await backdateReferral(federation, withdrawn, 61);
    expect(await deadlines(withdrawn)).toEqual({});
  });
});

describe("the receiving country's own case", () => {
  it("opens only for a referral it accepted, once, and is its own", async () => {
    const referralId = await sendSeToLt();
    const open = () => as("LT", "createCase", { input: CASE_INPUT, linkedReferralId: referralId });
    expect(errorCodes(await open())).toEqual(["NOT_FOUND"]);
    await succeed("LT", "respondToReferral", { referralId, version: 0, input: { decision: "ACKNOWLEDGED" } });
    const early = await open();
    expect(errorCodes(early)).toEqual(["BAD_USER_INPUT"]);
    expect(early.errors![0].extensions!.field).toBe("linkedReferralId");
    await succeed("LT", "respondToReferral", { referralId, version: 1, input: { decision: "ACCEPTED" } });
    const opened = ok(await open(), "LT", "createCase");
    expect(opened).toMatchObject({ stage: "IDENTIFIED", linkedReferralId: referralId });
    expect(errorCodes(await open())).toEqual(["CONFLICT"]);
    // Two officers opening it at once for another referral: one case, one CONFLICT.
    const other = await sendSeToLt();
    await succeed("LT", "respondToReferral", {
      referralId: other,
      version: 0,
      input: { decision: "ACCEPTED" },
    });
    const both = await Promise.all(
      [1, 2].map(() => as("LT", "createCase", { input: CASE_INPUT, linkedReferralId: other })),
    );
    expect(both.map((r) => errorCodes(r)).sort()).toEqual([[], ["CONFLICT"]]);
    // Poland has not accepted it; Sweden cannot see Lithuania's case.
    expect(
      errorCodes(await as("PL", "createCase", { input: CASE_INPUT, linkedReferralId: referralId })),
    ).toEqual(["NOT_FOUND"]);
    const find = `query($id: ID!) { country(code: "LT") { cases(linkedReferralId: $id) { nodes { id linkedReferralId } } } }`;
    expect((await query("LT", find, { id: referralId })).data.country.cases.nodes).toEqual([
      { id: opened.id, linkedReferralId: referralId },
    ]);
    expect(errorCodes(await query("SE", find, { id: referralId }))).toEqual(["FORBIDDEN"]);
  });
});

const CANARY = "Canary-7f3a";

/** Every document of every collection of a country's store, as text. */
async function storeText(code: string): Promise<string> {
  const store = await openCountryStore(federation().mongoUri(findCountry(code)!), code);
  try {
    const db = store.connection.db!;
    const texts: string[] = [];
    for (const { name } of await db.listCollections().toArray()) {
      texts.push(JSON.stringify(await db.collection(name).find().toArray()));
    }
    return texts.join("\n");
  } finally {
    await store.close();
  }
}

async function verifyAuditChain(code: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    join(ROOT_DIR, "dist/scripts/audit-verify.js"),
    "--country",
    code,
    "--mongodb-uri",
    federation().mongoUri(findCountry(code)!),
    "--gateway",
    gateway(),
  ]);
  return stdout;
}

/** A referral SE -> LT with the canary in every free-text field either country holds about it. */
async function referralWithCanary(): Promise<string> {
  const caseId = (await succeed("SE", "createCase", { input: CASE_INPUT })).id;
  const referralId = (
    await succeed("SE", "sendReferral", {
      input: {
        idempotencyKey: newKey(),
        caseId,
        to: "LT",
        purpose: "RISK_ASSESSMENT",
        urgency: "NORMAL",
        profile: {
          ...RISK_ASSESSMENT_PROFILE,
          riskFactors: `Recruiter ${CANARY} knows the family.`,
          familyContacts: `Mother ${CANARY}, Kaunas.`,
        },
      },
    })
  ).id as string;
  await succeed("LT", "respondToReferral", {
    referralId,
    version: 0,
    input: {
      decision: "ACCEPTED",
      familyTracing: { outcome: "FAMILY_FOUND", summary: `Found ${CANARY}` },
      riskAssessment: { completedOn: daysAgo(1), returnInBestInterests: true, summary: `Safe ${CANARY}` },
      returnPlan: { plannedDate: daysAgo(-10), receivingPlacement: `Home of ${CANARY}`, escort: CANARY },
      reintegrationSupport: [{ kind: "SOCIAL", description: `School ${CANARY}` }],
    },
  });
  ok(await message("SE", referralId, { body: `Please call ${CANARY}` }), "SE", "sendReferralMessage");
  ok(await message("LT", referralId, { body: `Called ${CANARY}` }), "LT", "sendReferralMessage");
  for (const code of ["SE", "LT"]) {
    await succeed(code, "recordReturnEvent", {
      referralId,
      input: { idempotencyKey: newKey(), kind: "PLACED", occurredAt: daysAgo(0.1), notes: `With ${CANARY}` },
    });
  }
  return referralId;
}

const ERASE = `mutation($id: ID!, $reason: String!) { sweden { eraseReferralProfile(id: $id, reason: $reason) {
  id erasedAt version profile { sex ageBand nationality targetGroups riskFactors familyContacts } } } }`;

describe("retention and erasure", () => {
  it("an officer erases a profile early, with a reason: nothing of it is left in either store, the audit chains verify", async () => {
    const referralId = await referralWithCanary();
    expect(await storeText("SE")).toContain(CANARY);
    expect(await storeText("LT")).toContain(CANARY);

    const noReason = await query("SE", ERASE, { id: referralId, reason: "" });
    expect(errorCodes(noReason)).toEqual(["BAD_USER_INPUT"]);
    expect(noReason.errors![0].extensions!.field).toBe("reason");
    const byLithuania = await graphql(gateway(), ERASE, {
      variables: { id: referralId, reason: "Not ours to erase" },
      token: await officer("LT"),
    });
    expect(errorCodes(byLithuania)).toEqual(["FORBIDDEN"]);
    expect(await storeText("SE")).toContain(CANARY);

    const erased = await query("SE", ERASE, { id: referralId, reason: "Referred for the wrong child" });
    expect(erased.errors).toBeUndefined();
    expect(erased.data.sweden.eraseReferralProfile).toMatchObject({
      id: referralId,
      erasedAt: expect.any(String),
      profile: {
        sex: "FEMALE",
        ageBand: "AGE_15_17",
        nationality: "LT",
        targetGroups: ["TRAFFICKED"],
        riskFactors: null,
        familyContacts: null,
      },
    });
    expect(await storeText("SE")).not.toContain(CANARY);
    expect(await storeText("LT")).not.toContain(CANARY);

    // The referral, its decision and its timeline are still there for both; only the words are gone.
    const read = await query(
      "LT",
      `query($id: ID!) { country(code: "SE") { referral(id: $id) {
      status erasedAt response { decision riskAssessment { returnInBestInterests summary } } timeline { kind notes }
      messages { writtenBy { code } body } } } }`,
      { id: referralId },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.country.referral).toMatchObject({
      status: "SENT",
      response: { decision: "ACCEPTED", riskAssessment: { returnInBestInterests: true, summary: null } },
      timeline: [
        { kind: "PLACED", notes: null },
        { kind: "PLACED", notes: null },
      ],
      messages: [
        { writtenBy: { code: "SE" }, body: "" },
        { writtenBy: { code: "LT" }, body: "" },
      ],
    });

    // From now on, no free text is written about it by either country; facts still are.
    const refused: Array<[GraphQLResponse, string]> = [
      [await message("LT", referralId, { body: `About ${CANARY}` }), "body"],
      [
        await as("SE", "recordReturnEvent", {
          referralId,
          input: { idempotencyKey: newKey(), kind: "SUPPORT_STARTED", occurredAt: daysAgo(0), notes: CANARY },
        }),
        "notes",
      ],
      [
        await as("LT", "respondToReferral", {
          referralId,
          version: 1,
          input: {
            decision: "ACCEPTED",
            riskAssessment: { completedOn: daysAgo(1), returnInBestInterests: true, summary: CANARY },
          },
        }),
        "riskAssessment.summary",
      ],
    ];
    for (const [response, field] of refused) {
      expect({ field, codes: errorCodes(response) }).toEqual({ field, codes: ["BAD_USER_INPUT"] });
      expect(response.errors![0].extensions!.field).toBe(field);
    }
    await succeed("SE", "recordReturnEvent", {
      referralId,
      input: { idempotencyKey: newKey(), kind: "SUPPORT_STARTED", occurredAt: daysAgo(0) },
    });
    // A correction needs no reason then, and Lithuania can no longer open a case continuing it.
    const ownPlaced = (
      await query(
        "SE",
        `query($id: ID!) { country(code: "SE") { referral(id: $id) { timeline { id kind recordedBy { code } } } } }`,
        {
          id: referralId,
        },
      )
    ).data.country.referral.timeline.find((e: any) => e.kind === "PLACED" && e.recordedBy.code === "SE");
    await succeed("SE", "recordReturnEvent", {
      referralId,
      input: { idempotencyKey: newKey(), kind: "CORRECTION", corrects: ownPlaced.id, occurredAt: daysAgo(0) },
    });
    const linked = await as("LT", "createCase", { input: CASE_INPUT, linkedReferralId: referralId });
    expect(errorCodes(linked)).toEqual(["BAD_USER_INPUT"]);
    expect(linked.errors![0].extensions!.field).toBe("linkedReferralId");
    expect(await storeText("SE")).not.toContain(CANARY);
    expect(await storeText("LT")).not.toContain(CANARY);
    const reason = await query(
      "SE",
      `query($id: ID!) { country(code: "SE") { referral(id: $id) { erasureReason } } }`,
      {
        id: referralId,
      },
    );
    expect(reason.data.country.referral.erasureReason).toBe("Referred for the wrong child");
    const reasonForLt = await query(
      "LT",
      `query($id: ID!) { country(code: "SE") { referral(id: $id) { erasureReason } } }`,
      {
        id: referralId,
      },
    );
    expect(errorCodes(reasonForLt)).toEqual(["FORBIDDEN"]);

    // The erasure is in Sweden's audit trail, and both chains still verify.
    const trail = await query(
      "SE",
      `{ country(code: "SE") { auditTrail(policy: "writeReferrals", first: 5) { nodes { operation recordIds outcome } } } }`,
    );
    expect(trail.data.country.auditTrail.nodes).toContainEqual({
      operation: "(anonymous operation)",
      recordIds: [referralId],
      outcome: "SUCCEEDED",
    });
    for (const code of ["SE", "LT"]) expect(await verifyAuditChain(code)).toMatch(/OK: every entry verifies/);
  });

  it("the retention sweep erases a referral's profile on its own once the referral has ended", async () => {
    const referralId = await referralWithCanary();
    await succeed("SE", "changeReferralStatus", {
      id: referralId,
      version: 1,
      status: "CLOSED",
      note: `Closed after talking to ${CANARY}`,
    });
    // Ended longer ago than the retention period (24 months); the sweep looks every 1.2 s here.
    await backdateReferral(federation, referralId, 25 * 31);
    await eventually("the retention sweep to erase the referral's text from both stores", async () => {
      const left = (await storeText("SE")).includes(CANARY) || (await storeText("LT")).includes(CANARY);
      return left ? undefined : true;
    });
    const read = await query(
      "SE",
      `query($id: ID!) { country(code: "SE") { referral(id: $id) { status erasedAt } } }`,
      {
        id: referralId,
      },
    );
    expect(read.data.country.referral).toMatchObject({ status: "CLOSED", erasedAt: expect.any(String) });
  });

  it("a store of the older shape is brought up to date once: target groups as a list, ended referrals dated, cases counted", async () => {
    const store = await openCountryStore(federation().mongoUri(findCountry("SE")!), "SE");
    try {
      const db = store.connection.db!;
      // Ended within the retention period, so that the retention sweep leaves it alone.
      const identifiedOn = new Date(Date.now() - 1000 * DAY);
      const ended = new Date(Date.now() - 300 * DAY);
      const month = identifiedOn.toISOString().slice(0, 7);
      const { insertedId: caseId } = await db.collection("cases").insertOne({
        targetGroup: "UNDOCUMENTED",
        sex: "MALE",
        ageBand: "AGE_12_14",
        ageDisputed: false,
        identifiedOn,
        stage: "CLOSED",
        needs: [],
        version: 1,
      });
      await db.collection("referrals").insertOne({
        _id: `SE-${month.slice(0, 4)}-900001` as any,
        caseId,
        from: "SE",
        to: "LT",
        purpose: "CARE_CONTINUATION",
        urgency: "NORMAL",
        profile: { sex: "MALE", ageBand: "AGE_12_14", targetGroup: "UNDOCUMENTED", careNeeds: "School" },
        status: "CLOSED",
        sentAt: identifiedOn,
        acknowledgementDueAt: identifiedOn,
        history: [
          { at: identifiedOn, status: "SENT", by: "officer" },
          { at: ended, status: "CLOSED", by: "officer" },
        ],
        idempotencyKey: "legacy-referral",
        payloadHash: "legacy",
        version: 2,
      });
      await db.collection("meta").deleteOne({ _id: "migrated:casework-records" as any });

      await migrateLegacyCases(store);
      const kase = await db.collection("cases").findOne({ _id: caseId });
      expect(kase).toMatchObject({ targetGroups: ["UNDOCUMENTED"], exploitationForms: [] });
      expect(kase).not.toHaveProperty("targetGroup");
      const referral = await db
        .collection("referrals")
        .findOne({ _id: `SE-${month.slice(0, 4)}-900001` as any });
      expect(referral!.profile).toMatchObject({ targetGroups: ["UNDOCUMENTED"] });
      expect(referral!.profile).not.toHaveProperty("targetGroup");
      expect(referral!.endedAt).toEqual(ended);
      const counts = await db.collection("case_counts").findOne({ _id: month as any });
      expect(counts!.counts.targetGroups).toEqual({ UNDOCUMENTED: 1 });
      expect(counts!.counts).not.toHaveProperty("targetGroup");
      // Marked done: a second start leaves the store alone.
      await db.collection("cases").updateOne({ _id: caseId }, { $set: { targetGroup: "TRAFFICKED" } });
      await migrateLegacyCases(store);
      expect(await db.collection("cases").findOne({ _id: caseId })).toHaveProperty("targetGroup");
      await db.collection("cases").deleteOne({ _id: caseId });
    } finally {
      await store.close();
    }
  });
});
