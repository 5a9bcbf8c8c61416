// The one translation of a view's filters and scope into SQL over `facts f`, shared by the dashboard's pages,
// their data twins, the researcher API and exports, so a URL selects the same figures wherever it is used.
// Figures are selected as reviewed: by their effective metric and unit (lib/vocab/effective.ts).
import type { Filters, Pick } from '../lib/filters';
import type { ChartMeasure } from '../lib/vocab/codes';
import { periodsInBucket } from '../lib/vocab/dates';
import { measureSql } from '../lib/vocab/metrics';

export type { Pick };

export interface FactScope {
  /** one unit: a chart's figures are never of mixed units */
  unit?: string | null;
  /** one measure: a chart adds only what may be added (count: every figure but attributes) */
  measure?: ChartMeasure | null;
  /** a chart bar the view drilled into */
  pick?: Pick | null;
  /** rejected figures are left out of every view unless asked for */
  includeRejected?: boolean;
}

export interface FactConditions { clauses: string[]; params: (string | number)[] }

/** The condition that a figure enters a chart of `measure`. */
export function measureCondition(measure: ChartMeasure): FactConditions {
  // a count chart counts every figure but attributes, of any metric
  if (measure === 'count') return { clauses: ["f.role <> 'attribute'"], params: [] };
  return { clauses: [`${measureSql('f')} = ?`], params: [measure] };
}

/** `column = ?` for one value, `column IN (?, ?…)` for several (a filter's values are bounded: MAX_FILTER_VALUES). */
export function anyOfSql(column: string, values: readonly unknown[]): string {
  return values.length === 1 ? `${column} = ?` : `${column} IN (${values.map(() => '?').join(', ')})`;
}

/** Column order follows the indexes; every filter is sargable and every value a bound parameter. */
export function factConditions(filters: Filters, scope: FactScope = {}): FactConditions {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, ...values: (string | number)[]) => { clauses.push(clause); params.push(...values); };
  const anyOf = (column: string, values: readonly string[] | undefined) => { if (values?.length) add(anyOfSql(column, values), ...values); };
  // rejected figures stay out unless asked for, by include_rejected or by their status
  if (filters.review_status?.length) anyOf('f.review_status', filters.review_status);
  else if (!scope.includeRejected) clauses.push("f.review_status <> 'rejected'");
  anyOf('f.effective_metric', filters.metric);
  anyOf('f.object_class', filters.object_class);
  anyOf('f.action_class', filters.action_class);
  if (scope.unit) add('f.effective_unit = ?', scope.unit);
  anyOf('f.district_code', filters.district);
  anyOf('f.street_code', filters.street);
  anyOf('f.community_code', filters.community);
  if (filters.from) add('f.date >= ?', filters.from);
  if (filters.to) add('f.date <= ?', filters.to);
  if (filters.qualifier) add('f.qualifier = ?', filters.qualifier);
  if (filters.source) {
    add('f.article_id IN (SELECT a2.id FROM articles a2 JOIN sources s2 ON s2.id = a2.source_id WHERE s2.name = ?)', filters.source);
  }
  if (scope.measure) {
    const m = measureCondition(scope.measure);
    add(m.clauses[0], ...m.params);
  }
  const pick = scope.pick;
  if (pick?.kind === 'period') {
    const periods = periodsInBucket(pick.period);
    add(`f.period IN (${periods.map(() => '?').join(', ')})`, ...periods);
  } else if (pick) {
    const column = pick.kind === 'street' ? 'f.street_code' : 'f.community_code';
    if (pick.code) add(`${column} = ?`, pick.code); else clauses.push(`${column} IS NULL`);
  }
  return { clauses, params };
}

export const whereSql = (w: FactConditions): string => `WHERE ${w.clauses.length ? w.clauses.join(' AND ') : '1 = 1'}`;
