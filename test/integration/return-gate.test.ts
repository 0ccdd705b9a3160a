import { useSharedFederation } from "../support/federation";
import { errorCodes, graphql, GraphQLResponse } from "../support/graphql";
import { CASE_INPUT, newKey as nextKey, officersOf } from "../support/referrals";

const federation = useSharedFederation();
const gateway = () => federation().gatewayUrl;

const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

const { officer, as, succeed } = officersOf(federation);
const newKey = () => nextKey("gate");

const PROFILE = {
  givenName: "Rasa",
  familyName: "Test",
  sex: "FEMALE",
  birthYear: 2011,
  nationality: "LT",
  targetGroups: ["TRAFFICKED"],
  careNeeds: "Trauma care; school.",
};
const IN_BEST_INTERESTS = {
  completedOn: daysFromNow(-5),
  returnInBestInterests: true,
  summary: "Family safe.",
};
const ACCEPTED = { decision: "ACCEPTED", riskAssessment: IN_BEST_INTERESTS };

/** How a return that meets every condition is prepared, and what to change so that one condition fails. */
interface Setup {
  case?: Record<string, unknown>;
  profile?: Record<string, unknown>;
  response?: Record<string, unknown>;
  after?: (prepared: Prepared) => Promise<void>;
}

interface Prepared {
  caseId: string;
  caseInput: Record<string, unknown>;
  referralId: string;
  response: Record<string, unknown>;
}

const BREAKS: Record<string, Setup> = {
  REFERRAL_ACTIVE: {
    after: async ({ referralId }) => {
      await succeed("SE", "changeReferralStatus", { id: referralId, version: 1, status: "WITHDRAWN" });
    },
  },
  CASE_OPEN: {
    after: async ({ caseId }) => {
      await succeed("SE", "updateCase", {
        id: caseId,
        version: 3,
        input: { ...CASE_INPUT, stage: "IN_CARE" },
      });
      await succeed("SE", "updateCase", {
        id: caseId,
        version: 4,
        input: { ...CASE_INPUT, stage: "CLOSED" },
      });
    },
  },
  RECEIVER_ACCEPTED: { response: { ...ACCEPTED, decision: "ACKNOWLEDGED" } },
  BEST_INTERESTS_ESTABLISHED: {
    response: { ...ACCEPTED, riskAssessment: { ...IN_BEST_INTERESTS, returnInBestInterests: false } },
  },
  GUARDIAN_APPOINTED: { case: { guardian: null } },
  CHILD_VIEWS_HEARD: { case: { childViews: null } },
  REFLECTION_PERIOD_OVER: { case: { reflectionPeriodEndsOn: daysFromNow(40) } },
  // Age disputed, but the referral does not tell Lithuania so.
  AGE_DISPUTE_SHARED: { case: { ageDisputed: true, ageBand: "PRESUMED_CHILD" } },
};

/** A Swedish case in RETURN_PREPARATION, referred to Lithuania for a safe return, and Lithuania's answer. */
async function prepare(setup: Setup = {}): Promise<Prepared> {
  const input = { ...CASE_INPUT, ...setup.case };
  const caseId = (await succeed("SE", "createCase", { input })).id;
  await succeed("SE", "updateCase", { id: caseId, version: 1, input: { ...input, stage: "ASSESSMENT" } });
  await succeed("SE", "updateCase", {
    id: caseId,
    version: 2,
    input: { ...input, stage: "RETURN_PREPARATION" },
  });
  const referral = await succeed("SE", "sendReferral", {
    input: {
      idempotencyKey: newKey(),
      caseId,
      to: "LT",
      purpose: "SAFE_RETURN",
      urgency: "NORMAL",
      profile: { ...PROFILE, ...setup.profile },
    },
  });
  const response = setup.response ?? ACCEPTED;
  await succeed("LT", "respondToReferral", { referralId: referral.id, version: 0, input: response });
  const prepared = { caseId, caseInput: input, referralId: referral.id, response };
  await setup.after?.(prepared);
  return prepared;
}

const STATE = `query($id: ID!, $caseId: ID!) {
  country(code: "SE") {
    case(id: $caseId) { stage version returnReadiness { referralId ready unmet conditions { condition met } } }
    referral(id: $id) {
      status
      response { version returnPlan { plannedDate } }
      timeline { kind }
      returnReadiness { ready unmet }
    }
  }
}`;

async function state({ caseId, referralId }: Pick<Prepared, "caseId" | "referralId">, code = "SE") {
  const response = await graphql(gateway(), STATE, {
    variables: { id: referralId, caseId },
    token: await officer(code),
  });
  return response;
}

/** The four ways a child is moved: each a different country's officer, through the gateway. */
async function everyMove(
  { caseId, caseInput, referralId, response }: Prepared,
  plannedDate = daysFromNow(10),
) {
  const current = (await state({ caseId, referralId })).data.country.case.version;
  const event = (kind: string) => ({
    referralId,
    input: { idempotencyKey: newKey(), kind, occurredAt: daysFromNow(-0.01) },
  });
  return {
    HANDED_OVER: await as("SE", "recordReturnEvent", event("HANDED_OVER")),
    RECEIVED: await as("LT", "recordReturnEvent", event("RECEIVED")),
    CASE_RETURNED: await as("SE", "updateCase", {
      id: caseId,
      version: current,
      input: { ...caseInput, stage: "RETURNED" },
    }),
    RETURN_PLAN: await as("LT", "respondToReferral", {
      referralId,
      version: 1,
      input: { ...response, returnPlan: { plannedDate, receivingPlacement: "Family home" } },
    }),
  } as Record<string, GraphQLResponse>;
}

describe("the return gate, through the gateway", () => {
  it.each(Object.keys(BREAKS))(
    "%s broken alone: every move is refused naming it, nothing is written, and returnReadiness shows it",
    async (condition) => {
      const prepared = await prepare(BREAKS[condition]);
      const before = (await state(prepared)).data.country;
      expect(before.case.returnReadiness).toMatchObject({
        referralId: prepared.referralId,
        ready: false,
        unmet: [condition],
      });
      expect(before.referral.returnReadiness).toEqual({ ready: false, unmet: [condition] });

      const moves = await everyMove(prepared);
      for (const [move, response] of Object.entries(moves)) {
        expect({ move, codes: errorCodes(response) }).toEqual({ move, codes: ["RETURN_NOT_SAFE"] });
        expect({ move, unmet: response.errors![0].extensions!.unmet }).toEqual({ move, unmet: [condition] });
      }

      const after = (await state(prepared)).data.country;
      expect(after).toEqual(before);
      expect(after.referral.timeline).toEqual([]);
      expect(after.referral.response.returnPlan).toBeNull();
      // Lithuania's officer sees the same conditions on the referral, and no case data.
      const forLt = await state(prepared, "LT");
      expect(forLt.data.country.referral.returnReadiness).toEqual({ ready: false, unmet: [condition] });
      expect(forLt.data.country.case).toBeNull();
    },
  );

  it("a return that meets every condition goes ahead on every path", async () => {
    const prepared = await prepare();
    const before = (await state(prepared)).data.country;
    expect(before.case.returnReadiness).toMatchObject({ ready: true, unmet: [] });
    expect(before.case.returnReadiness.conditions.every((c: { met: boolean }) => c.met)).toBe(true);
    expect(before.referral.returnReadiness).toEqual({ ready: true, unmet: [] });

    const moves = await everyMove(prepared);
    for (const [move, response] of Object.entries(moves)) {
      expect({ move, errors: response.errors }).toEqual({ move, errors: undefined });
    }
    const after = (await state(prepared)).data.country;
    expect(after.case.stage).toBe("RETURNED");
    expect(after.referral.timeline.map((e: { kind: string }) => e.kind).sort()).toEqual([
      "HANDED_OVER",
      "RECEIVED",
    ]);
    expect(after.referral.response.returnPlan).not.toBeNull();
  });

  it("a return is planned only for a day after the reflection period; a disputed age shared is no obstacle", async () => {
    const prepared = await prepare({
      case: { reflectionPeriodEndsOn: daysFromNow(40), ageDisputed: true, ageBand: "PRESUMED_CHILD" },
      profile: { ageDisputed: true },
    });
    const on = async (days: number) =>
      (
        await graphql(
          gateway(),
          `
            query ($id: ID!, $on: DateTimeISO) {
              country(code: "SE") {
                referral(id: $id) {
                  returnReadiness(on: $on) {
                    unmet
                  }
                }
              }
            }
          `,
          { variables: { id: prepared.referralId, on: daysFromNow(days) }, token: await officer("LT") },
        )
      ).data.country.referral.returnReadiness.unmet;
    expect(await on(39)).toEqual(["REFLECTION_PERIOD_OVER"]);
    expect(await on(41)).toEqual([]);

    const inside = await as("LT", "respondToReferral", {
      referralId: prepared.referralId,
      version: 1,
      input: { ...ACCEPTED, returnPlan: { plannedDate: daysFromNow(39) } },
    });
    expect(errorCodes(inside)).toEqual(["RETURN_NOT_SAFE"]);
    const afterwards = await succeed("LT", "respondToReferral", {
      referralId: prepared.referralId,
      version: 1,
      input: { ...ACCEPTED, returnPlan: { plannedDate: daysFromNow(41) } },
    });
    expect(afterwards.version).toBe(2);
    // Today the period still runs: no hand-over yet.
    const handover = await as("SE", "recordReturnEvent", {
      referralId: prepared.referralId,
      input: { idempotencyKey: newKey(), kind: "HANDED_OVER", occurredAt: daysFromNow(-0.01) },
    });
    expect(handover.errors![0].extensions).toMatchObject({
      code: "RETURN_NOT_SAFE",
      unmet: ["REFLECTION_PERIOD_OVER"],
      referralId: prepared.referralId,
    });
  });

  it("a case is judged as the update writes it: removing a safeguard while returning is refused, adding it is not", async () => {
    const safe = await prepare();
    const removing = await as("SE", "updateCase", {
      id: safe.caseId,
      version: 3,
      input: { ...CASE_INPUT, guardian: null, stage: "RETURNED" },
    });
    expect(removing.errors![0].extensions).toMatchObject({
      code: "RETURN_NOT_SAFE",
      unmet: ["GUARDIAN_APPOINTED"],
    });

    const unsafe = await prepare(BREAKS.GUARDIAN_APPOINTED);
    const adding = await succeed("SE", "updateCase", {
      id: unsafe.caseId,
      version: 3,
      input: { ...CASE_INPUT, stage: "RETURNED" },
    });
    expect(adding.stage).toBe("RETURNED");
  });
});
