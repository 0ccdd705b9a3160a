import { PLAN_ITEMS, PLAN_OF_ACTION } from "#schema/plan-of-action";

/** The Plan of Action is data that the tracker, the countries' notes and the report name items by. */
describe("the Plan of Action data", () => {
  it("has sections I to VII, each with items numbered under it", () => {
    expect(PLAN_OF_ACTION.sections.map((s) => s.number)).toEqual(["I", "II", "III", "IV", "V", "VI", "VII"]);
    for (const section of PLAN_OF_ACTION.sections) {
      expect(section.items.length).toBeGreaterThan(0);
      for (const item of section.items) expect(item.id).toMatch(new RegExp(`^${section.number}\\.\\d+$`));
    }
  });

  it("names every item once, with a title and an owner", () => {
    const ids = PLAN_ITEMS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of PLAN_ITEMS) {
      expect(item.title.length).toBeGreaterThan(10);
      expect(["RFP", "COUNTRIES"]).toContain(item.owner);
    }
  });

  it("has the items the network's work is filed under", () => {
    const ids = PLAN_ITEMS.map((i) => i.id);
    for (const id of ["II.5", "II.6", "III.4", "III.10", "IV.1", "IV.2", "IV.3", "IV.4", "VI.1", "VII.1"]) {
      expect(ids).toContain(id);
    }
  });

  it("says where its wording comes from", () => {
    expect(PLAN_OF_ACTION.source).toMatch(/paraphrase/i);
  });
});
