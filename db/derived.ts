// The derived columns of a fact row — the effective figure (effective_value, effective_unit, effective_metric)
// and the period its date names — written by the db/ writers with the row: computed in TypeScript when a row
// is inserted (derivedCells), in SQL when a stored row changes (refreshDerived), from the one definition of
// each in lib/vocab. Plain columns, so the dashboard's covering indexes hold them.
import type { Param, Sql } from './client';
import { periodOf, periodSql } from '../lib/vocab/dates';
import { effectiveFigure, effectiveSql, type ReviewedFigure } from '../lib/vocab/effective';

/** The derived columns, in the order derivedCells returns them. */
export const DERIVED_COLUMNS = ['effective_value', 'effective_unit', 'effective_metric', 'period'] as const;

/** The derived cells of a row about to be stored (its review fields, when it carries any). */
export function derivedCells(row: ReviewedFigure & { date: string | null; datePrecision: string | null }): Param[] {
  const e = effectiveFigure(row);
  return [e.value, e.unit, e.metric, periodOf(row.date, row.datePrecision)];
}

/** SET clause recomputing the derived columns of stored rows from their own columns. */
export const DERIVED_SET_SQL = `effective_value = ${effectiveSql('value')}, effective_unit = ${effectiveSql('unit')}, `
  + `effective_metric = ${effectiveSql('metric')}, period = ${periodSql()}`;

/** Recomputes the derived columns of the rows `where` selects (after their review or extracted fields changed). */
export async function refreshDerived(db: Sql, where: string, params: readonly Param[] = []): Promise<number> {
  return db.run(`UPDATE facts SET ${DERIVED_SET_SQL} WHERE ${where}`, params);
}

/**
 * Recomputes every derived column and rebuilds the rollups, in one transaction: after writes that went around
 * the app's writers (a test's or a repair script's INSERT, an edit in a database shell).
 */
export async function rederiveAll(db: Sql): Promise<void> {
  const { rebuildRollups } = await import('./rollups');
  await db.transaction(async (tx) => {
    await refreshDerived(tx, '1 = 1');
    await rebuildRollups(tx);
  });
}
