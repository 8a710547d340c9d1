// Pure figures for `npm run bench:e2e`: percentiles, summaries and the one summary line.

/** Nearest-rank percentile (p in 0..100) of values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarize(values: readonly number[]): LatencySummary {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  };
}

/** The last line the issue asks for, exactly `e2e: backfill_ratio=R arrival_p95_ms=P rss_mb=M stall_ms=S`. */
export function summaryLine(figures: {
  backfillRatio: number;
  arrivalP95Ms: number;
  rssMb: number;
  stallMs: number;
}): string {
  const num = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
  return `e2e: backfill_ratio=${num(figures.backfillRatio, 2)} arrival_p95_ms=${num(figures.arrivalP95Ms, 0)} rss_mb=${num(figures.rssMb, 0)} stall_ms=${num(figures.stallMs, 0)}`;
}

/** A markdown-ish table row. */
export function row(cells: readonly (string | number)[]): string {
  return `| ${cells.map(String).join(' | ')} |`;
}

export const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
