import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { articles, facts, sources, type NewFact } from '../../db/schema';
import { EXTRACTOR_VERSION, extract, type ExtractedArticle } from '../extract';
import { normaliseText } from '../text/decode';

export interface DocumentInput {
  text: string;
  sourceName?: string | null;
  district?: string | null;
  published?: string | null;
  fileName?: string | null;
  url?: string | null;
  page?: string | null;
  issue?: string | null;
}

export interface StoredArticle { id: number; title: string | null; facts: number; duplicate: boolean }

/** Hash of the text with all whitespace removed, so re-encoded or re-wrapped copies are recognised. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').replace(/\s+/g, '')).digest('hex');
}

function sourceId(db: Db, name: string, district: string | null): number {
  const found = db.select({ id: sources.id }).from(sources).where(eq(sources.name, name)).get();
  if (found) return found.id;
  return db.insert(sources).values({ name, district }).returning({ id: sources.id }).get().id;
}

/** The fact rows of one extracted article, offsets made relative to the article's own text. */
export function factRows(article: ExtractedArticle, articleId: number, articleHash: string): NewFact[] {
  return article.facts.map((f) => ({
    uid: `${articleHash.slice(0, 16)}-${f.start - article.start}-${f.end - article.start}-${f.unit}`,
    articleId,
    value: f.value, low: f.low, high: f.high, unit: f.unit, qualifier: f.qualifier, metric: f.metric,
    text: f.text, start: f.start - article.start, end: f.end - article.start,
    sentenceStart: f.sentence[0] - article.start, sentenceEnd: f.sentence[1] - article.start,
    district: f.district, districtCode: f.districtCode, street: f.street, streetCode: f.streetCode,
    community: f.community, communityCode: f.communityCode, placeProvenance: f.placeProvenance,
    date: f.date, datePrecision: f.datePrecision, dateProvenance: f.dateProvenance,
    cumulative: f.cumulative, cues: JSON.stringify(f.cues), extractorVersion: EXTRACTOR_VERSION,
  }));
}

/**
 * Extracts a document (one article or a whole newspaper page) and stores each of its articles with its
 * facts in its own transaction: a failure leaves no row of the article it happened in.
 */
export function storeDocument(db: Db, input: DocumentInput): StoredArticle[] {
  const text = normaliseText(input.text);
  if (!text.trim()) throw new Error('the document is empty');
  const result = extract(text, { published: input.published ?? null, district: input.district ?? null });
  const stored: StoredArticle[] = [];
  for (const article of result.articles) {
    const body = text.slice(article.start, article.end);
    const hash = contentHash(body);
    const existing = db.select({ id: articles.id, title: articles.title }).from(articles).where(eq(articles.sha256, hash)).get();
    if (existing) { stored.push({ id: existing.id, title: existing.title, facts: 0, duplicate: true }); continue; }
    const id = db.transaction((tx) => {
      const src = input.sourceName ? sourceId(tx as unknown as Db, input.sourceName, input.district ?? null) : null;
      const row = tx.insert(articles).values({
        sourceId: src, title: article.title, publishedOn: result.published, page: input.page ?? null,
        issue: input.issue ?? null, url: input.url ?? null, fileName: input.fileName ?? null,
        text: body, sha256: hash, extractorVersion: EXTRACTOR_VERSION,
      }).returning({ id: articles.id }).get();
      const rows = factRows(article, row.id, hash);
      if (rows.length) tx.insert(facts).values(rows).run();
      return row.id;
    });
    stored.push({ id, title: article.title, facts: article.facts.length, duplicate: false });
  }
  return stored;
}
