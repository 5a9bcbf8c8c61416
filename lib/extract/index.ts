// The extraction pipeline: numbers → units and qualifiers → facets → metric and role → place → date,
// each a module of lib/extract. Per article one context (context.ts: sentences and the words around
// its figures) is built once and shared by the facet, metric and role stages. Pure: no database, no
// network, no file system beyond the gazetteer.
import { buildContext } from './context';
import { findFacets, publicFacets } from './facets';
import { findFigures } from './figures';
import { decideMetric } from './metrics';
import { findRole, isRunningTotal } from './roles';
import { findPlaces, placeForFigure, resolveDistrict } from './places';
import { dateForFigure, findDates, findPublicationDate } from './dates';
import { segmentPage, splitSentences } from './segment';
import { Tokens } from './words';
import type { ExtractOptions, ExtractResult, ExtractedArticle, Fact, PlaceRef, Range } from './types';

export * from './types';
export { ACTION_CLASSES, ASPECTS, FIGURE_ROLES, MEASURE_CLASSES, OBJECT_CLASSES, UNIT_CLASSES } from './facet-classes';

/** Bumped whenever a change can alter what is extracted; stored on every fact so `figures reextract` knows what is stale. */
export const EXTRACTOR_VERSION = '0.5.0';

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


/** The district a page's masthead names (编辑出版：中共杭州市上城区委宣传部, 上城报), used as the source's default place. */
function mastheadDistrict(text: string, firstArticleStart: number): PlaceRef | null {
  const masthead = text.slice(0, Math.min(firstArticleStart, 2000));
  if (!masthead.trim()) return null;
  const mention = findPlaces(masthead, { deictic: false }).find((m) => m.level === 'district');
  if (mention) return mention.place;
  const paper = /([\u4e00-\u9fa5]{2,4})报/.exec(masthead);
  return paper ? resolveDistrict(paper[1]) : null;
}

/**
 * A fact is written as one object literal (one shape for all, far cheaper to make than a literal with a
 * spread in its middle). The place's keys are written out, which gives the same object as spreading the
 * place when it holds just the six keys of a PlaceRef in their order, as every place made in places.ts does;
 * a place with more keys (the source's district as resolveDistrict gives it also says how many districts
 * bear its name) is spread as before, so that a fact's keys and their order never change.
 */
const PLACE_KEYS = 6;
function hasOnlyPlaceKeys(place: PlaceRef): boolean {
  let keys = 0;
  for (const key in place) if (key) keys++;
  return keys === PLACE_KEYS;
}
function withPlaceAsGiven(fact: Fact, place: PlaceRef): Fact {
  const { start, end, text, value, low, high, unit, unitWord, qualifier, metric, cues, facets, metricConfidence, metricSource, role, sentence,
    placeProvenance, date, datePrecision, dateProvenance, cumulative } = fact;
  return {
    start, end, text, value, low, high, unit, unitWord, qualifier, metric, cues, facets, metricConfidence, metricSource, role, sentence,
    ...place, placeProvenance, date, datePrecision, dateProvenance, cumulative,
  };
}

/** One token buffer for every article extract() reads: extract is synchronous and never re-entered, and
 *  each worker thread has its own module instance, so reusing it saves an allocation per article. */
const SHARED_TOKENS = new Tokens();

export function extract(text: string, options: ExtractOptions = {}): ExtractResult {
  const published = options.published ?? findPublicationDate(text);
  const segments = segmentPage(text);
  const sourcePlace = options.district ? resolveDistrict(options.district) : mastheadDistrict(text, segments[0]?.start ?? 0);
  const figures = findFigures(text);
  const places = findPlaces(text, { district: sourcePlace });
  const dates = findDates(text, published);

  let firstFigure = 0;
  const articles: ExtractedArticle[] = segments.map((segment) => {
    const article: Range = { start: segment.start, end: segment.end };
    const sentences = splitSentences(text, article);
    while (firstFigure < figures.length && figures[firstFigure].start < segment.start) firstFigure++;
    let endFigure = firstFigure;
    while (endFigure < figures.length && figures[endFigure].start < segment.end) endFigure++;
    const articleFigures = figures.slice(firstFigure, endFigure);
    firstFigure = endFigure;
    const context = buildContext(text, article, articleFigures, sentences, SHARED_TOKENS);
    const facts: Fact[] = [];
    for (let i = 0; i < articleFigures.length; i++) {
      const figure = articleFigures[i];
      const sentenceIndex = context.sentenceOf[i];
      const sentence = sentenceIndex >= 0 ? sentences[sentenceIndex] : article;
      const paragraph = segment.paragraphs[rangeIndexAt(segment.paragraphs, figure.start)] ?? sentence;
      const finding = findFacets(context, i);
      context.findings.push(finding);
      const role = findRole(context, i, finding);
      const cumulative = isRunningTotal(context, i, finding);
      const { place, provenance: placeProvenance } = placeForFigure({
        mentions: places, figureStart: figure.start, sentence, paragraph, article, defaultPlace: sourcePlace,
        title: segment.titleRange ?? null, text,
      });
      const { date, precision, provenance: dateProvenance } = dateForFigure({
        mentions: dates, figureStart: figure.start, sentence, paragraph, article, published, text,
      });
      // one figure stated for several nouns (满意率和办结率均超99%) is a fact for each
      for (const facetsOfFact of finding.sharedWith ?? [finding]) {
        const { metric, cues, confidence, source } = decideMetric(facetsOfFact, { text, sentence, figure });
        const fact: Fact = {
          start: figure.start, end: figure.end, text: figure.text,
          value: figure.value, low: figure.low, high: figure.high,
          unit: figure.unit, unitWord: figure.unitWord, qualifier: figure.qualifier,
          metric, cues, facets: publicFacets(facetsOfFact), metricConfidence: confidence, metricSource: source, role,
          sentence: [sentence.start, sentence.end],
          district: place.district, districtCode: place.districtCode, street: place.street, streetCode: place.streetCode,
          community: place.community, communityCode: place.communityCode, placeProvenance,
          date, datePrecision: precision, dateProvenance,
          cumulative,
        };
        facts.push(hasOnlyPlaceKeys(place) ? fact : withPlaceAsGiven(fact, place));
      }
    }
    return { title: segment.title, start: segment.start, end: segment.end, facts };
  });
  return { extractorVersion: EXTRACTOR_VERSION, published, articles };
}
