/**
 * Statistical disclosure control of linked count tables, pure and deterministic.
 *
 * Every figure published for a country-year is protected in one linear system: each table's cells, row
 * totals, column totals and grand total in the year and in each quarter. A reader knows that each table's
 * rows and columns add up to its totals, that the tables counting the same children share one grand total,
 * and that the year's figure is the sum of its quarters' figures. Counts from 1 to `threshold - 1` are
 * suppressed (primary); zero is shown, so a suppressed figure is known to be at least 1. Then, as long as
 * an attacker who knows all of that can pin down a suppressed figure, by exact linear algebra or by
 * propagating bounds, more figures are suppressed around it (secondary): hypercubes, as tau-Argus, the
 * statistical offices' tool, chooses them, audited each round by the exact attacker over the whole
 * system at once. Protecting each table on its own, as before, left cells to be solved from the tables
 * beside it and from the other periods. docs/statistics.md describes the method and its limits.
 */

export interface ProtectedCell {
  value: number | null;
  suppressed: boolean;
}

export interface ProtectedTable {
  cells: ProtectedCell[][];
  rowTotals: ProtectedCell[];
  columnTotals: ProtectedCell[];
  total: ProtectedCell;
}

/** The table with its margins as one (R+1) x (C+1) grid: the last row and column hold the totals. */
function withMargins(counts: readonly (readonly number[])[]): number[][] {
  const columns = counts[0]?.length ?? 0;
  const full = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const bottom = Array.from({ length: columns + 1 }, (_, j) => full.reduce((sum, row) => sum + row[j], 0));
  full.push(bottom);
  return full;
}

function toTable(
  full: readonly (readonly number[])[],
  hidden: (i: number, j: number) => boolean,
): ProtectedTable {
  const rows = full.length - 1;
  const columns = full[0].length - 1;
  const cell = (i: number, j: number): ProtectedCell =>
    hidden(i, j) ? { value: null, suppressed: true } : { value: full[i][j], suppressed: false };
  return {
    cells: Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => cell(i, j))),
    rowTotals: Array.from({ length: rows }, (_, i) => cell(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => cell(rows, j)),
    total: cell(rows, columns),
  };
}

/** An unprotected table: every figure exact (a country's own officers reading their own figures). */
export function exactTable(counts: readonly (readonly number[])[]): ProtectedTable {
  return toTable(withMargins(counts), () => false);
}

/** `coefficient` times a figure, in an equation. */
type Term = readonly [figure: number, coefficient: number];

/**
 * Figures and what a reader knows of them: equations `sum of coefficient x figure = 0` that hold. Figures
 * are numbered 0, 1, ...; every one is a count, at least 0.
 */
export interface LinearModel {
  /** The true value of each figure. */
  readonly values: readonly number[];
  readonly equations: readonly (readonly Term[])[];
  /** The tables the figures stand in, where secondary suppression looks for hypercubes to hide. */
  readonly grids?: readonly Grid[];
}

/**
 * A table over its dimensions (the parts of a period and the whole, rows, columns), each with its total
 * last (the year after its quarters): the figure at each position, row-major. Along each dimension, the
 * figures of a line add up to the last.
 */
export interface Grid {
  readonly sizes: readonly number[];
  readonly figures: readonly number[];
}

/** A linear equation over the suppressed figures, with the published ones moved to the right-hand side. */
interface Row {
  /** [unknown, coefficient] for the unknowns with a non-zero coefficient */
  terms: Array<[number, number]>;
  constant: number;
}

/** Entries stay below this, so that a product of two is an exact double (see `eliminate`). */
const LARGEST_ENTRY = 2 ** 26;

/**
 * The attacker cannot vouch for a pattern: its numbers would outgrow exact doubles, or its bounds would
 * not settle within their budget. Never seen on tables of this size; the component is then hidden whole.
 */
class AuditGaveUp extends Error {}

const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};

/**
 * Gauss-Jordan elimination in exact integers. Fraction-free: a row is replaced by an integer combination
 * of itself and the pivot row. With a pivot of 1 or -1 (nearly always: tables' equations have
 * coefficients 1 and -1) only the pivot row's non-zero entries change; otherwise the row is divided by the
 * gcd of its entries, which keeps them as small as the system's own minors. Rows are
 * [coefficients..., constant]. Returns the reduced rows: in each, one pivot unknown that no other row
 * mentions. Throws `AuditGaveUp` rather than lose precision.
 */
function eliminate(rows: number[][], width: number): number[][] {
  let rank = 0;
  for (let column = 0; column < width && rank < rows.length; column++) {
    // The pivot with the smallest magnitude keeps the multipliers small.
    let pivot = -1;
    for (let r = rank; r < rows.length; r++) {
      const entry = Math.abs(rows[r][column]);
      if (entry && (pivot < 0 || entry < Math.abs(rows[pivot][column]))) pivot = r;
    }
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot], rows[rank]];
    const pivotRow = rows[rank];
    const support: number[] = [];
    for (let k = 0; k <= width; k++) if (pivotRow[k]) support.push(k);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (r === rank || !row[column]) continue;
      const common = gcd(pivotRow[column], row[column]);
      const a = pivotRow[column] / common;
      const b = row[column] / common;
      if (a === 1 || a === -1) {
        // a * row - b * pivotRow, up to the sign of the whole row
        for (const k of support) {
          row[k] -= a * b * pivotRow[k];
          if (Math.abs(row[k]) >= LARGEST_ENTRY) throw new AuditGaveUp();
        }
        continue;
      }
      let divisor = 0;
      for (let k = 0; k <= width; k++) {
        row[k] = a * row[k] - b * pivotRow[k];
        if (row[k]) divisor = gcd(divisor, row[k]);
      }
      for (let k = 0; k <= width; k++) {
        if (divisor > 1) row[k] /= divisor;
        if (Math.abs(row[k]) >= LARGEST_ENTRY) throw new AuditGaveUp();
      }
    }
    rank++;
  }
  return rows.slice(0, rank);
}

/** How long bounds are followed: visits per row on average (a visit that moves a bound moves it by 1+). */
const BOUND_VISITS_PER_ROW = 1000;

/**
 * Bounds on the unknowns, tightened through the rows until nothing changes: in a row
 * `sum of a_k x_k = c`, each unknown lies within what the bounds of the others leave for it. A row is
 * looked at again whenever a bound of one of its unknowns moved. Gives up (see `AuditGaveUp`) rather than
 * stop before the bounds settle.
 */
function propagateBounds(rows: readonly Row[], low: number[], high: number[]): void {
  const rowsWith = new Map<number, number[]>();
  rows.forEach(({ terms }, r) =>
    terms.forEach(([k]) => (rowsWith.get(k) ?? rowsWith.set(k, []).get(k)!).push(r)),
  );
  const queue = rows.map((_, r) => r);
  const queued = rows.map(() => true);
  const least = (k: number, a: number) => (a > 0 ? a * low[k] : a * high[k]);
  const greatest = (k: number, a: number) => (a > 0 ? a * high[k] : a * low[k]);
  for (let next = 0; next < queue.length; next++) {
    if (next > BOUND_VISITS_PER_ROW * rows.length) throw new AuditGaveUp();
    const r = queue[next];
    queued[r] = false;
    const { terms, constant } = rows[r];
    // The least and greatest the left side can be, the infinite terms counted apart.
    let leastSum = 0;
    let greatestSum = 0;
    let unboundedBelow = 0;
    let unboundedAbove = 0;
    for (const [k, a] of terms) {
      const min = least(k, a);
      const max = greatest(k, a);
      if (min === -Infinity) unboundedBelow++;
      else leastSum += min;
      if (max === Infinity) unboundedAbove++;
      else greatestSum += max;
    }
    if (!Number.isSafeInteger(leastSum) || !Number.isSafeInteger(greatestSum)) throw new AuditGaveUp();
    for (const [k, a] of terms) {
      // a x_k = constant - (the others), and the others lie between these:
      const othersLeast = without(leastSum, unboundedBelow, least(k, a), -Infinity);
      const othersGreatest = without(greatestSum, unboundedAbove, greatest(k, a), Infinity);
      const [from, to] =
        a > 0
          ? [constant - othersGreatest, constant - othersLeast]
          : [constant - othersLeast, constant - othersGreatest];
      // Exact: integers below 2^53 (checked above), so each quotient rounds to the right integer.
      const lowest = Math.ceil(from / a);
      const highest = Math.floor(to / a);
      if (lowest <= low[k] && highest >= high[k]) continue;
      low[k] = Math.max(low[k], lowest);
      high[k] = Math.min(high[k], highest);
      for (const other of rowsWith.get(k)!) {
        if (queued[other]) continue;
        queued[other] = true;
        queue.push(other);
      }
    }
  }
}

/** A sum of terms, `unbounded` of them infinite (`infinity`, left out of `sum`), without the term `own`. */
const without = (sum: number, unbounded: number, own: number, infinity: number) =>
  Number.isFinite(own) ? (unbounded ? infinity : sum - own) : unbounded > 1 ? infinity : sum;

/** Figures linked to one another by equations, and to nothing else: each is protected on its own. */
interface Component {
  figures: number[];
  equations: number[];
}

function componentsOf(model: LinearModel): Component[] {
  const parent = model.values.map((_, f) => f);
  const root = (f: number): number => (parent[f] === f ? f : (parent[f] = root(parent[f])));
  for (const equation of model.equations) for (const [f] of equation) parent[root(f)] = root(equation[0][0]);
  const byRoot = new Map<number, Component>();
  const of = (f: number) => {
    const key = root(f);
    if (!byRoot.has(key)) byRoot.set(key, { figures: [], equations: [] });
    return byRoot.get(key)!;
  };
  model.values.forEach((_, f) => of(f).figures.push(f));
  model.equations.forEach((equation, e) => equation.length && of(equation[0][0]).equations.push(e));
  return [...byRoot.values()];
}

/**
 * The attacker, on one component: knows every published figure, every equation, and that a suppressed
 * figure is at least 1. Solves the equations over the suppressed figures exactly (reduced row echelon
 * form), then propagates bounds through the equations and the reduced rows. Returns the suppressed
 * figures it pins down.
 */
function recoveredIn(model: LinearModel, component: Component, mask: readonly boolean[]): number[] {
  const unknowns = component.figures.filter((f) => mask[f]);
  if (!unknowns.length) return [];
  const column = new Map(unknowns.map((f, k) => [f, k]));
  const rows: Row[] = [];
  for (const e of component.equations) {
    const terms: Array<[number, number]> = [];
    let constant = 0;
    for (const [f, coefficient] of model.equations[e]) {
      const k = column.get(f);
      if (k === undefined) constant -= coefficient * model.values[f];
      else terms.push([k, coefficient]);
    }
    if (terms.length) rows.push({ terms, constant });
  }
  // Unknowns that share no row are solved apart: elimination costs the cube of a block's size.
  const block = unknowns.map((_, k) => k);
  const root = (k: number): number => (block[k] === k ? k : (block[k] = root(block[k])));
  for (const { terms } of rows) for (const [k] of terms) block[root(k)] = root(terms[0][0]);
  const rowsOf = new Map<number, Row[]>();
  for (const row of rows) {
    const key = root(row.terms[0][0]);
    if (!rowsOf.has(key)) rowsOf.set(key, []);
    rowsOf.get(key)!.push(row);
  }
  const low = unknowns.map(() => 1);
  const high = unknowns.map(() => Infinity);
  for (const blockRows of rowsOf.values()) {
    const columns = [...new Set(blockRows.flatMap(({ terms }) => terms.map(([k]) => k)))];
    const local = new Map(columns.map((k, c) => [k, c]));
    const width = columns.length;
    const dense = blockRows.map(({ terms, constant }) => {
      const line = new Array<number>(width + 1).fill(0);
      for (const [k, coefficient] of terms) line[local.get(k)!] = coefficient;
      line[width] = constant;
      return line;
    });
    const reduced = eliminate(dense, width).map((line): Row => {
      const terms: Array<[number, number]> = [];
      for (let c = 0; c < width; c++) if (line[c]) terms.push([columns[c], line[c]]);
      return { terms, constant: line[width] };
    });
    // A reduced row with one unknown left is that unknown's value; the bounds find it like any other.
    propagateBounds([...reduced, ...blockRows], low, high);
  }
  return unknowns.filter((_, k) => low[k] === high[k]);
}

/** The suppressed figures an attacker pins down (see `recoveredIn`), in figure order. */
export function attack(model: LinearModel, mask: readonly boolean[]): number[] {
  return componentsOf(model)
    .flatMap((component) => recoveredIn(model, component, mask))
    .sort((a, b) => a - b);
}

/** For each figure, the equations it is in. */
const equationsWith = (model: LinearModel): number[][] => {
  const result = model.values.map((): number[] => []);
  model.equations.forEach((equation, e) => equation.forEach(([f]) => result[f].push(e)));
  return result;
};

/** Where a figure stands: in which grid, at which position (row-major). */
type Place = readonly [grid: number, position: number];

/** A set of figures to hide, and what hiding them costs. */
interface Choice {
  figures: number[];
  cost: number;
}

/**
 * The hypercubes through the figure at a place: in each dimension of its grid one other index (another
 * quarter or the year, another row or the total, another column or the total), and the 2^d figures at
 * the corners. With every corner hidden, each line of the grid through a corner holds two hidden figures,
 * and the corners can all move at once (two cells of a line in opposite directions, a cell and its total
 * together) without changing a published figure: the grid's equations solve none of them. This is the
 * hypercube method of tau-Argus (GHMITER). A cube is of use only if it can move: if its corners that
 * would go down are all at least 2 one way or the other (a hidden figure is at least 1), and none is 0
 * (published). It costs the values it newly hides, a figure standing in several grids (the children's
 * total of a period, in four tables) once for each. Returns the cheapest cube that hides something new,
 * and whether one is hidden whole already.
 */
function hypercubesAt(
  model: LinearModel,
  [g, position]: Place,
  mask: readonly boolean[],
  places: readonly (readonly Place[])[],
): { cheapest?: Choice; hiddenWhole: boolean } {
  const { sizes, figures } = model.grids![g];
  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
  const at = sizes.map((size, d) => Math.floor(position / strides[d]) % size);
  const valueAt = (p: number) => model.values[figures[p]];
  const costAt = (p: number) => (mask[figures[p]] ? 0 : valueAt(p) * places[figures[p]].length);
  let cheapest: Choice | undefined;
  let hiddenWhole = false;
  /**
   * Extends the corners (with the way each moves) found over the first d dimensions by the other index
   * of dimension d, in every way; a 0 corner ends a branch, as does a cost above the cheapest so far.
   */
  const extend = (d: number, corners: number[], ways: number[], cost: number): void => {
    if (cheapest && cost >= cheapest.cost) return;
    if (d === sizes.length) {
      const movesDown = (way: number) => ways.every((w, k) => w !== way || valueAt(corners[k]) >= 2);
      if (!movesDown(1) && !movesDown(-1)) return;
      if (!cost) hiddenWhole = true;
      else cheapest = { figures: corners.map((p) => figures[p]), cost };
      return;
    }
    for (let other = 0; other < sizes[d]; other++) {
      if (other === at[d]) continue;
      const moved = corners.map((p) => p + (other - at[d]) * strides[d]);
      if (moved.some((p) => valueAt(p) === 0)) continue;
      // A dimension where neither index is the total moves the two corners of a line in opposite ways.
      const flips = at[d] !== sizes[d] - 1 && other !== sizes[d] - 1;
      extend(
        d + 1,
        [...corners, ...moved],
        [...ways, ...ways.map((way) => (flips ? -way : way))],
        moved.reduce((sum, p) => sum + costAt(p), cost),
      );
    }
  };
  extend(0, [position], [1], costAt(position));
  return { cheapest, hiddenWhole };
}

/**
 * The nearest published non-zero figure to `exposed` through the equations, the smallest of equally near
 * ones: a fallback where no hypercube will do (a figure without a grid, or cubes all with a 0 corner).
 */
function nearestFigure(
  model: LinearModel,
  exposed: number,
  mask: readonly boolean[],
  equations: readonly number[][],
): Choice | undefined {
  const seen = new Set([exposed]);
  for (let layer = [exposed]; layer.length;) {
    const next: number[] = [];
    for (const f of layer)
      for (const e of equations[f])
        for (const [g] of model.equations[e]) {
          if (seen.has(g)) continue;
          seen.add(g);
          next.push(g);
        }
    const open = next
      .filter((g) => !mask[g] && model.values[g] > 0)
      .sort((a, b) => model.values[a] - model.values[b] || a - b);
    if (open.length) return { figures: [open[0]], cost: model.values[open[0]] };
    layer = next;
  }
  return undefined;
}

/**
 * Secondary suppression of one component, in rounds: while the attacker pins suppressed figures down,
 * hide for each the cheapest hypercube through it (`hypercubesAt`), or failing one the nearest figure.
 * A cube is chosen against what is already hidden, so cubes share corners; an exposed figure whose
 * cheapest cube is already hidden whole waits for the next audit, unless nothing else was hidden.
 * Fails closed: when nothing is left to hide, or the attacker gives up, every non-zero figure of the
 * component is hidden, which nothing can undo (every equation is then a sum of unknowns equal to 0,
 * which the truth and twice the truth both satisfy).
 */
function protectComponent(
  model: LinearModel,
  component: Component,
  mask: boolean[],
  equations: readonly number[][],
  places: readonly (readonly Place[])[],
): void {
  const hideAll = () => component.figures.forEach((f) => model.values[f] > 0 && (mask[f] = true));
  const cheapest = (choices: Array<Choice | undefined>) =>
    choices.reduce<Choice | undefined>(
      (best, c) => (c && (!best || c.cost < best.cost) ? c : best),
      undefined,
    );
  const hide = (choice: Choice | undefined) => {
    const fresh = choice?.figures.filter((f) => !mask[f]) ?? [];
    for (const f of fresh) mask[f] = true;
    return fresh.length;
  };
  // Each round hides at least one more figure, so this many rounds are never needed.
  for (let round = 0; round <= component.figures.length; round++) {
    let recovered: number[];
    try {
      recovered = recoveredIn(model, component, mask);
    } catch (error) {
      if (error instanceof AuditGaveUp) return hideAll();
      throw error;
    }
    if (!recovered.length) return;
    const cubes = (exposed: number) => {
      const found = places[exposed].map((place) => hypercubesAt(model, place, mask, places));
      return {
        cheapest: cheapest(found.map((cube) => cube.cheapest)),
        hiddenWhole: found.some((cube) => cube.hiddenWhole),
      };
    };
    const protect = (exposed: number, choice?: Choice) =>
      hide(choice ?? nearestFigure(model, exposed, mask, equations));
    // A figure with a cube hidden whole around it may be safe once the others are seen to: it waits.
    const waiting: number[] = [];
    let hidden = 0;
    for (const exposed of recovered) {
      const { cheapest: cube, hiddenWhole } = cubes(exposed);
      if (hiddenWhole) waiting.push(exposed);
      else hidden += protect(exposed, cube);
    }
    if (!hidden) for (const exposed of waiting) hidden += protect(exposed, cubes(exposed).cheapest);
    if (!hidden) return hideAll();
  }
  hideAll();
}

/**
 * Primary and secondary suppression: hides, besides `sensitive` figures that are not 0, every figure from
 * 1 to `threshold - 1`, then as many more as it takes for the attacker to pin none down. Returns the mask
 * (true: suppressed).
 */
export function suppress(
  model: LinearModel,
  threshold: number,
  sensitive: readonly number[] = [],
): boolean[] {
  const mask = model.values.map((value) => value > 0 && value < threshold);
  for (const f of sensitive) if (model.values[f] > 0) mask[f] = true;
  const equations = equationsWith(model);
  const places = model.values.map((): Place[] => []);
  model.grids?.forEach(({ figures }, g) => figures.forEach((f, position) => places[f].push([g, position])));
  for (const component of componentsOf(model)) protectComponent(model, component, mask, equations, places);
  return mask;
}

/**
 * One table over a period and its parts: `counts[0]` is the whole period (a year), the others its parts
 * (its quarters), which add up to it cell by cell. `counts[period][row][column]`.
 */
export interface LinkedTable {
  readonly counts: readonly (readonly (readonly number[])[])[];
  /**
   * Tables naming the same population count each of its members exactly once (children by stage, by
   * sex, ...): they share one grand total in each period.
   */
  readonly population?: string;
  /** Its sum must be neither published nor derivable, in any period. */
  readonly hideSum?: boolean;
}

/**
 * Tables protected together, as one linear system (see the top of this file), so that any of them in any
 * of the periods is a slice of one suppression pattern. Returns the protected tables, `[table][period]`.
 */
export function protectLinkedTables(tables: readonly LinkedTable[], threshold: number): ProtectedTable[][] {
  const values: number[] = [];
  const equations: Term[][] = [];
  const sensitive: number[] = [];
  const newFigure = (value: number) => values.push(value) - 1;
  /** `sum of parts - whole = 0` */
  const addsUp = (parts: number[], whole: number) =>
    equations.push([...parts.map((f): Term => [f, 1]), [whole, -1]]);
  const sharedTotals = new Map<string, number>();

  const periodsOfTables = tables.map(({ counts, population, hideSum }) =>
    counts.map((periodCounts, period) => {
      const full = withMargins(periodCounts);
      const rows = full.length - 1;
      const columns = full[0].length - 1;
      const oneRow = rows === 1;
      const key = `${population}/${period}`;
      let total = population === undefined ? undefined : sharedTotals.get(key);
      if (total === undefined) total = newFigure(full[rows][columns]);
      else if (values[total] !== full[rows][columns])
        throw new Error(`the tables of ${population} do not share their total in period ${period}`);
      if (population !== undefined) sharedTotals.set(key, total);
      if (hideSum) sensitive.push(total);
      const grandTotal = total;
      // A one-row table's row total is its grand total, and its column totals are its cells: one figure
      // each, and its one equation is that its cells add up to its total.
      const ids: number[][] = [];
      const figureAt = (i: number, j: number) =>
        j === columns && (i === rows || oneRow)
          ? grandTotal
          : oneRow && i === rows
            ? ids[0][j]
            : newFigure(full[i][j]);
      full.forEach((line, i) => ids.push(line.map((_, j) => figureAt(i, j))));
      if (oneRow) addsUp(ids[0].slice(0, columns), grandTotal);
      else {
        const column = (j: number) => ids.slice(0, rows).map((line) => line[j]);
        for (let i = 0; i <= rows; i++) addsUp(ids[i].slice(0, columns), ids[i][columns]);
        for (let j = 0; j <= columns; j++) addsUp(column(j), ids[rows][j]);
      }
      // A one-row table's figures are all in its first row.
      return { full, ids: oneRow ? ids.slice(0, 1) : ids };
    }),
  );
  // The whole period is the sum of its parts, figure by figure (a shared total once).
  const summed = new Set<number>();
  periodsOfTables.forEach(([whole, ...parts]) =>
    whole.ids.forEach((line, i) =>
      line.forEach((figure, j) => {
        if (!parts.length || summed.has(figure)) return;
        summed.add(figure);
        if (parts.reduce((sum, part) => sum + part.full[i][j], 0) !== whole.full[i][j])
          throw new Error("the parts of a period do not add up to it");
        addsUp(
          parts.map((part) => part.ids[i][j]),
          figure,
        );
      }),
    ),
  );
  // Each table as a grid over its parts and whole period (if more than one), rows (if more than one) and
  // columns.
  const grids = periodsOfTables.map((periods): Grid => {
    const [whole, ...parts] = periods;
    const byPeriod = parts.length ? [...parts, whole] : [whole];
    const sizes = [byPeriod.length, whole.ids.length, whole.ids[0].length];
    return {
      sizes: sizes.filter((size, d) => size > 1 || d === 2),
      figures: byPeriod.flatMap(({ ids }) => ids.flat()),
    };
  });
  const mask = suppress({ values, equations, grids }, threshold, sensitive);
  return periodsOfTables.map((periods) =>
    periods.map(({ full, ids }) => toTable(full, (i, j) => mask[(ids[i] ?? ids[0])[j]])),
  );
}
