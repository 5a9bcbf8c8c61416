import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A publication: a district newspaper, a street office's news, a portal. */
export const sources = sqliteTable('sources', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  district: text('district'),
  districtCode: text('district_code'),
  // Generated benchmark data is marked so it can never be mistaken for (or mixed into) real figures.
  synthetic: integer('synthetic', { mode: 'boolean' }).notNull().default(false),
});

export const articles = sqliteTable('articles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sourceId: integer('source_id').references(() => sources.id),
  title: text('title'),
  publishedOn: text('published_on'), // YYYY-MM-DD; null when unknown — never guessed
  page: text('page'),
  issue: text('issue'),
  url: text('url'),
  fileName: text('file_name'),
  text: text('text').notNull(),
  // sha256 of the normalised text: the same article in another encoding or spacing is one article.
  sha256: text('sha256').notNull(),
  ingestedAt: text('ingested_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%SZ','now'))`),
  extractorVersion: text('extractor_version').notNull(),
  // the source's district: the column a distributed database (Citus) shards articles, facts and checks by
  districtCode: text('district_code'),
}, (t) => [
  uniqueIndex('articles_sha256').on(t.sha256),
  index('articles_published_on').on(t.publishedOn),
  index('articles_source').on(t.sourceId),
  // the crawler recognises a page it (or an editor) already stored by its address (lib/crawl)
  index('articles_url').on(t.url),
]);

export const facts = sqliteTable('facts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  // Stable across re-extraction of the same article: article hash + span + unit.
  uid: text('uid').notNull(),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  value: real('value').notNull(),
  low: real('low'),
  high: real('high'),
  unit: text('unit').notNull(),
  qualifier: text('qualifier').notNull(),
  metric: text('metric').notNull(),
  text: text('text').notNull(),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
  sentenceStart: integer('sentence_start').notNull(),
  sentenceEnd: integer('sentence_end').notNull(),
  district: text('district'),
  districtCode: text('district_code'),
  street: text('street'),
  streetCode: text('street_code'),
  community: text('community'),
  communityCode: text('community_code'),
  placeProvenance: text('place_provenance').notNull().default('default'),
  date: text('date'),
  datePrecision: text('date_precision'),
  dateProvenance: text('date_provenance').notNull().default('default'),
  cumulative: integer('cumulative', { mode: 'boolean' }).notNull().default(false),
  cues: text('cues').notNull().default('[]'), // JSON array of the words that decided the metric
  extractorVersion: text('extractor_version').notNull(),
  unitWord: text('unit_word'), // the unit or measure word as written: 万元, 亩, 户, 个
  role: text('role').notNull().default('measured'), // measured | attribute | plan | stock
  // what the metric was derived from (lib/extract facets): the counted object, the governing action, their classes
  object: text('object'),
  objectClass: text('object_class'),
  action: text('action'),
  actionClass: text('action_class'),
  aspect: text('aspect'), // planned | ongoing | done
  unitClass: text('unit_class'),
  measureClass: text('measure_class'),
  metricConfidence: real('metric_confidence'),
  metricSource: text('metric_source'), // facets | fallback
  reviewStatus: text('review_status').notNull().default('unreviewed'), // unreviewed | verified | corrected | rejected
  correctedValue: real('corrected_value'),
  correctedUnit: text('corrected_unit'),
  correctedMetric: text('corrected_metric'),
  // Derived, written with the row by db/ writers (lib/vocab): the figure every view reads — the correction
  // when review_status is corrected (effective.ts) — and the period its date names (dates.ts). Plain columns,
  // so the dashboard's covering indexes hold them (SQLite never reads generated columns from an index).
  effectiveValue: real('effective_value'),
  effectiveUnit: text('effective_unit'),
  effectiveMetric: text('effective_metric'),
  period: text('period'),
}, (t) => [
  uniqueIndex('facts_uid').on(t.uid),
  // an article's figures in text order: its page, and the figures of a search hit's sentence (a range of start)
  index('facts_article').on(t.articleId, t.start),
  index('facts_community').on(t.communityCode, t.effectiveMetric),
  // metric, district, street and date filters use the dashboard's covering indexes (0002_search_fts.sql);
  // every further index on facts costs each ingested figure a B-tree insert.
]);

// ── Rollups (db/rollups.ts): what the dashboard aggregates, per district, kept by the app's writers ──
// Each row holds the figures of one key as lib/vocab/metrics.ts measures them: flows summed, levels the
// latest per place summed over places, plans summed, distributions and counts counted only. Rejected
// figures are left out; '' stands for no district, street or period. Every writer recomputes the rows of
// the keys it touched from facts, in its own transaction (db/rollups.ts refreshRollups).

/** A rollup table: per district, metric (facts.effective_metric), unit (effective_unit), measure and `key`. */
function rollupTable<K extends string>(name: string, key: K) {
  return sqliteTable(name, {
    districtCode: text('district_code').notNull(),
    metric: text('metric').notNull(),
    unit: text('unit').notNull(),
    measure: text('measure').notNull(), // flow | level | plan | distribution | count | attribute
    key: text(key).notNull(),
    figures: integer('figures').notNull(),
    approximate: integer('approximate').notNull(), // how many carry 余/超/约/近/不到
    total: real('total'), // flows and plans: the sum; levels: the latest of each place, summed; else null
    approximateTotal: real('approximate_total'), // the part of total that approximate figures make up
  }, (t) => [
    primaryKey({ columns: [t.districtCode, t.metric, t.unit, t.measure, t.key] }),
    // a metric's chart over every district
    index(`${name}_series`).on(t.metric, t.unit, t.measure, t.key),
    // the count of every figure over every district (the overview with no filter): read in key order, no sort
    index(`${name}_counts`).on(t.key, t.measure, t.figures, t.approximate),
  ]);
}

/** By period (facts.period: a month, quarter, half year or year). */
export const rollupPeriods = rollupTable('rollup_periods', 'period');
/** By street (levels: the latest of each place in the street, over all dates). */
export const rollupStreets = rollupTable('rollup_streets', 'street_code');

/** Rates and durations per district, metric and unit: how many, their range and median (not composable from the rows above). */
export const rollupDistributions = sqliteTable('rollup_distributions', {
  districtCode: text('district_code').notNull(),
  metric: text('metric').notNull(),
  unit: text('unit').notNull(),
  figures: integer('figures').notNull(),
  approximate: integer('approximate').notNull(),
  low: real('low').notNull(),
  high: real('high').notNull(),
  median: real('median').notNull(),
}, (t) => [primaryKey({ columns: [t.districtCode, t.metric, t.unit] })]);

/** Every place figures are placed in (district, street or community), with its name as the figures write it and their number. */
export const rollupPlaces = sqliteTable('rollup_places', {
  code: text('code').primaryKey(),
  level: text('level').notNull(), // district | street | community
  name: text('name'),
  districtCode: text('district_code'),
  streetCode: text('street_code'),
  figures: integer('figures').notNull(), // not rejected
}, (t) => [index('rollup_places_level').on(t.level, t.code)]);

/** What the rollups were built with (the metrics' aggregation rules); other rules in force → rebuilt. */
export const rollupState = sqliteTable('rollup_state', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

// ── Editors, sessions and sign-in throttling (lib/auth) ──
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  // scrypt$N$r$p$salt$hash (base64): the parameters travel with the hash so they can be raised later.
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull().default('editor'), // admin | editor
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%SZ','now'))`),
});

export const sessions = sqliteTable('sessions', {
  // sha256 of the cookie's token: a leaked database does not hand out live sessions.
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%SZ','now'))`),
  expiresAt: text('expires_at').notNull(),
}, (t) => [index('sessions_user').on(t.userId)]);

/**
 * Sign-in throttling, one row per key: `pair:<name>|<client>` (wrong passwords for one name from one
 * client, with back-off) and `client:<address>` (a client's budget across all names). A row is updated
 * with a conditional UPDATE, so checking the limit and counting the attempt are one atomic step.
 */
export const signInThrottles = sqliteTable('sign_in_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0), // in the current window, attempts being checked included
  windowStart: integer('window_start').notNull(), // epoch ms
  blockedUntil: integer('blocked_until').notNull().default(0), // epoch ms
  lockouts: integer('lockouts').notNull().default(0), // blocks in a row: each doubles the next
  updatedAt: integer('updated_at').notNull(), // epoch ms; rows untouched for a day are pruned
}, (t) => [index('sign_in_throttles_updated').on(t.updatedAt)]);

// ── Fact-checking (lib/checks) ──
/** One arithmetic or consistency check and its verdict; recomputed whenever its facts change. */
export const checks = sqliteTable('checks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  // rate | share_of_target | parts_within_total | growth | cumulative_decrease | conflict | streets_within_district
  kind: text('kind').notNull(),
  // set for checks inside one article (recomputed with it); null for checks across articles
  articleId: integer('article_id').references(() => articles.id, { onDelete: 'cascade' }),
  verdict: text('verdict').notNull(), // holds | off | cannot_tell
  metric: text('metric').notNull(),
  date: text('date'),
  stated: real('stated'),
  expected: real('expected'),
  difference: real('difference'), // stated − expected, in the stated figure's unit
  arithmetic: text('arithmetic').notNull(), // human-readable working, e.g. 594 ÷ 702 = 84.62%
  note: text('note'),
  computedAt: text('computed_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%SZ','now'))`),
  // the district of its article (or, across articles, of its figures): the column a distributed database shards checks by
  districtCode: text('district_code'),
}, (t) => [
  index('checks_article').on(t.articleId),
  index('checks_kind_verdict').on(t.kind, t.verdict),
  index('checks_metric_date').on(t.metric, t.date),
]);

export const checkFacts = sqliteTable('check_facts', {
  checkId: integer('check_id').notNull().references(() => checks.id, { onDelete: 'cascade' }),
  factId: integer('fact_id').notNull().references(() => facts.id, { onDelete: 'cascade' }),
  role: text('role').notNull(), // stated | part | whole | total | earlier | later | report | base | current
  districtCode: text('district_code'), // its check's: kept beside the check on the same shard
}, (t) => [
  primaryKey({ columns: [t.checkId, t.factId] }),
  index('check_facts_fact').on(t.factId),
]);

// ── Review trail (lib/review) ──
/**
 * Every review decision, never updated or deleted. Keyed by the fact's uid, not its id, because
 * re-extraction replaces fact rows; lib/review/carry.ts re-keys it when a fact's uid changes.
 */
export const reviewEvents = sqliteTable('review_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  factUid: text('fact_uid').notNull(),
  articleId: integer('article_id'), // no foreign key: the trail outlives a deleted article
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  userName: text('user_name').notNull(), // as it was when the editor acted
  at: text('at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  status: text('status').notNull(), // the status set: unreviewed | verified | corrected | rejected
  before: text('before').notNull(), // JSON {status, value, unit, metric}
  after: text('after').notNull(),
  reason: text('reason'),
  districtCode: text('district_code'), // the figure's district when the editor acted: the shard of the trail
}, (t) => [index('review_events_fact').on(t.factUid)]);

// ── Crawling (lib/crawl, db/crawl.ts). Timestamps are ISO text written by the crawler, flags 0/1. ──
/** How a source is crawled: its start addresses (feeds, sitemaps, list pages) and its politeness settings. */
export const crawlSources = sqliteTable('crawl_sources', {
  sourceId: integer('source_id').primaryKey().references(() => sources.id, { onDelete: 'cascade' }),
  startUrls: text('start_urls').notNull(), // JSON array of http(s) addresses
  delaySeconds: real('delay_seconds'), // null: the crawler's default
  maxPages: integer('max_pages'),
  maxDepth: integer('max_depth'),
  schedule: text('schedule').notNull().default('manual'), // hourly | daily | weekly | manual: a hint for whoever runs the crawl
  updatedAt: text('updated_at').notNull(),
});

/** One crawl of a source (or of addresses named on the command line): its progress and its totals. */
export const crawlRuns = sqliteTable('crawl_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sourceId: integer('source_id').references(() => sources.id, { onDelete: 'cascade' }),
  trigger: text('trigger').notNull(), // cli | web
  status: text('status').notNull(), // running | finished | stopped | failed | interrupted
  startedAt: text('started_at').notNull(),
  heartbeatAt: text('heartbeat_at').notNull(), // a running crawl touches it after every page; a stale one was killed
  finishedAt: text('finished_at'),
  pages: integer('pages').notNull().default(0), // page requests made (not robots.txt)
  added: integer('added').notNull().default(0),
  figures: integer('figures').notNull().default(0),
  duplicates: integer('duplicates').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  message: text('message'), // why it stopped early or failed
}, (t) => [
  // one crawl at a time per source: a second claim conflicts on this index
  uniqueIndex('crawl_runs_one_running').on(t.sourceId).where(sql`status = 'running'`),
  index('crawl_runs_source_started').on(t.sourceId, t.startedAt),
]);

/** Every address the crawler met: what it is, when it was fetched, its validators, and what came of it. */
export const crawlState = sqliteTable('crawl_state', {
  url: text('url').primaryKey(),
  sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
  kind: text('kind').notNull(), // start | feed | sitemap | list | article
  depth: integer('depth').notNull().default(0),
  foundOn: text('found_on'), // the listing page that linked to it
  listedDate: text('listed_date'), // YYYY-MM-DD a feed, sitemap or list gave for it
  listedTitle: text('listed_title'),
  result: text('result').notNull(), // pending | listed | stored | duplicate | unchanged | skipped | failed
  reason: text('reason'),
  message: text('message'),
  httpStatus: integer('http_status'),
  etag: text('etag'),
  lastModified: text('last_modified'),
  finalUrl: text('final_url'),
  articleId: integer('article_id').references(() => articles.id, { onDelete: 'set null' }),
  links: text('links'), // JSON: what a feed, sitemap or list page led to, replayed when it answers 304
  foundAt: text('found_at').notNull(),
  fetchedAt: text('fetched_at'),
  runId: integer('run_id'),
}, (t) => [
  index('crawl_state_source_result').on(t.sourceId, t.result),
  index('crawl_state_article').on(t.articleId),
]);

/** robots.txt of each site, kept a day (RFC 9309 §2.4) and revalidated with its validators. */
export const crawlRobots = sqliteTable('crawl_robots', {
  origin: text('origin').primaryKey(), // scheme://host[:port]
  body: text('body').notNull(),
  httpStatus: integer('http_status').notNull(),
  etag: text('etag'),
  lastModified: text('last_modified'),
  fetchedAt: text('fetched_at').notNull(),
});

export type Source = typeof sources.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type FactRow = typeof facts.$inferSelect;
export type NewFact = typeof facts.$inferInsert;
export type User = typeof users.$inferSelect;
export type Check = typeof checks.$inferSelect;
export type ReviewEvent = typeof reviewEvents.$inferSelect;
export type CrawlSource = typeof crawlSources.$inferSelect;
export type CrawlRun = typeof crawlRuns.$inferSelect;
export type CrawlStateRow = typeof crawlState.$inferSelect;
