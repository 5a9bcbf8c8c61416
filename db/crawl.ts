// The SQL of crawling (lib/crawl): sources' crawl settings, crawl runs, the state of every address met,
// and cached robots.txt files. Neutral SQL (see db/sql.ts): ON CONFLICT upserts, ISO-text timestamps made
// by the caller.
import type { Param, Sql } from './client';
import { sourceIdFor } from './ingest';

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
export async function saveCrawlSource(db: Sql, settings: CrawlSourceSettings, now: string): Promise<number> {
  return db.transaction(async (tx) => {
    const sourceId = await sourceIdFor(tx, settings.name, settings.district, false);
    if (settings.district) await tx.run('UPDATE sources SET district = ? WHERE id = ?', [settings.district, sourceId]);
    await tx.run(`INSERT INTO crawl_sources (source_id, start_urls, delay_seconds, max_pages, max_depth, schedule, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (source_id) DO UPDATE SET start_urls = excluded.start_urls, delay_seconds = excluded.delay_seconds,
        max_pages = excluded.max_pages, max_depth = excluded.max_depth, schedule = excluded.schedule, updated_at = excluded.updated_at`,
    [sourceId, JSON.stringify(settings.startUrls), settings.delaySeconds, settings.maxPages, settings.maxDepth, settings.schedule, now]);
    return sourceId;
  });
}

const SOURCE_COLUMNS = `c.source_id AS "sourceId", s.name, s.district, c.start_urls AS "startUrls", c.delay_seconds AS "delaySeconds",
  c.max_pages AS "maxPages", c.max_depth AS "maxDepth", c.schedule, c.updated_at AS "updatedAt"`;

type SourceRow = { startUrls: string } & Omit<StoredCrawlSource, 'startUrls'>;
const parsed = (row: SourceRow | undefined): StoredCrawlSource | null => (row ? { ...row, startUrls: JSON.parse(row.startUrls) as string[] } : null);

export async function crawlSourceById(db: Sql, sourceId: number): Promise<StoredCrawlSource | null> {
  return parsed(await db.get<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM crawl_sources c JOIN sources s ON s.id = c.source_id WHERE c.source_id = ?`, [sourceId]));
}

export async function crawlSourceByName(db: Sql, name: string): Promise<StoredCrawlSource | null> {
  return parsed(await db.get<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM crawl_sources c JOIN sources s ON s.id = c.source_id WHERE s.name = ?`, [name]));
}

/** One crawl of a source (or of addresses named on the command line). */
export interface CrawlRun {
  id: number; sourceId: number | null; trigger: string; status: string;
  startedAt: string; heartbeatAt: string; finishedAt: string | null;
  pages: number; added: number; figures: number; duplicates: number; unchanged: number; skipped: number; failed: number;
  message: string | null;
}

const RUN_COLUMNS = `r.id, r.source_id AS "sourceId", r."trigger", r.status, r.started_at AS "startedAt", r.heartbeat_at AS "heartbeatAt",
  r.finished_at AS "finishedAt", r.pages, r.added, r.figures, r.duplicates, r.unchanged, r.skipped, r.failed, r.message`;

export interface SourceOverview extends StoredCrawlSource {
  articles: number;
  /** addresses met, by what came of them */
  states: Record<string, number>;
  lastRun: CrawlRun | null;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Every source with crawl settings, by name, with its article count, its addresses by result and its last crawl. */
export async function crawlSourcesOverview(db: Sql): Promise<SourceOverview[]> {
  const rows = await db.all<SourceRow & { articles: number }>(`SELECT ${SOURCE_COLUMNS},
      (SELECT count(*) FROM articles a WHERE a.source_id = c.source_id) AS articles
    FROM crawl_sources c JOIN sources s ON s.id = c.source_id ORDER BY s.name`);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.sourceId);
  const states = await db.all<{ sourceId: number; result: string; n: number }>(`SELECT source_id AS "sourceId", result, count(*) AS n
    FROM crawl_state WHERE source_id IN (${placeholders(ids.length)}) GROUP BY source_id, result`, ids);
  const latest = await db.all<CrawlRun>(`SELECT ${RUN_COLUMNS} FROM crawl_runs r
    WHERE r.id IN (SELECT max(x.id) FROM crawl_runs x WHERE x.source_id IN (${placeholders(ids.length)}) GROUP BY x.source_id)`, ids);
  return rows.map((r) => {
    const byResult: Record<string, number> = {};
    for (const s of states) if (s.sourceId === r.sourceId) byResult[s.result] = s.n;
    const { articles, ...source } = r;
    return { ...parsed(source)!, articles, states: byResult, lastRun: latest.find((run) => run.sourceId === r.sourceId) ?? null };
  });
}

// ── Runs ──

export interface RunCounts { pages: number; added: number; figures: number; duplicates: number; unchanged: number; skipped: number; failed: number }

const countParams = (c: RunCounts): Param[] => [c.pages, c.added, c.figures, c.duplicates, c.unchanged, c.skipped, c.failed];
const SET_COUNTS = 'pages = ?, added = ?, figures = ?, duplicates = ?, unchanged = ?, skipped = ?, failed = ?';

/**
 * Starts a run unless the source has one running: marks runs whose heartbeat is older than `staleBefore`
 * interrupted (their process died), then inserts; the partial unique index on running runs makes a second
 * claim for the same source insert nothing. Returns the run's id, or null when the source is busy.
 */
export async function claimRun(db: Sql, claim: { sourceId: number | null; trigger: 'cli' | 'web'; now: string; staleBefore: string }): Promise<number | null> {
  await db.run(`UPDATE crawl_runs SET status = 'interrupted', finished_at = ?, message = 'the crawl stopped without finishing (its process ended)'
    WHERE status = 'running' AND heartbeat_at < ? AND ${claim.sourceId === null ? 'source_id IS NULL' : 'source_id = ?'}`,
  claim.sourceId === null ? [claim.now, claim.staleBefore] : [claim.now, claim.staleBefore, claim.sourceId]);
  // the conflict target names the partial index's predicate, as SQLite and PostgreSQL both require
  const row = await db.get<{ id: number }>(`INSERT INTO crawl_runs (source_id, "trigger", status, started_at, heartbeat_at)
    VALUES (?, ?, 'running', ?, ?)
    ON CONFLICT (source_id) WHERE status = 'running' DO NOTHING RETURNING id`, [claim.sourceId, claim.trigger, claim.now, claim.now]);
  return row?.id ?? null;
}

export async function recordRunProgress(db: Sql, runId: number, counts: RunCounts, now: string): Promise<void> {
  await db.run(`UPDATE crawl_runs SET ${SET_COUNTS}, heartbeat_at = ? WHERE id = ?`, [...countParams(counts), now, runId]);
}

export async function finishRun(db: Sql, runId: number, status: 'finished' | 'stopped' | 'failed' | 'interrupted', counts: RunCounts, message: string | null, now: string): Promise<void> {
  await db.run(`UPDATE crawl_runs SET ${SET_COUNTS}, status = ?, message = ?, heartbeat_at = ?, finished_at = ? WHERE id = ?`,
    [...countParams(counts), status, message, now, now, runId]);
}

export async function runById(db: Sql, runId: number): Promise<CrawlRun | null> {
  return (await db.get<CrawlRun>(`SELECT ${RUN_COLUMNS} FROM crawl_runs r WHERE r.id = ?`, [runId])) ?? null;
}

export async function runningRunOf(db: Sql, sourceId: number): Promise<CrawlRun | null> {
  return (await db.get<CrawlRun>(`SELECT ${RUN_COLUMNS} FROM crawl_runs r WHERE r.source_id = ? AND r.status = 'running'`, [sourceId])) ?? null;
}

// ── The state of addresses ──

/** Every address the crawler met: what it is, when it was fetched, its validators, and what came of it. */
export interface CrawlStateRow {
  url: string; sourceId: number | null; kind: string; depth: number; foundOn: string | null;
  listedDate: string | null; listedTitle: string | null; result: string; reason: string | null; message: string | null;
  httpStatus: number | null; etag: string | null; lastModified: string | null; finalUrl: string | null;
  articleId: number | null; links: string | null; foundAt: string; fetchedAt: string | null; runId: number | null;
}

const STATE_COLUMNS = `url, source_id AS "sourceId", kind, depth, found_on AS "foundOn", listed_date AS "listedDate", listed_title AS "listedTitle",
  result, reason, message, http_status AS "httpStatus", etag, last_modified AS "lastModified", final_url AS "finalUrl",
  article_id AS "articleId", links, found_at AS "foundAt", fetched_at AS "fetchedAt", run_id AS "runId"`;

export async function stateOf(db: Sql, url: string): Promise<CrawlStateRow | null> {
  return (await db.get<CrawlStateRow>(`SELECT ${STATE_COLUMNS} FROM crawl_state WHERE url = ?`, [url])) ?? null;
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
export async function recordFound(db: Sql, found: readonly FoundAddress[], runId: number | null, now: string): Promise<void> {
  for (let i = 0; i < found.length; i += FOUND_PER_INSERT) {
    const slice = found.slice(i, i + FOUND_PER_INSERT);
    const params: Param[] = [];
    for (const f of slice) params.push(f.url, f.sourceId, f.kind, f.depth, f.foundOn, f.listedDate, f.listedTitle, now, runId);
    await db.run(`INSERT INTO crawl_state (url, source_id, kind, depth, found_on, listed_date, listed_title, result, found_at, run_id)
      VALUES ${slice.map(() => "(?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)").join(', ')}
      ON CONFLICT (url) DO UPDATE SET listed_date = coalesce(crawl_state.listed_date, excluded.listed_date),
        listed_title = coalesce(crawl_state.listed_title, excluded.listed_title)`, params);
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
export async function recordFetch(db: Sql, r: FetchResult): Promise<void> {
  const set: [string, Param][] = [
    ['kind', r.kind], ['result', r.result], ['reason', r.reason], ['message', r.message], ['http_status', r.httpStatus],
    ['final_url', r.finalUrl], ['article_id', r.articleId], ['fetched_at', r.fetchedAt], ['run_id', r.runId],
  ];
  if (r.sourceId !== null) set.push(['source_id', r.sourceId]);
  if (r.etag !== undefined) set.push(['etag', r.etag]);
  if (r.lastModified !== undefined) set.push(['last_modified', r.lastModified]);
  if (r.links !== undefined) set.push(['links', r.links]);
  const insert: [string, Param][] = [['url', r.url], ['depth', r.depth], ['found_on', r.foundOn], ['found_at', r.fetchedAt], ...set];
  if (r.sourceId === null) insert.push(['source_id', null]);
  await db.run(`INSERT INTO crawl_state (${insert.map(([c]) => c).join(', ')}) VALUES (${placeholders(insert.length)})
    ON CONFLICT (url) DO UPDATE SET ${set.map(([c]) => `${c} = excluded.${c}`).join(', ')}`, insert.map(([, v]) => v));
}

/** An article stored from this address (by the crawler or by an editor who gave its link), if any. */
export async function articleIdByUrl(db: Sql, url: string): Promise<number | null> {
  return (await db.get<{ id: number }>('SELECT id FROM articles WHERE url = ? LIMIT 1', [url]))?.id ?? null;
}

/** The latest failures of a source's addresses, newest first. */
export async function recentFailures(db: Sql, sourceId: number, limit: number) {
  return db.all<{ url: string; reason: string | null; message: string | null; httpStatus: number | null; fetchedAt: string | null }>(
    `SELECT url, reason, message, http_status AS "httpStatus", fetched_at AS "fetchedAt" FROM crawl_state
     WHERE source_id = ? AND result = 'failed' ORDER BY fetched_at DESC NULLS LAST LIMIT ?`, [sourceId, limit]);
}

// ── robots.txt ──

export interface RobotsRow { origin: string; body: string; httpStatus: number; etag: string | null; lastModified: string | null; fetchedAt: string }

export async function loadRobots(db: Sql, origin: string): Promise<RobotsRow | null> {
  return (await db.get<RobotsRow>(`SELECT origin, body, http_status AS "httpStatus", etag, last_modified AS "lastModified", fetched_at AS "fetchedAt"
    FROM crawl_robots WHERE origin = ?`, [origin])) ?? null;
}

export async function saveRobots(db: Sql, row: RobotsRow): Promise<void> {
  await db.run(`INSERT INTO crawl_robots (origin, body, http_status, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (origin) DO UPDATE SET body = excluded.body, http_status = excluded.http_status, etag = excluded.etag,
      last_modified = excluded.last_modified, fetched_at = excluded.fetched_at`,
  [row.origin, row.body, row.httpStatus, row.etag, row.lastModified, row.fetchedAt]);
}
