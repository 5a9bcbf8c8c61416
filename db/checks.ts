// Every SQL statement of fact-checking: loading figures as editors left them, storing verdicts, listing them.
import type Database from 'better-sqlite3';
import { and, asc, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { articles, checkFacts, checks, facts, sources, type Check } from './schema';
import type { Filters } from '../lib/filters';
import type { CheckDraft, CheckFact, CheckKind, CheckRole, Verdict } from '../lib/checks/types';

/** A figure's value/unit/metric as checked: an editor's correction wins over the extraction. */
const corrected = sql`${facts.reviewStatus} = 'corrected'`;
const checkFactColumns = {
  id: facts.id,
  articleId: facts.articleId,
  value: sql<number>`CASE WHEN ${corrected} THEN coalesce(${facts.correctedValue}, ${facts.value}) ELSE ${facts.value} END`,
  unit: sql<string>`CASE WHEN ${corrected} THEN coalesce(${facts.correctedUnit}, ${facts.unit}) ELSE ${facts.unit} END`,
  metric: sql<string>`CASE WHEN ${corrected} THEN coalesce(${facts.correctedMetric}, ${facts.metric}) ELSE ${facts.metric} END`,
  qualifier: facts.qualifier,
  text: facts.text,
  start: facts.start,
  end: facts.end,
  sentenceStart: facts.sentenceStart,
  sentenceEnd: facts.sentenceEnd,
  district: facts.district, districtCode: facts.districtCode,
  street: facts.street, streetCode: facts.streetCode,
  community: facts.community, communityCode: facts.communityCode,
  placeProvenance: facts.placeProvenance,
  date: facts.date,
  dateProvenance: facts.dateProvenance,
  cumulative: facts.cumulative,
};

/** An article's text and its figures (rejected ones left out), for the checks inside it. */
export function articleForChecks(db: Db, articleId: number): { text: string; facts: CheckFact[] } | undefined {
  const article = db.select({ text: articles.text }).from(articles).where(eq(articles.id, articleId)).get();
  if (!article) return undefined;
  const rows = db.select(checkFactColumns).from(facts)
    .where(and(eq(facts.articleId, articleId), ne(facts.reviewStatus, 'rejected'))).orderBy(asc(facts.start)).all();
  return { text: article.text, facts: rows };
}

/** Every real figure (not rejected, not from a synthetic benchmark source), for checks across articles. */
export function factsForCrossChecks(db: Db): CheckFact[] {
  return db.select({ ...checkFactColumns, articleTitle: articles.title }).from(facts)
    .innerJoin(articles, eq(articles.id, facts.articleId))
    .leftJoin(sources, eq(sources.id, articles.sourceId))
    .where(and(ne(facts.reviewStatus, 'rejected'), sql`coalesce(${sources.synthetic}, 0) = 0`))
    .orderBy(asc(facts.id)).all();
}

function insertDrafts(db: Db, articleId: number | null, drafts: CheckDraft[]): void {
  for (const d of drafts) {
    const { id } = db.insert(checks).values({
      kind: d.kind, articleId, verdict: d.verdict, metric: d.metric, date: d.date,
      stated: d.stated, expected: d.expected, difference: d.difference, arithmetic: d.arithmetic, note: d.note,
    }).returning({ id: checks.id }).get();
    const seen = new Set<number>();
    const links = d.facts.filter((f) => !seen.has(f.factId) && seen.add(f.factId));
    if (links.length) db.insert(checkFacts).values(links.map((f) => ({ checkId: id, factId: f.factId, role: f.role }))).run();
  }
}

/** Replaces the checks of one article (or, with null, the checks across articles) in one transaction. */
export function replaceChecks(db: Db, articleId: number | null, drafts: CheckDraft[]): void {
  db.transaction((tx) => {
    const t = tx as unknown as Db;
    t.delete(checks).where(articleId === null ? isNull(checks.articleId) : eq(checks.articleId, articleId)).run();
    insertDrafts(t, articleId, drafts);
  });
}

const articleCheckStatements = new WeakMap<Database.Database, { clear: Database.Statement; check: Database.Statement; link: Database.Statement }>();

/**
 * Replaces the checks of one article, as replaceChecks does, with statements prepared once per connection:
 * the bulk writer stores the checks its workers computed this way, thousands a second. Run it inside a
 * transaction (or savepoint) of the caller's, so a failure leaves none of the article's checks half-stored.
 */
export function storeArticleChecks(db: Db, articleId: number, drafts: readonly CheckDraft[]): void {
  const client = db.$client;
  let s = articleCheckStatements.get(client);
  if (!s) {
    s = {
      clear: client.prepare('DELETE FROM checks WHERE article_id = ?'),
      check: client.prepare(`INSERT INTO checks (kind, article_id, verdict, metric, date, stated, expected, difference, arithmetic, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      link: client.prepare('INSERT INTO check_facts (check_id, fact_id, role) VALUES (?, ?, ?)'),
    };
    articleCheckStatements.set(client, s);
  }
  s.clear.run(articleId);
  for (const d of drafts) {
    const checkId = s.check.run(d.kind, articleId, d.verdict, d.metric, d.date, d.stated, d.expected, d.difference, d.arithmetic, d.note).lastInsertRowid;
    const seen = new Set<number>();
    for (const f of d.facts) {
      if (seen.has(f.factId)) continue;
      seen.add(f.factId);
      s.link.run(checkId, f.factId, f.role);
    }
  }
}

export interface CheckedFigure {
  factId: number; role: CheckRole; text: string; value: number; unit: string;
  reviewStatus: string; articleId: number; articleTitle: string | null;
}

export interface CheckView extends Omit<Check, 'kind' | 'verdict'> {
  kind: CheckKind;
  verdict: Verdict;
  figures: CheckedFigure[];
}

function withFigures(db: Db, rows: Check[]): CheckView[] {
  if (!rows.length) return [];
  const figures = new Map<number, CheckedFigure[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const linked = db.select({
      checkId: checkFacts.checkId, factId: checkFacts.factId, role: checkFacts.role, text: facts.text,
      value: facts.value, unit: facts.unit, reviewStatus: facts.reviewStatus, articleId: facts.articleId, articleTitle: articles.title,
    }).from(checkFacts).innerJoin(facts, eq(facts.id, checkFacts.factId)).innerJoin(articles, eq(articles.id, facts.articleId))
      .where(inArray(checkFacts.checkId, ids.slice(i, i + 500))).orderBy(asc(facts.articleId), asc(facts.start)).all();
    for (const { checkId, ...figure } of linked) {
      const list = figures.get(checkId) ?? [];
      list.push({ ...figure, role: figure.role as CheckRole });
      figures.set(checkId, list);
    }
  }
  return rows.map((r) => ({ ...r, kind: r.kind as CheckKind, verdict: r.verdict as Verdict, figures: figures.get(r.id) ?? [] }));
}

const VERDICT_ORDER = sql`CASE ${checks.verdict} WHEN 'off' THEN 0 WHEN 'cannot_tell' THEN 1 ELSE 2 END`;

/** The checks a figure takes part in, problems first. */
export function checksForFact(db: Db, factId: number): CheckView[] {
  const rows = db.select({ check: checks }).from(checks).innerJoin(checkFacts, eq(checkFacts.checkId, checks.id))
    .where(eq(checkFacts.factId, factId)).orderBy(VERDICT_ORDER, asc(checks.id)).all().map((r) => r.check);
  return withFigures(db, rows);
}

/** The checks inside an article and those across articles touching its figures, problems first. */
export function checksForArticle(db: Db, articleId: number): CheckView[] {
  const touching = db.select({ id: checkFacts.checkId }).from(checkFacts).innerJoin(facts, eq(facts.id, checkFacts.factId))
    .where(eq(facts.articleId, articleId));
  const rows = db.select().from(checks)
    .where(sql`${checks.articleId} = ${articleId} OR ${checks.id} IN ${touching}`)
    .orderBy(VERDICT_ORDER, asc(checks.id)).all();
  return withFigures(db, rows);
}

export interface CheckQuery { kind?: CheckKind; verdict?: Verdict; limit?: number; offset?: number }

function checkConditions(filters: Filters, query: CheckQuery): SQL[] {
  const where: SQL[] = [];
  if (query.kind) where.push(eq(checks.kind, query.kind));
  if (query.verdict) where.push(eq(checks.verdict, query.verdict));
  if (filters.metric) where.push(eq(checks.metric, filters.metric));
  if (filters.from) where.push(sql`${checks.date} >= ${filters.from}`);
  if (filters.to) where.push(sql`${checks.date} <= ${filters.to}`);
  // place, qualifier and source: a check is shown when any of its figures matches, as the dashboard filters figures
  const figure: SQL[] = [];
  if (filters.district) figure.push(sql`f.district_code = ${filters.district}`);
  if (filters.street) figure.push(sql`f.street_code = ${filters.street}`);
  if (filters.community) figure.push(sql`f.community_code = ${filters.community}`);
  if (filters.qualifier) figure.push(sql`f.qualifier = ${filters.qualifier}`);
  if (filters.source) figure.push(sql`s.name = ${filters.source}`);
  if (figure.length) {
    where.push(sql`EXISTS (SELECT 1 FROM check_facts cf JOIN facts f ON f.id = cf.fact_id JOIN articles a ON a.id = f.article_id
      LEFT JOIN sources s ON s.id = a.source_id WHERE cf.check_id = ${checks.id} AND ${sql.join(figure, sql` AND `)})`);
  }
  return where;
}

/** Checks matching the dashboard's filters, problems first, then by date (newest first). */
export function listChecks(db: Db, filters: Filters, query: CheckQuery = {}): CheckView[] {
  const rows = db.select().from(checks).where(and(...checkConditions(filters, query)))
    .orderBy(VERDICT_ORDER, desc(checks.date), asc(checks.id))
    .limit(query.limit ?? 1000).offset(query.offset ?? 0).all();
  return withFigures(db, rows);
}

/** How many checks match, per verdict. */
export function countChecks(db: Db, filters: Filters, query: Omit<CheckQuery, 'verdict' | 'limit' | 'offset'> = {}): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { holds: 0, off: 0, cannot_tell: 0 };
  const rows = db.select({ verdict: checks.verdict, n: sql<number>`count(*)` }).from(checks)
    .where(and(...checkConditions(filters, query))).groupBy(checks.verdict).all();
  for (const r of rows) counts[r.verdict as Verdict] = r.n;
  return counts;
}
