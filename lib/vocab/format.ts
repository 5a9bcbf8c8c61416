// Numbers with their units as readers write them: 1.4亿元, 44万平方米, 84.6%, 594 (a count needs no word).
// The one formatter of pages, charts and the checks' arithmetic. Client-safe.
import type { Lang } from './codes';
import { takesScaleWords, unitLabel } from './units';

// toLocaleString with options builds a new Intl.NumberFormat on every call (the checks across a scope of
// thousands of figures spent a fifth of a review in it): one formatter per option set, made once
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = formatters.get(key);
  if (!f) { f = new Intl.NumberFormat('en-US', options); formatters.set(key, f); }
  return f;
}

/** n with at most `digits` decimals, trailing zeros and -0 dropped: 84.61538 → "84.62", 702 → "702". */
export function plain(n: number, digits = 2): string {
  const rounded = Number(n.toFixed(digits));
  return Object.is(rounded, -0) ? '0' : formatter(`plain ${digits}`, { maximumFractionDigits: digits, useGrouping: false }).format(rounded);
}

/**
 * A number the way a Chinese reader writes it: 1.4亿, 8000万, 594 (no thousands separators). English gets
 * 140M, 80M. Lossy by design — the exact value goes into a title attribute (exactValue).
 */
export function shortNumber(value: number, lang: Lang, scaled = true, digits = 2): string {
  const abs = Math.abs(value);
  if (lang === 'en') {
    if (!scaled || abs < 10_000) return formatter(`grouped ${digits}`, { maximumFractionDigits: digits }).format(value);
    return formatter(`compact ${digits}`, { notation: 'compact', maximumFractionDigits: digits }).format(value);
  }
  if (!scaled) return plain(value, digits);
  if (abs >= 1e12) return `${plain(value / 1e12, digits)}万亿`;
  if (abs >= 1e8) return `${plain(value / 1e8, digits)}亿`;
  if (abs >= 1e4) return `${plain(value / 1e4, digits)}万`;
  return plain(value, digits);
}

/** A value with its unit: 1.4亿元, 44万平方米, 84.6%, 3800亩, 594; English 140M yuan, 3,800 mu. `digits`: decimals kept. */
export function formatValue(value: number, unit: string, lang: Lang = 'zh', digits = 2): string {
  const number = shortNumber(value, lang, takesScaleWords(unit), digits);
  if (unit === 'percent') return `${number}%`;
  if (unit === 'count') return number;
  const label = unitLabel(unit, lang);
  return lang === 'zh' ? `${number}${label}` : `${number} ${label}`;
}

/** The exact value for a title attribute: 1400000000 CNY → "1,400,000,000 元". */
export function exactValue(value: number, unit: string, lang: Lang): string {
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 6 })} ${unitLabel(unit, lang)}`;
}

/** A value as the checks' arithmetic writes it (always Chinese, the articles' language): up to four decimals, so the working adds up. */
export function arithmeticValue(value: number, unit: string): string {
  return formatValue(value, unit, 'zh', 4);
}
