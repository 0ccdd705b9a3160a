import {
  judgeReturn,
  RETURN_CONDITIONS,
  ReturnCondition,
  ReturnFacts,
} from "../../subgraphs/national/src/modules/return-gate/return-conditions";

const ON = new Date("2026-06-01T00:00:00Z");

/** A return that meets every condition. */
const SAFE: ReturnFacts = {
  on: ON,
  referral: { status: "SENT", profileAgeDisputed: undefined },
  case: {
    stage: "RETURN_PREPARATION",
    ageDisputed: false,
    hasGuardian: true,
    childViewsHeard: true,
    reflectionPeriodEndsOn: new Date("2026-05-01T00:00:00Z"),
  },
  response: { decision: "ACCEPTED", returnInBestInterests: true },
};

const unmet = (facts: ReturnFacts) =>
  judgeReturn(facts)
    .filter((s) => !s.met)
    .map((s) => s.condition);

/** Each condition, and facts that break it and nothing else. */
const BROKEN: Record<ReturnCondition, ReturnFacts> = {
  REFERRAL_ACTIVE: { ...SAFE, referral: { status: "WITHDRAWN" } },
  CASE_OPEN: { ...SAFE, case: { ...SAFE.case!, stage: "CLOSED" } },
  RECEIVER_ACCEPTED: { ...SAFE, response: { decision: "ACKNOWLEDGED", returnInBestInterests: true } },
  BEST_INTERESTS_ESTABLISHED: { ...SAFE, response: { decision: "ACCEPTED", returnInBestInterests: false } },
  GUARDIAN_APPOINTED: { ...SAFE, case: { ...SAFE.case!, hasGuardian: false } },
  CHILD_VIEWS_HEARD: { ...SAFE, case: { ...SAFE.case!, childViewsHeard: false } },
  REFLECTION_PERIOD_OVER: {
    ...SAFE,
    case: { ...SAFE.case!, reflectionPeriodEndsOn: new Date("2026-06-02T00:00:00Z") },
  },
  AGE_DISPUTE_SHARED: { ...SAFE, case: { ...SAFE.case!, ageDisputed: true } },
};

describe("the return gate's conditions", () => {
  it("a return with every safeguard in place meets every condition", () => {
    expect(unmet(SAFE)).toEqual([]);
  });

  it.each(Object.keys(BROKEN) as ReturnCondition[])("%s can be broken alone", (condition) => {
    expect(unmet(BROKEN[condition])).toEqual([condition]);
  });

  it("every condition of the list is covered above, and each has a description an officer can read", () => {
    expect(RETURN_CONDITIONS.map((c) => c.condition).sort()).toEqual(Object.keys(BROKEN).sort());
    for (const { description } of RETURN_CONDITIONS) expect(description.length).toBeGreaterThan(20);
  });

  it("a reflection period ending on the day of the move is over; a disputed age shared with the receiver is fine", () => {
    expect(unmet({ ...SAFE, case: { ...SAFE.case!, reflectionPeriodEndsOn: ON } })).toEqual([]);
    const shared = {
      ...SAFE,
      case: { ...SAFE.case!, ageDisputed: true },
      referral: { status: "SENT", profileAgeDisputed: true },
    };
    expect(unmet(shared)).toEqual([]);
  });

  it("with nothing known, nothing is met", () => {
    expect(unmet({ on: ON, referral: null, case: null, response: null })).toEqual(Object.keys(BROKEN));
  });
});
