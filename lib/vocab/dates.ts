// Date precisions and the periods they name. A figure's date is a day (YYYY-MM-DD); its precision says how
// much of it the text gave: 去年 is a year (the date its last day), 一季度 a quarter, 3月 a month. A figure
// belongs to the PERIOD its precision names — '2019' for 去年, never December 2019 — and a chart by month
// can show only the figures dated to a month or a day; coarser ones belong to quarter, half-year or year
// charts, and monthly charts say how many they leave out. Client-safe.
import type { DatePrecision } from '../extract/types';
import type { CodeEntry, Lang } from './codes';

export type { DatePrecision };

export const DATE_PRECISIONS = ['day', 'month', 'quarter', 'half', 'year'] as const satisfies readonly DatePrecision[];

export const DATE_PRECISION_ENTRIES: readonly CodeEntry<DatePrecision>[] = [
  { code: 'day', zh: '日', en: 'day', zhLong: '日', enLong: 'the text names the day' },
  { code: 'month', zh: '月', en: 'month', zhLong: '月', enLong: 'the text names a month' },
  { code: 'quarter', zh: '季度', en: 'quarter', zhLong: '季度', enLong: 'the text names a quarter' },
  { code: 'half', zh: '半年', en: 'half year', zhLong: '半年', enLong: 'the text names a half year (上半年, 下半年)' },
  { code: 'year', zh: '年', en: 'year', zhLong: '年', enLong: 'the text names a year' },
];

export function precisionLabel(precision: string, lang: Lang): string {
  return DATE_PRECISION_ENTRIES.find((e) => e.code === precision)?.[lang] ?? precision;
}

/** How finely a time chart cuts: each granularity holds the figures of its own and finer precisions. */
export const GRANULARITIES = ['month', 'quarter', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * A figure's own period, at its precision: 'YYYY-MM' (a day or a month), 'YYYY-Qn', 'YYYY-Hn' or 'YYYY';
 * null when undated. A date without a precision is taken as a day. The SQL twin is PERIOD_SQL (the
 * generated column facts.period); lib/vocab/vocab.test.ts holds the two to the same answers.
 */
export function periodOf(date: string | null, precision: string | null): string | null {
  if (!date) return null;
  const year = date.slice(0, 4);
  const month = date.slice(5, 7);
  switch (precision) {
    case 'year': return year;
    case 'half': return `${year}-${month <= '06' ? 'H1' : 'H2'}`;
    case 'quarter': return `${year}-${month <= '03' ? 'Q1' : month <= '06' ? 'Q2' : month <= '09' ? 'Q3' : 'Q4'}`;
    default: return date.slice(0, 7);
  }
}

/** periodOf as SQL over a row's date and date_precision columns: neutral (SQLite and PostgreSQL), immutable (a generated column). */
export function periodSql(date = 'date', precision = 'date_precision'): string {
  const year = `substr(${date}, 1, 4)`;
  const month = `substr(${date}, 6, 2)`;
  return `CASE WHEN ${date} IS NULL THEN NULL`
    + ` WHEN ${precision} = 'year' THEN ${year}`
    + ` WHEN ${precision} = 'half' THEN ${year} || CASE WHEN ${month} <= '06' THEN '-H1' ELSE '-H2' END`
    + ` WHEN ${precision} = 'quarter' THEN ${year} || CASE WHEN ${month} <= '03' THEN '-Q1' WHEN ${month} <= '06' THEN '-Q2' WHEN ${month} <= '09' THEN '-Q3' ELSE '-Q4' END`
    + ` ELSE substr(${date}, 1, 7) END`;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const QUARTER = /^\d{4}-Q[1-4]$/;
const HALF = /^\d{4}-H[12]$/;
const YEAR = /^\d{4}$/;

/** Whether a string is a period as periodOf writes it. */
export function isPeriod(period: string): boolean {
  return MONTH.test(period) || QUARTER.test(period) || HALF.test(period) || YEAR.test(period);
}

/**
 * The bucket of a chart of the given granularity a period falls in, or null when the period is coarser
 * than the chart (a half year or a year on a quarterly chart, a quarter on a monthly one).
 */
export function periodAt(period: string, granularity: Granularity): string | null {
  if (granularity === 'year') return period.slice(0, 4);
  if (MONTH.test(period)) {
    if (granularity === 'month') return period;
    return `${period.slice(0, 4)}-Q${Math.ceil(Number(period.slice(5, 7)) / 3)}`;
  }
  if (granularity === 'quarter' && QUARTER.test(period)) return period;
  return null;
}

/** The first and last day of a period, for date filters (a chart bar's figures). */
export function periodDays(period: string): { from: string; to: string } {
  const year = period.slice(0, 4);
  let first = 1, last = 12;
  if (MONTH.test(period)) first = last = Number(period.slice(5, 7));
  else if (QUARTER.test(period)) { last = Number(period.slice(6)) * 3; first = last - 2; }
  else if (HALF.test(period)) { last = Number(period.slice(6)) * 6; first = last - 5; }
  const days = new Date(Date.UTC(Number(year), last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(days)}` };
}

/** A period as a reader writes it: 2020年4月, 2020年第一季度, 2020年上半年, 2020年; April 2020, 2020 Q1 … */
export function periodLabel(period: string, lang: Lang): string {
  const year = period.slice(0, 4);
  if (MONTH.test(period)) return lang === 'zh' ? `${year}年${Number(period.slice(5))}月` : period;
  if (QUARTER.test(period)) return lang === 'zh' ? `${year}年第${'一二三四'[Number(period.slice(6)) - 1]}季度` : `${year} Q${period.slice(6)}`;
  if (HALF.test(period)) return lang === 'zh' ? `${year}年${period.endsWith('1') ? '上' : '下'}半年` : `${year} H${period.slice(6)}`;
  return lang === 'zh' ? `${year}年` : year;
}

/** Every period a chart bucket holds (its own and the finer ones inside it): what a bar's figure list selects. */
export function periodsInBucket(bucket: string): string[] {
  const year = bucket.slice(0, 4);
  const months = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
  if (MONTH.test(bucket)) return [bucket];
  if (QUARTER.test(bucket)) { const q = Number(bucket.slice(6)); return [...months(q * 3 - 2, q * 3), bucket]; }
  if (HALF.test(bucket)) { const h = Number(bucket.slice(6)); return [...months(h * 6 - 5, h * 6), `${year}-Q${h * 2 - 1}`, `${year}-Q${h * 2}`, bucket]; }
  return [...months(1, 12), `${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`, `${year}-H1`, `${year}-H2`, year];
}

/** periodAt as SQL over a period column: the bucket of a chart of this granularity, NULL when the period is coarser. */
export function bucketSql(granularity: Granularity, period = 'f.period'): string {
  const kind = `substr(${period}, 6, 1)`;
  if (granularity === 'year') return `substr(${period}, 1, 4)`;
  if (granularity === 'month') return `CASE WHEN length(${period}) = 7 AND ${kind} NOT IN ('Q', 'H') THEN ${period} END`;
  const month = `substr(${period}, 6, 2)`;
  return `CASE WHEN ${kind} = 'Q' THEN ${period} WHEN length(${period}) = 7 AND ${kind} <> 'H'`
    + ` THEN substr(${period}, 1, 4) || CASE WHEN ${month} <= '03' THEN '-Q1' WHEN ${month} <= '06' THEN '-Q2' WHEN ${month} <= '09' THEN '-Q3' ELSE '-Q4' END END`;
}
