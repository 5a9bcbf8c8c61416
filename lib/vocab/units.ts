// Units of a figure: what each code is called (short on charts and values, long in the data dictionary),
// what it measures (its dimension), and how it converts to its dimension's base unit — the unit the JSON
// and CSV views state values in. Client-safe: no node imports.
import { UNITS, type Unit } from '../extract/types';

export { UNITS, type Unit };

export type Dimension = 'money' | 'area' | 'volume' | 'length' | 'mass' | 'count' | 'ratio' | 'ratio_change' | 'time';

export interface UnitDefinition {
  code: Unit;
  dimension: Dimension;
  /** the unit values convert to: each currency is its own base (no exchange rate is fixed), as are month and year (their length varies) */
  base: Unit;
  /** value in this unit × factor = value in the base unit */
  factor: number;
  /** written after a number: 1.4亿元, 3800亩 */
  zh: string;
  en: string;
  /** the data dictionary's words */
  zhLong: string;
  enLong: string;
}

type Row = [code: Unit, base: Unit, factor: number, zh: string, en: string, zhLong: string, enLong: string];

/** The units of each dimension, in the order of UNITS. */
const ROWS: Record<Dimension, Row[]> = {
  money: [
    ['CNY', 'CNY', 1, '元', 'yuan', '元（人民币）', 'yuan (renminbi)'], ['USD', 'USD', 1, '美元', 'US dollars', '美元', 'US dollars'],
    ['HKD', 'HKD', 1, '港元', 'HK dollars', '港元', 'Hong Kong dollars'], ['EUR', 'EUR', 1, '欧元', 'euros', '欧元', 'euros'],
  ],
  area: [
    ['m2', 'm2', 1, '平方米', 'm²', '平方米（“方”在建筑、拆除语境中）', 'square metres'],
    ['mu', 'm2', 2000 / 3, '亩', 'mu', '亩（≈ 666.7 平方米）', 'mu (≈ 666.7 m²)'],
    ['ha', 'm2', 10_000, '公顷', 'ha', '公顷', 'hectares'], ['km2', 'm2', 1_000_000, '平方公里', 'km²', '平方公里', 'square kilometres'],
  ],
  volume: [['m3', 'm3', 1, '立方米', 'm³', '立方米（土方、水量的“方”）', 'cubic metres']],
  length: [['m', 'm', 1, '米', 'm', '米', 'metres'], ['km', 'm', 1000, '公里', 'km', '公里', 'kilometres']],
  mass: [['t', 'kg', 1000, '吨', 't', '吨', 'tonnes'], ['kg', 'kg', 1, '公斤', 'kg', '公斤（千克）', 'kilograms']],
  count: [['count', 'count', 1, '个', 'items', '个数（户、家、个、人、件、项、套、栋…）', 'a count (households, enterprises, items…)']],
  ratio: [['percent', 'percent', 1, '%', '%', '百分比', 'percent']],
  ratio_change: [['percentage_point', 'percentage_point', 1, '个百分点', 'percentage points', '百分点', 'percentage points']],
  time: [
    ['hour', 'day', 1 / 24, '小时', 'hours', '小时', 'hours'], ['day', 'day', 1, '天', 'days', '天', 'days'],
    ['month', 'month', 1, '个月', 'months', '月', 'months'], ['year', 'year', 1, '年', 'years', '年', 'years'],
  ],
};

const DEFINITIONS: readonly UnitDefinition[] = (Object.entries(ROWS) as [Dimension, Row[]][])
  .flatMap(([dimension, rows]) => rows.map(([code, base, factor, zh, en, zhLong, enLong]) => ({ code, dimension, base, factor, zh, en, zhLong, enLong })));

const BY_CODE = new Map<string, UnitDefinition>(DEFINITIONS.map((d) => [d.code, d]));

/** Every unit, in the order of UNITS. */
export function unitDefinitions(): readonly UnitDefinition[] {
  return DEFINITIONS;
}

export function unitDefinition(code: string): UnitDefinition | undefined {
  return BY_CODE.get(code);
}

export function isUnit(code: string): code is Unit {
  return BY_CODE.has(code);
}

/** The short label written after a number; an unknown code is shown as it is. */
export function unitLabel(unit: string, lang: 'zh' | 'en'): string {
  const d = BY_CODE.get(unit);
  return d ? d[lang] : unit;
}

/** A value in its unit's base unit (3800 mu → 2533333.33 m2); an unknown unit is its own base. */
export function toBase(value: number, unit: string): { value: number; unit: string } {
  const d = BY_CODE.get(unit);
  return d ? { value: value * d.factor, unit: d.base } : { value, unit };
}

/** Percentages and percentage points: shares, never amounts. */
export function isRatioUnit(unit: string): boolean {
  const d = BY_CODE.get(unit)?.dimension;
  return d === 'ratio' || d === 'ratio_change';
}

export function isTimeUnit(unit: string): boolean {
  return BY_CODE.get(unit)?.dimension === 'time';
}

/** Money, counts and lengths are written with 万/亿 (1.4亿元); percentages and durations are not. */
export function takesScaleWords(unit: string): boolean {
  const d = BY_CODE.get(unit)?.dimension;
  return d === 'money' || d === 'count' || d === 'volume' || d === 'length' || d === 'mass' || unit === 'm2';
}
