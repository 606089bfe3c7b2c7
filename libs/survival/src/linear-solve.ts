import { SurvivalError } from './errors.js';

/**
 * Solves A x = b for a small dense matrix by Gaussian elimination with partial pivoting (LU, as
 * LAPACK's dgesv which R's solve() calls), and refuses, as R's solve() does, a matrix that is exactly
 * singular or whose reciprocal condition number (1-norm) is below machine epsilon.
 * Reference: Golub & Van Loan, Matrix Computations, 4th ed. (2013) sec. 3.4; R documentation, ?solve.
 */
export function solveLinear(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  const n = rhs.length;
  const lu = matrix.map((row) => [...row]);
  const perm = rhs.map((_, i) => i);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(lu[r]![col]!) > Math.abs(lu[pivot]![col]!)) pivot = r;
    if (lu[pivot]![col] === 0) throw singular(`exactly singular: U[${col + 1},${col + 1}] = 0`);
    [lu[col], lu[pivot]] = [lu[pivot]!, lu[col]!];
    [perm[col], perm[pivot]] = [perm[pivot]!, perm[col]!];
    const top = lu[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = lu[r]!;
      const f = (row[col]! /= top[col]!);
      for (let c = col + 1; c < n; c++) row[c]! -= f * top[c]!;
    }
  }
  const solve = (b: readonly number[]): number[] => {
    const y = perm.map((p) => b[p]!);
    for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) y[r]! -= lu[r]![c]! * y[c]!;
    for (let r = n - 1; r >= 0; r--) {
      for (let c = r + 1; c < n; c++) y[r]! -= lu[r]![c]! * y[c]!;
      y[r]! /= lu[r]![r]!;
    }
    return y;
  };
  // 1-norm condition number from the explicit inverse (the matrices here are at most groups x groups).
  const norm1 = (cols: readonly (readonly number[])[]): number => Math.max(...cols.map((col) => col.reduce((s, v) => s + Math.abs(v), 0)));
  const columns = (m: readonly (readonly number[])[]): number[][] => m[0]!.map((_, c) => m.map((row) => row[c]!));
  const inverseColumns = rhs.map((_, c) => solve(rhs.map((__, r) => (r === c ? 1 : 0))));
  const rcond = 1 / (norm1(columns(matrix)) * norm1(inverseColumns));
  if (!(rcond >= Number.EPSILON)) throw singular(`computationally singular: reciprocal condition number = ${rcond}`);
  return solve(rhs);
}

const singular = (detail: string): SurvivalError =>
  new SurvivalError('illegal-state', 'SINGULAR_VARIANCE', `The log-rank variance matrix is ${detail}; R's survdiff stops here too`, 'variance');
