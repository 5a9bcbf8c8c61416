// The one translation of a view's filters into SQL over `facts f`, shared by the dashboard's pages and
// the researcher API and exports, so a URL selects the same figures wherever it is used.
import type { Filters } from '../lib/filters';

/** A chart bucket the user clicked: a street or community bar (code null = figures not placed that low), or a month. */
export type Pick =
  | { kind: 'street' | 'community'; code: string | null }
  | { kind: 'month'; month: string };

export interface FactScope {
  /** one unit: a chart's figures are never of mixed units */
  unit?: string | null;
  /** a chart bar the view drilled into */
  pick?: Pick | null;
  /** rejected figures are left out of every view unless asked for */
  includeRejected?: boolean;
}

export interface FactConditions { clauses: string[]; params: (string | number)[] }

/** Column order follows the indexes; every condition is sargable and every value a bound parameter. */
export function factConditions(filters: Filters, scope: FactScope = {}): FactConditions {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, ...values: (string | number)[]) => { clauses.push(clause); params.push(...values); };
  if (!scope.includeRejected) clauses.push("f.review_status <> 'rejected'");
  if (filters.metric) add('f.metric = ?', filters.metric);
  if (scope.unit) add('f.unit = ?', scope.unit);
  if (filters.district) add('f.district_code = ?', filters.district);
  if (filters.street) add('f.street_code = ?', filters.street);
  if (filters.community) add('f.community_code = ?', filters.community);
  if (filters.from) add('f.date >= ?', filters.from);
  if (filters.to) add('f.date <= ?', filters.to);
  if (filters.qualifier) add('f.qualifier = ?', filters.qualifier);
  if (filters.source) {
    add('f.article_id IN (SELECT a2.id FROM articles a2 JOIN sources s2 ON s2.id = a2.source_id WHERE s2.name = ?)', filters.source);
  }
  const pick = scope.pick;
  if (pick?.kind === 'month') add('f.date >= ? AND f.date <= ?', `${pick.month}-01`, `${pick.month}-31`);
  else if (pick) {
    const column = pick.kind === 'street' ? 'f.street_code' : 'f.community_code';
    if (pick.code) add(`${column} = ?`, pick.code); else clauses.push(`${column} IS NULL`);
  }
  return { clauses, params };
}
