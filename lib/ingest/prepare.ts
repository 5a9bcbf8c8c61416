// Text → the rows an article and its facts will be stored as. Pure (no database), so it runs in worker
// threads during a bulk ingest while one writer stores what they prepare.
import { createHash } from 'node:crypto';
import type { NewFactRow } from '../../db/ingest';
import { articleChecksOfFigures, type IndexedCheckDraft } from '../checks/article';
import { EXTRACTOR_VERSION, extract } from '../extract';
import { findPublicationDate } from '../extract/dates';
import type { ExtractOptions, ExtractResult, ExtractedArticle } from '../extract/types';
import { normaliseText } from '../text/decode';
import { IngestError } from './errors';
import { resolvePublished, type PublishedProvenance } from './published';

/** The extractor ingestion runs; tests hand in a fake one to inject failures. */
export interface Extractor {
  version: string;
  extract(text: string, options: ExtractOptions): ExtractResult;
  findPublicationDate(text: string): string | null;
}

export const defaultExtractor: Extractor = { version: EXTRACTOR_VERSION, extract, findPublicationDate };

/** What the person ingesting says about a document; anything left out is taken from the document. */
export interface DocumentOptions {
  sourceName?: string | null;
  district?: string | null;
  published?: string | null;
  /** generated benchmark data: stored under a source flagged synthetic, never mixed with real articles */
  synthetic?: boolean;
  /**
   * compute each article's arithmetic checks here, with the extraction (in the worker thread of a bulk
   * ingest), so the writer only stores them; set by ingestBatch when fact checks are wanted
   */
  checks?: boolean;
}

export interface DocumentInput extends DocumentOptions {
  text: string;
  title?: string | null;
  fileName?: string | null;
  url?: string | null;
  page?: string | null;
  issue?: string | null;
  /** a publication day from the document's metadata (an HTML page's PubDate) */
  metadataPublished?: string | null;
}

export interface PreparedArticle {
  title: string | null;
  text: string;
  sha256: string;
  facts: NewFactRow[];
  /**
   * the checks inside the article (lib/checks articleChecksOfFigures), figures named by their index in
   * `facts`; absent when not asked for or when computing them failed (the writer's caller then runs them
   * on the stored rows, which reports the failure)
   */
  checks?: IndexedCheckDraft[];
}

export interface PreparedDocument {
  label: string;
  sourceName: string | null;
  district: string | null;
  synthetic: boolean;
  published: string | null;
  publishedFrom: PublishedProvenance;
  fileName: string | null;
  url: string | null;
  page: string | null;
  issue: string | null;
  extractorVersion: string;
  articles: PreparedArticle[];
}

/** Hash of the text with all whitespace removed, so re-encoded or re-wrapped copies are recognised. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').replace(/\s+/g, '')).digest('hex');
}

/** A fact's uid: stable across re-extraction of the same article (article hash + span + unit). */
export function factUid(articleHash: string, start: number, end: number, unit: string): string {
  return `${articleHash.slice(0, 16)}-${start}-${end}-${unit}`;
}

/**
 * The unit or measure word at the end of a figure as written (40余张 → 张, 8000余万元 → 万元, 3800亩以上 → 亩), for
 * facts of an extractor that does not name it (Fact.unitWord is optional): the checks tell counts of different
 * things apart by it.
 */
export function trailingUnitWord(text: string): string | null {
  const m = /[\d.〇零一二三四五六七八九十百千万亿两]+([^\d.]*)$/.exec(text);
  const word = m?.[1].replace(/^[余多几来]+/, '').replace(/(以上|以下|以内|之内|左右|上下|有余|开外|多|余)$/, '').trim();
  return word || null;
}

/** The fact rows of one extracted article, offsets made relative to the article's own text. */
export function factRowsOf(article: ExtractedArticle, articleHash: string, extractorVersion: string): NewFactRow[] {
  return article.facts.map((f) => ({
    uid: factUid(articleHash, f.start - article.start, f.end - article.start, f.unit),
    value: f.value, low: f.low, high: f.high, unit: f.unit, qualifier: f.qualifier, metric: f.metric,
    text: f.text, start: f.start - article.start, end: f.end - article.start,
    sentenceStart: f.sentence[0] - article.start, sentenceEnd: f.sentence[1] - article.start,
    district: f.district, districtCode: f.districtCode, street: f.street, streetCode: f.streetCode,
    community: f.community, communityCode: f.communityCode, placeProvenance: f.placeProvenance,
    date: f.date, datePrecision: f.datePrecision, dateProvenance: f.dateProvenance,
    cumulative: f.cumulative, cues: JSON.stringify(f.cues), extractorVersion,
    unitWord: f.unitWord ?? trailingUnitWord(f.text), role: f.role ?? 'measured',
    object: f.facets?.object ?? null, objectClass: f.facets?.object_class ?? null,
    action: f.facets?.action ?? null, actionClass: f.facets?.action_class ?? null,
    aspect: f.facets?.aspect ?? null, unitClass: f.facets?.unit_class ?? null, measureClass: f.facets?.measure_class ?? null,
    metricConfidence: f.metricConfidence ?? null, metricSource: f.metricSource ?? null,
  }));
}

function checksOf(text: string, facts: NewFactRow[]): { checks?: IndexedCheckDraft[] } {
  try {
    return { checks: articleChecksOfFigures(text, facts) };
  } catch {
    return {};
  }
}

/**
 * Extracts a document (one article or a whole newspaper page) into the rows of its articles and facts.
 * Throws IngestError: `empty` for a document without text, `extraction-failed` when the extractor fails.
 */
export function prepareDocument(input: DocumentInput, label: string, extractor: Extractor = defaultExtractor): PreparedDocument {
  const text = normaliseText(input.text);
  if (!/\S/.test(text)) throw new IngestError('empty', 'no text (only whitespace)');
  let result: ExtractResult;
  let publishedFrom: PublishedProvenance;
  try {
    const resolved = resolvePublished({
      option: input.published, fromText: () => extractor.findPublicationDate(text),
      fromMetadata: input.metadataPublished, fileName: input.fileName,
    });
    publishedFrom = resolved.provenance;
    result = extractor.extract(text, { published: resolved.published, district: input.district ?? null });
  } catch (error) {
    throw new IngestError('extraction-failed', `the extractor failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // a text the segmenter finds no article in is still one article (without figures), not lost
  const extracted: ExtractedArticle[] = result.articles.length
    ? result.articles
    : [{ start: 0, end: text.length, title: null, facts: [] }];
  const articles: PreparedArticle[] = [];
  for (const article of extracted) {
    const body = text.slice(article.start, article.end);
    if (!/\S/.test(body)) continue;
    const sha256 = contentHash(body);
    const title = article.title ?? (extracted.length === 1 ? input.title ?? null : null);
    const facts = factRowsOf(article, sha256, result.extractorVersion);
    articles.push({ title, text: body, sha256, facts, ...(input.checks ? checksOf(body, facts) : {}) });
  }
  if (!articles.length) throw new IngestError('empty', 'no article text');
  return {
    label,
    sourceName: input.sourceName?.trim() || null,
    district: input.district?.trim() || null,
    synthetic: Boolean(input.synthetic),
    published: result.published,
    publishedFrom: result.published ? publishedFrom : 'none',
    fileName: input.fileName ?? null, url: input.url ?? null, page: input.page ?? null, issue: input.issue ?? null,
    extractorVersion: result.extractorVersion,
    articles,
  };
}
