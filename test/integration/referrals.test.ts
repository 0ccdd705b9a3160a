import { findCountry } from "#schema/registry";
import { useSharedFederation } from "../support/federation";
import { eventually } from "../support/eventually";
import { errorCodes, graphql } from "../support/graphql";
import {
  backdateReferral,
  CASE_INPUT,
  FULL_REFERRAL_QUERY,
  mutate,
  MutationName,
  ok,
  RISK_ASSESSMENT_PROFILE,
} from "../support/referrals";

const federation = useSharedFederation();
const gateway = () => federation().gatewayUrl;
type Who = "SE" | "LT" | "PL" | "RFP" | "anonymous";

async function tokenOf(who: Who): Promise<string | undefined> {
  if (who === "anonymous") return undefined;
  if (who === "RFP") return federation().tokenFor({ role: "RFP_ANALYST" });
  return federation().tokenFor({ role: "NCP_OFFICER", country: who });
}

async function as(who: Who, code: string, name: MutationName, variables: Record<string, unknown>) {
  return mutate(gateway(), await tokenOf(who), code, name, variables);
}

/** A mutation by an officer of `who` in its own namespace, expected to succeed; returns its result. */
async function succeed(who: Who, name: MutationName, variables: Record<string, unknown>) {
  return ok(await as(who, who, name, variables), who, name);
}

const monthsAgo = (months: number) => new Date(Date.now() - months * 30 * 86_400_000).toISOString();
let keyCounter = 0;
const newKey = () => `test-key-${Date.now()}-${++keyCounter}`;

async function swedishCase(): Promise<string> {
  return (await succeed("SE", "createCase", { input: CASE_INPUT })).id;
}

async function sendSeToLt(overrides: Record<string, unknown> = {}) {
  const input = {
    idempotencyKey: newKey(),
    caseId: await swedishCase(),
    to: "LT",
    purpose: "RISK_ASSESSMENT",
    urgency: "NORMAL",
    profile: RISK_ASSESSMENT_PROFILE,
    ...overrides,
  };
  return { input, referral: await succeed("SE", "sendReferral", { input }) };
}

async function readReferral(who: Who, id: string) {
  return graphql(gateway(), FULL_REFERRAL_QUERY, {
    variables: { code: id.slice(0, 2), id },
    token: await tokenOf(who),
  });
}

describe("the SE -> LT referral of a trafficked child, through the gateway", () => {
  it("runs from referral to 12-month follow-up, each half held and shown by its own country", async () => {
    const { referral } = await sendSeToLt();
    // Sender, year, then time and random: sorts by time, counts nothing.
    expect(referral.id).toMatch(/^SE-\d{4}-[0-9A-HJKMNP-TV-Z]{9}-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(referral).toMatchObject({ from: { code: "SE" }, to: { code: "LT" }, status: "SENT", version: 1 });

    // LT finds it among everything addressed to LT, across all countries, in one query.
    const inbox = await graphql(
      gateway(),
      "{ countries { code referrals(status: SENT, first: 100) { nodes { id from { code } to { code } } } } }",
      { token: await tokenOf("LT") },
    );
    expect(inbox.errors).toBeUndefined();
    const received = inbox.data.countries
      .flatMap((c: any) => c.referrals.nodes)
      .filter((r: any) => r.to.code === "LT");
    expect(received.map((r: any) => r.id)).toContain(referral.id);

    // LT acknowledges, then reports tracing, the risk assessment and the return plan.
    const ack = await succeed("LT", "respondToReferral", {
      referralId: referral.id,
      version: 0,
      input: { decision: "ACKNOWLEDGED" },
    });
    expect(ack).toMatchObject({ decision: "ACKNOWLEDGED", version: 1, respondedBy: { code: "LT" } });
    const accepted = await succeed("LT", "respondToReferral", {
      referralId: referral.id,
      version: 1,
      input: {
        decision: "ACCEPTED",
        familyTracing: { outcome: "FAMILY_FOUND", summary: "Mother traced in Kaunas district." },
        riskAssessment: {
          completedOn: monthsAgo(14),
          returnInBestInterests: true,
          summary: "Family safe; recruiter arrested.",
        },
        returnPlan: {
          plannedDate: monthsAgo(13),
          receivingPlacement: "Family home with social worker",
          escort: "NCP officer",
        },
        reintegrationSupport: [
          { kind: "PSYCHOLOGICAL", description: "Trauma therapy, weekly" },
          { kind: "SOCIAL", description: "School re-enrolment" },
        ],
      },
    });
    expect(accepted.version).toBe(2);

    // SE records the hand-over; LT records the reception, support and follow-ups.
    const events: Array<[Who, string, number]> = [
      ["SE", "HANDED_OVER", 13],
      ["LT", "RECEIVED", 13],
      ["LT", "SUPPORT_STARTED", 12.5],
      ["LT", "FOLLOW_UP_3_MONTHS", 10],
      ["LT", "FOLLOW_UP_6_MONTHS", 7],
      ["LT", "FOLLOW_UP_12_MONTHS", 1],
    ];
    for (const [who, kind, months] of events) {
      const input = {
        idempotencyKey: newKey(),
        kind,
        occurredAt: monthsAgo(months),
        notes: `${kind} recorded by ${who}`,
      };
      const event = await succeed(who, "recordReturnEvent", { referralId: referral.id, input });
      expect(event.recordedBy.code).toBe(who);
    }

    // Both NCPs see the whole status in one query: sender's half, receiver's response, merged timeline.
    for (const who of ["SE", "LT"] as const) {
      const response = await readReferral(who, referral.id);
      expect(response.errors).toBeUndefined();
      const full = response.data.country.referral;
      expect(full).toMatchObject({
        id: referral.id,
        status: "SENT",
        overdue: false,
        profile: RISK_ASSESSMENT_PROFILE,
      });
      expect(full.response).toMatchObject({
        decision: "ACCEPTED",
        respondedBy: { code: "LT" },
        riskAssessment: { returnInBestInterests: true },
        familyTracing: { outcome: "FAMILY_FOUND" },
      });
      expect(full.acknowledgedAt).toBe(ack.firstRespondedAt);
      expect(full.timeline.map((e: any) => [e.recordedBy.code, e.kind])).toEqual(
        events.map(([w, k]) => [w, k]),
      );
    }

    // Poland sees nothing of it, as if it did not exist; the RFP sees nothing of it; an anonymous caller
    // must sign in.
    for (const [who, codes] of [
      ["PL", []],
      ["RFP", ["FORBIDDEN"]],
      ["anonymous", ["UNAUTHENTICATED"]],
    ] as const) {
      const response = await readReferral(who, referral.id);
      expect({ who, codes: errorCodes(response) }).toEqual({ who, codes });
      expect(response.data.country.referral).toBeNull();
    }
    const plInbox = await graphql(gateway(), "{ countries { referrals(first: 100) { nodes { id } } } }", {
      token: await tokenOf("PL"),
    });
    expect(
      plInbox.data.countries.flatMap((c: any) => c.referrals?.nodes ?? []).map((r: any) => r.id),
    ).not.toContain(referral.id);

    // Poland can neither answer it nor add to its timeline; the refusal does not reveal that it exists.
    const plAnswer = await as("PL", "PL", "respondToReferral", {
      referralId: referral.id,
      version: 0,
      input: { decision: "ACCEPTED" },
    });
    expect(errorCodes(plAnswer)).toEqual(["NOT_FOUND"]);
    const plEvent = await as("PL", "PL", "recordReturnEvent", {
      referralId: referral.id,
      input: { idempotencyKey: newKey(), kind: "RECEIVED", occurredAt: monthsAgo(1) },
    });
    expect(errorCodes(plEvent)).toEqual(["NOT_FOUND"]);
    // Nor can the RFP, or LT writing in Sweden's namespace.
    expect(
      errorCodes(
        await as("RFP", "LT", "respondToReferral", {
          referralId: referral.id,
          version: 2,
          input: { decision: "ACCEPTED" },
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(
      errorCodes(
        await as("LT", "SE", "changeReferralStatus", { id: referral.id, version: 1, status: "CLOSED" }),
      ),
    ).toEqual(["FORBIDDEN"]);

    // The receiver sees the minimised profile, not the sender's case.
    const lt = await graphql(
      gateway(),
      'query($id: ID!) { country(code: "SE") { referral(id: $id) { id caseId } } }',
      {
        variables: { id: referral.id },
        token: await tokenOf("LT"),
      },
    );
    expect(errorCodes(lt)).toEqual(["FORBIDDEN"]);
    expect(lt.data.country.referral).toEqual({ id: referral.id, caseId: null });

    // SE closes the referral once the follow-up is done.
    const closed = await succeed("SE", "changeReferralStatus", {
      id: referral.id,
      version: 1,
      status: "CLOSED",
      note: "Reintegration completed",
    });
    expect(closed).toMatchObject({ status: "CLOSED", version: 2 });
  });

  it("lists pages of at most 100, following the cursor", async () => {
    const se = await tokenOf("SE");
    const tooMany = await graphql(
      gateway(),
      '{ country(code: "SE") { cases(first: 101) { nodes { id } } } }',
      { token: se },
    );
    expect(errorCodes(tooMany)).toEqual(["BAD_USER_INPUT"]);
    expect(tooMany.errors![0].extensions!.field).toBe("first");
    await swedishCase();
    await swedishCase();
    const page = async (after?: string) =>
      (
        await graphql(
          gateway(),
          'query($after: String) { country(code: "SE") { cases(first: 1, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } } }',
          {
            variables: { after },
            token: se,
          },
        )
      ).data.country.cases;
    const first = await page();
    const second = await page(first.pageInfo.endCursor);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.nodes[0].id).not.toBe(first.nodes[0].id);
    const bad = await graphql(
      gateway(),
      '{ country(code: "SE") { cases(after: "not-a-cursor") { nodes { id } } } }',
      { token: se },
    );
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  });

  it("no other country can read a case, ever", async () => {
    const caseId = await swedishCase();
    for (const who of ["LT", "PL", "RFP"] as const) {
      const response = await graphql(
        gateway(),
        `{ country(code: "SE") { case(id: "${caseId}") { id } cases { nodes { id } } } }`,
        {
          token: await tokenOf(who),
        },
      );
      expect(new Set(errorCodes(response))).toEqual(new Set(["FORBIDDEN"]));
      expect(response.data.country).toEqual({ case: null, cases: null });
    }
    const own = await graphql(gateway(), `{ country(code: "SE") { case(id: "${caseId}") { id stage } } }`, {
      token: await tokenOf("SE"),
    });
    expect(own.data.country.case).toEqual({ id: caseId, stage: "IDENTIFIED" });
  });
});

describe("safeguards and state machines", () => {
  it("a return cannot be planned unless the risk assessment found it in the child's best interests", async () => {
    const { referral } = await sendSeToLt();
    const attempts = [
      { decision: "ACCEPTED", returnPlan: { plannedDate: monthsAgo(0) } },
      {
        decision: "ACCEPTED",
        riskAssessment: {
          completedOn: monthsAgo(1),
          returnInBestInterests: false,
          summary: "Risk of re-trafficking",
        },
        returnPlan: { plannedDate: monthsAgo(0) },
      },
    ];
    for (const input of attempts) {
      const response = await as("LT", "LT", "respondToReferral", {
        referralId: referral.id,
        version: 0,
        input,
      });
      expect(errorCodes(response)).toEqual(["RETURN_NOT_SAFE"]);
      expect(response.errors![0].extensions!.unmet).toEqual(["BEST_INTERESTS_ESTABLISHED"]);
    }
    // Nothing was written.
    const read = await readReferral("SE", referral.id);
    expect(read.data.country.referral.response).toBeNull();
    // Without the plan, the negative conclusion is recorded: a local durable solution is sought instead.
    const local = await succeed("LT", "respondToReferral", {
      referralId: referral.id,
      version: 0,
      input: { decision: "ACCEPTED", riskAssessment: attempts[1].riskAssessment },
    });
    expect(local).toMatchObject({
      version: 1,
      returnPlan: null,
      riskAssessment: { returnInBestInterests: false },
    });
  });

  it("a declined referral needs a reason, and decisions move only along the allowed transitions", async () => {
    const { referral } = await sendSeToLt();
    const noReason = await as("LT", "LT", "respondToReferral", {
      referralId: referral.id,
      version: 0,
      input: { decision: "DECLINED" },
    });
    expect(errorCodes(noReason)).toEqual(["BAD_USER_INPUT"]);
    expect(noReason.errors![0].extensions!.field).toBe("declineReason");
    await succeed("LT", "respondToReferral", {
      referralId: referral.id,
      version: 0,
      input: { decision: "DECLINED", declineReason: "Not a national; no link to LT" },
    });
    const reopen = await as("LT", "LT", "respondToReferral", {
      referralId: referral.id,
      version: 1,
      input: { decision: "ACCEPTED" },
    });
    expect(errorCodes(reopen)).toEqual(["INVALID_TRANSITION"]);
    expect(reopen.errors![0].message).toMatch(/from DECLINED to ACCEPTED; allowed next: none/);
  });

  it("a case moves only along the allowed stages, and the refusal lists the allowed next stages", async () => {
    const created = await succeed("SE", "createCase", { input: CASE_INPUT });
    expect(created.allowedNextStages).toEqual(["ASSESSMENT", "IN_CARE", "MISSING", "CLOSED"]);
    const skip = await as("SE", "SE", "updateCase", {
      id: created.id,
      version: 1,
      input: { ...CASE_INPUT, stage: "LOCAL_SOLUTION" },
    });
    expect(errorCodes(skip)).toEqual(["INVALID_TRANSITION"]);
    expect(skip.errors![0].message).toMatch(
      /from IDENTIFIED to LOCAL_SOLUTION; allowed next: ASSESSMENT, IN_CARE, MISSING, CLOSED/,
    );
    const moved = await succeed("SE", "updateCase", {
      id: created.id,
      version: 1,
      input: { ...CASE_INPUT, stage: "ASSESSMENT" },
    });
    expect(moved).toMatchObject({ stage: "ASSESSMENT", version: 2 });
    const stale = await as("SE", "SE", "updateCase", {
      id: created.id,
      version: 1,
      input: { ...CASE_INPUT, stage: "IN_CARE" },
    });
    expect(errorCodes(stale)).toEqual(["CONFLICT"]);
  });

  it("a withdrawn referral can no longer be answered", async () => {
    const { referral } = await sendSeToLt();
    await succeed("SE", "changeReferralStatus", { id: referral.id, version: 1, status: "WITHDRAWN" });
    const answer = await as("LT", "LT", "respondToReferral", {
      referralId: referral.id,
      version: 0,
      input: { decision: "ACKNOWLEDGED" },
    });
    expect(errorCodes(answer)).toEqual(["INVALID_TRANSITION"]);
    const again = await as("SE", "SE", "changeReferralStatus", {
      id: referral.id,
      version: 2,
      status: "CLOSED",
    });
    expect(errorCodes(again)).toEqual(["INVALID_TRANSITION"]);
  });
});

describe("sending referrals: minimisation, idempotency and bad input", () => {
  it("retrying with the same idempotency key returns the same referral; a different payload is refused", async () => {
    const { input, referral } = await sendSeToLt();
    const retry = await succeed("SE", "sendReferral", { input });
    expect(retry.id).toBe(referral.id);
    const reused = await as("SE", "SE", "sendReferral", { input: { ...input, urgency: "URGENT" } });
    expect(errorCodes(reused)).toEqual(["CONFLICT"]);
    expect(reused.errors![0].message).toContain(referral.id);
    const listed = await graphql(
      gateway(),
      '{ country(code: "SE") { referrals(first: 100) { nodes { id } } } }',
      { token: await tokenOf("SE") },
    );
    expect(listed.data.country.referrals.nodes.filter((r: any) => r.id === referral.id)).toHaveLength(1);
  });

  const badSends: Array<[string, Record<string, unknown>, string, string]> = [
    [
      "a field the purpose does not allow",
      { profile: { ...RISK_ASSESSMENT_PROFILE, givenName: "Ona" } },
      "BAD_USER_INPUT",
      "profile.givenName",
    ],
    [
      "a required field missing",
      { profile: { ...RISK_ASSESSMENT_PROFILE, riskFactors: undefined } },
      "BAD_USER_INPUT",
      "profile.riskFactors",
    ],
    ["a referral to oneself", { to: "SE" }, "BAD_USER_INPUT", "to"],
    ["a referral to a disabled country", { to: "UA" }, "BAD_USER_INPUT", "to"],
    ["an unknown case", { caseId: "0123456789abcdef01234567" }, "NOT_FOUND", ""],
    ["a malformed case id", { caseId: "case-1" }, "BAD_USER_INPUT", "caseId"],
    ["a short idempotency key", { idempotencyKey: "abc" }, "BAD_USER_INPUT", "idempotencyKey"],
    [
      "a bad nationality",
      { profile: { ...RISK_ASSESSMENT_PROFILE, nationality: "Lithuania" } },
      "BAD_USER_INPUT",
      "profile.nationality",
    ],
  ];

  it.each(badSends)("%s is refused and nothing is written", async (_label, override, code, field) => {
    const before = await graphql(
      gateway(),
      '{ country(code: "SE") { referrals(first: 100) { nodes { id } } } }',
      { token: await tokenOf("SE") },
    );
    const caseId = await swedishCase();
    const response = await as("SE", "SE", "sendReferral", {
      input: {
        idempotencyKey: newKey(),
        caseId,
        to: "LT",
        purpose: "RISK_ASSESSMENT",
        urgency: "NORMAL",
        profile: RISK_ASSESSMENT_PROFILE,
        ...override,
      },
    });
    expect(errorCodes(response)).toEqual([code]);
    if (field) expect(response.errors![0].extensions!.field).toBe(field);
    const after = await graphql(
      gateway(),
      '{ country(code: "SE") { referrals(first: 100) { nodes { id } } } }',
      { token: await tokenOf("SE") },
    );
    expect(after.data.country.referrals.nodes).toEqual(before.data.country.referrals.nodes);
  });

  it("an information request carries only its question", async () => {
    const caseId = await swedishCase();
    const input = {
      idempotencyKey: newKey(),
      caseId,
      to: "PL",
      purpose: "INFORMATION_REQUEST",
      urgency: "NORMAL",
      profile: { question: "Is a guardian known in PL?" },
    };
    const referral = await succeed("SE", "sendReferral", { input });
    expect(referral.profile).toEqual({
      sex: null,
      ageBand: null,
      nationality: null,
      targetGroups: null,
      riskFactors: null,
      familyContacts: null,
      givenName: null,
    });
  });
});

describe("return events are append-only", () => {
  it("a retry with the same key returns the same event; a mistake is corrected by a new event", async () => {
    const { referral } = await sendSeToLt();
    const input = {
      idempotencyKey: newKey(),
      kind: "PLACED",
      occurredAt: monthsAgo(1),
      notes: "Placed in a shelter in Vilnius",
    };
    const first = await succeed("LT", "recordReturnEvent", { referralId: referral.id, input });
    const retry = await succeed("LT", "recordReturnEvent", { referralId: referral.id, input });
    expect(retry.id).toBe(first.id);
    const reused = await as("LT", "LT", "recordReturnEvent", {
      referralId: referral.id,
      input: { ...input, kind: "SUPPORT_STARTED" },
    });
    expect(errorCodes(reused)).toEqual(["CONFLICT"]);

    const bad: Array<[Record<string, unknown>, string, string]> = [
      [{ kind: "CORRECTION", notes: "wrong date" }, "BAD_USER_INPUT", "corrects"],
      [{ kind: "CORRECTION", corrects: first.id }, "BAD_USER_INPUT", "notes"],
      [{ kind: "PLACED", corrects: first.id }, "BAD_USER_INPUT", "corrects"],
      [
        { kind: "PLACED", occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
        "BAD_USER_INPUT",
        "occurredAt",
      ],
    ];
    for (const [override, code, field] of bad) {
      const response = await as("LT", "LT", "recordReturnEvent", {
        referralId: referral.id,
        input: { idempotencyKey: newKey(), occurredAt: monthsAgo(1), ...override },
      });
      expect(errorCodes(response)).toEqual([code]);
      expect(response.errors![0].extensions!.field).toBe(field);
    }
    // Sweden cannot correct Lithuania's event: it corrects only what it recorded itself.
    const foreign = await as("SE", "SE", "recordReturnEvent", {
      referralId: referral.id,
      input: {
        idempotencyKey: newKey(),
        kind: "CORRECTION",
        occurredAt: monthsAgo(0),
        corrects: first.id,
        notes: "Date was wrong",
      },
    });
    expect(errorCodes(foreign)).toEqual(["NOT_FOUND"]);

    const correction = await succeed("LT", "recordReturnEvent", {
      referralId: referral.id,
      input: {
        idempotencyKey: newKey(),
        kind: "CORRECTION",
        occurredAt: monthsAgo(0),
        corrects: first.id,
        notes: "Placed in Kaunas, not Vilnius",
      },
    });
    const timeline = (await readReferral("SE", referral.id)).data.country.referral.timeline;
    expect(timeline.map((e: any) => [e.kind, e.corrects])).toEqual([
      ["PLACED", null],
      ["CORRECTION", first.id],
    ]);
    expect(timeline[1].id).toBe(correction.id);
  });
});

describe("concurrency, deadlines and an offline counterpart", () => {
  it("two concurrent updates of one response: one wins, the other gets CONFLICT, nothing is lost", async () => {
    const { referral } = await sendSeToLt();
    await succeed("LT", "respondToReferral", {
      referralId: referral.id,
      version: 0,
      input: { decision: "ACKNOWLEDGED" },
    });
    const [a, b] = await Promise.all([
      as("LT", "LT", "respondToReferral", {
        referralId: referral.id,
        version: 1,
        input: { decision: "INFORMATION_REQUESTED" },
      }),
      as("LT", "LT", "respondToReferral", {
        referralId: referral.id,
        version: 1,
        input: { decision: "ACCEPTED" },
      }),
    ]);
    const outcomes = [a, b].map((r) => (r.errors ? r.errors[0].extensions!.code : "OK")).sort();
    expect(outcomes).toEqual(["CONFLICT", "OK"]);
    const winner = [a, b].find((r) => !r.errors)!.data.lithuania.respondToReferral;
    const read = await readReferral("SE", referral.id);
    expect(read.data.country.referral.response).toMatchObject({ decision: winner.decision, version: 2 });
  });

  it("an urgent referral not acknowledged in time is overdue until the receiver answers", async () => {
    const { referral } = await sendSeToLt({ urgency: "URGENT" });
    expect((await readReferral("SE", referral.id)).data.country.referral.overdue).toBe(false);
    // Sent three days ago: an urgent referral is to be acknowledged within 48 hours.
    await backdateReferral(federation, referral.id, 3);
    expect((await readReferral("SE", referral.id)).data.country.referral.overdue).toBe(true);
    await succeed("LT", "respondToReferral", {
      referralId: referral.id,
      version: 0,
      input: { decision: "ACKNOWLEDGED" },
    });
    expect((await readReferral("LT", referral.id)).data.country.referral.overdue).toBe(false);
  });

  it("with the receiver offline, the sender's half still comes back with an error naming the receiver", async () => {
    const { referral } = await sendSeToLt();
    const lithuania = findCountry("LT")!;
    await federation().stopNational(lithuania);
    try {
      const response = await readReferral("SE", referral.id);
      expect(new Set(errorCodes(response))).toEqual(new Set(["COUNTRY_UNAVAILABLE"]));
      expect(response.errors![0].message).toMatch(/Lithuania \(LT\)/);
      const half = response.data.country.referral;
      expect(half).toMatchObject({
        id: referral.id,
        status: "SENT",
        profile: RISK_ASSESSMENT_PROFILE,
        response: null,
        timeline: null,
      });
    } finally {
      await federation().startNational(lithuania);
    }
  });

  it("the receiver cannot answer while the sender is offline, and nothing is written", async () => {
    const { referral } = await sendSeToLt();
    const sweden = findCountry("SE")!;
    await federation().stopNational(sweden);
    try {
      const answer = await as("LT", "LT", "respondToReferral", {
        referralId: referral.id,
        version: 0,
        input: { decision: "ACKNOWLEDGED" },
      });
      expect(errorCodes(answer)).toEqual(["COUNTRY_UNAVAILABLE"]);
    } finally {
      await federation().startNational(sweden);
    }
    expect((await readReferral("SE", referral.id)).data.country.referral.response).toBeNull();
  });
});

describe("the erasure hand-shake", () => {
  const SUMMARY = "Mother's home assessed; the recruiter lives two streets away.";
  const ERASE_COPIES = `mutation($id: ID!) { lithuania { eraseReferralCopies(referralId: $id) { referralId erased erasedAt } } }`;
  const ERASE_PROFILE = `mutation($id: ID!, $reason: String!) { sweden { eraseReferralProfile(id: $id, reason: $reason) { id erasedAt } } }`;
  const RECEIVERS_COPY = `query($id: ID!) { country(code: "SE") { referral(id: $id) { erasedAt response { riskAssessment { summary } } } } }`;

  /** A referral from Sweden that Lithuania answered with words of its own, which it holds. */
  async function answeredReferral(): Promise<string> {
    const { referral } = await sendSeToLt();
    await succeed("LT", "respondToReferral", {
      referralId: referral.id,
      version: 0,
      input: {
        decision: "ACCEPTED",
        riskAssessment: { completedOn: monthsAgo(0), returnInBestInterests: true, summary: SUMMARY },
      },
    });
    return referral.id;
  }
  const lithuaniasCopy = async (id: string) => {
    const read = await graphql(gateway(), RECEIVERS_COPY, { variables: { id }, token: await tokenOf("LT") });
    expect(read.errors).toBeUndefined();
    return read.data.country.referral as { erasedAt: string | null; response: any };
  };
  /** Sweden's case system asks Lithuania to erase its copies, as Sweden's subgraph does after an erasure. */
  const askLithuaniaToErase = async (id: string) =>
    graphql(gateway(), ERASE_COPIES, {
      variables: { id },
      token: await federation().tokenFor({
        role: "NATIONAL_SYSTEM",
        country: "SE",
        scopes: ["referrals:erase"],
      }),
    });
  const eraseAtSweden = async (id: string) => {
    const erased = await graphql(gateway(), ERASE_PROFILE, {
      variables: { id, reason: "Referred for the wrong child" },
      token: await tokenOf("SE"),
    });
    expect(erased.errors).toBeUndefined();
    return erased.data.sweden.eraseReferralProfile.erasedAt as string;
  };

  it("the receiver answers erased: false and keeps its copy until the sender has erased the profile, then erased: true", async () => {
    const id = await answeredReferral();
    const early = await askLithuaniaToErase(id);
    expect(early.errors).toBeUndefined();
    expect(early.data.lithuania.eraseReferralCopies).toEqual({
      referralId: id,
      erased: false,
      erasedAt: null,
    });
    expect(await lithuaniasCopy(id)).toEqual({
      erasedAt: null,
      response: { riskAssessment: { summary: SUMMARY } },
    });

    const erasedAt = await eraseAtSweden(id);
    const late = await askLithuaniaToErase(id);
    expect(late.errors).toBeUndefined();
    expect(late.data.lithuania.eraseReferralCopies).toEqual({ referralId: id, erased: true, erasedAt });
    expect(await lithuaniasCopy(id)).toEqual({ erasedAt, response: { riskAssessment: { summary: null } } });
  });

  it("a receiver offline when the sender erases erases its copy once back, asked again by the sender's sweep", async () => {
    const id = await answeredReferral();
    const lithuania = findCountry("LT")!;
    await federation().stopNational(lithuania);
    try {
      await eraseAtSweden(id);
    } finally {
      await federation().startNational(lithuania);
    }
    // The sweep asks again every 1.2 s here; a bound, not an expectation of speed.
    await eventually(
      "Lithuania to erase its copy",
      async () => {
        // Just back, Lithuania may still be settling: an answer with errors is asked again.
        const read = await graphql(gateway(), RECEIVERS_COPY, {
          variables: { id },
          token: await tokenOf("LT"),
        });
        return !read.errors && read.data.country.referral.response.riskAssessment.summary === null
          ? true
          : undefined;
      },
      30_000,
    );
  });
});
