// Round axis ticks, as a reader counts: steps of 1, 2 or 5 times a power of ten (50亿/100亿/150亿, never
// 75亿/225亿), so that every tick written with 万/亿 (lib/vocab/format.ts shortNumber) is a round number.
// Client-safe.

/** The step of 1, 2 or 5 × 10^k that covers `span` in at most `most` steps. */
export function niceStep(span: number, most = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / most;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= raw) return factor * power;
  return 10 * power;
}

/**
 * Ticks from a round number at or below min(0, low) to one at or above high, in one 1-2-5 step; counts
 * (`whole`) never get a step below 1. At most `most` + 1 ticks (+1 when the range straddles a step).
 */
export function niceTicks(low: number, high: number, options: { most?: number; whole?: boolean } = {}): number[] {
  const lo = Math.min(0, low);
  const hi = Math.max(0, high);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0];
  if (hi === lo) return [0, 1];
  let step = niceStep(hi - lo, options.most ?? 5);
  if (options.whole) step = Math.max(1, step);
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  // a bounded loop: (hi - lo) / step ≤ most + 1
  for (let i = 0, t = first; i <= (options.most ?? 5) + 2; i += 1, t = first + i * step) {
    ticks.push(Number(t.toPrecision(12)));
    if (t >= hi) break;
  }
  return ticks;
}
