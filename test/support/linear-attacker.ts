/**
 * An attacker on everything a country publishes for a year, written apart from the implementation (it
 * imports nothing of it): it reads only the published tables of the year and its four quarters, and the
 * structure any reader knows from docs/statistics.md: each table's rows and columns add up to its totals,
 * the tables of children counted once share their total, and the year's figure is the sum of its
 * quarters'. It solves that system exactly (integers of any size, fraction-free Gauss-Jordan
 * elimination), propagates the bounds a reader has (a suppressed figure is at least 1, since zeros are
 * shown), and reports every suppressed figure that comes out exactly. Used on `protectYear` directly
 * (test/unit/disclosure-attack.test.ts) and on the gateway's answers (test/integration/statistics.test.ts).
 */

/** The tables that count every child identified once (docs/statistics.md): one total between them. */
const CHILDREN_TABLES = ["casesByStage", "casesBySex", "casesByAgeBand", "casesByNationality"];

export type Cell = { value?: number | null; suppressed: boolean };
export type Table = {
  name: string;
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  total: Cell;
};
export type Published = Array<{ period: { label: string }; tables: Table[] }>;

/** A figure: where it stands, and its value if published. */
interface Figure {
  label: string;
  published: bigint | null;
}

type Equation = Array<[figure: number, coefficient: bigint]>;

/** Every figure of every table of every period, and the equations between them a reader knows. */
function publicSystem(published: Published): { figures: Figure[]; equations: Equation[] } {
  const figures: Figure[] = [];
  const equations: Equation[] = [];
  const add = (label: string, cell: Cell) =>
    figures.push({ label, published: cell.suppressed ? null : BigInt(cell.value!) }) - 1;
  const sum = (parts: number[], whole: number): Equation => [
    ...parts.map((f): [number, bigint] => [f, 1n]),
    [whole, -1n],
  ];
  // ids[period][table] = { cells, rowTotals, columnTotals, total }
  const ids = published.map(({ period, tables }) =>
    tables.map((table) => {
      const at = (where: string) => `${period.label} ${table.name} ${where}`;
      const cells = table.cells.map((line, i) => line.map((cell, j) => add(at(`cell ${i},${j}`), cell)));
      const rowTotals = table.rowTotals.map((cell, i) => add(at(`row total ${i}`), cell));
      const columnTotals = table.columnTotals.map((cell, j) => add(at(`column total ${j}`), cell));
      const total = add(at("total"), table.total);
      cells.forEach((line, i) => equations.push(sum(line, rowTotals[i])));
      columnTotals.forEach((f, j) =>
        equations.push(
          sum(
            cells.map((line) => line[j]),
            f,
          ),
        ),
      );
      equations.push(sum(rowTotals, total), sum(columnTotals, total));
      return { name: table.name, cells, rowTotals, columnTotals, total };
    }),
  );
  for (const tables of ids) {
    const [first, ...others] = tables.filter((t) => CHILDREN_TABLES.includes(t.name));
    for (const other of others)
      equations.push([
        [first.total, 1n],
        [other.total, -1n],
      ]);
  }
  const [year, ...quarters] = ids;
  year.forEach((table, t) => {
    const same = (pick: (x: (typeof year)[number]) => number) =>
      equations.push(
        sum(
          quarters.map((q) => pick(q[t])),
          pick(table),
        ),
      );
    table.cells.forEach((line, i) => line.forEach((_, j) => same((x) => x.cells[i][j])));
    table.rowTotals.forEach((_, i) => same((x) => x.rowTotals[i]));
    table.columnTotals.forEach((_, j) => same((x) => x.columnTotals[j]));
    same((x) => x.total);
  });
  return { figures, equations };
}

const abs = (a: bigint) => (a < 0n ? -a : a);
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? abs(a) : gcd(b, a % b));
const floorDiv = (a: bigint, b: bigint) => {
  const q = a / b;
  return q * b !== a && a < 0n !== b < 0n ? q - 1n : q;
};
const ceilDiv = (a: bigint, b: bigint) => -floorDiv(-a, b);

/** A row over the unknowns: coefficients by unknown, and the right-hand side. */
interface Row {
  terms: Map<number, bigint>;
  constant: bigint;
}

/** Fraction-free Gauss-Jordan elimination with each row divided by its gcd: exact, in sparse rows. */
function reduce(rows: Row[], unknowns: number): Row[] {
  const pending = rows.map((row) => ({ terms: new Map(row.terms), constant: row.constant }));
  const pivots: Row[] = [];
  for (let u = 0; u < unknowns; u++) {
    const index = pending.findIndex((row) => row.terms.has(u));
    if (index < 0) continue;
    const [pivot] = pending.splice(index, 1);
    for (const row of [...pending, ...pivots]) {
      const b = row.terms.get(u);
      if (b === undefined) continue;
      const a = pivot.terms.get(u)!;
      // row := a * row - b * pivot, which has no u any more
      for (const [k, c] of row.terms) row.terms.set(k, a * c);
      row.constant = a * row.constant - b * pivot.constant;
      for (const [k, c] of pivot.terms) {
        const next = (row.terms.get(k) ?? 0n) - b * c;
        if (next === 0n) row.terms.delete(k);
        else row.terms.set(k, next);
      }
      let divisor = row.constant;
      for (const c of row.terms.values()) divisor = gcd(divisor, c);
      if (divisor > 1n) {
        for (const [k, c] of row.terms) row.terms.set(k, c / divisor);
        row.constant /= divisor;
      }
    }
    pivots.push(pivot);
  }
  // Rows left over have no unknown: 0 = 0, as the published figures are consistent.
  if (pending.some((row) => row.constant !== 0n))
    throw new Error("the published figures contradict each other");
  return pivots;
}

/** The suppressed figures a reader pins down, with their values. */
function solve({ figures, equations }: ReturnType<typeof publicSystem>): Map<number, bigint> {
  const unknownOf = new Map<number, number>();
  const figureOf: number[] = [];
  figures.forEach((figure, f) => {
    if (figure.published !== null) return;
    unknownOf.set(f, figureOf.length);
    figureOf.push(f);
  });
  const rows: Row[] = equations.flatMap((equation) => {
    const terms = new Map<number, bigint>();
    let constant = 0n;
    for (const [f, c] of equation) {
      const u = unknownOf.get(f);
      if (u === undefined) constant -= c * figures[f].published!;
      else terms.set(u, (terms.get(u) ?? 0n) + c);
    }
    for (const [u, c] of terms) if (c === 0n) terms.delete(u);
    if (terms.size) return [{ terms, constant }];
    if (constant !== 0n) throw new Error("the published figures contradict each other");
    return [];
  });
  const reduced = reduce(rows, figureOf.length);
  // Bounds: every suppressed figure is at least 1 (zeros are shown); none above to begin with (null).
  const low = figureOf.map(() => 1n);
  const high: Array<bigint | null> = figureOf.map(() => null);
  /** A sum of terms' extremes, null when one of them is unbounded; and that sum without one term. */
  const total = (parts: Array<bigint | null>) => ({
    unbounded: parts.filter((p) => p === null).length,
    sum: parts.reduce<bigint>((s, p) => s + (p ?? 0n), 0n),
  });
  const without = ({ unbounded, sum }: ReturnType<typeof total>, part: bigint | null) =>
    unbounded - (part === null ? 1 : 0) ? null : sum - (part ?? 0n);
  for (let changed = true; changed;) {
    changed = false;
    for (const { terms, constant } of [...reduced, ...rows]) {
      const times = (c: bigint, x: bigint | null) => (x === null ? null : c * x);
      const least = [...terms].map(([v, c]) => (c > 0n ? c * low[v] : times(c, high[v])));
      const greatest = [...terms].map(([v, c]) => (c > 0n ? times(c, high[v]) : c * low[v]));
      const [leastSum, greatestSum] = [total(least), total(greatest)];
      [...terms].forEach(([u, a], k) => {
        // a * x_u = constant - (the others), which lie between these:
        const othersLeast = without(leastSum, least[k]);
        const othersGreatest = without(greatestSum, greatest[k]);
        const [forLow, forHigh] = a > 0n ? [othersGreatest, othersLeast] : [othersLeast, othersGreatest];
        if (forLow !== null) {
          const lowest = ceilDiv(constant - forLow, a);
          if (lowest > low[u]) [low[u], changed] = [lowest, true];
        }
        if (forHigh !== null) {
          const highest = floorDiv(constant - forHigh, a);
          if (high[u] === null || highest < high[u]!) [high[u], changed] = [highest, true];
        }
      });
    }
  }
  const recovered = new Map<number, bigint>();
  figureOf.forEach((f, u) => high[u] !== null && low[u] === high[u] && recovered.set(f, low[u]));
  return recovered;
}

/** Every figure of a table, in one order. */
export const figuresOf = (table: Table): Cell[] => [
  ...table.cells.flat(),
  ...table.rowTotals,
  ...table.columnTotals,
  table.total,
];

/**
 * The attack on the year and its quarters as published (the year first): how many suppressed figures it
 * examined, and the ones it solved, as "<period> <table> <figure> = <value>".
 */
export function attackPublished(published: Published): { suppressed: number; recovered: string[] } {
  const system = publicSystem(published);
  const recovered = solve(system);
  return {
    suppressed: system.figures.filter((f) => f.published === null).length,
    recovered: [...recovered].map(([f, value]) => `${system.figures[f].label} = ${value}`),
  };
}

/**
 * What is wrong with published tables against the exact ones (the same periods and tables, in the same
 * order): a published figure that is not the true one, a count from 1 to threshold - 1 shown, a 0 hidden.
 */
export function misprinted(published: Published, exact: Table[][], threshold: number): string[] {
  return published.flatMap(({ period, tables }, p) =>
    tables.flatMap((table, t) => {
      const shown = figuresOf(table);
      return figuresOf(exact[p][t]).flatMap(({ value }, k) =>
        (shown[k].suppressed ? value! > 0 : shown[k].value === value && (value === 0 || value! >= threshold))
          ? []
          : [`${period.label} ${table.name} figure ${k}: ${value} shown as ${JSON.stringify(shown[k])}`],
      );
    }),
  );
}
