import { CASE_STAGES } from "../../subgraphs/national/src/modules/case/case-stage";
import { CaseStage } from "../../subgraphs/national/src/modules/case/case.enums";
import { PROFILE_RULES } from "#schema/profile-rules";
import { profileViolation } from "../../subgraphs/national/src/modules/referral/child-profile.rules";
import {
  REFERRAL_STATUSES,
  ReferralPurpose,
} from "../../subgraphs/national/src/modules/referral/referral.enums";
import { DECISIONS } from "../../subgraphs/national/src/modules/response/response.enums";
import { assertTransition, Transitions } from "../../subgraphs/national/src/modules/state-machine";

const machines: Array<[string, Transitions<string>]> = [
  ["case stages", CASE_STAGES],
  ["referral statuses", REFERRAL_STATUSES],
  ["response decisions", DECISIONS],
];

describe.each(machines)("the %s state machine", (_name, machine) => {
  const states = Object.keys(machine);
  const allowed = states.flatMap((from) => machine[from].map((to) => [from, to]));
  const disallowed = states.flatMap((from) =>
    states.filter((to) => to !== from && !machine[from].includes(to)).map((to) => [from, to]),
  );

  it.each(allowed)("allows %s -> %s", (from, to) => {
    expect(() => assertTransition("It", machine, from, to)).not.toThrow();
  });

  it("refuses every other move with INVALID_TRANSITION listing the allowed next states", () => {
    expect(disallowed.length).toBeGreaterThan(0);
    for (const [from, to] of disallowed) {
      let error: any;
      try {
        assertTransition("It", machine, from, to);
      } catch (e) {
        error = e;
      }
      expect(error?.extensions).toMatchObject({
        code: "INVALID_TRANSITION",
        from,
        to,
        allowed: machine[from],
      });
    }
  });

  it("names only known states", () => {
    for (const targets of Object.values(machine)) for (const to of targets) expect(states).toContain(to);
  });
});

describe("case stages", () => {
  it("a closed case stays closed, and a return happens only from return preparation", () => {
    expect(CASE_STAGES[CaseStage.CLOSED]).toEqual([]);
    const intoReturned = Object.entries(CASE_STAGES)
      .filter(([, next]) => next.includes(CaseStage.RETURNED))
      .map(([from]) => from);
    expect(intoReturned).toEqual([CaseStage.RETURN_PREPARATION]);
  });
});

describe("child profile minimisation", () => {
  const complete = (purpose: ReferralPurpose) =>
    Object.fromEntries(
      PROFILE_RULES[purpose].required.map((field) => [field, field === "birthYear" ? 2011 : "x"]),
    );

  it.each(Object.values(ReferralPurpose))("%s accepts exactly its required fields", (purpose) => {
    expect(profileViolation(purpose, complete(purpose))).toBeUndefined();
  });

  it.each(Object.values(ReferralPurpose))("%s refuses each missing required field", (purpose) => {
    for (const field of PROFILE_RULES[purpose].required) {
      const profile = { ...complete(purpose), [field]: undefined };
      expect(profileViolation(purpose, profile)?.[0]).toBe(field);
    }
  });

  it("refuses a field the purpose does not allow, even when everything required is there", () => {
    const profile = { ...complete(ReferralPurpose.CARE_CONTINUATION), givenName: "Ona" };
    expect(profileViolation(ReferralPurpose.CARE_CONTINUATION, profile)).toEqual([
      "givenName",
      expect.stringMatching(/not shared for purpose CARE_CONTINUATION/),
    ]);
  });

  it("an information request shares no identity at all", () => {
    const rule = PROFILE_RULES[ReferralPurpose.INFORMATION_REQUEST];
    expect([...rule.required, ...rule.optional]).not.toEqual(expect.arrayContaining(["givenName"]));
    expect([...rule.required, ...rule.optional]).not.toContain("familyName");
  });
});
