// The metric decision: which taxonomy key a figure measures. decideMetric (at the end) derives it from
// the figure's facets (facets.ts) by the table of metric-table.ts; the cue scorer below decides only
// when no row of the table matches (the facets are missing or contradict), and for metrics a user adds
// with FIGURES_TAXONOMY, which only the cue lists know.
//
// The cue scorer is a small grammar over the cue lexicons of taxonomy.ts:
//  - The figure's sentence is cut into clauses at ，、；：etc. Cues in the figure's own clause
//    count fully, and lose weight with distance from the figure; cues in neighbouring clauses
//    count a little (more across 、, which joins list items governed by one verb:
//    “分别完成全年任务56.36%、83.64%”).
//  - A metric's score is its best noun + best verb + best rate cue (+ the measure word), so a
//    family noun (问题) and a distinguishing verb (收集 / 解决) combine, and the closer of two
//    competing verbs wins (“发现并整改隐患20条” → resolved).
//  - After the number, nouns written back to back form one noun phrase whose head is the last
//    one (“85个小区出入口” counts 出入口), so later nouns of such a chain weigh a bit more.
//  - The figure's unit gates the candidates (money metrics need a currency, rates a percent…);
//    when nothing decides, the unit's fallback metric (mu → land_area, day → duration) or
//    `other` is returned.
// Everything is compiled once per taxonomy into a first-character index; a call scans at most
// 2 × WINDOW_CHARS characters and allocates only the small result.

import { buildContext } from './context';
import { findFacets, type FacetFinding } from './facets';
import { lookupMetric } from './metric-table';
import { isRunningTotal } from './roles';
import { BUILTIN_TAXONOMY, taxonomyInForce, type MetricDefinition } from './taxonomy';
import type { FigureMatch, MetricDecision, MetricSource, Range, Unit } from './types';

export interface MetricContext { text: string; sentence: Range; figure: FigureMatch }

/** How far from the figure cues are looked for; a figure's governing words sit close to it. */
const WINDOW_CHARS = 60;
/** Characters that end a clause. ASCII space is left out: it appears inside figures (“4.5 万元”). */
const CLAUSE_BOUNDARY = new Set(['，', ',', '、', '；', ';', '。', '！', '!', '？', '?', '：', ':', '\n', '\r', '\u3000']);
const LIST_SEPARATOR = '、';
/** Clauses farther than this (in boundaries) do not speak about the figure. */
const MAX_CLAUSES_AWAY = 2;

const ROLE_WEIGHT = { noun: 2, verb: 2, rate: 3 } as const;
const MEASURE_WEIGHT = 1.2;
/** Below this score no cue is trusted and the unit's fallback decides. */
const MIN_DECISIVE_SCORE = 1.2;
/**
 * A measure word shared by several metrics (家, 个, 户) only confirms a metric that a close noun
 * or verb already suggests; alone it says too little. One that belongs to a single metric (栋, 场次) decides.
 */
const MEASURE_NEEDS_NOUN_SCORE = 0.8;
const MEASURE_NEEDS_VERB_SCORE = 1.4;
/** Each later noun of a noun-phrase chain after the number is more likely its head. */
const HEAD_NOUN_BONUS = 0.15;
/** A noun starting within this many characters of the previous one continues its chain (小区|的|出入口). */
const CHAIN_GAP = 2;
/** Characters that end a noun phrase: prepositions, conjunctions, adverbs (“300名志愿者|在|卡口值守”). */
const PHRASE_BREAKERS = /[在到向为对给从于由被把和与及并将已均都也还又再就是有等共]/;

type CueRole = 'noun' | 'verb' | 'rate';
const ROLES: readonly CueRole[] = ['noun', 'verb', 'rate'];
const PERCENT_UNITS: ReadonlySet<Unit> = new Set<Unit>(['percent', 'percentage_point']);

interface CueTarget { metricIndex: number; role: CueRole; roleIndex: number }

interface CompiledTaxonomy {
  metrics: readonly MetricDefinition[];
  /** cue words by their first character, longest first: a scan tries few words per position */
  cuesByFirstChar: Map<string, string[]>;
  targetsByWord: Map<string, CueTarget[]>;
  nounWords: Set<string>;
  /** per unit, 1 at the index of each metric the unit admits */
  eligibilityByUnit: Map<Unit, Uint8Array>;
  measuresByMetric: string[][];
  /** every measure word some metric lists (a figure's unit word ending in one is a measure) */
  allMeasures: Set<string>;
  /** per metric, its measures that no other metric lists */
  ownMeasuresByMetric: string[][];
  eligibleByUnit: Map<Unit, number[]>;
  fallbackByUnit: Map<Unit, number>;
  otherIndex: number;
  // Scratch buffers reused by every call (one score slot per metric and role).
  bestScore: Float64Array;
  bestCueStart: Int32Array;
  bestCueWord: (string | null)[];
}

function compileTaxonomy(metrics: readonly MetricDefinition[]): CompiledTaxonomy {
  const targetsByWord = new Map<string, CueTarget[]>();
  metrics.forEach((metric, metricIndex) => {
    const listed = new Set<string>();
    // A word listed under two roles of one metric counts once, under the first role listed here.
    const byRole: [CueRole, string[] | undefined][] = [['rate', metric.cues.rates], ['noun', metric.cues.nouns], ['verb', metric.cues.verbs]];
    for (const [role, words] of byRole) {
      for (const word of words ?? []) {
        if (listed.has(word)) continue;
        listed.add(word);
        const targets = targetsByWord.get(word) ?? [];
        targets.push({ metricIndex, role, roleIndex: ROLES.indexOf(role) });
        targetsByWord.set(word, targets);
      }
    }
  });
  // Longest first, so the scan takes 解决率 before 解决 and 总投资 before 投资.
  const words = [...targetsByWord.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const cuesByFirstChar = new Map<string, string[]>();
  for (const word of words) {
    const bucket = cuesByFirstChar.get(word[0]) ?? [];
    bucket.push(word);
    cuesByFirstChar.set(word[0], bucket);
  }

  const eligibleByUnit = new Map<Unit, number[]>();
  const fallbackByUnit = new Map<Unit, number>();
  const allUnits = new Set<Unit>(metrics.flatMap((metric) => metric.units));
  metrics.forEach((metric, metricIndex) => {
    for (const unit of metric.fallbackUnits ?? []) if (!fallbackByUnit.has(unit)) fallbackByUnit.set(unit, metricIndex);
  });
  const otherIndex = metrics.findIndex((metric) => metric.key === 'other');
  const eligibleFor = (unit: Unit) =>
    metrics.flatMap((metric, metricIndex) => (metric.units.length === 0 || metric.units.includes(unit) ? [metricIndex] : []));
  for (const unit of allUnits) eligibleByUnit.set(unit, eligibleFor(unit));

  const eligibilityByUnit = new Map<Unit, Uint8Array>();
  for (const [unit, indexes] of eligibleByUnit) {
    const mask = new Uint8Array(metrics.length);
    for (const index of indexes) mask[index] = 1;
    eligibilityByUnit.set(unit, mask);
  }
  const nounWords = new Set([...targetsByWord].filter(([, targets]) => targets.some((target) => target.role === 'noun')).map(([word]) => word));
  const slots = metrics.length * ROLES.length;
  return {
    metrics, cuesByFirstChar, targetsByWord, nounWords, eligibilityByUnit,
    measuresByMetric: metrics.map((metric) => metric.cues.measures ?? []),
    allMeasures: new Set(metrics.flatMap((metric) => metric.cues.measures ?? [])),
    ownMeasuresByMetric: metrics.map((metric) => (metric.cues.measures ?? []).filter((measure) =>
      metrics.every((otherMetric) => otherMetric === metric || !(otherMetric.cues.measures ?? []).includes(measure)))),
    eligibleByUnit, fallbackByUnit, otherIndex,
    bestScore: new Float64Array(slots), bestCueStart: new Int32Array(slots), bestCueWord: new Array(slots).fill(null),
  };
}

/** Clause boundaries around the figure, nearest first, within the window. */
interface ClauseFrame {
  text: string;
  windowStart: number;
  windowEnd: number;
  left: number[];          // boundary positions before the figure, nearest first
  leftIsList: boolean[];   // whether that boundary is 、
  right: number[];
  rightIsList: boolean[];
}

function frameClauses(text: string, sentence: Range, figure: FigureMatch): ClauseFrame {
  const sentenceHoldsFigure = sentence.start <= figure.start && sentence.end >= figure.end;
  const lowerBound = sentenceHoldsFigure ? sentence.start : 0;
  const upperBound = sentenceHoldsFigure ? Math.min(sentence.end, text.length) : text.length;
  const windowStart = Math.max(lowerBound, figure.start - WINDOW_CHARS);
  const windowEnd = Math.min(upperBound, figure.end + WINDOW_CHARS);
  const frame: ClauseFrame = { text, windowStart, windowEnd, left: [], leftIsList: [], right: [], rightIsList: [] };
  let itemEnd = figure.start;   // end of the list item right of the boundary being read
  for (let position = figure.start - 1; position >= windowStart && frame.left.length <= MAX_CLAUSES_AWAY; position--) {
    const char = text[position];
    if (!CLAUSE_BOUNDARY.has(char)) continue;
    // 集中开工的上南智享、挪亚检测、联东U谷4个项目: a 、 between names (no number in the item) lists
    // what the figure counts, inside one clause; a 、 between figures (56.36%、83.64%) separates clauses
    if (char === LIST_SEPARATOR && !hasDigit(text, position + 1, itemEnd)) { itemEnd = position; continue; }
    frame.left.push(position); frame.leftIsList.push(char === LIST_SEPARATOR);
    itemEnd = position;
  }
  for (let position = figure.end; position < windowEnd && frame.right.length <= MAX_CLAUSES_AWAY; position++) {
    const char = text[position];
    if (CLAUSE_BOUNDARY.has(char)) { frame.right.push(position); frame.rightIsList.push(char === LIST_SEPARATOR); }
  }
  return frame;
}

function proximity(distance: number): number {
  return 1 / (1 + distance / 5);
}

/** Weight of a cue before the figure: its clause's distance in boundaries, then characters. */
function weightBefore(frame: ClauseFrame, cueEnd: number, figureStart: number): number {
  let clausesAway = 0;
  while (clausesAway < frame.left.length && frame.left[clausesAway] >= cueEnd) clausesAway++;
  if (clausesAway === 0) return proximity(figureStart - cueEnd);
  if (clausesAway > MAX_CLAUSES_AWAY) return 0;
  const onlyListSeparators = frame.leftIsList.slice(0, clausesAway).every(Boolean);
  const clauseFactor = onlyListSeparators ? 0.6 : clausesAway === 1 ? 0.3 : 0.15;
  // In “完成全年任务56.36%、83.64%” the cue is as close to its clause's own figure as to ours.
  const clauseEdge = onlyListSeparators ? siblingFigureStart(frame.text, cueEnd, frame.left[clausesAway - 1]) : frame.left[clausesAway - 1];
  return clauseFactor * proximity(clauseEdge - cueEnd);
}

const DIGIT = /[0-9０-９.．]/;
function hasDigit(text: string, from: number, to: number): boolean {
  for (let position = from; position < to; position++) {
    const code = text.charCodeAt(position);
    if ((code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19)) return true;
  }
  return false;
}
/** Where a number written at the end of [from, boundary) starts (a sibling list item), else the boundary. */
function siblingFigureStart(text: string, from: number, boundary: number): number {
  let position = boundary;
  const unitLimit = Math.max(from, boundary - 4);
  while (position > unitLimit && !DIGIT.test(text[position - 1])) position--;
  if (position <= from || !DIGIT.test(text[position - 1])) return boundary;
  while (position > from && DIGIT.test(text[position - 1])) position--;
  return position;
}

/** Weight of a cue after the figure; words after a figure rarely govern a later clause's figure. */
function weightAfter(frame: ClauseFrame, cueStart: number, figureEnd: number): number {
  let clausesAway = 0;
  while (clausesAway < frame.right.length && frame.right[clausesAway] < cueStart) clausesAway++;
  if (clausesAway === 0) return proximity(cueStart - figureEnd);
  if (clausesAway > MAX_CLAUSES_AWAY) return 0;
  const clauseFactor = frame.rightIsList[0] && clausesAway === 1 ? 0.3 : 0.15;
  return clauseFactor * proximity(cueStart - frame.right[clausesAway - 1] - 1);
}

function measureMatches(unitWord: string, measures: readonly string[]): boolean {
  for (const measure of measures) if (unitWord === measure || unitWord.endsWith(measure)) return true;
  return false;
}

export interface MetricClassifier {
  classifyMetric(ctx: MetricContext): MetricDecision;
  readonly taxonomy: readonly MetricDefinition[];
}

export function createMetricClassifier(taxonomy: readonly MetricDefinition[]): MetricClassifier {
  const compiled = compileTaxonomy(taxonomy);
  const { metrics, cuesByFirstChar, targetsByWord, bestScore, bestCueStart, bestCueWord } = compiled;

  /** The longest cue word starting at `position`, if any. */
  function cueAt(text: string, position: number, limit: number): string | null {
    const bucket = cuesByFirstChar.get(text[position]);
    if (!bucket) return null;
    for (const word of bucket) if (position + word.length <= limit && text.startsWith(word, position)) return word;
    return null;
  }
  const roleCount = ROLES.length;

  function classifyMetric({ text, sentence, figure }: MetricContext): MetricDecision {
    const eligible = compiled.eligibleByUnit.get(figure.unit) ?? (compiled.otherIndex >= 0 ? [compiled.otherIndex] : []);
    const isPercent = PERCENT_UNITS.has(figure.unit);
    for (const metricIndex of eligible) {
      for (let role = 0; role < roleCount; role++) {
        const slot = metricIndex * roleCount + role;
        bestScore[slot] = 0; bestCueWord[slot] = null;
      }
    }
    const eligibility = compiled.eligibilityByUnit.get(figure.unit);

    const frame = frameClauses(text, sentence, figure);
    let chainEnd = -1;          // end of the last noun of the noun phrase right after the figure
    let chainLength = 0;
    let chainBroken = false;
    for (let cueStart = frame.windowStart; cueStart < frame.windowEnd;) {
      if (cueStart >= figure.start && cueStart < figure.end) { cueStart = figure.end; continue; } // the figure itself
      const word = cueAt(text, cueStart, cueStart < figure.start ? figure.start : frame.windowEnd);
      if (word === null) { cueStart++; continue; }
      const cueEnd = cueStart + word.length;
      const targets = targetsByWord.get(word)!;

      const isAfter = cueStart >= figure.end;
      let positionWeight = isAfter ? weightAfter(frame, cueStart, figure.end) : weightBefore(frame, cueEnd, figure.start);
      if (positionWeight <= 0) { cueStart = cueEnd; continue; }

      if (isAfter && !chainBroken && (frame.right.length === 0 || cueStart < frame.right[0])) {
        const isNoun = compiled.nounWords.has(word);
        const gapStart = chainLength === 0 ? figure.end : chainEnd;
        const continuesChain = cueStart - gapStart <= (chainLength === 0 ? 4 : CHAIN_GAP)
          && !PHRASE_BREAKERS.test(text.slice(gapStart, cueStart));
        if (isNoun && continuesChain) {
          // A noun of the phrase the number quantifies: as close as the number itself, head last.
          positionWeight = 1 + HEAD_NOUN_BONUS * chainLength;
          chainLength++;
          chainEnd = cueEnd;
        } else {
          chainBroken = true;
        }
      }

      for (const target of targets) {
        if (target.role === 'rate' && !isPercent) continue;
        if (eligibility ? eligibility[target.metricIndex] === 0 : target.metricIndex !== compiled.otherIndex) continue;
        const slot = target.metricIndex * roleCount + target.roleIndex;
        const score = ROLE_WEIGHT[target.role] * positionWeight;
        if (score > bestScore[slot]) {
          bestScore[slot] = score; bestCueWord[slot] = word; bestCueStart[slot] = cueStart;
        }
      }
      cueStart = cueEnd;
    }

    let winner = -1;
    let winnerScore = 0;
    let winnerMeasured = false;
    // a measure word of some metric that a measuresOnly metric does not list rules it out (860人 are no households)
    let writtenMeasure = false;
    for (let k = 1; k <= figure.unitWord.length && !writtenMeasure; k++) writtenMeasure = compiled.allMeasures.has(figure.unitWord.slice(-k));
    for (const metricIndex of eligible) {
      if (writtenMeasure && metrics[metricIndex].measuresOnly && !measureMatches(figure.unitWord, compiled.measuresByMetric[metricIndex])) {
        // …unless one of its nouns heads the phrase the number counts (245名义务兵家庭)
        const nounSlot = metricIndex * roleCount + ROLES.indexOf('noun');
        if (!(bestScore[nounSlot] >= ROLE_WEIGHT.noun && bestCueStart[nounSlot] >= figure.end)) continue;
      }
      let score = 0;
      for (let role = 0; role < roleCount; role++) score += bestScore[metricIndex * roleCount + role];
      const slot = metricIndex * roleCount;
      const nounOrRateScore = bestScore[slot + ROLES.indexOf('noun')] + bestScore[slot + ROLES.indexOf('rate')];
      const supported = nounOrRateScore >= MEASURE_NEEDS_NOUN_SCORE || bestScore[slot + ROLES.indexOf('verb')] >= MEASURE_NEEDS_VERB_SCORE;
      const measured = supported
        ? measureMatches(figure.unitWord, compiled.measuresByMetric[metricIndex])
        : measureMatches(figure.unitWord, compiled.ownMeasuresByMetric[metricIndex]);
      if (measured) score += MEASURE_WEIGHT;
      score *= metrics[metricIndex].weight ?? 1;
      if (score > winnerScore) { winner = metricIndex; winnerScore = score; winnerMeasured = measured; }
    }

    if (winner < 0 || winnerScore < MIN_DECISIVE_SCORE) {
      const fallback = compiled.fallbackByUnit.get(figure.unit) ?? compiled.otherIndex;
      const cues = winner >= 0 && winner === fallback ? cuesOf(winner, figure.unitWord, winnerMeasured) : [];
      return { metric: fallback >= 0 ? metrics[fallback].key : 'other', cues };
    }
    return { metric: metrics[winner].key, cues: cuesOf(winner, figure.unitWord, winnerMeasured) };
  }

  function cuesOf(metricIndex: number, unitWord: string, measured: boolean): string[] {
    const found: { word: string; start: number }[] = [];
    for (let role = 0; role < roleCount; role++) {
      const slot = metricIndex * roleCount + role;
      const word = bestCueWord[slot];
      if (word !== null && bestScore[slot] > 0) found.push({ word, start: bestCueStart[slot] });
    }
    found.sort((a, b) => a.start - b.start);
    const cues = found.map((cue) => cue.word);
    if (measured) cues.push(unitWord);
    return [...new Set(cues)];
  }

  return { classifyMetric, taxonomy };
}

let defaultClassifier: MetricClassifier | null = null;
function classifier(): MetricClassifier {
  defaultClassifier ??= createMetricClassifier(taxonomyInForce());
  return defaultClassifier;
}

/** The metric key of a figure and the words that decided it, by the cue scorer alone (the fallback of decideMetric). */
export function classifyMetric(ctx: MetricContext): MetricDecision {
  return classifier().classifyMetric(ctx);
}

/** Whether 累计/截至 governs the figure's clause, making it a running total (roles.ts; one figure read alone). */
export function isCumulative({ text, sentence, figure }: MetricContext): boolean {
  const ctx = buildContext(text, sentence, [figure], [sentence]);
  return isRunningTotal(ctx, 0, findFacets(ctx, 0));
}

export interface MetricChoice extends MetricDecision {
  /** 0–1: how sure the decision is (the table row's confidence, lowered for facets found indirectly) */
  confidence: number;
  source: MetricSource;
}

/** How much a facet found indirectly lowers the table's confidence. */
const OBJECT_SOURCE_FACTOR: Record<string, number> = { after: 1, before: 1, subject: 0.9, antecedent: 0.9, frame: 0.85, measure: 0.85 };
const ACTION_SOURCE_FACTOR: Record<string, number> = { compound: 1, before: 1, light: 0.95, later: 0.95, after: 0.95, relative: 0.85, list: 0.9, frame: 0.85, antecedent: 0.85 };
const FALLBACK_CONFIDENCE = { decided: 0.4, undecided: 0.2 };
const BUILTIN_KEYS = new Set(BUILTIN_TAXONOMY.map((metric) => metric.key));
let hasUserMetrics: boolean | undefined;

/** How far before a figure a change verb may end (qualifiers 约, 了, 近 stand between). */
const CHANGE_VERB_GAP = 3;

/** A percent the verb right before it says is a change (下降12.3%, 同比提高约5%), not a level (提高到95%: share). */
function percentChange(finding: FacetFinding, { text, figure }: MetricContext): boolean {
  if (finding.unit_class !== 'percent' || finding.action_class !== 'grow' || finding.provenance.action !== 'before' || !finding.action) return false;
  const at = text.lastIndexOf(finding.action, figure.start);
  return at >= 0 && figure.start - (at + finding.action.length) <= CHANGE_VERB_GAP;
}

/**
 * The metric of a figure: from its facets by the table of metric-table.ts when a row matches, else from
 * the cue scorer (classifyMetric). A metric added by a user taxonomy (FIGURES_TAXONOMY) is known to the
 * cue scorer only, so when the scorer picks one, that choice stands.
 */
export function decideMetric(finding: FacetFinding, ctx: MetricContext): MetricChoice {
  if (hasUserMetrics === undefined) hasUserMetrics = classifier().taxonomy.some((metric) => !BUILTIN_KEYS.has(metric.key));
  if (hasUserMetrics) {
    const scored = classifyMetric(ctx);
    if (!BUILTIN_KEYS.has(scored.metric)) return { ...scored, confidence: FALLBACK_CONFIDENCE.decided, source: 'fallback' };
  }
  // a rate's family is its own compound (解决率); a verb of its clause (提高, 达) says nothing of it
  // …, except a change stated in percent right after it (浓度同比下降12.3%): that percent is a change
  const action = finding.object_class === 'rate' && finding.provenance.action !== 'compound' && !percentChange(finding, ctx) ? null : finding.action_class;
  const row = lookupMetric(finding.unit_class, finding.object_class, action, finding.aspect);
  if (row) {
    const objectFactor = finding.provenance.object ? OBJECT_SOURCE_FACTOR[finding.provenance.object] : 1;
    const actionFactor = finding.provenance.action && action ? ACTION_SOURCE_FACTOR[finding.provenance.action] : 1;
    const cues: string[] = [];
    if (finding.action && action) cues.push(finding.action);
    if (finding.object && finding.object_class) cues.push(finding.object);
    const { unitWord } = ctx.figure;
    if (finding.unit_class === 'count' && unitWord !== finding.object && unitWord !== finding.action) cues.push(unitWord);
    return { metric: row.metric, cues, confidence: Math.round(row.confidence * objectFactor * actionFactor * 100) / 100, source: 'facets' };
  }
  const scored = classifyMetric(ctx);
  return { ...scored, confidence: scored.cues.length ? FALLBACK_CONFIDENCE.decided : FALLBACK_CONFIDENCE.undecided, source: 'fallback' };
}

export { taxonomyInForce, metricByKey } from './taxonomy';
