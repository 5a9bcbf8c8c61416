// Every SQL statement of fact-checking: loading figures as editors left them, storing verdicts, listing them.
import type { Param, Sql } from './client';
import { anyOfSql, factConditions } from './factWhere';
import type { Filters } from '../lib/filters';
import type { CheckDraft, CheckFact, CheckKind, CheckRole, Verdict } from '../lib/checks/types';

/** A stored check. */
export interface Check {
  id: number; kind: string; articleId: number | null; verdict: string; metric: string; date: string | null;
  stated: number | null; expected: number | null; difference: number | null; arithmetic: string; note: string | null; computedAt: string;
}

const CHECK_COLUMNS = `c.id, c.kind, c.article_id AS "articleId", c.verdict, c.metric, c.date, c.stated, c.expected, c.difference,
  c.arithmetic, c.note, c.computed_at AS "computedAt"`;

/** A figure as checked: its effective value, unit and metric (an editor's correction wins), its measure word and role. */
const CHECK_FACT_COLUMNS = `f.id, f.article_id AS "articleId", f.effective_value AS value, f.effective_unit AS unit, f.effective_metric AS metric,
  f.unit_word AS "unitWord", f.role, f.qualifier, f.text, f.start, f."end", f.sentence_start AS "sentenceStart", f.sentence_end AS "sentenceEnd",
  f.district, f.district_code AS "districtCode", f.street, f.street_code AS "streetCode",
  f.community, f.community_code AS "communityCode", f.place_provenance AS "placeProvenance",
  f.date, f.date_provenance AS "dateProvenance", f.cumulative`;

type CheckFactRow = Omit<CheckFact, 'cumulative'> & { cumulative: number | boolean };
const asCheckFact = (r: CheckFactRow): CheckFact => ({ ...r, cumulative: r.cumulative === 1 || r.cumulative === true });

/** An article's text and its figures (rejected ones left out), for the checks inside it. */
export async function articleForChecks(db: Sql, articleId: number): Promise<{ text: string; facts: CheckFact[] } | undefined> {
  const article = await db.get<{ text: string }>('SELECT text FROM articles WHERE id = ?', [articleId]);
  if (!article) return undefined;
  const rows = await db.all<CheckFactRow>(`SELECT ${CHECK_FACT_COLUMNS} FROM facts f
    WHERE f.article_id = ? AND f.review_status <> 'rejected' AND f.role <> 'attribute' ORDER BY f.start`, [articleId]);
  return { text: article.text, facts: rows.map(asCheckFact) };
}

/** The figures checks across articles compare (of `facts f` joined to its source `s`): real ones, not rejected, no attributes. */
const REAL_FIGURES = `f.review_status <> 'rejected' AND f.role <> 'attribute' AND coalesce(s.synthetic, 0) = 0`;
/** Of those, the ones a scope's checks take: placed by their text (cross.ts leaves a district's default place out). */
const CROSS_CHECKED = `${REAL_FIGURES} AND f.place_provenance <> 'default'`;

/** Every real figure (not rejected, not from a synthetic benchmark source), for checks across articles. */
export async function factsForCrossChecks(db: Sql): Promise<CheckFact[]> {
  const rows = await db.all<CheckFactRow>(`SELECT ${CHECK_FACT_COLUMNS}, a.title AS "articleTitle"
    FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN sources s ON s.id = a.source_id
    WHERE ${REAL_FIGURES} ORDER BY f.id`);
  return rows.map(asCheckFact);
}

/**
 * The district a check is stored under (the column a distributed database shards it by): its article's, or for
 * a check across articles the smallest of its figures' (they share one: a check compares reports of a place).
 */
function districtOf(articleId: number | null, factIds: readonly number[]): { sql: string; params: Param[] } {
  if (articleId !== null) return { sql: '(SELECT district_code FROM articles WHERE id = ?)', params: [articleId] };
  if (!factIds.length) return { sql: 'NULL', params: [] };
  return { sql: `(SELECT min(district_code) FROM facts WHERE id IN (${factIds.map(() => '?').join(', ')}))`, params: [...factIds] };
}

// ── Checks across articles, one scope at a time ──
// Every check across articles compares figures of one metric and unit within one district (a running total
// of a place, one figure reported twice, streets against their district), so the figures of one
// (metric, unit, district) are all a scope's checks need: an editor's write recomputes the scopes it touched,
// not every figure in the database.

/** The figures one check across articles can compare: one effective metric and unit, one district (or none). */
export interface CrossScope { metric: string; unit: string; district: string | null }

export function scopeKey(s: CrossScope): string {
  return `${s.metric}\u0000${s.unit}\u0000${s.district ?? ''}`;
}

/**
 * The scopes figures are in now, by their ids or their articles'; only of figures that take part in checks
 * across articles as they are now (placed by their text, not rejected, not synthetic): a figure that takes
 * no part has no such checks to change.
 */
export async function crossScopesOf(db: Sql, by: { factIds?: readonly number[]; articleIds?: readonly number[] }): Promise<CrossScope[]> {
  const scopes = new Map<string, CrossScope>();
  for (const [column, ids] of [['f.id', by.factIds ?? []], ['f.article_id', by.articleIds ?? []]] as const) {
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500);
      const rows = await db.all<CrossScope>(`SELECT DISTINCT f.effective_metric AS metric, f.effective_unit AS unit, f.district_code AS district
        FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN sources s ON s.id = a.source_id
        WHERE ${column} IN (${slice.map(() => '?').join(', ')}) AND ${CROSS_CHECKED}`, slice);
      for (const r of rows) scopes.set(scopeKey(r), r);
    }
  }
  // in one order on every engine (DISTINCT's is the engine's own), so checks are recomputed, and numbered, alike
  return [...scopes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, scope]) => scope);
}

/**
 * The figures of one scope that checks across articles take (as factsForCrossChecks, restricted), through
 * the dashboard's index on district and effective metric and unit (corrected figures are found under the
 * metric and unit they were corrected to).
 */
export async function factsForCrossChecksIn(db: Sql, scope: CrossScope): Promise<CheckFact[]> {
  const district = scope.district === null ? 'f.district_code IS NULL' : 'f.district_code = ?';
  const districtParams: Param[] = scope.district === null ? [] : [scope.district];
  const rows = await db.all<CheckFactRow>(`SELECT ${CHECK_FACT_COLUMNS}, a.title AS "articleTitle"
    FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN sources s ON s.id = a.source_id
    WHERE ${district} AND f.effective_metric = ? AND f.effective_unit = ? AND ${CROSS_CHECKED} ORDER BY f.id`,
  [...districtParams, scope.metric, scope.unit]);
  return rows.map(asCheckFact);
}

/** What makes two checks the same: everything but their id and the time they were computed. */
function signature(c: {
  kind: string; verdict: string; metric: string; date: string | null; stated: number | null; expected: number | null;
  difference: number | null; arithmetic: string; note: string | null; facts: readonly { factId: number; role: string }[];
}): string {
  const facts = [...new Map(c.facts.map((f) => [f.factId, f.role])).entries()].sort((a, b) => a[0] - b[0]);
  return JSON.stringify([c.kind, c.verdict, c.metric, c.date ?? null, c.stated ?? null, c.expected ?? null, c.difference ?? null, c.arithmetic, c.note ?? null, facts]);
}

/**
 * Makes the checks across articles that involve any of `factIds` (the figures of the scopes being
 * recomputed, and those an editor's write moved out of them) exactly `drafts`, in one transaction. Only
 * what changed is written: a review usually changes a check or two of the hundreds in its scope.
 */
export async function replaceCrossChecksOf(db: Sql, factIds: readonly number[], drafts: readonly CheckDraft[]): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = new Map<number, Check & { facts: { factId: number; role: string }[] }>();
    for (let i = 0; i < factIds.length; i += 500) {
      const slice = factIds.slice(i, i + 500);
      const rows = await tx.all<Check & { factId: number; role: string }>(`SELECT ${CHECK_COLUMNS}, cf.fact_id AS "factId", cf.role
        FROM checks c JOIN check_facts cf ON cf.check_id = c.id
        WHERE c.article_id IS NULL AND c.id IN (SELECT l.check_id FROM check_facts l WHERE l.fact_id IN (${slice.map(() => '?').join(', ')}))`, slice);
      for (const { factId, role, ...check } of rows) {
        const entry = existing.get(check.id) ?? { ...check, facts: [] };
        if (!entry.facts.some((f) => f.factId === factId)) entry.facts.push({ factId, role });
        existing.set(check.id, entry);
      }
    }
    // each wanted check kept once when it is already stored; the rest of the stored ones go
    const wanted = new Map<string, CheckDraft[]>();
    for (const d of drafts) wanted.set(signature(d), [...(wanted.get(signature(d)) ?? []), d]);
    const stale: number[] = [];
    for (const check of existing.values()) {
      const same = wanted.get(signature(check));
      if (same?.length) same.pop(); else stale.push(check.id);
    }
    for (let i = 0; i < stale.length; i += 500) {
      const slice = stale.slice(i, i + 500);
      await tx.run(`DELETE FROM checks WHERE id IN (${slice.map(() => '?').join(', ')})`, slice);
    }
    await insertDrafts(tx, null, [...wanted.values()].flat());
  });
}

/** The checks across articles of an article's figures go first when the article is deleted (they would lose their links). */
export async function deleteCrossChecksOfArticle(db: Sql, articleId: number): Promise<void> {
  await db.run(`DELETE FROM checks WHERE article_id IS NULL AND id IN (SELECT cf.check_id FROM check_facts cf
    JOIN facts f ON f.id = cf.fact_id WHERE f.article_id = ?)`, [articleId]);
}

async function insertDrafts(db: Sql, articleId: number | null, drafts: readonly CheckDraft[]): Promise<void> {
  const computedAt = new Date().toISOString().slice(0, 19) + 'Z';
  for (const d of drafts) {
    const seen = new Set<number>();
    const links = d.facts.filter((f) => !seen.has(f.factId) && seen.add(f.factId));
    const district = districtOf(articleId, links.map((l) => l.factId));
    const row = await db.get<{ id: number; districtCode: string | null }>(`INSERT INTO checks
      (kind, article_id, verdict, metric, date, stated, expected, difference, arithmetic, note, computed_at, district_code)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${district.sql}) RETURNING id, district_code AS "districtCode"`,
    [d.kind, articleId, d.verdict, d.metric, d.date, d.stated, d.expected, d.difference, d.arithmetic, d.note, computedAt, ...district.params]);
    if (!links.length) continue;
    const params: Param[] = [];
    for (const link of links) params.push(row!.id, link.factId, link.role, row!.districtCode);
    await db.run(`INSERT INTO check_facts (check_id, fact_id, role, district_code) VALUES ${links.map(() => '(?, ?, ?, ?)').join(', ')}`, params);
  }
}

/** Replaces the checks of one article (or, with null, the checks across articles) in one transaction. */
export async function replaceChecks(db: Sql, articleId: number | null, drafts: readonly CheckDraft[]): Promise<void> {
  await db.transaction(async (tx) => {
    if (articleId === null) await tx.run('DELETE FROM checks WHERE article_id IS NULL');
    else await tx.run('DELETE FROM checks WHERE article_id = ?', [articleId]);
    await insertDrafts(tx, articleId, drafts);
  });
}

/**
 * Replaces the checks of one article, as replaceChecks does, inside a transaction (or savepoint) of the
 * caller's, so a failure leaves none of the article's checks half-stored: the bulk writer stores the checks
 * its workers computed this way, thousands a second.
 */
export async function storeArticleChecks(tx: Sql, articleId: number, drafts: readonly CheckDraft[]): Promise<void> {
  await tx.run('DELETE FROM checks WHERE article_id = ?', [articleId]);
  await insertDrafts(tx, articleId, drafts);
}

export interface CheckedFigure {
  factId: number; role: CheckRole; text: string; value: number; unit: string; qualifier: string;
  reviewStatus: string; articleId: number; articleTitle: string | null;
  /** what the checks' working names a figure by when it compares reports (lib/checks/explain.ts) */
  date: string | null; district: string | null; street: string | null; community: string | null;
}

export interface CheckView extends Omit<Check, 'kind' | 'verdict'> {
  kind: CheckKind;
  verdict: Verdict;
  figures: CheckedFigure[];
}

async function withFigures(db: Sql, rows: Check[]): Promise<CheckView[]> {
  if (!rows.length) return [];
  const figures = new Map<number, CheckedFigure[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const linked = await db.all<CheckedFigure & { checkId: number }>(`SELECT cf.check_id AS "checkId", cf.fact_id AS "factId", cf.role, f.text,
        f.effective_value AS value, f.effective_unit AS unit, f.qualifier, f.review_status AS "reviewStatus", f.article_id AS "articleId", a.title AS "articleTitle",
        f.date, f.district, f.street, f.community
      FROM check_facts cf JOIN facts f ON f.id = cf.fact_id JOIN articles a ON a.id = f.article_id
      WHERE cf.check_id IN (${slice.map(() => '?').join(', ')}) ORDER BY f.article_id, f.start`, slice);
    for (const { checkId, ...figure } of linked) {
      const list = figures.get(checkId) ?? [];
      list.push(figure);
      figures.set(checkId, list);
    }
  }
  return rows.map((r) => ({ ...r, kind: r.kind as CheckKind, verdict: r.verdict as Verdict, figures: figures.get(r.id) ?? [] }));
}

const VERDICT_ORDER = "CASE c.verdict WHEN 'off' THEN 0 WHEN 'cannot_tell' THEN 1 ELSE 2 END";

/** The checks a figure takes part in, problems first. */
export async function checksForFact(db: Sql, factId: number): Promise<CheckView[]> {
  const rows = await db.all<Check>(`SELECT ${CHECK_COLUMNS} FROM checks c JOIN check_facts cf ON cf.check_id = c.id
    WHERE cf.fact_id = ? ORDER BY ${VERDICT_ORDER}, c.id`, [factId]);
  return withFigures(db, rows);
}

/** The checks inside an article and those across articles touching its figures, problems first. */
export async function checksForArticle(db: Sql, articleId: number): Promise<CheckView[]> {
  const rows = await db.all<Check>(`SELECT ${CHECK_COLUMNS} FROM checks c
    WHERE c.article_id = ? OR c.id IN (SELECT cf.check_id FROM check_facts cf JOIN facts f ON f.id = cf.fact_id WHERE f.article_id = ?)
    ORDER BY ${VERDICT_ORDER}, c.id`, [articleId, articleId]);
  return withFigures(db, rows);
}

export interface CheckQuery { kind?: CheckKind; verdict?: Verdict; limit?: number; offset?: number }

function checkConditions(filters: Filters, query: CheckQuery): { sql: string; params: Param[] } {
  const where: string[] = ['1 = 1'];
  const params: Param[] = [];
  const add = (clause: string, ...values: Param[]) => { where.push(clause); params.push(...values); };
  if (query.kind) add('c.kind = ?', query.kind);
  if (query.verdict) add('c.verdict = ?', query.verdict);
  if (filters.metric) add(anyOfSql('c.metric', filters.metric), ...filters.metric);
  if (filters.from) add('c.date >= ?', filters.from);
  if (filters.to) add('c.date <= ?', filters.to);
  // place, qualifier, source and facets: a check is shown when any of its figures matches, as the dashboard filters figures
  const { district, street, community, qualifier, source, review_status, object_class, action_class } = filters;
  const figure = factConditions({ district, street, community, qualifier, source, review_status, object_class, action_class }, { includeRejected: true });
  if (figure.clauses.length) {
    add(`EXISTS (SELECT 1 FROM check_facts cf JOIN facts f ON f.id = cf.fact_id WHERE cf.check_id = c.id AND ${figure.clauses.join(' AND ')})`, ...figure.params);
  }
  return { sql: where.join(' AND '), params };
}

/** Checks matching the dashboard's filters, problems first, then by date (newest first). */
export async function listChecks(db: Sql, filters: Filters, query: CheckQuery = {}): Promise<CheckView[]> {
  const w = checkConditions(filters, query);
  const rows = await db.all<Check>(`SELECT ${CHECK_COLUMNS} FROM checks c WHERE ${w.sql}
    ORDER BY ${VERDICT_ORDER}, c.date DESC NULLS LAST, c.id LIMIT ? OFFSET ?`, [...w.params, query.limit ?? 1000, query.offset ?? 0]);
  return withFigures(db, rows);
}

/** How many checks match, per verdict. */
export async function countChecks(db: Sql, filters: Filters, query: Omit<CheckQuery, 'verdict' | 'limit' | 'offset'> = {}): Promise<Record<Verdict, number>> {
  const counts: Record<Verdict, number> = { holds: 0, off: 0, cannot_tell: 0 };
  const w = checkConditions(filters, query);
  const rows = await db.all<{ verdict: string; n: number }>(`SELECT c.verdict, count(*) AS n FROM checks c WHERE ${w.sql} GROUP BY c.verdict`, w.params);
  for (const r of rows) counts[r.verdict as Verdict] = r.n;
  return counts;
}
