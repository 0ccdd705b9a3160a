/**
 * Statistical disclosure control for count tables, pure and deterministic.
 *
 * A table is a grid of counts with its row totals, column totals and grand total, all published. Counts
 * from 1 to `threshold - 1` are suppressed (primary); zero is shown. Then, as long as an attacker who
 * knows every published figure can pin down any suppressed one, from the totals by linear algebra or
 * from the bounds (a suppressed count is at least 1, since zeros are shown), another cell is suppressed
 * (secondary): the smallest non-zero published cell on a line through the exposed cell, then a total.
 * The same table always gives the same result.
 */

export interface Grid {
  /** counts[row][column] */
  readonly counts: readonly (readonly number[])[];
}

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
export function withMargins(counts: readonly (readonly number[])[]): number[][] {
  const columns = counts[0]?.length ?? 0;
  const full = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const bottom = Array.from({ length: columns + 1 }, (_, j) => full.reduce((sum, row) => sum + row[j], 0));
  full.push(bottom);
  return full;
}

/** The linear equations of a table with margins: each row and each column sums to its total. */
function equations(rows: number, columns: number): Array<Array<[number, number, number]>> {
  // Each term is [row, column, coefficient] over the full (rows+1) x (columns+1) grid.
  const result: Array<Array<[number, number, number]>> = [];
  for (let i = 0; i <= rows; i++) {
    result.push([
      ...Array.from({ length: columns }, (_, j) => [i, j, 1] as [number, number, number]),
      [i, columns, -1],
    ]);
  }
  for (let j = 0; j <= columns; j++) {
    result.push([
      ...Array.from({ length: rows }, (_, i) => [i, j, 1] as [number, number, number]),
      [rows, j, -1],
    ]);
  }
  return result;
}

export interface AttackResult {
  /** Suppressed positions whose exact value the attacker found, with the value. */
  recovered: Array<{ row: number; column: number; value: number }>;
}

/**
 * The attacker: knows every published figure of the table (margins included) and that a suppressed
 * count is at least 1. Finds every suppressed value fixed by the equations (reduced row echelon form over
 * the unknowns) or by propagating bounds through them.
 */
export function attack(full: readonly (readonly (number | null)[])[]): AttackResult {
  const rows = full.length - 1;
  const columns = full[0].length - 1;
  const unknowns: Array<[number, number]> = [];
  const index = new Map<string, number>();
  full.forEach((line, i) =>
    line.forEach((value, j) => {
      if (value === null) {
        index.set(`${i},${j}`, unknowns.length);
        unknowns.push([i, j]);
      }
    }),
  );
  if (!unknowns.length) return { recovered: [] };

  // A x = b over the unknowns.
  const system = equations(rows, columns).map((terms) => {
    const coefficients = new Array(unknowns.length).fill(0);
    let constant = 0;
    for (const [i, j, c] of terms) {
      const value = full[i][j];
      if (value === null) coefficients[index.get(`${i},${j}`)!] += c;
      else constant -= c * value;
    }
    return { coefficients, constant };
  });

  const known = new Map<number, number>();
  // 1. Linear algebra: an unknown is determined when its unit vector is a row of the RREF.
  const matrix = system.map((e) => [...e.coefficients, e.constant]);
  const width = unknowns.length;
  let pivotRow = 0;
  const EPS = 1e-9;
  for (let col = 0; col < width && pivotRow < matrix.length; col++) {
    let best = pivotRow;
    for (let r = pivotRow + 1; r < matrix.length; r++)
      if (Math.abs(matrix[r][col]) > Math.abs(matrix[best][col])) best = r;
    if (Math.abs(matrix[best][col]) < EPS) continue;
    [matrix[pivotRow], matrix[best]] = [matrix[best], matrix[pivotRow]];
    const pivot = matrix[pivotRow][col];
    for (let k = col; k <= width; k++) matrix[pivotRow][k] /= pivot;
    for (let r = 0; r < matrix.length; r++) {
      if (r === pivotRow || Math.abs(matrix[r][col]) < EPS) continue;
      const factor = matrix[r][col];
      for (let k = col; k <= width; k++) matrix[r][k] -= factor * matrix[pivotRow][k];
    }
    pivotRow++;
  }
  for (const line of matrix) {
    const nonZero = line.slice(0, width).flatMap((c, k) => (Math.abs(c) > EPS ? [k] : []));
    if (nonZero.length === 1) known.set(nonZero[0], Math.round(line[width] / line[nonZero[0]]));
  }

  // 2. Bounds: every suppressed count is in [1, infinity); propagate through the equations.
  const low = unknowns.map((_, k) => known.get(k) ?? 1);
  const high = unknowns.map((_, k) => known.get(k) ?? Infinity);
  for (let changed = true, rounds = 0; changed && rounds < 100; rounds++) {
    changed = false;
    for (const { coefficients, constant } of system) {
      const terms = coefficients.flatMap((c, k) => (c !== 0 ? [[k, c] as [number, number]] : []));
      for (const [k, c] of terms) {
        // c * x_k = constant - sum(others)
        let minRest = 0;
        let maxRest = 0;
        for (const [m, d] of terms) {
          if (m === k) continue;
          minRest += d > 0 ? d * low[m] : d * high[m];
          maxRest += d > 0 ? d * high[m] : d * low[m];
        }
        const a = (constant - maxRest) / c;
        const b = (constant - minRest) / c;
        const lo = Math.max(low[k], Math.ceil(Math.min(a, b) - EPS));
        const hi = Math.min(high[k], Math.floor(Math.max(a, b) + EPS));
        if (Number.isFinite(lo) && lo > low[k]) {
          low[k] = lo;
          changed = true;
        }
        if (hi < high[k]) {
          high[k] = hi;
          changed = true;
        }
      }
    }
  }
  const recovered = unknowns.flatMap(([row, column], k) =>
    low[k] === high[k] ? [{ row, column, value: low[k] }] : [],
  );
  return { recovered };
}

/** Cells are addressed on the full grid; the last row and column are the totals. */
type Mask = boolean[][];

/**
 * Hides, besides `hidden`, every count from 1 to threshold - 1, then as many more figures as it takes
 * for the attacker to recover none.
 */
function suppress(full: number[][], hidden: Mask, threshold: number): Mask {
  const rows = full.length - 1;
  const columns = full[0].length - 1;
  const mask = full.map((line, i) =>
    line.map((value, j) => hidden[i][j] || (value > 0 && value < threshold)),
  );
  for (let guard = 0; guard < (rows + 1) * (columns + 1); guard++) {
    const { recovered } = attack(full.map((line, i) => line.map((value, j) => (mask[i][j] ? null : value))));
    if (!recovered.length) break;
    // Deterministic choice among the published non-zero figures on a row or column through any exposed
    // figure: totals before inner cells (a reader keeps the breakdown and gets totals as ranges), then
    // the smallest, then in reading order.
    // A one-row table's column totals are its cells again: treat the two as one figure.
    const mirrored = rows === 1;
    const isTotal = (i: number, j: number) => (j === columns || (!mirrored && i === rows) ? 1 : 0);
    const candidates = new Map<string, [number, number]>();
    const consider = (i: number, j: number) =>
      candidates.set(`${mirrored ? 0 : i},${j}`, [mirrored ? 0 : i, j]);
    for (const { row, column } of recovered) {
      for (let j = 0; j <= columns; j++) consider(row, j);
      for (let i = 0; i <= rows; i++) consider(i, column);
    }
    const open = [...candidates.values()]
      .filter(([i, j]) => !mask[i][j] && full[i][j] > 0)
      .sort(
        ([ai, aj], [bi, bj]) =>
          isTotal(bi, bj) - isTotal(ai, aj) || full[ai][aj] - full[bi][bj] || ai - bi || aj - bj,
      );
    const pick = open[0] ?? firstOpen(full, mask);
    if (!pick) break;
    mask[pick[0]][pick[1]] = true;
    if (mirrored) mask[1][pick[1]] = true;
  }
  return mask;
}

function firstOpen(full: number[][], mask: Mask): [number, number] | undefined {
  for (let i = 0; i < full.length; i++)
    for (let j = 0; j < full[i].length; j++) if (!mask[i][j] && full[i][j] > 0) return [i, j];
  return undefined;
}

function toTable(full: number[][], mask: Mask): ProtectedTable {
  const rows = full.length - 1;
  const columns = full[0].length - 1;
  const cell = (i: number, j: number): ProtectedCell =>
    mask[i][j] ? { value: null, suppressed: true } : { value: full[i][j], suppressed: false };
  return {
    cells: Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => cell(i, j))),
    rowTotals: Array.from({ length: rows }, (_, i) => cell(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => cell(rows, j)),
    total: cell(rows, columns),
  };
}

const nothingHidden = (full: number[][]): Mask => full.map((line) => line.map(() => false));

/**
 * With `hideSum`, the table's sum cannot be rebuilt: its grand and row totals are hidden, and so is its
 * smallest non-zero cell. For a table whose sum may differ from another table's total by a small count
 * (a child counted under several values of a list), which that difference would otherwise disclose.
 */
function hidden(full: number[][], hideSum: boolean): Mask {
  const mask = nothingHidden(full);
  const rows = full.length - 1;
  const columns = full[0].length - 1;
  // A sum of 0 has nothing to hide (and a suppressed figure is always at least 1).
  if (!hideSum || full[rows][columns] === 0) return mask;
  for (let i = 0; i <= rows; i++) mask[i][columns] = true;
  let smallest: [number, number] | undefined;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < columns; j++)
      if (full[i][j] > 0 && (!smallest || full[i][j] < full[smallest[0]][smallest[1]])) smallest = [i, j];
  if (smallest) {
    mask[smallest[0]][smallest[1]] = true;
    mask[rows][smallest[1]] = true;
  }
  return mask;
}

/** Primary and secondary suppression of a count table; margins are computed here. */
export function protectTable(
  counts: readonly (readonly number[])[],
  threshold: number,
  hideSum = false,
): ProtectedTable {
  const full = withMargins(counts);
  return toTable(full, suppress(full, hidden(full, hideSum), threshold));
}

/** An unprotected table: every figure exact (a country's own officers reading their own figures). */
export function exactTable(counts: readonly (readonly number[])[]): ProtectedTable {
  const full = withMargins(counts);
  return toTable(full, nothingHidden(full));
}

/** A figure of a protected table on the full grid (totals in the last row and column). */
export function figure(table: ProtectedTable, i: number, j: number): ProtectedCell {
  const rows = table.cells.length;
  const columns = table.columnTotals.length;
  if (i < rows && j < columns) return table.cells[i][j];
  if (i < rows) return table.rowTotals[i];
  if (j < columns) return table.columnTotals[j];
  return table.total;
}

/**
 * A year's table from its quarters' protected tables: a figure is published only if all four quarters
 * publish it (it is then their sum and tells nothing new), and the year's table is protected again.
 * Differencing a year against its quarters therefore recovers nothing.
 */
export function protectAcrossPeriods(
  counts: readonly (readonly number[])[],
  parts: readonly ProtectedTable[],
  threshold: number,
  hideSum = false,
): ProtectedTable {
  const full = withMargins(counts);
  const sum = hidden(full, hideSum);
  const mask = full.map((line, i) =>
    line.map((_, j) => sum[i][j] || parts.some((part) => figure(part, i, j).suppressed)),
  );
  return toTable(full, suppress(full, mask, threshold));
}
