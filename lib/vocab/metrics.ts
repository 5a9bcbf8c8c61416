// What a figure measures and how its figures may be aggregated. The metric taxonomy (keys, labels, groups,
// units; lib/extract/taxonomy.ts, extended by FIGURES_TAXONOMY) is read on first use, not at import.
//
// Aggregation: a metric's figures are
//   flows         amounts done in a period (投资, 解决问题): summed over places and periods;
//   levels        running totals (累计, 截至…, facts.cumulative) and stocks (辖区面积, role stock): the latest
//                 per place and period, added over places but never over dates;
//   distribution  rates and durations (解决率, 用时): never added, shown as their median and range;
//   count         the catch-all `other`: figures of unlike things, only counted;
// and, by the figure's role, plans (计划, 目标: their own series, never added to what was done) and
// attributes (亿元以上项目: a size class inside a noun phrase, never charted or summed).
// Server-only (the taxonomy may be read from a file).
import { createHash } from 'node:crypto';
import { taxonomyInForce, type MetricDefinition } from '../extract/taxonomy';
import type { ChartMeasure, Lang, Measure } from './codes';
import { isRatioUnit, isTimeUnit, unitDefinitions } from './units';

export type Aggregation = 'sum' | 'latest' | 'distribution' | 'count';

export { MEASURES, type ChartMeasure, type Measure } from './codes';

export interface MetricEntry extends MetricDefinition {
  aggregation: Aggregation;
}

/** Metrics whose figures are levels by nature (a territory's size), not amounts done. */
const LATEST_METRICS = new Set(['area']);
/** The catch-all: its figures measure unlike things. */
const COUNT_METRICS = new Set(['other']);

function aggregationOfDefinition(m: MetricDefinition): Aggregation {
  if (COUNT_METRICS.has(m.key)) return 'count';
  if (LATEST_METRICS.has(m.key)) return 'latest';
  if (m.units.length && m.units.every((u) => isRatioUnit(u) || isTimeUnit(u))) return 'distribution';
  return 'sum';
}

let loaded: { list: readonly MetricEntry[]; byKey: Map<string, MetricEntry>; fingerprint: string } | null = null;

function taxonomy() {
  if (!loaded) {
    const list = taxonomyInForce().map((m) => ({ ...m, aggregation: aggregationOfDefinition(m) }));
    const rules = list.map((m) => `${m.key}:${m.aggregation}`).join(',');
    loaded = { list, byKey: new Map(list.map((m) => [m.key, m])), fingerprint: createHash('sha256').update(rules).digest('hex').slice(0, 16) };
  }
  return loaded;
}

/** Every metric of the taxonomy in force, in the taxonomy's order. */
export function metrics(): readonly MetricEntry[] {
  return taxonomy().list;
}

export function metricByKey(key: string): MetricEntry | undefined {
  return taxonomy().byKey.get(key);
}

export function isMetric(key: string): boolean {
  return taxonomy().byKey.has(key);
}

export function metricLabel(key: string, lang: Lang): string {
  return metricByKey(key)?.[lang] ?? key;
}

/** A fingerprint of every metric's aggregation rule: the rollups are rebuilt when it changes. */
export function aggregationFingerprint(): string {
  return taxonomy().fingerprint;
}

/** A metric's rule; a key outside the taxonomy is summed. */
export function aggregationOf(metric: string): Aggregation {
  return metricByKey(metric)?.aggregation ?? 'sum';
}

export interface MeasuredFigure { metric: string; unit: string; cumulative: boolean | number; role: string | null }

/** How one figure (as reviewed: effective metric and unit) enters a chart. measureSql is its SQL twin. */
export function measureOf(f: MeasuredFigure): Measure {
  if (f.role === 'attribute') return 'attribute';
  const rule = aggregationOf(f.metric);
  if (rule === 'count') return 'count';
  if (rule === 'distribution' || isRatioUnit(f.unit) || isTimeUnit(f.unit)) return 'distribution';
  if (f.role === 'plan') return 'plan';
  if (rule === 'latest' || f.cumulative === true || f.cumulative === 1 || f.role === 'stock') return 'level';
  return 'flow';
}

const quoted = (values: Iterable<string>) => [...values].map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const inList = (column: string, values: string[]) => (values.length ? `${column} IN (${quoted(values)})` : '1 = 0');

/**
 * measureOf as SQL over a facts alias (its effective_metric, effective_unit, cumulative and role columns),
 * for the rules in force. Neutral SQL; the keys are the taxonomy's, quoted.
 */
export function measureSql(alias = 'f'): string {
  const byRule = (rule: Aggregation) => metrics().filter((m) => m.aggregation === rule).map((m) => m.key);
  const shareOrTime = unitDefinitions().filter((u) => isRatioUnit(u.code) || isTimeUnit(u.code)).map((u) => u.code);
  const metric = `${alias}.effective_metric`;
  return `CASE WHEN ${alias}.role = 'attribute' THEN 'attribute'`
    + ` WHEN ${inList(metric, byRule('count'))} THEN 'count'`
    + ` WHEN ${inList(metric, byRule('distribution'))} OR ${inList(`${alias}.effective_unit`, shareOrTime)} THEN 'distribution'`
    + ` WHEN ${alias}.role = 'plan' THEN 'plan'`
    + ` WHEN ${inList(metric, byRule('latest'))} OR ${alias}.cumulative = 1 OR ${alias}.role = 'stock' THEN 'level'`
    + ' ELSE \'flow\' END';
}

/** The measures a figure list of this metric can hold, most usual first: what a chart of the metric draws by default. */
export function chartMeasuresOf(metric: string): ChartMeasure[] {
  switch (aggregationOf(metric)) {
    case 'count': return ['count'];
    case 'distribution': return ['distribution'];
    case 'latest': return ['level', 'plan', 'distribution'];
    default: return ['flow', 'level', 'plan', 'distribution'];
  }
}

export interface MetricGroupOption { key: string; label: string; metrics: { key: string; label: string; units: string[] }[] }

/** The metrics grouped as the taxonomy groups them. */
export function metricGroups(lang: Lang): MetricGroupOption[] {
  const groups = new Map<string, MetricGroupOption>();
  for (const metric of metrics()) {
    let group = groups.get(metric.group.key);
    if (!group) { group = { key: metric.group.key, label: metric.group[lang], metrics: [] }; groups.set(metric.group.key, group); }
    group.metrics.push({ key: metric.key, label: metric[lang], units: [...metric.units] });
  }
  return [...groups.values()];
}
