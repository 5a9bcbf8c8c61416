// The vocabulary's TypeScript and SQL halves give the same answers (the writers derive columns with one, the
// queries and migrations use the other), on SQLite and on PostgreSQL; and the labels and conversions hold.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Param } from '../../db/client';
import { DERIVED_SET_SQL } from '../../db/derived';
import { openTestDb } from '../../db/testing';
import { bucketSql, GRANULARITIES, isPeriod, periodAt, periodDays, periodLabel, periodOf, periodSql, periodsInBucket } from './dates';
import { effectiveFigure, effectiveSql } from './effective';
import { formatValue, plain, shortNumber } from './format';
import { measureOf, measureSql, metrics } from './metrics';
import { levelOfCode, parentCodes } from './places';
import { toBase, unitDefinitions, UNITS, unitLabel } from './units';

let db: Db;
beforeAll(async () => { db = await openTestDb(); });
afterAll(async () => { await db.close(); });

/** Evaluates `expression` over rows given as columns of a VALUES list (typed by `types`), in the database. */
async function evaluate(columns: Record<string, 'text' | 'integer' | 'real'>, rows: Param[][], expression: string): Promise<unknown[]> {
  const names = Object.keys(columns);
  const cast = (type: string) => (type === 'text' ? 'CAST(? AS TEXT)' : type === 'integer' ? 'CAST(? AS INTEGER)' : 'CAST(? AS DOUBLE PRECISION)');
  const values = rows.map(() => `(${names.map((n) => cast(columns[n])).join(', ')})`).join(', ');
  const out = await db.all<{ v: unknown }>(`WITH t(${names.join(', ')}) AS (VALUES ${values}) SELECT ${expression} AS v FROM t`, rows.flat());
  return out.map((r) => r.v);
}

describe('the effective figure', () => {
  const cases: { reviewStatus: string; value: number; correctedValue: number | null; unit: string; correctedUnit: string | null; metric: string; correctedMetric: string | null }[] = [];
  for (const reviewStatus of ['unreviewed', 'verified', 'corrected', 'rejected']) {
    for (const [correctedValue, correctedUnit, correctedMetric] of [[null, null, null], [7, null, null], [null, 'mu', 'land_cleared'], [300, 'mu', 'land_cleared']] as const) {
      cases.push({ reviewStatus, value: 5e7, correctedValue, unit: 'CNY', correctedUnit, metric: 'investment', correctedMetric });
    }
  }

  it('is the same in TypeScript and in SQL', async () => {
    const rows = cases.map((c) => [c.reviewStatus, c.value, c.correctedValue, c.unit, c.correctedUnit, c.metric, c.correctedMetric]);
    const columns = { review_status: 'text', value: 'real', corrected_value: 'real', unit: 'text', corrected_unit: 'text', metric: 'text', corrected_metric: 'text' } as const;
    const [values, units, metricKeys] = [await evaluate(columns, rows, effectiveSql('value')), await evaluate(columns, rows, effectiveSql('unit')), await evaluate(columns, rows, effectiveSql('metric'))];
    cases.forEach((c, i) => expect([Number(values[i]), units[i], metricKeys[i]], JSON.stringify(c)).toEqual(Object.values(effectiveFigure(c))));
  });

  it('reads a correction only when the status is corrected, and only what it names', () => {
    expect(effectiveFigure({ reviewStatus: 'corrected', value: 5e7, unit: 'CNY', metric: 'investment', correctedValue: 300, correctedUnit: 'mu', correctedMetric: 'land_cleared' }))
      .toEqual({ value: 300, unit: 'mu', metric: 'land_cleared' });
    expect(effectiveFigure({ reviewStatus: 'corrected', value: 594, unit: 'count', metric: 'problems_resolved', correctedValue: 549 }))
      .toEqual({ value: 549, unit: 'count', metric: 'problems_resolved' });
    expect(effectiveFigure({ reviewStatus: 'verified', value: 594, unit: 'count', metric: 'problems_resolved', correctedValue: 549 }).value).toBe(594);
  });

  it('is what the migrations derive for the figures already stored', () => {
    for (const file of ['db/migrations/0008_vocab_rollups.sql', 'db/migrations-pg/0003_vocab_rollups.sql']) {
      expect(readFileSync(file, 'utf8'), file).toContain(`UPDATE facts SET ${DERIVED_SET_SQL};`);
    }
  });
});

describe('periods', () => {
  const dates = ['2020-01-15', '2020-03-31', '2020-04-01', '2020-06-30', '2020-07-01', '2020-09-30', '2020-10-01', '2020-12-31'];
  const precisions = ['day', 'month', 'quarter', 'half', 'year', null];

  it('a figure is in the period its precision names: 去年 is the year, not its December', async () => {
    expect(periodOf('2020-12-31', 'year')).toBe('2020');
    expect(periodOf('2020-03-31', 'quarter')).toBe('2020-Q1');
    expect(periodOf('2020-06-30', 'half')).toBe('2020-H1');
    expect(periodOf('2020-04-21', 'day')).toBe('2020-04');
    expect(periodOf(null, 'year')).toBeNull();
    const rows = [...dates.flatMap((d) => precisions.map((p) => [d, p])), [null, 'year']];
    const sql = await evaluate({ date: 'text', date_precision: 'text' }, rows, periodSql());
    rows.forEach(([d, p], i) => expect(sql[i], `${d} ${p}`).toBe(periodOf(d as string | null, p as string | null)));
  });

  it('falls in a chart bucket only at its own or a coarser granularity, in TypeScript and SQL alike', async () => {
    const periods = [...new Set(dates.flatMap((d) => precisions.map((p) => periodOf(d, p)!)))];
    for (const g of GRANULARITIES) {
      const sql = await evaluate({ period: 'text' }, periods.map((p) => [p]), bucketSql(g, 'period'));
      periods.forEach((p, i) => expect(sql[i] ?? null, `${p} by ${g}`).toBe(periodAt(p, g)));
    }
    expect(periodAt('2020', 'month')).toBeNull();
    expect(periodAt('2020-Q2', 'quarter')).toBe('2020-Q2');
    expect(periodAt('2020-05', 'quarter')).toBe('2020-Q2');
  });

  it('a bucket holds the periods inside it; periods have days and labels', () => {
    expect(periodsInBucket('2020-Q2')).toEqual(['2020-04', '2020-05', '2020-06', '2020-Q2']);
    expect(periodsInBucket('2020')).toHaveLength(12 + 4 + 2 + 1);
    for (const p of periodsInBucket('2020')) expect(isPeriod(p)).toBe(true);
    expect(periodDays('2020-02')).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(periodDays('2021-H2')).toEqual({ from: '2021-07-01', to: '2021-12-31' });
    expect(periodLabel('2020-Q1', 'zh')).toBe('2020年第一季度');
    expect(periodLabel('2020-H2', 'zh')).toBe('2020年下半年');
    expect(periodLabel('2020', 'zh')).toBe('2020年');
  });
});

describe('measures', () => {
  it('how a figure enters a chart is the same in TypeScript and SQL, for every metric', async () => {
    const rows: Param[][] = [];
    for (const m of metrics()) {
      for (const unit of [...new Set([...m.units, 'count', 'percent', 'day'])]) {
        for (const cumulative of [0, 1]) for (const role of ['measured', 'attribute', 'plan', 'stock']) rows.push([m.key, unit, cumulative, role]);
      }
    }
    const sql = await evaluate({ effective_metric: 'text', effective_unit: 'text', cumulative: 'integer', role: 'text' }, rows, measureSql('t'));
    rows.forEach(([metric, unit, cumulative, role], i) => expect(sql[i], JSON.stringify(rows[i])).toBe(measureOf({ metric: metric as string, unit: unit as string, cumulative: cumulative as number, role: role as string })));
  });

  it('running totals and stocks are levels, rates and durations distributions, plans apart, attributes never charted', () => {
    const m = (metric: string, unit: string, cumulative = false, role = 'measured') => measureOf({ metric, unit, cumulative, role });
    expect(m('investment', 'CNY')).toBe('flow');
    expect(m('investment', 'CNY', true)).toBe('level');
    expect(m('households_served', 'count', false, 'stock')).toBe('level');
    expect(m('area', 'km2')).toBe('level');
    expect(m('resolution_rate', 'percent')).toBe('distribution');
    expect(m('duration', 'day')).toBe('distribution');
    expect(m('investment', 'CNY', false, 'plan')).toBe('plan');
    expect(m('investment', 'CNY', false, 'attribute')).toBe('attribute');
    expect(m('other', 'count')).toBe('count');
  });
});

describe('units, places and numbers', () => {
  it('every unit has labels and a base unit of its dimension', () => {
    expect(unitDefinitions().map((u) => u.code)).toEqual([...UNITS]);
    for (const u of unitDefinitions()) {
      expect(unitLabel(u.code, 'zh')).not.toBe(u.code === 'count' ? '' : u.code.toUpperCase());
      expect(unitDefinitions().find((b) => b.code === u.base)?.dimension).toBe(u.dimension);
    }
    expect(toBase(3800, 'mu').unit).toBe('m2');
    expect(toBase(3, 'mu').value).toBe(2000);
    expect(toBase(1.5, 'km')).toEqual({ value: 1500, unit: 'm' });
    expect(toBase(2, 't')).toEqual({ value: 2000, unit: 'kg' });
    expect(toBase(5, 'USD')).toEqual({ value: 5, unit: 'USD' });
  });

  it('codes name their level and parents', () => {
    expect(levelOfCode('330102')).toBe('district');
    expect(levelOfCode('330102003')).toBe('street');
    expect(levelOfCode('330102003052')).toBe('community');
    expect(levelOfCode('3301')).toBeNull();
    expect(parentCodes('330102003052')).toEqual({ district: '330102', street: '330102003' });
  });

  it('values are written the Chinese way, one formatter for pages and checks', () => {
    expect(formatValue(1.4e9, 'CNY', 'zh')).toBe('14亿元');
    expect(formatValue(80_000_000, 'CNY', 'en')).toBe('80M yuan');
    expect(formatValue(38000, 'mu', 'zh')).toBe('38000亩');
    expect(formatValue(440_000, 'm2', 'zh')).toBe('44万平方米');
    expect(formatValue(84.6, 'percent', 'zh')).toBe('84.6%');
    expect(formatValue(594, 'count', 'zh')).toBe('594');
    expect(formatValue(1.23456e8, 'CNY', 'zh', 4)).toBe('1.2346亿元');
    expect(shortNumber(12345, 'zh')).toBe('1.23万');
    expect(plain(-0.001)).toBe('0');
  });
});
