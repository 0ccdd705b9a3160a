import { caseCountChanges, CountedCase } from "../../subgraphs/national/src/modules/case/case-counts";

const child: CountedCase = {
  identifiedOn: new Date("2026-03-15T00:00:00Z"),
  targetGroups: ["TRAFFICKED"],
  exploitationForms: [],
  stage: "IDENTIFIED",
  sex: "FEMALE",
  ageBand: "AGE_15_17",
  nationality: "LT",
} as CountedCase;

const updatesOf = (operations: ReturnType<typeof caseCountChanges>) =>
  operations.map((op: any) => [op.updateOne.filter._id, op.updateOne.update.$inc]);

describe("monthly case counts", () => {
  it("a new case adds one to each of its values in its month of identification", () => {
    expect(updatesOf(caseCountChanges(null, child))).toEqual([
      [
        "2026-03",
        {
          "counts.targetGroups.TRAFFICKED": 1,
          "counts.exploitationForms._none": 1,
          "counts.stage.IDENTIFIED": 1,
          "counts.sex.FEMALE": 1,
          "counts.ageBand.AGE_15_17": 1,
          "counts.nationality.LT": 1,
        },
      ],
    ]);
  });

  it("a change of stage moves one count from the old stage to the new, and touches nothing else", () => {
    expect(updatesOf(caseCountChanges(child, { ...child, stage: "ASSESSMENT" } as CountedCase))).toEqual([
      ["2026-03", { "counts.stage.IDENTIFIED": -1, "counts.stage.ASSESSMENT": 1 }],
    ]);
  });

  it("a corrected identification date moves the whole case to its new month", () => {
    const moved = { ...child, identifiedOn: new Date("2026-04-01T00:00:00Z") } as CountedCase;
    const updates = updatesOf(caseCountChanges(child, moved));
    expect(updates.map(([month]) => month)).toEqual(["2026-03", "2026-04"]);
    expect(Object.values(updates[0][1])).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(Object.values(updates[1][1])).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("an unchanged case changes nothing, and a case without nationality counts under no value", () => {
    expect(caseCountChanges(child, { ...child })).toEqual([]);
    const stateless = { ...child, nationality: null } as unknown as CountedCase;
    expect(updatesOf(caseCountChanges(null, stateless))[0][1]).toHaveProperty(
      ["counts.nationality._none"],
      1,
    );
  });

  it("a child in two target groups counts once in each, and a form of exploitation replaces no value", () => {
    const twice = {
      ...child,
      targetGroups: ["TRAFFICKED", "UNDOCUMENTED"],
      exploitationForms: ["SEXUAL", "BEGGING"],
    } as CountedCase;
    expect(updatesOf(caseCountChanges(child, twice))).toEqual([
      [
        "2026-03",
        {
          "counts.targetGroups.UNDOCUMENTED": 1,
          "counts.exploitationForms._none": -1,
          "counts.exploitationForms.SEXUAL": 1,
          "counts.exploitationForms.BEGGING": 1,
        },
      ],
    ]);
  });
});
