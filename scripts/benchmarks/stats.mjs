// Small statistics (means, quantiles) for the benchmark runners (bench.mjs,
// bench-speed.mjs, bench-tierup.mjs).

/** The q-quantile (0..1) of the finite values, interpolated; NaN for none. */
export function quantile(values, q) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

/** The arithmetic mean of `values`; NaN for none. */
export const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
