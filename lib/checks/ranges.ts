// The interval a written figure stands for: 余/约/近 and rounding (12亿元 is 11.5亿–12.5亿) widen it,
// so a check only says "off" when no reading of the words makes the arithmetic work.
import { isRatioUnit } from '../vocab/units';

/** How many decimals a figure's text writes its number with (84.6% → 1, 15个 → 0). */
export function statedDecimals(text: string): number {
  const m = /\d+(?:\.(\d+))?/.exec(text.replace(/,/g, ''));
  return m?.[1]?.length ?? 0;
}

export type Interval = [number, number];

interface Written { value: number; qualifier: string; text: string; unit: string }

/** Half the step of the last digit written, in the figure's base unit (12亿元 → 0.5亿, 84.6% → 0.05, 594个 → 0), at most 5%. */
export function roundingHalfStep(f: Written): number {
  const m = /\d+(?:\.\d+)?/.exec(f.text.replace(/,/g, ''));
  const written = m ? Number(m[0]) : NaN;
  const decimals = statedDecimals(f.text);
  const scale = Number.isFinite(written) && written !== 0 ? Math.abs(f.value / written) : 1;
  // A count written out in full (594个) is exact; one written with a scale word (2.3万户) or decimals is rounded.
  if (decimals === 0 && scale < 10 && !isRatioUnit(f.unit)) return 0;
  const halfStep = 0.5 * 10 ** -decimals * (scale >= 10 ? scale : 1);
  // 1亿元 is read as 0.95亿–1.05亿, not 0.5亿–1.5亿: writers round to a figure they believe, not to a digit
  return Math.min(halfStep, Math.abs(f.value) * 0.05);
}

/** The values a figure's words allow. */
export function interval(f: Written): Interval {
  const v = f.value;
  const r = roundingHalfStep(f);
  switch (f.qualifier) {
    case 'more_than': return [v, v * 1.1 + r];
    case 'about': return [v * 0.95 - r, v * 1.05 + r];
    case 'nearly': case 'less_than': return [v * 0.9 - r, v];
    default: return [v - r, v + r];
  }
}

/** The rates a stated percentage allows: rounded or cut to its decimals, or bounded by 超/近. */
export function statedRateInterval(f: Written): Interval {
  const step = 10 ** -statedDecimals(f.text);
  const v = f.value;
  switch (f.qualifier) {
    case 'more_than': return [v, Infinity];
    case 'nearly': case 'less_than': return [-Infinity, v];
    case 'about': return [v - 1, v + 1];
    default: return [v - step / 2 - 1e-9, v + step - 1e-9];
  }
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a[0] <= b[1] + 1e-9 && b[0] <= a[1] + 1e-9;
}

export function isExact(f: { qualifier: string }): boolean {
  return f.qualifier === 'exact';
}
