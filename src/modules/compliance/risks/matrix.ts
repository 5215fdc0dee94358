import type { RiskBand } from '../compliance.tables.js';

export interface RiskMatrix {
  likelihoodLevels: readonly string[];
  impactLevels: readonly string[];
  /** Ascending by `minScore`; the first starts at 1. A score is in the last band whose minScore it reaches. */
  bands: readonly RiskBand[];
}

export const score = (likelihood: number, impact: number): number => likelihood * impact;

export function bandOf(matrix: RiskMatrix, value: number): string {
  let band = matrix.bands[0]?.name ?? 'unrated';
  for (const b of matrix.bands) if (value >= b.minScore) band = b.name;
  return band;
}

export function rating(matrix: RiskMatrix, likelihood: number, impact: number) {
  const s = score(likelihood, impact);
  return {
    likelihood,
    impact,
    likelihoodLabel: matrix.likelihoodLevels[likelihood - 1] ?? String(likelihood),
    impactLabel: matrix.impactLevels[impact - 1] ?? String(impact),
    score: s,
    band: bandOf(matrix, s),
  };
}

/** Problems with a matrix definition (paths relative to the body), or none. */
export function matrixProblems(matrix: RiskMatrix): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const max = matrix.likelihoodLevels.length * matrix.impactLevels.length;
  matrix.bands.forEach((b, i) => {
    if (i === 0 && b.minScore !== 1)
      problems.push({ path: 'bands.0.minScore', message: 'The first band starts at 1.' });
    if (i > 0 && b.minScore <= matrix.bands[i - 1]!.minScore)
      problems.push({ path: `bands.${i}.minScore`, message: 'Bands go up: each starts above the one before.' });
    if (b.minScore > max)
      problems.push({ path: `bands.${i}.minScore`, message: `The highest score on this matrix is ${max}.` });
  });
  const names = matrix.bands.map((b) => b.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) problems.push({ path: `bands.${i}.name`, message: `The band "${n}" is named twice.` });
  });
  return problems;
}

/** Counts per cell of the matrix, every cell present (zeros included), likelihood-major. */
export function heatMap(matrix: RiskMatrix, ratings: readonly { likelihood: number; impact: number }[]) {
  const counts = new Map<string, number>();
  for (const r of ratings)
    counts.set(`${r.likelihood}:${r.impact}`, (counts.get(`${r.likelihood}:${r.impact}`) ?? 0) + 1);
  const cells = [];
  for (let l = 1; l <= matrix.likelihoodLevels.length; l++)
    for (let i = 1; i <= matrix.impactLevels.length; i++)
      cells.push({ ...rating(matrix, l, i), count: counts.get(`${l}:${i}`) ?? 0 });
  return cells;
}
