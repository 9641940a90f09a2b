/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);

/** Rounds for printing: figures carry no false precision. */
export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
