// The checks of a view (/checks with the dashboard's filters, kind and verdict): problems first. Its twins
// /checks.json and /checks.csv hold the same checks (a page of them when `page` is given, else all, up to
// MAX_CHECKS); /api/checks is /checks.json by another name.
import type { Db } from '../../db/client';
import { countChecks, listChecks, type CheckView, type Verdict } from '../checks';
import { CHECK_CSV_COLUMNS, checkRowCells, checkToJson, parseCheckParams, type CheckViewParams } from '../checks/export';
import { FILTER_KEYS } from '../filters';
import { checkParams, parsePage } from './request';
import type { Table } from './shared';

export const CHECKS_PARAMS: readonly string[] = [...FILTER_KEYS, 'kind', 'verdict', 'page'];
export const CHECKS_PAGE_SIZE = 100;
/** The most checks one answer holds. */
export const MAX_CHECKS = 10_000;

export interface ChecksData extends CheckViewParams {
  counts: Record<Verdict, number>;
  checks: CheckView[];
  /** the page asked for, or null for all */
  page: number | null;
  /** checks matching, of the verdict asked for (or all verdicts) */
  matching: number;
}

export async function checksData(db: Db, params: URLSearchParams, options: { paged?: boolean } = {}): Promise<ChecksData> {
  checkParams(params, CHECKS_PARAMS);
  const { filters, kind, verdict } = parseCheckParams(params);
  const page = params.has('page') || options.paged ? parsePage(params) : null;
  const counts = await countChecks(db, filters, { kind });
  const matching = verdict ? counts[verdict] : counts.holds + counts.off + counts.cannot_tell;
  const checks = await listChecks(db, filters, page === null
    ? { kind, verdict, limit: MAX_CHECKS }
    : { kind, verdict, limit: CHECKS_PAGE_SIZE, offset: (page - 1) * CHECKS_PAGE_SIZE });
  return { filters, kind, verdict, counts, checks, page, matching };
}

export function checksJson(d: ChecksData) {
  return {
    filters: d.filters, kind: d.kind ?? null, verdict: d.verdict ?? null, counts: d.counts,
    page: d.page, matching: d.matching, truncated: d.page === null && d.matching > d.checks.length,
    checks: d.checks.map(checkToJson),
  };
}

export function checksCsv(d: ChecksData): Table {
  return { columns: CHECK_CSV_COLUMNS, rows: d.checks.map(checkRowCells) };
}
