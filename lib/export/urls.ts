// Links to exports, for every dashboard view and chart. No server-only imports: client components use it.
import type { Filters } from '../filters';

export type ExportFormat = 'csv' | 'jsonl';

/** The filter keys in lib/filters.ts order (a test keeps the two lists equal), so equal views give equal URLs. */
const KEYS = ['district', 'street', 'community', 'metric', 'object_class', 'action_class', 'from', 'to', 'qualifier', 'source', 'review_status'] as const;
export const EXPORT_FILTER_KEYS: readonly string[] = KEYS;

export interface ExportExtras {
  /** a chart that draws one unit exports that unit only */
  unit?: string | null;
  /** and one measure (flow, level, plan, distribution): exactly the figures its bars are made of */
  measure?: string | null;
  /** the chart bar a view drilled into, as the dashboard writes it: street:CODE, community:none, month:2020-04 … */
  pick?: string | null;
  includeRejected?: boolean;
  /** CSV without the byte-order mark (for tools that do not strip it) */
  bom?: boolean;
}

/** `path` with a view's filters and the export parameters, in a fixed order so equal views give equal URLs. */
function withQuery(path: string, filters: Filters, extras: Omit<ExportExtras, 'bom'>, more: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const key of KEYS) {
    const v = filters[key];
    for (const one of Array.isArray(v) ? v : v ? [v] : []) q.append(key, one);
  }
  const scope = { unit: extras.unit ?? undefined, measure: extras.measure ?? undefined, pick: extras.pick ?? undefined, include_rejected: extras.includeRejected ? '1' : undefined };
  for (const [key, value] of Object.entries({ ...scope, ...more })) if (value) q.set(key, value);
  const s = q.toString();
  return `${path}${s ? `?${s}` : ''}`;
}

/** The URL of the CSV or JSONL of exactly a view's data: `/export/facts.csv?district=330102&metric=investment`. */
export function exportUrl(filters: Filters, format: ExportFormat = 'csv', extras: ExportExtras = {}): string {
  return withQuery(`/export/facts.${format}`, filters, extras, { bom: extras.bom === false && format === 'csv' ? '0' : undefined });
}

/** The matching page of the JSON API. */
export function apiUrl(filters: Filters, extras: Omit<ExportExtras, 'bom'> & { limit?: number; cursor?: string } = {}): string {
  return withQuery('/api/facts', filters, extras, { limit: extras.limit ? String(extras.limit) : undefined, cursor: extras.cursor });
}

/**
 * A file name that says what the file holds: civic-figures_district-330102_metric-investment_2020-01-01_to_2020-12-31.csv.
 * ASCII only; a non-ASCII value (a source's name) is kept in the RFC 5987 form of contentDisposition.
 */
export function exportFileName(filters: Filters & { unit?: string; measure?: string | null; pick?: { kind: string; code?: string | null; period?: string }; includeRejected?: boolean }, format: ExportFormat, ascii = true): string {
  const parts = ['civic-figures'];
  for (const key of KEYS) {
    if (key === 'from' || key === 'to' || !filters[key]) continue;
    const v = filters[key];
    parts.push(`${key}-${Array.isArray(v) ? v.join('+') : String(v)}`);
  }
  if (filters.unit) parts.push(`unit-${filters.unit}`);
  if (filters.measure) parts.push(`measure-${filters.measure}`);
  if (filters.pick) parts.push(`${filters.pick.kind}-${filters.pick.kind === 'period' ? filters.pick.period : filters.pick.code ?? 'none'}`);
  if (filters.from || filters.to) parts.push(`${filters.from ?? 'start'}_to_${filters.to ?? 'end'}`);
  if (filters.includeRejected) parts.push('with-rejected');
  const name = parts.join('_').replace(/[\\/:*?"<>|\s;,]+/g, '-');
  return `${ascii ? name.replace(/[^\x20-\x7e]+/g, '_') : name}.${format}`;
}

/** Content-Disposition for a download: an ASCII filename for old clients, the full UTF-8 name in filename*. */
export function contentDisposition(fileName: string, utf8Name: string): string {
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}
