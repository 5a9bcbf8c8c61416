// One figure (/facts/ID): its effective value, place, date and provenance, its sentence and article, the
// checks it takes part in and its review trail. /facts/ID.json holds its export row (the full sentence),
// checks, trail and why the figure has its metric; /facts/ID.csv its export row.
import type { Db } from '../../db/client';
import { factDetail, type FactDetail } from '../../db/dashboard';
import { exportRowsOf } from '../../db/export';
import { reviewTrail, type ReviewTrailEntry } from '../../db/review';
import { checksForFact, type CheckView } from '../checks';
import { checkToJson } from '../checks/export';
import { COLUMN_NAMES, type ExportRow } from '../export/columns';
import { metricReason, type MetricDecision } from '../vocab/facets';
import { metricLabel } from '../vocab/metrics';
import { checkParams, rowOf } from './request';
import { inBaseUnits, tableOf, type Table } from './shared';

export interface FactData { detail: FactDetail; row: ExportRow; checks: CheckView[]; trail: ReviewTrailEntry[] }

export async function factData(db: Db, id: string, params: URLSearchParams, base = ''): Promise<FactData> {
  checkParams(params, []);
  const detail = await rowOf(id, 'figure', (rowId) => factDetail(db, rowId));
  const [row] = await exportRowsOf(db, { factId: detail.id }, { baseUrl: base });
  return { detail, row, checks: await checksForFact(db, detail.id), trail: await reviewTrail(db, detail.id) };
}

/** The extractor's metric decision for a figure (its facets, the metric it chose, how sure it was), in `lang`'s labels. */
export function metricDecisionOf(row: ExportRow, lang: 'zh' | 'en'): MetricDecision {
  return {
    object: row.object, object_class: row.object_class, action: row.action, action_class: row.action_class, aspect: row.aspect,
    metric: row.metric ?? '', metricLabel: metricLabel(row.metric ?? '', lang),
    metric_confidence: row.metric_confidence, metric_source: row.metric_source,
  };
}

/** Why the figure has its metric: the facets and decision, and the sentence saying so in both languages. */
export function metricWhy(row: ExportRow) {
  const en = metricDecisionOf(row, 'en');
  return {
    object: en.object, object_class: en.object_class, action: en.action, action_class: en.action_class, aspect: en.aspect,
    metric: en.metric, metric_confidence: en.metric_confidence, metric_source: en.metric_source,
    zh: metricReason(metricDecisionOf(row, 'zh'), 'zh'), en: metricReason(en, 'en'),
  };
}

export function factJson(d: FactData) {
  return { view: 'figure', figure: { ...d.row, ...inBaseUnits(d.row) }, metric_why: metricWhy(d.row), checks: d.checks.map(checkToJson), review_trail: d.trail };
}

export function factCsv(d: FactData): Table {
  return tableOf(COLUMN_NAMES, [d.row as unknown as Record<string, unknown>]);
}
