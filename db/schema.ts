import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
}, (t) => [
  uniqueIndex('articles_sha256').on(t.sha256),
  index('articles_published_on').on(t.publishedOn),
  index('articles_source').on(t.sourceId),
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
  reviewStatus: text('review_status').notNull().default('unreviewed'), // unreviewed | verified | corrected | rejected
  correctedValue: real('corrected_value'),
  correctedUnit: text('corrected_unit'),
  correctedMetric: text('corrected_metric'),
}, (t) => [
  uniqueIndex('facts_uid').on(t.uid),
  index('facts_article').on(t.articleId),
  index('facts_metric_date').on(t.metric, t.date),
  index('facts_district').on(t.districtCode, t.metric),
  index('facts_street').on(t.streetCode, t.metric),
  index('facts_community').on(t.communityCode, t.metric),
  index('facts_date').on(t.date),
]);

export type Source = typeof sources.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type FactRow = typeof facts.$inferSelect;
export type NewFact = typeof facts.$inferInsert;
