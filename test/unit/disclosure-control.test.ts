import {
  attack,
  exactTable,
  LinearModel,
  protectLinkedTables,
  ProtectedTable,
  suppress,
} from "../../subgraphs/national/src/modules/statistics/disclosure-control";

/**
 * The building blocks of disclosure control on small cases worked out by hand. That nothing a country
 * publishes for a year can be solved is the business of an attacker independent of this code:
 * disclosure-attack.test.ts.
 */

const THRESHOLD = 5;

/** A table over one period only. */
const protectOne = (counts: number[][], hideSum = false) =>
  protectLinkedTables([{ counts: [counts], hideSum }], THRESHOLD)[0][0];

const shown = (table: ProtectedTable) => ({
  cells: table.cells.map((line) => line.map((c) => c.value)),
  rowTotals: table.rowTotals.map((c) => c.value),
  columnTotals: table.columnTotals.map((c) => c.value),
  total: table.total.value,
});

/** x0 + x1 + ... = total, over figures numbered as given. */
const table = (values: number[]): LinearModel => ({
  values,
  equations: [[...values.slice(0, -1).map((_, f): [number, number] => [f, 1]), [values.length - 1, -1]]],
});

describe("the attacker of the implementation", () => {
  it("solves a suppressed cell from its table's total", () => {
    // 2 hidden, 10 and 20 shown, total 32 shown: 32 - 10 - 20 = 2.
    expect(attack(table([2, 10, 20, 32]), [true, false, false, false])).toEqual([0]);
    expect(attack(table([2, 10, 20, 32]), [true, true, false, false])).toEqual([]);
  });

  it("pins down two suppressed figures that add up to 2, as each is at least 1", () => {
    expect(attack(table([1, 1, 30, 32]), [true, true, false, false])).toEqual([0, 1]);
    expect(attack(table([1, 2, 30, 33]), [true, true, false, false])).toEqual([]);
  });

  it("bounds a suppressed figure through several equations", () => {
    // a + b = 5, b + c = 3, a + d = 4, all four hidden: c >= 1 gives b <= 2 and d >= 1 gives a <= 3, so
    // a + b = 5 forces a = 3 and b = 2, then c = 1 and d = 1. The equations alone fix none of them.
    const model: LinearModel = {
      values: [3, 2, 1, 1, 5, 3, 4],
      equations: [
        [
          [0, 1],
          [1, 1],
          [4, -1],
        ],
        [
          [1, 1],
          [2, 1],
          [5, -1],
        ],
        [
          [0, 1],
          [3, 1],
          [6, -1],
        ],
      ],
    };
    expect(attack(model, [true, true, true, true, false, false, false])).toEqual([0, 1, 2, 3]);
  });
});

describe("suppression", () => {
  it("suppresses counts from 1 to 4, shows zeros and larger counts", () => {
    const protectedTable = protectOne([[0, 3, 12, 7]]);
    expect(protectedTable.cells[0][0]).toEqual({ value: 0, suppressed: false });
    expect(protectedTable.cells[0][1]).toEqual({ value: null, suppressed: true });
    // A one-row table's column totals are its cells, its row total its total.
    expect(protectedTable.columnTotals).toEqual(protectedTable.cells[0]);
    expect(protectedTable.rowTotals[0]).toEqual(protectedTable.total);
  });

  it("hides a second figure when one suppressed cell could be recovered from the total: the smallest", () => {
    expect(shown(protectOne([[2, 10, 20]]))).toEqual({
      cells: [[null, null, 20]],
      rowTotals: [32],
      columnTotals: [null, null, 20],
      total: 32,
    });
  });

  it("does not let x + y = 2 pin two suppressed ones", () => {
    expect(shown(protectOne([[1, 1, 30]])).cells).toEqual([[null, null, null]]);
  });

  it("hides only non-zero figures, and everything that is suppressed stays unsolvable", () => {
    const model = table([3, 0, 0, 9, 12]);
    const mask = suppress(model, THRESHOLD);
    expect(mask).toEqual([true, false, false, true, false]);
    expect(attack(model, mask)).toEqual([]);
  });

  it("with hideSum, a table's sum cannot be rebuilt: its total and a non-zero cell are hidden", () => {
    // 40 children, counted under each of their groups: 42 memberships would tell that two have two.
    const protectedTable = protectOne([[30, 0, 7, 5]], true);
    expect(shown(protectedTable).cells).toEqual([[30, 0, 7, null]]);
    expect(protectedTable.total).toEqual({ value: null, suppressed: true });
    expect(protectOne([[30, 0, 7, 5]]).total).toEqual({ value: 42, suppressed: false });
    // A sum of 0 has nothing to hide.
    expect(protectOne([[0, 0]], true).total).toEqual({ value: 0, suppressed: false });
  });

  it("protects a two-way table with its row and column totals", () => {
    const counts = [
      [1, 7, 0, 3],
      [9, 2, 14, 6],
      [0, 5, 1, 8],
    ];
    const protectedTable = protectOne(counts);
    // Each row and column with a suppressed cell has another one (or its total hidden).
    const hidden = protectedTable.cells.map((line) => line.map((c) => c.suppressed));
    hidden.forEach((line, i) => {
      const inRow = line.filter(Boolean).length;
      if (inRow) expect(inRow + Number(protectedTable.rowTotals[i].suppressed)).toBeGreaterThanOrEqual(2);
    });
    counts[0].forEach((_, j) => {
      const inColumn = hidden.filter((line) => line[j]).length;
      if (inColumn)
        expect(inColumn + Number(protectedTable.columnTotals[j].suppressed)).toBeGreaterThanOrEqual(2);
    });
    expect(protectOne(counts)).toEqual(protectedTable);
  });
});

describe("tables linked by a shared total and by periods", () => {
  it("protects tables sharing a total together: the finding's sex and age band tables of 21 children", () => {
    const bySex = [[8, 10, 0, 3]];
    const byAgeBand = [[0, 2, 5, 8, 6]];
    const [sex, age] = protectLinkedTables(
      [
        { counts: [bySex], population: "children" },
        { counts: [byAgeBand], population: "children" },
      ],
      THRESHOLD,
    ).map(([only]) => only);
    // The 3 and the 2 are hidden, with a partner each in their table: the shared 21 does not solve them.
    expect(shown(sex).cells).toEqual([[null, 10, 0, null]]);
    expect(shown(age).cells).toEqual([[0, null, null, 8, 6]]);
    expect(sex.total).toEqual({ value: 21, suppressed: false });
    expect(age.total).toEqual(sex.total);
  });

  it("refuses tables said to share a total that they do not have", () => {
    expect(() =>
      protectLinkedTables(
        [
          { counts: [[[1, 2]]], population: "children" },
          { counts: [[[4]]], population: "children" },
        ],
        THRESHOLD,
      ),
    ).toThrow(/do not share their total/);
  });

  it("a quarter's suppressed cell cannot be had as the year minus the other quarters", () => {
    const quarters = [[[3, 12]], [[8, 9]], [[6, 6]], [[7, 10]]];
    const [[year, q1, q2, q3, q4]] = protectLinkedTables([{ counts: [[[24, 37]], ...quarters] }], THRESHOLD);
    expect(q1.cells[0][0].suppressed).toBe(true);
    // Year 24 - 8 - 6 - 7 = 3 would give it away: one of those figures is hidden too.
    expect([year, q2, q3, q4].some((t) => t.cells[0][0].suppressed)).toBe(true);
    expect(() => protectLinkedTables([{ counts: [[[24, 37]], [[3, 12]]] }], THRESHOLD)).toThrow(/add up/);
  });
});

it("an exact table publishes every figure with its totals", () => {
  expect(
    shown(
      exactTable([
        [1, 2],
        [3, 4],
      ]),
    ),
  ).toEqual({
    cells: [
      [1, 2],
      [3, 4],
    ],
    rowTotals: [3, 7],
    columnTotals: [4, 6],
    total: 10,
  });
});
