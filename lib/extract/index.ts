// The extraction pipeline: numbers → units and qualifiers → metric → place → date, each a module of
// lib/extract. Pure: no database, no network, no file system beyond the gazetteer.
import { findFigures } from './figures';
import { classifyMetric, isCumulative } from './metrics';
import { findPlaces, placeForFigure, resolveDistrict } from './places';
import { dateForFigure, findDates, findPublicationDate } from './dates';
import { segmentPage, splitSentences } from './segment';
import type { ExtractOptions, ExtractResult, ExtractedArticle, Fact, PlaceRef, Range } from './types';

export * from './types';

/** Bumped whenever a change can alter what is extracted; stored on every fact so `figures reextract` knows what is stale. */
export const EXTRACTOR_VERSION = '0.3.1';

/** Index of the range containing `pos` in sorted, non-overlapping `ranges` (binary search), or -1. */
function rangeIndexAt(ranges: readonly Range[], pos: number): number {
  let lo = 0, hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (pos < r.start) hi = mid - 1;
    else if (pos >= r.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index of the first of the sorted ranges starting at or after pos (binary search). */
function firstAtOrAfter(ranges: readonly Range[], pos: number): number {
  let lo = 0, hi = ranges.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (ranges[mid].start < pos) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The district a page's masthead names (编辑出版：中共杭州市上城区委宣传部, 上城报), used as the source's default place. */
function mastheadDistrict(text: string, firstArticleStart: number): PlaceRef | null {
  const masthead = text.slice(0, Math.min(firstArticleStart, 2000));
  if (!masthead.trim()) return null;
  const mention = findPlaces(masthead, { deictic: false }).find((m) => m.level === 'district');
  if (mention) return mention.place;
  const paper = /([\u4e00-\u9fa5]{2,4})报/.exec(masthead);
  return paper ? resolveDistrict(paper[1]) : null;
}

export function extract(text: string, options: ExtractOptions = {}): ExtractResult {
  const published = options.published ?? findPublicationDate(text);
  const segments = segmentPage(text);
  const sourcePlace = options.district ? resolveDistrict(options.district) : mastheadDistrict(text, segments[0]?.start ?? 0);
  const figures = findFigures(text);
  const places = findPlaces(text, { district: sourcePlace });
  const dates = findDates(text, published);

  const articles: ExtractedArticle[] = segments.map((segment) => {
    const article: Range = { start: segment.start, end: segment.end };
    const sentences = splitSentences(text, article);
    const facts: Fact[] = [];
    // figures are sorted by start: only those of this segment are visited (linear over all segments)
    for (let k = firstAtOrAfter(figures, segment.start); k < figures.length && figures[k].start < segment.end; k++) {
      const figure = figures[k];
      const sentence = sentences[rangeIndexAt(sentences, figure.start)] ?? article;
      const paragraph = segment.paragraphs[rangeIndexAt(segment.paragraphs, figure.start)] ?? sentence;
      const ctx = { text, sentence, figure };
      const { metric, cues } = classifyMetric(ctx);
      const { place, provenance: placeProvenance } = placeForFigure({
        mentions: places, figureStart: figure.start, sentence, paragraph, article, defaultPlace: sourcePlace,
        title: segment.titleRange ?? null, text,
      });
      const { date, precision, provenance: dateProvenance } = dateForFigure({
        mentions: dates, figureStart: figure.start, sentence, paragraph, article, published, text,
      });
      facts.push({
        start: figure.start, end: figure.end, text: figure.text,
        value: figure.value, low: figure.low, high: figure.high,
        unit: figure.unit, qualifier: figure.qualifier,
        metric, cues,
        sentence: [sentence.start, sentence.end],
        ...place, placeProvenance,
        date, datePrecision: precision, dateProvenance,
        cumulative: isCumulative(ctx),
      });
    }
    return { title: segment.title, start: segment.start, end: segment.end, facts };
  });
  return { extractorVersion: EXTRACTOR_VERSION, published, articles };
}
