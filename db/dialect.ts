// SQL that the two engines cannot share, kept in one place (see /work/notes/db-conventions.md): each function
// returns the text a dialect needs, and the neutral text around it stays in the callers.
import type { Dialect } from './sql';

/**
 * The FROM item `facts f` read newest first through the date index: for a figure list whose filters select a
 * large share of the facts, walking the index from the newest date finds a page after a few thousand entries,
 * where SQLite's planner would sort every selected figure (it does not weigh LIMIT against the sort).
 * PostgreSQL's planner makes that choice itself from its statistics.
 */
export function factsNewestFirst(dialect: Dialect): string {
  return dialect === 'sqlite' ? 'facts f INDEXED BY facts_dash_date' : 'facts f';
}
