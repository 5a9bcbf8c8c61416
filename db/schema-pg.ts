// The tables on PostgreSQL: the same tables, columns and keys as db/schema.ts (SQLite), in PostgreSQL's
// types. db/schema.test.ts fails when the two drift apart. Columns keep the neutral representation the
// app's SQL reads on both engines: booleans are 0/1 integers, days and times ISO text, money and other
// measures double precision. drizzle-kit writes db/migrations-pg from this file (drizzle.pg.config.ts);
// what drizzle cannot express (the search index, the covering indexes) is added by hand in those migrations.
import { sql } from 'drizzle-orm';
import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

const NOW_ISO = sql`to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const NOW_ISO_MS = sql`to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const sources = pgTable('sources', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().unique(),
  district: text('district'),
  districtCode: text('district_code'),
  synthetic: integer('synthetic').notNull().default(0),
});

export const articles = pgTable('articles', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  sourceId: integer('source_id').references(() => sources.id),
  title: text('title'),
  publishedOn: text('published_on'),
  page: text('page'),
  issue: text('issue'),
  url: text('url'),
  fileName: text('file_name'),
  text: text('text').notNull(),
  sha256: text('sha256').notNull(),
  ingestedAt: text('ingested_at').notNull().default(NOW_ISO),
  extractorVersion: text('extractor_version').notNull(),
  districtCode: text('district_code'),
}, (t) => [
  uniqueIndex('articles_sha256').on(t.sha256),
  index('articles_published_on').on(t.publishedOn),
  index('articles_source').on(t.sourceId),
  index('articles_url').on(t.url),
]);

export const facts = pgTable('facts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  uid: text('uid').notNull(),
  articleId: bigint('article_id', { mode: 'number' }).notNull().references(() => articles.id, { onDelete: 'cascade' }),
  value: doublePrecision('value').notNull(),
  low: doublePrecision('low'),
  high: doublePrecision('high'),
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
  cumulative: integer('cumulative').notNull().default(0),
  cues: text('cues').notNull().default('[]'),
  extractorVersion: text('extractor_version').notNull(),
  reviewStatus: text('review_status').notNull().default('unreviewed'),
  correctedValue: doublePrecision('corrected_value'),
  correctedUnit: text('corrected_unit'),
  correctedMetric: text('corrected_metric'),
  unitWord: text('unit_word'),
  role: text('role').notNull().default('measured'),
  object: text('object'),
  objectClass: text('object_class'),
  action: text('action'),
  actionClass: text('action_class'),
  aspect: text('aspect'),
  unitClass: text('unit_class'),
  measureClass: text('measure_class'),
  metricConfidence: doublePrecision('metric_confidence'),
  metricSource: text('metric_source'),
  effectiveValue: doublePrecision('effective_value'),
  effectiveUnit: text('effective_unit'),
  effectiveMetric: text('effective_metric'),
  period: text('period'),
}, (t) => [
  uniqueIndex('facts_uid').on(t.uid),
  // an article's figures in text order: its page, and the figures of a search hit's sentence (a range of start)
  index('facts_article').on(t.articleId, t.start),
  index('facts_community').on(t.communityCode, t.effectiveMetric),
]);

function rollupTable<K extends string>(name: string, key: K) {
  return pgTable(name, {
    districtCode: text('district_code').notNull(),
    metric: text('metric').notNull(),
    unit: text('unit').notNull(),
    measure: text('measure').notNull(),
    key: text(key).notNull(),
    figures: integer('figures').notNull(),
    approximate: integer('approximate').notNull(),
    total: doublePrecision('total'),
    approximateTotal: doublePrecision('approximate_total'),
  }, (t) => [
    primaryKey({ columns: [t.districtCode, t.metric, t.unit, t.measure, t.key] }),
    // a metric's chart over every district
    index(`${name}_series`).on(t.metric, t.unit, t.measure, t.key),
    // the count of every figure over every district (the overview with no filter): read in key order, no sort
    index(`${name}_counts`).on(t.key, t.measure, t.figures, t.approximate),
  ]);
}

export const rollupPeriods = rollupTable('rollup_periods', 'period');
export const rollupStreets = rollupTable('rollup_streets', 'street_code');

export const rollupDistributions = pgTable('rollup_distributions', {
  districtCode: text('district_code').notNull(),
  metric: text('metric').notNull(),
  unit: text('unit').notNull(),
  figures: integer('figures').notNull(),
  approximate: integer('approximate').notNull(),
  low: doublePrecision('low').notNull(),
  high: doublePrecision('high').notNull(),
  median: doublePrecision('median').notNull(),
}, (t) => [primaryKey({ columns: [t.districtCode, t.metric, t.unit] })]);

export const rollupPlaces = pgTable('rollup_places', {
  code: text('code').primaryKey(),
  level: text('level').notNull(),
  name: text('name'),
  districtCode: text('district_code'),
  streetCode: text('street_code'),
  figures: integer('figures').notNull(),
}, (t) => [index('rollup_places_level').on(t.level, t.code)]);

export const rollupState = pgTable('rollup_state', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull().default('editor'),
  createdAt: text('created_at').notNull().default(NOW_ISO),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: text('created_at').notNull().default(NOW_ISO),
  expiresAt: text('expires_at').notNull(),
}, (t) => [index('sessions_user').on(t.userId)]);

export const signInThrottles = pgTable('sign_in_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: bigint('window_start', { mode: 'number' }).notNull(),
  blockedUntil: bigint('blocked_until', { mode: 'number' }).notNull().default(0),
  lockouts: integer('lockouts').notNull().default(0),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
}, (t) => [index('sign_in_throttles_updated').on(t.updatedAt)]);

export const checks = pgTable('checks', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind').notNull(),
  articleId: bigint('article_id', { mode: 'number' }).references(() => articles.id, { onDelete: 'cascade' }),
  verdict: text('verdict').notNull(),
  metric: text('metric').notNull(),
  date: text('date'),
  stated: doublePrecision('stated'),
  expected: doublePrecision('expected'),
  difference: doublePrecision('difference'),
  arithmetic: text('arithmetic').notNull(),
  note: text('note'),
  computedAt: text('computed_at').notNull().default(NOW_ISO),
  // the district of its article (or, across articles, of its figures): the column a distributed database shards checks by
  districtCode: text('district_code'),
}, (t) => [
  index('checks_article').on(t.articleId),
  index('checks_kind_verdict').on(t.kind, t.verdict),
  index('checks_metric_date').on(t.metric, t.date),
]);

export const checkFacts = pgTable('check_facts', {
  checkId: bigint('check_id', { mode: 'number' }).notNull().references(() => checks.id, { onDelete: 'cascade' }),
  factId: bigint('fact_id', { mode: 'number' }).notNull().references(() => facts.id, { onDelete: 'cascade' }),
  role: text('role').notNull(),
  districtCode: text('district_code'), // its check's: kept beside the check on the same shard
}, (t) => [
  primaryKey({ columns: [t.checkId, t.factId] }),
  index('check_facts_fact').on(t.factId),
]);

export const reviewEvents = pgTable('review_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  factUid: text('fact_uid').notNull(),
  articleId: bigint('article_id', { mode: 'number' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  userName: text('user_name').notNull(),
  at: text('at').notNull().default(NOW_ISO_MS),
  status: text('status').notNull(),
  before: text('before').notNull(),
  after: text('after').notNull(),
  reason: text('reason'),
  districtCode: text('district_code'), // the figure's district when the editor acted: the shard of the trail
}, (t) => [index('review_events_fact').on(t.factUid)]);

/** Search passages (db/search.ts): SQLite keeps these in migration SQL beside its FTS5 table. */
export const searchPassages = pgTable('search_passages', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  articleId: bigint('article_id', { mode: 'number' }).notNull().references(() => articles.id, { onDelete: 'cascade' }),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
  passage: text('passage').notNull().default(''),
  districtCode: text('district_code'), // its article's
  // tokens tsvector: added in the migration by hand (drizzle has no tsvector column type)
}, (t) => [index('search_passages_article').on(t.articleId)]);

export const searchPending = pgTable('search_pending', {
  articleId: bigint('article_id', { mode: 'number' }).primaryKey(),
});

// ── Crawling (lib/crawl, db/crawl.ts) ──
export const crawlSources = pgTable('crawl_sources', {
  sourceId: integer('source_id').primaryKey().references(() => sources.id, { onDelete: 'cascade' }),
  startUrls: text('start_urls').notNull(),
  delaySeconds: doublePrecision('delay_seconds'),
  maxPages: integer('max_pages'),
  maxDepth: integer('max_depth'),
  schedule: text('schedule').notNull().default('manual'),
  updatedAt: text('updated_at').notNull(),
});

export const crawlRuns = pgTable('crawl_runs', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  sourceId: integer('source_id').references(() => sources.id, { onDelete: 'cascade' }),
  trigger: text('trigger').notNull(),
  status: text('status').notNull(),
  startedAt: text('started_at').notNull(),
  heartbeatAt: text('heartbeat_at').notNull(),
  finishedAt: text('finished_at'),
  pages: integer('pages').notNull().default(0),
  added: integer('added').notNull().default(0),
  figures: integer('figures').notNull().default(0),
  duplicates: integer('duplicates').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  message: text('message'),
}, (t) => [
  uniqueIndex('crawl_runs_one_running').on(t.sourceId).where(sql`status = 'running'`),
  index('crawl_runs_source_started').on(t.sourceId, t.startedAt),
]);

export const crawlState = pgTable('crawl_state', {
  url: text('url').primaryKey(),
  sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
  kind: text('kind').notNull(),
  depth: integer('depth').notNull().default(0),
  foundOn: text('found_on'),
  listedDate: text('listed_date'),
  listedTitle: text('listed_title'),
  result: text('result').notNull(),
  reason: text('reason'),
  message: text('message'),
  httpStatus: integer('http_status'),
  etag: text('etag'),
  lastModified: text('last_modified'),
  finalUrl: text('final_url'),
  articleId: bigint('article_id', { mode: 'number' }).references(() => articles.id, { onDelete: 'set null' }),
  links: text('links'),
  foundAt: text('found_at').notNull(),
  fetchedAt: text('fetched_at'),
  runId: integer('run_id'),
}, (t) => [
  index('crawl_state_source_result').on(t.sourceId, t.result),
  index('crawl_state_article').on(t.articleId),
]);

export const crawlRobots = pgTable('crawl_robots', {
  origin: text('origin').primaryKey(),
  body: text('body').notNull(),
  httpStatus: integer('http_status').notNull(),
  etag: text('etag'),
  lastModified: text('last_modified'),
  fetchedAt: text('fetched_at').notNull(),
});
