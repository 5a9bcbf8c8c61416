// One figure (/facts/ID): its effective value, place, date and provenance, its sentence and article, the
// checks it takes part in and its review trail. /facts/ID.json holds its export row (the full sentence),
// checks and trail; /facts/ID.csv its export row.
import type { Db } from '../../db/client';
import { factDetail, type FactDetail } from '../../db/dashboard';
import { exportRowsOf } from '../../db/export';
import { reviewTrail, type ReviewTrailEntry } from '../../db/review';
import { checksForFact, type CheckView } from '../checks';
import { checkToJson } from '../checks/export';
import { COLUMN_NAMES, type ExportRow } from '../export/columns';
import { checkParams, rowOf } from './request';
import { inBaseUnits, tableOf, type Table } from './shared';

export interface FactData { detail: FactDetail; row: ExportRow; checks: CheckView[]; trail: ReviewTrailEntry[] }

export async function factData(db: Db, id: string, params: URLSearchParams, base = ''): Promise<FactData> {
  checkParams(params, []);
  const detail = await rowOf(id, 'figure', (rowId) => factDetail(db, rowId));
  const [row] = await exportRowsOf(db, { factId: detail.id }, { baseUrl: base });
  return { detail, row, checks: await checksForFact(db, detail.id), trail: await reviewTrail(db, detail.id) };
}

export function factJson(d: FactData) {
  return { view: 'figure', figure: { ...d.row, ...inBaseUnits(d.row) }, checks: d.checks.map(checkToJson), review_trail: d.trail };
}

export function factCsv(d: FactData): Table {
  return tableOf(COLUMN_NAMES, [d.row as unknown as Record<string, unknown>]);
}
