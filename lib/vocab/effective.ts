// The effective figure: what every chart, rollup, check, export and page reads. An editor's correction
// (review_status corrected) replaces the value, unit and metric it names and leaves the others as
// extracted; any other status reads the figure as extracted. Rejected figures are left out of every view
// (by the views' filters, not here). One TypeScript function and one SQL fragment per field; the database
// keeps the SQL as generated columns (facts.effective_value, effective_unit, effective_metric), so a query
// reads the effective figure as a column and its indexes hold it. Client-safe.

export interface ReviewedFigure {
  value: number;
  unit: string;
  metric: string;
  reviewStatus?: string | null;
  correctedValue?: number | null;
  correctedUnit?: string | null;
  correctedMetric?: string | null;
}

export interface EffectiveFigure { value: number; unit: string; metric: string }

export function effectiveFigure(f: ReviewedFigure): EffectiveFigure {
  if (f.reviewStatus !== 'corrected') return { value: f.value, unit: f.unit, metric: f.metric };
  return { value: f.correctedValue ?? f.value, unit: f.correctedUnit ?? f.unit, metric: f.correctedMetric ?? f.metric };
}

export type EffectiveField = 'value' | 'unit' | 'metric';

/** effectiveFigure's field as SQL over a row's own columns (unqualified: the generated columns' expression). */
export function effectiveSql(field: EffectiveField): string {
  return `CASE WHEN review_status = 'corrected' THEN coalesce(corrected_${field}, ${field}) ELSE ${field} END`;
}

/** The condition of every view: rejected figures are left out unless asked for. */
export const NOT_REJECTED_SQL = (alias = 'f') => `${alias}.review_status <> 'rejected'`;
