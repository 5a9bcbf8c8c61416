// What the views' JSON and CSV twins write alike: chart buckets and figure rows in base units (yuan, m²,
// count…), and CSV tables written with the exports' cell rules.
import type { Bucket, FactListRow } from '../../db/dashboard';
import { csvNumber, csvText } from '../export/csv';
import { toBase } from '../vocab/units';

/** A bucket's numbers in the base unit of `unit` (a count chart has no unit: its values are counts). */
export function bucketJson(b: Bucket, unit: string | null) {
  const base = (v: number | null) => (v === null || unit === null ? v : toBase(v, unit).value);
  return {
    key: b.key, label: b.label ?? b.key, figures: b.figures, approximate: b.approximate,
    value: base(b.value), approximate_value: base(b.approximateValue), low: base(b.low), high: base(b.high),
  };
}

/** A listed figure: its effective value in base units, and where it comes from. */
export function figureJson(r: FactListRow, base = '') {
  const v = toBase(r.value, r.unit);
  return {
    id: r.id, metric: r.metric, value: v.value, unit: v.unit, qualifier: r.qualifier, figure_text: r.text,
    date: r.date, date_precision: r.datePrecision, period: r.period, cumulative: r.cumulative === 1, role: r.role,
    district: r.district, district_code: r.districtCode, street: r.street, street_code: r.streetCode,
    community: r.community, community_code: r.communityCode, review_status: r.reviewStatus,
    article_id: r.articleId, article_title: r.articleTitle, source: r.source, fact_url: `${base}/facts/${r.id}`,
  };
}

/** An export row's effective figure in its base unit (300 mu → 200000 m2), for the JSON twins. */
export function inBaseUnits(row: { effective_value: number | null; effective_unit: string | null }): { base_value: number | null; base_unit: string | null } {
  if (row.effective_value === null || row.effective_unit === null) return { base_value: null, base_unit: null };
  const v = toBase(row.effective_value, row.effective_unit);
  return { base_value: v.value, base_unit: v.unit };
}

export interface Table { columns: readonly string[]; rows: readonly (readonly unknown[])[] }

/** A table as RFC 4180 CSV with a BOM (Excel reads Chinese only with it): numbers bare, text guarded against formulas. */
export function tableCsv(table: Table): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? csvNumber(v) : typeof v === 'boolean' ? String(v) : csvText(String(v)));
  return `\uFEFF${[table.columns.join(','), ...table.rows.map((r) => r.map(cell).join(','))].join('\r\n')}\r\n`;
}

/** The rows of a table from objects, in the columns' order. */
export function tableOf<T extends Record<string, unknown>>(columns: readonly (keyof T & string)[], rows: readonly T[]): Table {
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}
