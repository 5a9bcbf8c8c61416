// The SQL of crawling (lib/crawl): sources' crawl settings, crawl runs, the state of every address met,
// and cached robots.txt files. Every function is async so callers already await what will become a
// dialect-neutral layer; the SQL is portable (ON CONFLICT upserts, ISO-text timestamps made by the caller).
import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { sourceIdFor } from './ingest';
import { articles, crawlRobots, crawlRuns, crawlSources, crawlState, sources, type CrawlRun, type CrawlStateRow } from './schema';

// ── Sources and their crawl settings ──

export interface CrawlSourceSettings {
  name: string;
  district: string | null;
  startUrls: string[];
  delaySeconds: number | null;
  maxPages: number | null;
  maxDepth: number | null;
  schedule: string;
}

export interface StoredCrawlSource extends CrawlSourceSettings { sourceId: number; updatedAt: string }

/** Creates or updates a source's crawl settings (and the source itself); returns the source's id. */
export async function saveCrawlSource(db: Db, settings: CrawlSourceSettings, now: string): Promise<number> {
  const sourceId = sourceIdFor(db, settings.name, settings.district, false);
  if (settings.district) db.update(sources).set({ district: settings.district }).where(eq(sources.id, sourceId)).run();
  const row = {
    sourceId, startUrls: JSON.stringify(settings.startUrls), delaySeconds: settings.delaySeconds, maxPages: settings.maxPages,
    maxDepth: settings.maxDepth, schedule: settings.schedule, updatedAt: now,
  };
  const { sourceId: _id, ...update } = row;
  db.insert(crawlSources).values(row).onConflictDoUpdate({ target: crawlSources.sourceId, set: update }).run();
  return sourceId;
}

const sourceColumns = {
  sourceId: crawlSources.sourceId, name: sources.name, district: sources.district, startUrls: crawlSources.startUrls,
  delaySeconds: crawlSources.delaySeconds, maxPages: crawlSources.maxPages, maxDepth: crawlSources.maxDepth,
  schedule: crawlSources.schedule, updatedAt: crawlSources.updatedAt,
};

type SourceRow = { startUrls: string } & Omit<StoredCrawlSource, 'startUrls'>;
const parsed = (row: SourceRow | undefined): StoredCrawlSource | null => (row ? { ...row, startUrls: JSON.parse(row.startUrls) as string[] } : null);

export async function crawlSourceById(db: Db, sourceId: number): Promise<StoredCrawlSource | null> {
  return parsed(db.select(sourceColumns).from(crawlSources).innerJoin(sources, eq(sources.id, crawlSources.sourceId)).where(eq(crawlSources.sourceId, sourceId)).get());
}

export async function crawlSourceByName(db: Db, name: string): Promise<StoredCrawlSource | null> {
  return parsed(db.select(sourceColumns).from(crawlSources).innerJoin(sources, eq(sources.id, crawlSources.sourceId)).where(eq(sources.name, name)).get());
}

export interface SourceOverview extends StoredCrawlSource {
  articles: number;
  /** addresses met, by what came of them */
  states: Record<string, number>;
  lastRun: CrawlRun | null;
}

/** Every source with crawl settings, by name, with its article count, its addresses by result and its last crawl. */
export async function crawlSourcesOverview(db: Db): Promise<SourceOverview[]> {
  const rows = db.select({ ...sourceColumns, articles: sql<number>`(SELECT count(*) FROM articles a WHERE a.source_id = ${crawlSources.sourceId})` })
    .from(crawlSources).innerJoin(sources, eq(sources.id, crawlSources.sourceId)).orderBy(sources.name).all();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.sourceId);
  const states = db.select({ sourceId: crawlState.sourceId, result: crawlState.result, n: sql<number>`count(*)` })
    .from(crawlState).where(inArray(crawlState.sourceId, ids)).groupBy(crawlState.sourceId, crawlState.result).all();
  const latest = db.select().from(crawlRuns)
    .where(sql`${crawlRuns.id} IN (SELECT max(r.id) FROM crawl_runs r WHERE r.source_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) GROUP BY r.source_id)`).all();
  return rows.map((r) => {
    const byResult: Record<string, number> = {};
    for (const s of states) if (s.sourceId === r.sourceId) byResult[s.result] = s.n;
    return { ...parsed(r)!, articles: r.articles, states: byResult, lastRun: latest.find((run) => run.sourceId === r.sourceId) ?? null };
  });
}

// ── Runs ──

export interface RunCounts { pages: number; added: number; figures: number; duplicates: number; unchanged: number; skipped: number; failed: number }

/**
 * Starts a run unless the source has one running: marks runs whose heartbeat is older than `staleBefore`
 * interrupted (their process died), then inserts; the partial unique index on running runs makes a second
 * claim for the same source insert nothing. Returns the run's id, or null when the source is busy.
 */
export async function claimRun(db: Db, claim: { sourceId: number | null; trigger: 'cli' | 'web'; now: string; staleBefore: string }): Promise<number | null> {
  db.update(crawlRuns).set({ status: 'interrupted', finishedAt: claim.now, message: 'the crawl stopped without finishing (its process ended)' })
    .where(and(eq(crawlRuns.status, 'running'), lt(crawlRuns.heartbeatAt, claim.staleBefore), claim.sourceId === null ? isNull(crawlRuns.sourceId) : eq(crawlRuns.sourceId, claim.sourceId))).run();
  // the conflict target names the partial index's predicate, as SQLite and PostgreSQL both require
  const row = db.get<{ id: number } | undefined>(sql`INSERT INTO crawl_runs (source_id, "trigger", status, started_at, heartbeat_at)
    VALUES (${claim.sourceId}, ${claim.trigger}, 'running', ${claim.now}, ${claim.now})
    ON CONFLICT (source_id) WHERE status = 'running' DO NOTHING RETURNING id`);
  return row?.id ?? null;
}

export async function recordRunProgress(db: Db, runId: number, counts: RunCounts, now: string): Promise<void> {
  db.update(crawlRuns).set({ ...counts, heartbeatAt: now }).where(eq(crawlRuns.id, runId)).run();
}

export async function finishRun(db: Db, runId: number, status: 'finished' | 'stopped' | 'failed' | 'interrupted', counts: RunCounts, message: string | null, now: string): Promise<void> {
  db.update(crawlRuns).set({ ...counts, status, message, heartbeatAt: now, finishedAt: now }).where(eq(crawlRuns.id, runId)).run();
}

export async function runById(db: Db, runId: number): Promise<CrawlRun | null> {
  return db.select().from(crawlRuns).where(eq(crawlRuns.id, runId)).get() ?? null;
}

export async function runningRunOf(db: Db, sourceId: number): Promise<CrawlRun | null> {
  return db.select().from(crawlRuns).where(and(eq(crawlRuns.sourceId, sourceId), eq(crawlRuns.status, 'running'))).get() ?? null;
}

// ── The state of addresses ──

export async function stateOf(db: Db, url: string): Promise<CrawlStateRow | null> {
  return db.select().from(crawlState).where(eq(crawlState.url, url)).get() ?? null;
}

export interface FoundAddress {
  url: string; sourceId: number | null; kind: string; depth: number; foundOn: string | null;
  listedDate: string | null; listedTitle: string | null;
}

const FOUND_PER_INSERT = 200;

/**
 * Records addresses a listing led to, as pending unless already known; a known one keeps its result and
 * gains the listing's date and title when it had none.
 */
export async function recordFound(db: Db, found: readonly FoundAddress[], runId: number | null, now: string): Promise<void> {
  for (let i = 0; i < found.length; i += FOUND_PER_INSERT) {
    const rows = found.slice(i, i + FOUND_PER_INSERT).map((f) => ({ ...f, result: 'pending', foundAt: now, runId }));
    db.insert(crawlState).values(rows).onConflictDoUpdate({
      target: crawlState.url,
      set: {
        listedDate: sql`coalesce(${crawlState.listedDate}, excluded.listed_date)`,
        listedTitle: sql`coalesce(${crawlState.listedTitle}, excluded.listed_title)`,
      },
    }).run();
  }
}

export interface FetchResult {
  url: string; sourceId: number | null; kind: string; depth: number; foundOn: string | null;
  result: 'listed' | 'stored' | 'duplicate' | 'unchanged' | 'skipped' | 'failed';
  reason: string | null; message: string | null; httpStatus: number | null;
  /** undefined keeps what is stored (a 304 keeps the validators and links of the 200 before it) */
  etag?: string | null; lastModified?: string | null; links?: string | null;
  finalUrl: string | null; articleId: number | null; fetchedAt: string; runId: number | null;
}

/** What came of fetching an address (inserting it when it was never recorded). */
export async function recordFetch(db: Db, r: FetchResult): Promise<void> {
  const set = {
    kind: r.kind, result: r.result, reason: r.reason, message: r.message, httpStatus: r.httpStatus, finalUrl: r.finalUrl,
    articleId: r.articleId, fetchedAt: r.fetchedAt, runId: r.runId,
    ...(r.sourceId !== null ? { sourceId: r.sourceId } : {}),
    ...(r.etag !== undefined ? { etag: r.etag } : {}),
    ...(r.lastModified !== undefined ? { lastModified: r.lastModified } : {}),
    ...(r.links !== undefined ? { links: r.links } : {}),
  };
  db.insert(crawlState).values({ url: r.url, sourceId: r.sourceId, depth: r.depth, foundOn: r.foundOn, foundAt: r.fetchedAt, ...set })
    .onConflictDoUpdate({ target: crawlState.url, set }).run();
}

/** An article stored from this address (by the crawler or by an editor who gave its link), if any. */
export async function articleIdByUrl(db: Db, url: string): Promise<number | null> {
  return db.select({ id: articles.id }).from(articles).where(eq(articles.url, url)).limit(1).get()?.id ?? null;
}

/** The latest failures of a source's addresses, newest first. */
export async function recentFailures(db: Db, sourceId: number, limit: number) {
  return db.select({ url: crawlState.url, reason: crawlState.reason, message: crawlState.message, httpStatus: crawlState.httpStatus, fetchedAt: crawlState.fetchedAt })
    .from(crawlState).where(and(eq(crawlState.sourceId, sourceId), eq(crawlState.result, 'failed')))
    .orderBy(desc(crawlState.fetchedAt)).limit(limit).all();
}

// ── robots.txt ──

export interface RobotsRow { origin: string; body: string; httpStatus: number; etag: string | null; lastModified: string | null; fetchedAt: string }

export async function loadRobots(db: Db, origin: string): Promise<RobotsRow | null> {
  return db.select().from(crawlRobots).where(eq(crawlRobots.origin, origin)).get() ?? null;
}

export async function saveRobots(db: Db, row: RobotsRow): Promise<void> {
  const { origin: _o, ...set } = row;
  db.insert(crawlRobots).values(row).onConflictDoUpdate({ target: crawlRobots.origin, set }).run();
}
