// Shared vocabulary of the extractor. Every module of lib/extract speaks these types;
// the unit, qualifier and metric keys are those of ../shared/gold/README.md.
import type { Facets, FigureRole } from './facet-classes';

export type { Facets, FigureRole } from './facet-classes';

export const UNITS = [
  'CNY', 'USD', 'HKD', 'EUR',
  'm2', 'mu', 'ha', 'km2', 'm3',
  'm', 'km', 't', 'kg',
  'count', 'percent', 'percentage_point',
  'hour', 'day', 'month', 'year',
] as const;
export type Unit = (typeof UNITS)[number];

export const QUALIFIERS = ['exact', 'more_than', 'about', 'nearly', 'less_than'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export type DatePrecision = 'day' | 'month' | 'quarter' | 'half' | 'year';
export type PlaceLevel = 'district' | 'street' | 'community';

/** A number with its unit as written, found by lib/extract/figures.ts. Offsets are UTF-16 [start, end). */
export interface FigureMatch {
  start: number;            // span covers qualifier-prefix (约, 超…) + number + unit + qualifier-suffix
  end: number;
  text: string;             // the text of [start, end)
  numberStart: number;      // the number alone
  numberEnd: number;
  value: number;            // scale applied (8000余万元 → 80000000); for a range, the low end
  low: number | null;       // ranges only
  high: number | null;
  unit: Unit;
  unitWord: string;         // as written: 万元, 亩, 户, 个, %, 方 …
  qualifier: Qualifier;
  qualifierWord: string | null;
}

/** An official division, as the national list names and codes it. */
export interface PlaceRef {
  district: string | null; districtCode: string | null;
  street: string | null; streetCode: string | null;
  community: string | null; communityCode: string | null;
}

/** A place named in the text. */
export interface PlaceMention {
  start: number; end: number; text: string;
  level: PlaceLevel;
  place: PlaceRef;          // filled up to `level` (a street mention also carries its district)
}

/** A date or period named in the text, resolved to the day a figure under it refers to. */
export interface DateMention {
  start: number; end: number; text: string;
  date: string;             // YYYY-MM-DD
  precision: DatePrecision;
  asOf: boolean;            // 截至…, 至…底
}

export interface Range { start: number; end: number }

export interface ArticleSegment extends Range {
  title: string | null;
  /** where the title lines sit (a headline may be printed after its body) */
  titleRange?: Range | null;
  /** [start, end) of the body (after title and dateline) */
  bodyStart: number;
  paragraphs: Range[];
}

export interface MetricDecision { metric: string; cues: string[] }

/** Whether a metric was derived from the figure's facets (metric-table.ts) or by the cue scorer. */
export type MetricSource = 'facets' | 'fallback';

export type Provenance = 'stated' | 'inherited' | 'default';

export interface Fact extends Omit<FigureMatch, 'qualifierWord' | 'numberStart' | 'numberEnd'> {
  metric: string;
  cues: string[];
  /** what the figure counts, what was done, in which unit and aspect (facets.ts) */
  facets: Facets;
  metricConfidence: number;      // 0–1
  metricSource: MetricSource;
  /** measured, an attribute of a category (never summed), a plan or target, or an existing stock (roles.ts) */
  role: FigureRole;
  sentence: [number, number];
  district: string | null; districtCode: string | null;
  street: string | null; streetCode: string | null;
  community: string | null; communityCode: string | null;
  placeProvenance: Provenance;   // stated in the sentence, inherited from paragraph/article, or the source's default
  date: string | null;           // YYYY-MM-DD
  datePrecision: DatePrecision | null;
  dateProvenance: Provenance;
  cumulative: boolean;
}

export interface ExtractedArticle extends Range {
  title: string | null;
  facts: Fact[];
}

export interface ExtractOptions {
  published?: string | null;     // YYYY-MM-DD
  district?: string | null;      // the source's district (上城区) if any
}

export interface ExtractResult {
  extractorVersion: string;
  published: string | null;      // as given, else found in the masthead
  articles: ExtractedArticle[];
}
