import {
  exactTable,
  figure,
  protectAcrossPeriods,
  protectTable,
  ProtectedTable,
  withMargins,
} from "../../subgraphs/national/src/modules/statistics/disclosure-control";

const THRESHOLD = 5;

/** A deterministic pseudo-random generator, so every run tests the same tables. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Small counts, many of them under the threshold, some zero: the hard case for disclosure control. */
function randomTable(random: () => number, rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () =>
    Array.from({ length: columns }, () => {
      const r = random();
      return r < 0.2 ? 0 : r < 0.6 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 8);
    }),
  );
}

const published = (table: ProtectedTable, rows: number, columns: number) =>
  Array.from({ length: rows + 1 }, (_, i) =>
    Array.from({ length: columns + 1 }, (_, j) => figure(table, i, j).value ?? null),
  );

/**
 * An attacker independent of the implementation: enumerates every assignment of the hidden inner cells
 * (each at least 1, since zeros are shown, and at most `cap`) whose row, column and grand totals agree
 * with every published total and are at least 1 where hidden, and reports the hidden figures, totals
 * included, that come out the same in every assignment. `cap` must lie above every true inner count, so
 * that the attacker knows nothing a real one would not.
 */
function bruteForce(grid: (number | null)[][], cap: number): Map<string, number> {
  const rows = grid.length - 1;
  const columns = grid[0].length - 1;
  const inner = grid.slice(0, rows).map((line) => line.slice(0, columns));
  const unknowns: Array<[number, number]> = [];
  inner.forEach((line, i) => line.forEach((v, j) => v === null && unknowns.push([i, j])));
  const values = inner.map((line) => [...line]);
  const outcomes = new Map<string, Set<number>>();
  const note = (key: string, value: number) => outcomes.set(key, (outcomes.get(key) ?? new Set()).add(value));
  const agrees = (sum: number, published: number | null) =>
    published === null ? sum >= 1 : sum === published;
  const rowDone = (i: number) => values[i].every((v) => v !== null);
  const search = (k: number) => {
    // Prune on every row already complete.
    for (let i = 0; i < rows; i++) {
      if (
        rowDone(i) &&
        !agrees(
          values[i].reduce((a, b) => a! + b!, 0)!,
          grid[i][columns],
        )
      )
        return;
    }
    if (k < unknowns.length) {
      const [i, j] = unknowns[k];
      for (let v = 1; v <= cap; v++) {
        values[i][j] = v;
        search(k + 1);
      }
      values[i][j] = null;
      return;
    }
    const columnSums = Array.from({ length: columns }, (_, j) => values.reduce((a, line) => a + line[j]!, 0));
    if (!columnSums.every((sum, j) => agrees(sum, grid[rows][j]))) return;
    const total = columnSums.reduce((a, b) => a + b, 0);
    if (!agrees(total, grid[rows][columns])) return;
    unknowns.forEach(([i, j]) => note(`${i},${j}`, values[i][j]!));
    values.forEach(
      (line, i) =>
        grid[i][columns] === null &&
        note(
          `${i},${columns}`,
          line.reduce((a, b) => a! + b!, 0)!,
        ),
    );
    columnSums.forEach((sum, j) => grid[rows][j] === null && note(`${rows},${j}`, sum));
    if (grid[rows][columns] === null) note(`${rows},${columns}`, total);
  };
  search(0);
  const recovered = new Map<string, number>();
  for (const [key, seen] of outcomes) if (seen.size === 1) recovered.set(key, [...seen][0]);
  return recovered;
}

describe("disclosure control of a count table", () => {
  it("suppresses counts from 1 to 4, shows zeros and larger counts", () => {
    const table = protectTable([[0, 3, 12, 7]], THRESHOLD);
    expect(table.cells[0][0]).toEqual({ value: 0, suppressed: false });
    expect(table.cells[0][1]).toEqual({ value: null, suppressed: true });
    expect(table.cells[0][2].suppressed || table.cells[0][3].suppressed || table.total.suppressed).toBe(true);
  });

  it("the attacker below does recover a cell that only primary suppression hides", () => {
    // 2 hidden, 10 and 20 shown, total 32 shown: 32 - 10 - 20 = 2.
    expect(
      bruteForce(
        [
          [null, 10, 20, 32],
          [null, 10, 20, 32],
        ],
        23,
      ).get("0,0"),
    ).toBe(2);
  });

  it("with hideSum, a table's sum cannot be rebuilt: its total and a non-zero cell are hidden", () => {
    // 40 children, counted under each of their groups: 42 memberships would tell that two have two.
    const table = protectTable([[30, 0, 7, 5]], THRESHOLD, true);
    expect(table.total.suppressed).toBe(true);
    const hiddenNonZero = table.cells[0].filter((c, j) => c.suppressed && [30, 0, 7, 5][j] > 0);
    expect(hiddenNonZero.length).toBeGreaterThanOrEqual(1);
    expect(bruteForce(published(table, 1, 4), 50).size).toBe(0);
    expect(protectTable([[30, 0, 7, 5]], THRESHOLD).total).toEqual({ value: 42, suppressed: false });
  });

  it("hides a second figure when one suppressed cell could be recovered from the total", () => {
    const table = protectTable([[2, 10, 20]], THRESHOLD);
    const hidden = [...table.cells[0], table.total].filter((c) => c.suppressed).length;
    expect(hidden).toBeGreaterThanOrEqual(2);
    expect(bruteForce(published(table, 1, 3), 23).size).toBe(0);
  });

  it("does not let x + y = 2 pin two suppressed ones", () => {
    const table = protectTable([[1, 1, 30]], THRESHOLD);
    expect(bruteForce(published(table, 1, 3), 33).size).toBe(0);
  });

  it("always gives the same answer for the same table", () => {
    const counts = [
      [1, 7, 0, 3],
      [9, 2, 14, 6],
      [0, 5, 1, 8],
    ];
    expect(protectTable(counts, THRESHOLD)).toEqual(protectTable(counts, THRESHOLD));
  });

  it("an exact table publishes every figure with its totals", () => {
    const table = exactTable([
      [1, 2],
      [3, 4],
    ]);
    expect(table.rowTotals.map((c) => c.value)).toEqual([3, 7]);
    expect(table.columnTotals.map((c) => c.value)).toEqual([4, 6]);
    expect(table.total.value).toBe(10);
  });

  it("an attacker with the row and column totals recovers no suppressed figure, over 150 random tables", () => {
    const random = generator(42);
    let suppressedSeen = 0;
    let attacked = 0;
    for (let n = 0; n < 150; n++) {
      const rows = 1 + Math.floor(random() * 3);
      const columns = 2 + Math.floor(random() * 2);
      const counts = randomTable(random, rows, columns);
      const table = protectTable(counts, THRESHOLD);
      const grid = published(table, rows, columns);
      const full = withMargins(counts);
      const hidden = grid.flat().filter((v) => v === null).length;
      suppressedSeen += hidden;
      const hiddenInner = grid
        .slice(0, rows)
        .flatMap((line) => line.slice(0, columns))
        .filter((v) => v === null).length;
      if (hiddenInner > 5) continue; // keeps the brute force fast; the implementation's own attacker still ran
      const recovered = bruteForce(grid, Math.max(...counts.flat()) + 3);
      attacked++;
      expect({ counts, recovered: [...recovered] }).toEqual({ counts, recovered: [] });
      // Every published figure is true, and every count from 1 to 4 is hidden.
      full.forEach((line, i) =>
        line.forEach((value, j) => {
          if (grid[i][j] !== null) expect(grid[i][j]).toBe(value);
          if (value > 0 && value < THRESHOLD) expect(grid[i][j]).toBeNull();
        }),
      );
    }
    expect(suppressedSeen).toBeGreaterThan(150);
    expect(attacked).toBeGreaterThan(100);
  });
});

describe("disclosure control across periods", () => {
  it("a year's table adds nothing to its quarters': each published year figure is the sum of four published quarter figures", () => {
    const random = generator(7);
    for (let n = 0; n < 40; n++) {
      const rows = 1 + Math.floor(random() * 3);
      const columns = 2 + Math.floor(random() * 3);
      const quarters = [0, 1, 2, 3].map(() => randomTable(random, rows, columns));
      const yearCounts = quarters[0].map((line, i) =>
        line.map((_, j) => quarters.reduce((s, q) => s + q[i][j], 0)),
      );
      const quarterTables = quarters.map((q) => protectTable(q, THRESHOLD));
      const year = protectAcrossPeriods(yearCounts, quarterTables, THRESHOLD);
      for (let i = 0; i <= rows; i++) {
        for (let j = 0; j <= columns; j++) {
          const yearFigure = figure(year, i, j);
          if (yearFigure.suppressed) continue;
          const parts = quarterTables.map((t) => figure(t, i, j));
          expect(parts.every((p) => !p.suppressed)).toBe(true);
          expect(parts.reduce((s, p) => s + p.value!, 0)).toBe(yearFigure.value);
        }
      }
    }
  });

  it("an attacker differencing a year against its quarters recovers no suppressed quarter figure", () => {
    // Because the year publishes only sums of published quarter figures, the attacker's knowledge is the
    // four quarter tables; each resists the brute force on its own (above). Check a worked case end to end.
    const q = [[[3, 12]], [[8, 9]], [[6, 6]], [[7, 10]]];
    const quarterTables = q.map((counts) => protectTable(counts, THRESHOLD));
    const year = protectAcrossPeriods([[24, 37]], quarterTables, THRESHOLD);
    expect(figure(quarterTables[0], 0, 0).suppressed).toBe(true);
    // Q1's first cell is hidden, so the year's first cell must not be published (24 - 8 - 6 - 7 = 3).
    expect(figure(year, 0, 0).suppressed).toBe(true);
    // Nor the year's total together with everything else in the row.
    expect(bruteForce(published(year, 1, 2), 40).size).toBe(0);
  });
});
