// The facets of a figure, read from the phrase structure around it (tokens of words.ts, classes of
// lexicon.ts). Modelled on chrono's parser list: each facet has a short list of FINDERS tried in order
// (each a token pattern plus a small extract), whose answer carries its provenance, then REFINERS that
// correct it with what the other facets say. All finders share the article context (context.ts) and
// read only the figure's window.
//
// object — what is counted (the head noun as written, and its class), first found of:
//   after      the noun phrase after the measure word, up to 的, a verb or the clause end  (128个问题)
//   before     the noun phrase before the number, across linking words                    (收集问题128个, 解决率达84.6%)
//   (counts and amounts read `after` first, rates and money nouns `before`; a noun the measure word cannot
//   count is passed over: 街道543栋)
//   coordination  分别 lists: the i-th noun for the i-th figure                           (满意率和办结率分别提高1.2、0.8个百分点)
//   subject    the clause's subject before a verb that takes no object                    (项目开工12个)
//   subset     the whole a 其中-clause takes a part of                                     (…，其中亿元以上项目11个)
//   antecedent the object of an earlier figure of the sentence its verb can govern        (受理X件，已办结Y件)
//   frame      a framing clause 「…中，」                                                   (集中开工项目中，…)
//   measure    the measure word alone                                                     (惠及1693人)
//   refined by the measure word (栋 → buildings, 户 → households, 人 → persons, 次 of things → inspections)
//   and by the verb (543栋存在安全隐患 counts problems).
// action — the governing verb: a rate's own compound (解决率 → 解决); else the nearest verb before the
//   figure's phrase that can take it (a verb that cannot, in 收集点 or 化解征迁矛盾纠纷, is a modifier); a
//   light verb passes it on (开展检查); after 对/为/按照 the later verb governs (对…进行整改); a figure that
//   is the subject takes the verb after it (…已办结); a verb in a relative clause (反映的…问题) only when
//   nothing else does; list items and a clause without a verb share the verb before them.
// aspect — the nearest marker before the figure in its sentence: planned (计划, 将, 拟, 建成后), ongoing
//   (正在), done (已, 累计, 截至).
// 均/都 after coordinated nouns (满意率和办结率均超99%) give the figure facets for each noun (sharedWith).
import { focus, type ArticleContext } from './context';
import {
  type ActionClass, type Aspect, type Facets, type MeasureClass, type ObjectClass, type UnitClass,
} from './facet-classes';
import { GOVERNS, STAFF_WORK_MORPHEMES } from './lexicon';
import type { FigureMatch, Unit } from './types';
import {
  ADV, CONJ, DE, DENG, DONE, FIG, FRAME, LATER, LIGHT, LINK, MATERIAL, NEG, NEUTRAL, NOUN, NUM, ONGOING, PLAN, PREP, PUNCT, P_COMMA, P_LIST,
  QIZHONG, QUOTE, TIME, VERB, X, actionClassAt, actionClassIndex, headClassAt, headIndexAt, headLength, isMeasureNoun, measureNounAt, objectClassAt, verbEndingAt,
  type Tokens,
} from './words';

export type ObjectSource = 'after' | 'before' | 'subject' | 'antecedent' | 'frame' | 'measure';
export type ActionSource = 'compound' | 'before' | 'light' | 'later' | 'after' | 'relative' | 'list' | 'frame' | 'antecedent';

export interface FacetFinding extends Facets {
  provenance: { object: ObjectSource | null; action: ActionSource | null };
  /** [start, end) of the noun phrase right after the figure, if any (roles read it) */
  phraseAfter: [number, number] | null;
  /** the head class of that phrase */
  phraseAfterClass: ObjectClass | null;
  /** token after the figure is 的 (a modifier of what follows) */
  followedByDe: boolean;
  /** the figure ends in 以上/以下 … (a bound of a category) */
  threshold: boolean;
  /** one figure stated for several nouns (满意率和办结率均超99%): the facets for each, in text order */
  sharedWith?: FacetFinding[];
}

/** The facets as stored and printed (facet-classes.ts), without the finder's working notes. */
export function publicFacets(finding: FacetFinding): Facets {
  const { object, object_class, action, action_class, aspect, unit_class, measure_class } = finding;
  return { object, object_class, action, action_class, aspect, unit_class, measure_class };
}

const UNIT_CLASS: Record<Unit, UnitClass> = {
  CNY: 'money', USD: 'money', HKD: 'money', EUR: 'money',
  m2: 'area', mu: 'area', ha: 'area', km2: 'area', m3: 'volume', m: 'length', km: 'length', t: 'mass', kg: 'mass',
  count: 'count', percent: 'percent', percentage_point: 'percentage_point', hour: 'time', day: 'time', month: 'time', year: 'time',
};
export const unitClassOf = (unit: Unit): UnitClass => UNIT_CLASS[unit];

/** Measure words by class; the last characters of the unit word decide (万人次 → 人次 → visit of persons). */
const MEASURES: Array<[MeasureClass, string[]]> = [
  ['visit', ['人次', '户次', '家次', '次', '趟', '辆次', '台次', '架次', '车次', '艘次', '个次', '件次', '例次', '班次', '轮', '遍']],
  ['person', ['人', '名', '位', '例', '人份']],
  ['household', ['户']],
  ['entity', ['家']],
  ['building', ['栋', '幢', '座']],
  ['dwelling', ['套', '间']],
  ['document', ['张', '份', '篇', '册', '本', '幅']],
  ['event', ['场', '场次', '期', '届', '堂', '节', '课时']],
  ['team', ['支', '组', '队']],
  ['vehicle', ['辆', '台', '艘', '架', '台套', '部']],
  ['goods', ['只', '箱', '袋', '瓶', '桶', '包', '盒', '副', '双', '斤', '顶', '床', '件套', '剂', '枚', '串', '束', '盏', '扇', '块', '根', '杆', '标箱', '吨']],
  ['plant', ['株', '棵', '亩苗']],
  ['institution', ['所']],
  ['incident', ['起', '宗']],
  ['batch', ['批', '批次']],
];
const MEASURE_BY_WORD = new Map<string, MeasureClass>();
for (const [cls, words] of MEASURES) for (const word of words) MEASURE_BY_WORD.set(word, cls);

export function measureClassOf(unitWord: string): MeasureClass {
  for (let k = Math.min(3, unitWord.length); k >= 1; k--) {
    const cls = MEASURE_BY_WORD.get(unitWord.slice(-k));
    if (cls) return cls;
  }
  return 'generic';
}

/** What a measure word alone says is counted, when no noun says it. */
const OBJECT_OF_MEASURE: Partial<Record<MeasureClass, ObjectClass>> = {
  person: 'person', household: 'household', entity: 'enterprise', building: 'building', dwelling: 'dwelling',
  event: 'event', team: 'staff', vehicle: 'vehicle', plant: 'plant', document: 'document', goods: 'goods',
};

/** Classes named by what they are for (服务站, 收集点, 执法车, 检查组): a verb may open their noun phrase. */
const FUNCTIONAL: ReadonlySet<ObjectClass> = new Set<ObjectClass>(['facility', 'post', 'staff', 'vehicle', 'document', 'event', 'goods', 'slot', 'job']);

/** Compound heads that carry their rate's family (增速 is a rate of growth). */
const RATE_HEAD_ACTION: Record<string, ActionClass> = { 增速: 'grow', 增幅: 'grow', 降幅: 'grow', 涨幅: 'grow', 增长率: 'grow' };

const VISITED: ReadonlySet<ObjectClass> = new Set<ObjectClass>(['enterprise', 'merchant', 'household', 'building', 'facility', 'place', 'post', 'site', 'line', 'project', 'organisation']);

/** Measure words restrict what can be counted (1): a measure word of one family overrides a noun of a neighbour family. */
function restrictByMeasure(object: ObjectClass | null, measure: MeasureClass | null, unitWord: string): ObjectClass | null {
  switch (measure) {
    case 'household':
      return object === null || object === 'person' || object === 'staff' || object === 'place' ? 'household' : object;
    case 'person':
      // 245名义务兵家庭 counts families: a household noun right after the measure word keeps them
      if (object === 'enterprise' || object === 'merchant' || object === 'job' || object === 'event' || object === 'place' || object === 'problem' || object === 'inspection') return 'person';
      return object;
    case 'building':
      return object === null || object === 'dwelling' || object === 'project' || object === 'land' || object === 'floor_space' ? 'building' : object;
    case 'dwelling':
      return object === 'building' ? 'dwelling' : object;
    case 'entity':
      // 种植大户17家: what is counted by 家 is a business
      return object === null || object === 'inspection' || object === 'problem' || object === 'household' ? 'enterprise' : object;
    case 'team':
      return object === null || object === 'person' || object === 'place' ? 'staff' : object;
    case 'document':
      return object === 'problem' || object === 'target' ? 'document' : object;
    case 'event':
      return object === null || object === 'person' || object === 'place' ? 'event' : object;
    case 'visit':
      if (unitWord.endsWith('人次')) return object === null || object === 'event' || object === 'job' ? 'person' : object;
      if (unitWord.endsWith('户次')) return object === null ? 'household' : object;
      if (unitWord.endsWith('家次')) return object === null || object === 'inspection' ? 'enterprise' : object;
      // 走访企业851次, 巡查小区56次: times a thing was visited are visits, not things
      return object !== null && VISITED.has(object) ? 'inspection' : object;
    default:
      return object;
  }
}

// ── token walking ─────────────────────────────────────────────────────────

const FUNCTION_FLAGS = DE | PREP | CONJ | PLAN | DONE | ONGOING | LINK | ADV | TIME | NEG | DENG | QIZHONG | FRAME;

/** The token before k inside the figure's window (quotes and brackets skipped), or -1. */
function prev(tokens: Tokens, k: number): number {
  let j = k - 1;
  while (j >= tokens.lo && tokens.flags[j] & QUOTE) j--;
  return j >= tokens.lo ? j : -1;
}
/** The token after k inside the figure's window, or tokens.length. */
function next(tokens: Tokens, k: number): number {
  let j = k + 1;
  while (j <= tokens.hi && tokens.flags[j] & QUOTE) j++;
  return j <= tokens.hi ? j : tokens.length;
}
const isPureVerb = (f: number) => (f & (VERB | LIGHT)) !== 0 && (f & NOUN) === 0;
/** Noun material: a noun, an unknown word, a measure noun; not a function word (unless it is also a noun). */
const isMaterial = (f: number) => (f & MATERIAL) !== 0 && !((f & FUNCTION_FLAGS) !== 0 && (f & NOUN) === 0) && !isPureVerb(f);
const isBoundary = (f: number, tokens: Tokens, k: number, minStrength: number) => (f & PUNCT) !== 0 && tokens.objectClass[k] >= minStrength;

/** Characters a noun phrase may span; longer runs are descriptions, not names of what is counted. */
const MAX_PHRASE_CHARS = 14;

interface Phrase { first: number; last: number; from: number; to: number }

const OPENING_QUOTES = '“‘「『《"';

/**
 * Whether the verb token `k` opens a noun phrase ending with token `headToken` instead of governing it: the
 * phrase's head names a thing by its function (服务站, 收集点, 执法车辆, 检查组), and, before a number, another
 * verb governs the whole (新建收集点12个).
 */
function verbOpensPhrase(ctx: ArticleContext, k: number, headToken: number, needsGoverningVerb: boolean): boolean {
  const { tokens } = ctx;
  const cls = objectClassAt(headIndexAt(ctx.text, tokens.start[k], tokens.end[headToken]));
  if (!cls) return false;
  if (!needsGoverningVerb) return FUNCTIONAL.has(cls) || cls === 'project';
  // 引进种植大户17家, 新建收集点12个: after a governing verb, a verb + noun of a doer or a thing for use is one noun
  const p = prev(tokens, k);
  return (FUNCTIONAL.has(cls) || AGENTIVE.has(cls)) && p >= 0 && isPureVerb(tokens.flags[p]);
}
const NAMED_BY_USE: ReadonlySet<ObjectClass> = new Set<ObjectClass>(['enterprise', 'organisation', 'facility', 'project', 'merchant']);
const AGENTIVE: ReadonlySet<ObjectClass> = new Set<ObjectClass>(['household', 'person', 'enterprise', 'merchant', 'organisation']);

function isPassiveMarker(ctx: ArticleContext, k: number): boolean {
  return k >= 0 && ctx.tokens.end[k] - ctx.tokens.start[k] === 1 && ctx.text[ctx.tokens.start[k]] === '被';
}

/** 420户拆迁群众选房入住: a verb before a noun of people, households or firms that another verb follows names
 *  them (those relocated), the later verb is the predicate. */
function agentiveBeforeVerb(ctx: ArticleContext, verb: number, noun: number): boolean {
  const { tokens, text } = ctx;
  const cls = objectClassAt(headIndexAt(text, tokens.start[verb], tokens.end[noun]));
  if (!cls || !AGENTIVE.has(cls)) return false;
  const after = next(tokens, noun);
  return after < tokens.length && (tokens.flags[after] & (VERB | ADV | DONE)) !== 0;
}

/** A verb and the noun after it form one word: a listed compound, or a one-character head (站, 点, 员, 队). */
function boundCompound(ctx: ArticleContext, verb: number, noun: number): boolean {
  const { tokens, text } = ctx;
  if (tokens.end[noun] - tokens.start[noun] === 1) return true;
  const index = headIndexAt(text, tokens.start[verb], tokens.end[noun]);
  // 改造项目, 新建工程: a verb before 项目 names the kind of project
  return index >= 0 && (headLength() >= tokens.end[noun] - tokens.start[verb] || objectClassAt(index) === 'project');
}

/**
 * Whether a verb right before a noun phrase is part of it: it is written together with a one-character
 * head that is the whole phrase (收集点, 服务站), or it names the kind of project in a phrase whose head
 * comes later (改造项目被征迁群众 counts 群众, not projects; in 签约项目 the verb governs 项目).
 */
function verbInsidePhrase(ctx: ArticleContext, verb: number, phrase: Phrase): boolean {
  const { tokens, text } = ctx;
  const first = phrase.first;
  if (first === phrase.last && tokens.end[first] - tokens.start[first] === 1) {
    const cls = objectClassAt(headIndexAt(text, tokens.start[verb], tokens.end[first]));
    return cls !== null && FUNCTIONAL.has(cls);
  }
  if (first === phrase.last) return false;
  return objectClassAt(headIndexAt(text, tokens.start[first], tokens.end[first])) === 'project';
}

const COUNT_MEASURE_NOUNS: ReadonlySet<string> = new Set(['数', '个数', '人数', '户数', '家数', '总数', '数量', '次数', '件数']);

/** Whether token `k` is a measure noun (率, 面积, 额) or starts with one, so the verb before it is its modifier. */
function measuresVerb(ctx: ArticleContext, k: number): boolean {
  const { tokens } = ctx;
  return isMeasureNoun(ctx.text, tokens.start[k], tokens.end[k]);
}

/** The noun phrase after the figure (128个问题, 3个服务站), up to 的, a predicate verb or the clause end. */
function phraseAfter(ctx: ArticleContext, t: number, acrossDe: boolean): Phrase | null {
  const { tokens } = ctx;
  let first = -1, last = -1, verbFirst = false, agentive = false;
  let from = t + 1;
  // 180平方米的空间, 3000平方米的服务中心: a measured amount 的 the thing it measures
  if (acrossDe) { const n = next(tokens, t); if (n < tokens.length && tokens.flags[n] & DE) from = n + 1; }
  for (let k = from; k <= tokens.hi; k++) {
    const f = tokens.flags[k];
    if (f & QUOTE) { if (last >= 0 && OPENING_QUOTES.includes(ctx.text[tokens.start[k]])) break; continue; }
    if (f & (PUNCT | FIG | NUM)) break;
    // 13.4万平方米不成套住房: a negated modifier stays in the phrase
    if (f & NEG && !(f & VERB)) { const n = next(tokens, k); if (n < tokens.length && isMaterial(tokens.flags[n])) { if (first < 0) first = k; continue; } break; }
    if (isMaterial(f)) {
      // 项目投资5亿: a word that is also a verb ends the phrase as its predicate when nothing nominal follows
      if (f & VERB && last >= 0) {
        const n = next(tokens, k);
        if (!(n < tokens.length && isMaterial(tokens.flags[n]))) break;
      }
      if (first < 0) first = k;
      last = k;
    } else if (isPureVerb(f)) {
      // 服务站, 社区服务站: a verb written together with a noun naming what a thing is for is part of it;
      // 企业入驻孵化器: a verb before a free noun is a predicate
      const n = next(tokens, k);
      if (!(n < tokens.length && isMaterial(tokens.flags[n]))) break;
      const opens = verbOpensPhrase(ctx, k, n, false);
      if (!opens && first < 0 && agentiveBeforeVerb(ctx, k, n)) agentive = true;
      else if (!opens || (first >= 0 && !boundCompound(ctx, k, n))) break;
      if (first < 0) { first = k; verbFirst = true; }
    } else break;
    if (tokens.end[k] - tokens.start[first] > MAX_PHRASE_CHARS) break;
  }
  if (last < 0) return null;
  const phrase = { first, last, from: tokens.start[first], to: tokens.end[last] };
  if (verbFirst && !agentive) {
    const cls = objectClassAt(headIndexAt(ctx.text, phrase.from, phrase.to));
    if (!cls || !FUNCTIONAL.has(cls)) return null;
  }
  return phrase;
}

/** Tokens to skip between a noun phrase and its number: 达, 共计, 约, 为, 已, 全部, 可, 要求 … */
const LINKING = LINK | ADV | DONE | PLAN;

/** The noun phrase before the number (收集问题128个, 投资总额达204亿元, 任务的92%). */
function phraseBefore(ctx: ArticleContext, t: number, percent: boolean): Phrase | null {
  const { tokens } = ctx;
  let k = prev(tokens, t);
  while (k >= 0 && (tokens.flags[k] & LINKING) && !(tokens.flags[k] & NOUN) && !(tokens.flags[k] & PUNCT)) k = prev(tokens, k);
  if (percent && k >= 0 && tokens.flags[k] & DE) k = prev(tokens, k);   // 全年任务的92%: of the whole
  // 管网改造28公里, 项目开工12个, 增加值增长6.8%: the noun before the verb before the number is what it counts
  if (k >= 0 && isPureVerb(tokens.flags[k])) {
    const p = prev(tokens, k);
    if (!(p >= 0 && isMaterial(tokens.flags[p]))) return null;
    k = p;
  }
  return phraseEndingAt(ctx, k);
}

/** The noun phrase whose last token is `k`, read back from it. */
function phraseEndingAt(ctx: ArticleContext, k: number): Phrase | null {
  const { tokens } = ctx;
  let first = -1, last = -1;
  for (; k >= 0; k = prev(tokens, k)) {
    const f = tokens.flags[k];
    if (f & FIG) {
      // 超亿元项目5个: a figure right before a noun of the phrase is its attribute
      if (first >= 0 && next(tokens, k) === first) { first = k; continue; }
      break;
    }
    if (isMaterial(f)) {
      // 走访企业851次: a word that is also a verb before the phrase's noun governs it
      if (f & VERB && last >= 0) break;
      if (last < 0) last = k;
      first = k;
    } else if (isPureVerb(f) && first >= 0 && next(tokens, k) === first && isPassiveMarker(ctx, prev(tokens, k))) {
      // 被征迁群众: a passive verb describes the noun (those relocated), the verb before governs
      first = prev(tokens, k);
      k = first;
      continue;
    } else if (isPureVerb(f) && first >= 0 && next(tokens, k) === first
      && (verbOpensPhrase(ctx, k, last, true) || measuresVerb(ctx, first) || (isPureVerb(tokens.flags[first]) && measuresVerb(ctx, next(tokens, first))))) {
      // 新建收集点12个; 解决率达84.6%, 拆违面积3万平方米, 整改完成率96%: the verbs belong to the phrase
      first = k;
      continue;
    } else break;
    if (tokens.end[last] - tokens.start[first] > MAX_PHRASE_CHARS) { first = next(tokens, first); break; }
  }
  if (last < 0 || first < 0 || first > last) return null;
  return { first, last, from: tokens.start[first], to: tokens.end[last] };
}

interface ObjectRead { object: string; cls: ObjectClass | null; compoundAction: ActionClass | null; compoundVerb: string | null }

function isStaffWork(text: string, from: number, end: number): boolean {
  for (const morpheme of STAFF_WORK_MORPHEMES) if (end - morpheme.length >= from && text.startsWith(morpheme, end - morpheme.length)) return true;
  return false;
}

/** Classifies a noun phrase by its head; a measure compound (解决率, 企业数, 拆违面积) by its modifier. */
function readObject(ctx: ArticleContext, phrase: Phrase): ObjectRead | null {
  const { text, tokens } = ctx;
  const { from } = phrase;
  // 重点, 一线, 亮点: a word that is no noun gives no head, even if it ends like one
  let to = phrase.to;
  for (let k = phrase.last; k >= phrase.first && tokens.flags[k] & (NEUTRAL | QUOTE) && !(tokens.flags[k] & NOUN); k--) to = tokens.start[k];
  if (to <= from) return null;
  const head = headClassAt(text, from, to);
  const measureNoun = measureNounAt(text, from, to);
  if (measureNoun && (!head || head.head.length <= measureNoun.length)) {
    const modifierEnd = to - measureNoun.length;
    const verb = modifierEnd > from ? verbEndingAt(text, from, modifierEnd) : null;
    const modifier = modifierEnd > from ? headClassAt(text, from, modifierEnd) : null;
    const measured = head ? objectClassAt(head.index) : null;
    if (measured === 'rate') {
      // 整改完成率, 办结完成率: "completed" says only that the rate counts what is done; the verb before it says what
      let rateVerb = verb;
      if (verb && actionClassAt(verb.index) === 'complete') {
        const earlier = verbEndingAt(text, from, modifierEnd - verb.verb.length);
        if (earlier) rateVerb = earlier;
      }
      const start = rateVerb ? text.lastIndexOf(rateVerb.verb, modifierEnd) : modifierEnd;
      return { object: text.slice(start, to), cls: 'rate', compoundAction: rateVerb ? actionClassAt(rateVerb.index) : null, compoundVerb: rateVerb?.verb ?? null };
    }
    if (verb && (!modifier || modifier.head.length <= verb.verb.length)) {
      // 指标任务落地数: the noun before the verb says what is counted (an amount, 项目签约金额, is the verb's)
      const counted = COUNT_MEASURE_NOUNS.has(measureNoun);
      const noun = counted && modifierEnd - verb.verb.length > from ? headClassAt(text, from, modifierEnd - verb.verb.length) : null;
      const cls = noun ? objectClassAt(noun.index) : measured === 'floor_space' || measured === 'funds' ? null : measured;
      return { object: text.slice(modifierEnd - verb.verb.length, to), cls, compoundAction: actionClassAt(verb.index), compoundVerb: verb.verb };
    }
    if (modifier) return { object: text.slice(modifierEnd - modifier.head.length, to), cls: objectClassAt(modifier.index), compoundAction: null, compoundVerb: null };
    if (head) return { object: head.head, cls: objectClassAt(head.index), compoundAction: null, compoundVerb: null };
    return { object: text.slice(Math.max(from, to - 4), to), cls: null, compoundAction: null, compoundVerb: null };
  }
  if (!head) {
    // 志愿者轮流: an unknown word after a known noun is no head; the known noun is
    for (let end = to - 1; end > from; end--) {
      const earlier = headClassAt(text, from, end);
      if (earlier && earlier.head.length >= 2) return { object: earlier.head, cls: objectClassAt(earlier.index), compoundAction: null, compoundVerb: null };
    }
    return { object: text.slice(Math.max(from, to - 4), to), cls: null, compoundAction: null, compoundVerb: null };
  }
  let cls = objectClassAt(head.index);
  // 工作组分片包村: a one-character head closing a run of unknown characters after a known noun is the end of
  // an unknown word (包村, in charge of villages); the known noun heads the phrase
  if (head.head.length === 1 && to === tokens.end[phrase.last] && tokens.flags[phrase.last] & X && tokens.end[phrase.last] - tokens.start[phrase.last] >= 3) {
    for (let k = phrase.last - 1; k >= phrase.first; k--) {
      if (!(tokens.flags[k] & NOUN)) continue;
      const known = headClassAt(text, from, tokens.end[k]);
      if (known) return { object: known.head, cls: objectClassAt(known.index), compoundAction: null, compoundVerb: null };
    }
  }
  // 问题点位, 占道经营点位: spots named by the problem found there are problems
  if ((cls === 'post' || cls === 'place' || cls === 'facility') && to - head.head.length > from) {
    const modifier = headClassAt(text, from, to - head.head.length);
    if (modifier && objectClassAt(modifier.index) === 'problem') return { object: text.slice(to - head.head.length - modifier.head.length, to), cls: 'problem', compoundAction: null, compoundVerb: null };
  }
  // 合同成交额, 协议金额: an amount of a contract is the contract's value
  if ((cls === 'funds' || cls === 'sales') && to - head.head.length > from) {
    const modifier = headClassAt(text, from, to - head.head.length);
    if (modifier && objectClassAt(modifier.index) === 'document') return { object: text.slice(to - head.head.length - modifier.head.length, to), cls: 'document', compoundAction: null, compoundVerb: null };
  }
  // 执法人员, 工作人员 are staff; 重点人员, 失业人员 are people reached
  if (head.head === '人员' && isStaffWork(text, from, to - 2)) cls = 'staff';
  const rateAction = RATE_HEAD_ACTION[head.head] ?? null;
  return { object: head.head, cls, compoundAction: rateAction, compoundVerb: rateAction ? head.head : null };
}

const THRESHOLD_WORDS = ['以上', '以下', '及以上', '以内', '之上'];
/** 5000平方米以上, 年产值2000万元以下: the figure bounds a category (the word is inside the figure or right after it). */
function isThreshold(text: string, figure: FigureMatch): boolean {
  const last = figure.text.charCodeAt(figure.text.length - 1), next = text.charCodeAt(figure.end);
  if (!THRESHOLD_LAST.has(last) && !THRESHOLD_FIRST.has(next)) return false;
  for (const word of THRESHOLD_WORDS) if (figure.text.endsWith(word) || text.startsWith(word, figure.end)) return true;
  return false;
}
const THRESHOLD_LAST = new Set(THRESHOLD_WORDS.map((word) => word.charCodeAt(word.length - 1)));
const THRESHOLD_FIRST = new Set(THRESHOLD_WORDS.map((word) => word.charCodeAt(0)));
const UNCOUNTABLE: ReadonlySet<ObjectClass> = new Set<ObjectClass>(['investment', 'funds', 'loan', 'revenue', 'sales', 'value_added', 'foreign_capital', 'rate', 'economy', 'site', 'floor_space', 'time', 'target']);

const WITH_AREA: ReadonlySet<ObjectClass> = new Set<ObjectClass>(['land', 'floor_space', 'building', 'dwelling', 'site', 'line', 'facility']);
/** Whether a figure in `unit` can measure a noun of `cls` (a count counts no money; an area is of land or buildings). */
function measurableIn(cls: ObjectClass, unit: UnitClass): boolean {
  if (unit === 'count') return !UNCOUNTABLE.has(cls);
  if (unit === 'area') return WITH_AREA.has(cls);
  return true;
}

/** The last noun inside a phrase that a figure in `unit` can measure, read back from its end. */
function lastMeasurableWithin(ctx: ArticleContext, phrase: Phrase, unit: UnitClass): ObjectRead | null {
  const { tokens, text } = ctx;
  for (let k = phrase.last - 1; k >= phrase.first; k--) {
    if (tokens.flags[k] & QUOTE) continue;
    const head = headClassAt(text, phrase.from, tokens.end[k]);
    const cls = head ? objectClassAt(head.index) : null;
    if (head && cls && measurableIn(cls, unit)) return { object: head.head, cls, compoundAction: null, compoundVerb: null };
  }
  return null;
}

const DISTRIBUTIVE = new Set(['分别', '均', '都', '皆', '全部', '分别为', '分别达', '均为', '均达', '都达']);
const DISTRIBUTIVE_FIRST = new Set([...DISTRIBUTIVE].map((word) => word.charCodeAt(0)));

/**
 * Coordinated noun phrases governing a figure or a list of figures: 满意率和办结率分别提高1.2、0.8个百分点
 * (分别: the i-th noun goes with the i-th figure), 满意率和办结率均超99% (均, 都: one figure for each noun).
 * Returns the nouns in text order and the figure's place in its list, or null.
 */
function coordination(ctx: ArticleContext, t: number): { nouns: ObjectRead[]; position: number; count: number; respectively: boolean } | null {
  const { tokens, text } = ctx;
  // the list of figures this one belongs to
  let listStart = t, position = 0;
  for (let k = prev(tokens, t); k >= 0 && tokens.flags[k] & (PUNCT | CONJ); k = prev(tokens, k)) {
    if (tokens.flags[k] & PUNCT && tokens.objectClass[k] !== P_LIST) break;
    const p = prev(tokens, k);
    if (!(p >= 0 && tokens.flags[p] & FIG)) break;
    listStart = p; position++; k = p;
  }
  let count = position + 1;
  for (let k = next(tokens, t); k < tokens.length && tokens.flags[k] & (PUNCT | CONJ); k = next(tokens, k)) {
    if (tokens.flags[k] & PUNCT && tokens.objectClass[k] !== P_LIST) break;
    const n = next(tokens, k);
    if (!(n < tokens.length && tokens.flags[n] & FIG)) break;
    count++; k = n;
  }
  // 分别提高 / 均超: a distributive word among the links and at most one verb before the list
  let k = prev(tokens, listStart);
  let distributive: string | null = null;
  for (let seen = 0; k >= 0 && seen < 4; k = prev(tokens, k), seen++) {
    const f = tokens.flags[k];
    const word = DISTRIBUTIVE_FIRST.has(text.charCodeAt(tokens.start[k])) ? text.slice(tokens.start[k], tokens.end[k]) : '';
    if (DISTRIBUTIVE.has(word) || word.startsWith('分别')) { distributive = word; continue; }
    if (f & (LINK | ADV | TIME) || (isPureVerb(f) && !distributive)) continue;
    break;
  }
  if (!distributive) return null;
  const nouns: ObjectRead[] = [];
  for (let guard = 0; k >= 0 && guard < 6; guard++) {
    const phrase = phraseEndingAt(ctx, k);
    const read = phrase ? readObject(ctx, phrase) : null;
    if (!phrase || !read) break;
    nouns.unshift(read);
    const c = prev(tokens, phrase.first);
    if (!(c >= 0 && (tokens.flags[c] & CONJ || (tokens.flags[c] & PUNCT && tokens.objectClass[c] === P_LIST)))) break;
    k = prev(tokens, c);
  }
  if (nouns.length < 2) return null;
  const respectively = distributive.startsWith('分别');
  if (respectively ? nouns.length !== count : count !== 1) return null;
  return { nouns, position, count, respectively };
}

/** The first noun of `cls` inside a phrase, read from its start (员工 in 航企员工通勤交通需求). */
function headOfClassWithin(ctx: ArticleContext, phrase: Phrase, cls: ObjectClass): ObjectRead | null {
  const { tokens, text } = ctx;
  for (let k = phrase.first; k <= phrase.last; k++) {
    if (tokens.flags[k] & QUOTE) continue;
    const head = headClassAt(text, phrase.from, tokens.end[k]);
    if (head && objectClassAt(head.index) === cls) return { object: head.head, cls, compoundAction: null, compoundVerb: null };
  }
  return null;
}

/** Verb families whose subject is what they are about: things that start, finish, grow, exist, settle. */
const INTRANSITIVE: ReadonlySet<ActionClass | null> = new Set<ActionClass | null>([
  null, 'start', 'complete', 'grow', 'share', 'exist', 'register', 'resettle', 'achieve', 'satisfy', 'sign', 'requisition', 'attend', 'employ',
]);

/** The family of the first verb between two tokens (null when it has none or no verb is there). */
function firstVerbAfter(ctx: ArticleContext, from: number, to: number): ActionClass | null {
  const { tokens } = ctx;
  for (let k = next(tokens, from); k < to; k = next(tokens, k)) {
    if (tokens.flags[k] & VERB) return actionClassAt(tokens.actionClass[k]);
  }
  return null;
}

/** The clause's subject: a noun phrase at the clause start, right before its verb (项目开工12个). */
function clauseSubject(ctx: ArticleContext, t: number): Phrase | null {
  const { tokens } = ctx;
  let k = prev(tokens, t);
  let clauseStart = tokens.lo;
  for (; k >= 0; k = prev(tokens, k)) {
    if (isBoundary(tokens.flags[k], tokens, k, P_COMMA)) { clauseStart = k + 1; break; }
  }
  let first = -1, last = -1;
  for (k = clauseStart; k < t; k = next(tokens, k)) {
    const f = tokens.flags[k];
    if (first < 0 && f & (TIME | ADV | QUOTE | NUM)) continue;
    if (isMaterial(f)) { if (first < 0) first = k; last = k; continue; }
    // 群众满意率较去年提升…: a verb before a measure noun is inside the phrase
    const n = next(tokens, k);
    if (first >= 0 && isPureVerb(f) && n < t && measuresVerb(ctx, n)) { last = n; k = n; continue; }
    // 诉求按期办结率: an adverb before such a verb too
    const n2 = n < t ? next(tokens, n) : t;
    if (first >= 0 && f & ADV && n < t && isPureVerb(tokens.flags[n]) && n2 < t && measuresVerb(ctx, n2)) { last = n2; k = n2; continue; }
    break;
  }
  // 项目开工12个, 增速比上月回落1.6个百分点: the subject comes before its verb or a comparison before it
  if (last < 0 || k >= t || !(tokens.flags[k] & (VERB | ADV | DONE | PREP | TIME | LINK | ONGOING))) return null;
  return { first, last, from: tokens.start[first], to: tokens.end[last] };
}

/** A framing clause before the figure's clause in its sentence: 「集中开工项目中，」 → 项目 (and 开工). */
function frameOf(ctx: ArticleContext, t: number): { phrase: Phrase; verb: number } | null {
  const { tokens } = ctx;
  for (let k = prev(tokens, t); k >= 0; k = prev(tokens, k)) {
    const f = tokens.flags[k];
    if (isBoundary(f, tokens, k, P_COMMA + 1)) return null;     // the sentence's frame only
    if (!(f & FRAME)) continue;
    const after = next(tokens, k);
    if (!(after < tokens.length && isBoundary(tokens.flags[after], tokens, after, P_COMMA))) continue;
    let first = -1, last = -1, verb = -1;
    for (let j = prev(tokens, k); j >= 0; j = prev(tokens, j)) {
      const g = tokens.flags[j];
      if (isMaterial(g)) { if (last < 0) last = j; first = j; continue; }
      if (g & VERB && last >= 0) { verb = j; break; }
      break;
    }
    if (last < 0) return null;
    return { phrase: { first, last, from: tokens.start[first], to: tokens.end[last] }, verb };
  }
  return null;
}

interface ActionRead { action: string; cls: ActionClass | null; source: ActionSource; token: number }

function readVerb(ctx: ArticleContext, k: number, source: ActionSource): ActionRead {
  const { tokens } = ctx;
  return { action: ctx.text.slice(tokens.start[k], tokens.end[k]), cls: actionClassAt(tokens.actionClass[k]), source, token: k };
}

/** The first verb after position `from` in the clause, passing through light verbs (进行整改 → 整改). */
const DURATION_UNITS: ReadonlySet<Unit> = new Set<Unit>(['hour', 'day', 'month', 'year']);
function isDuration(ctx: ArticleContext, k: number): boolean {
  return DURATION_UNITS.has(ctx.figures[ctx.tokens.objectClass[k]].unit);
}

function verbAfter(ctx: ArticleContext, from: number, source: ActionSource, minStrength = P_COMMA): ActionRead | null {
  const { tokens } = ctx;
  let light = -1;
  for (let k = next(tokens, from); k < tokens.length; k = next(tokens, k)) {
    const f = tokens.flags[k];
    if (isBoundary(f, tokens, k, minStrength)) break;
    if (f & FIG) {
      // 70天全面拆平: a duration is an adverbial; 186家企业和320个场所开展…: coordinated objects share the verb
      const p = prev(tokens, k);
      if (isDuration(ctx, k) || (p >= 0 && tokens.flags[p] & (CONJ | PUNCT))) continue;
      break;
    }
    if (f & (CONJ | PUNCT)) continue;
    if (f & VERB && !(f & LIGHT && tokens.lightClass[k] < 0 && tokens.actionClass[k] < 0)) {
      // a light verb with an own family (开展, 完成) yields to a verb right after it
      if (f & LIGHT) {
        let n = next(tokens, k);
        while (n < tokens.length && tokens.flags[n] & ADV && !(tokens.flags[n] & VERB)) n = next(tokens, n);
        if (n < tokens.length && tokens.flags[n] & VERB) { light = k; continue; }
      }
      return readVerb(ctx, k, source);
    }
    if (f & LIGHT) { light = k; continue; }
    if (f & (ADV | DONE | LINK | NEG | TIME | PLAN | ONGOING | QUOTE | PREP)) continue;
    if (light >= 0 && isMaterial(f)) continue;    // 开展综合整治: the light verb's object
    if (isMaterial(f)) continue;                  // 对辖区12个小区开展… : the rest of the phrase
    break;
  }
  if (light >= 0 && tokens.lightClass[light] >= 0) {
    return { action: ctx.text.slice(tokens.start[light], tokens.end[light]), cls: actionClassAt(tokens.lightClass[light]), source: 'light', token: light };
  }
  return null;
}

const EXIST = actionClassIndex('exist');

function findAction(
  ctx: ArticleContext, t: number, unit: UnitClass, object: ObjectClass | null, before: Phrase | null, after: Phrase | null,
): ActionRead | null {
  const { tokens } = ctx;
  const afterEnd = after ? after.last : t;
  let relative: ActionRead | null = null;
  let existing: ActionRead | null = null;
  let seenDe = false;
  let lightOwn = -1;
  let crossedList = false;
  let itemHasFigure = false;
  let deferred: ActionRead | null = null;
  const p0 = prev(tokens, before ? before.first : t);
  const enumeration = p0 >= 0 && (tokens.flags[p0] & DENG) !== 0;
  // 投资5亿元, 开展检查56次, 培训1.2万人次: a noun that is also a verb, alone before the number, is both
  // (and the last noun of a phrase that is also a verb: 消防安全检查95次, 小微企业授信3.2亿元)
  if (before && tokens.flags[before.last] & VERB && tokens.actionClass[before.last] >= 0 && next(tokens, before.last) === t) {
    return readVerb(ctx, before.last, 'before');
  }
  for (let k = prev(tokens, t); k >= 0; k = prev(tokens, k)) {
    const f = tokens.flags[k];
    if (before && k >= before.first && k <= before.last) continue;   // the figure's own noun phrase
    const linking = before !== null && k > before.last;                 // between the phrase and the number
    if (isBoundary(f, tokens, k, P_COMMA)) break;
    // 、 : list items share the verb before them (走访企业120家、个体户300户), but in a list of names without
    // figures (上南智享、挪亚检测、联东U谷4个项目) a verb is part of a name
    if (f & PUNCT) { crossedList = true; itemHasFigure = false; continue; }
    if (f & FIG) { itemHasFigure = true; continue; }
    if (f & DE) { if (!linking) { seenDe = true; crossedList = false; } continue; }
    if (f & LATER) {
      // 对120处隐患进行整改, 为3000名老人提供体检, 帮助520名毕业生实现就业: the figure is the preposition's
      // object; the later verb governs
      const later = verbAfter(ctx, afterEnd, 'later');
      if (later) return later;
      if (!(f & VERB)) continue;
    }
    if (f & LIGHT && tokens.actionClass[k] < 0) {
      if (tokens.lightClass[k] >= 0 && lightOwn < 0) lightOwn = k;
      // 实施新建、改扩建学校项目12个: the building verbs name the kind of project; 实施 governs it
      else if (deferred) return { action: ctx.text.slice(tokens.start[k], tokens.end[k]), cls: null, source: 'light', token: k };
      continue;
    }
    if (!(f & VERB)) continue;
    if (crossedList && !itemHasFigure && next(tokens, k) < tokens.length && tokens.flags[next(tokens, k)] & PUNCT) continue;
    // 道路硬化、停车位改造、食堂建设等民生实事: verbs ending the items of an enumeration name the items
    if (enumeration && next(tokens, k) < tokens.length && tokens.flags[next(tokens, k)] & (DENG | PUNCT | CONJ)) continue;
    // 房地产服务公司高力国际等12家企业: in the names of an enumeration, a verb before a noun of firms is part of a name
    if (enumeration && next(tokens, k) < tokens.length && tokens.flags[next(tokens, k)] & NOUN
      && NAMED_BY_USE.has(objectClassAt(tokens.objectClass[next(tokens, k)]) ?? 'time')) continue;
    const cls = actionClassAt(tokens.actionClass[k]);
    if (seenDe) {
      // 反映的问题: the first verb before 的 is a relative clause's; a verb before that governs the phrase
      if (!relative) { relative = readVerb(ctx, k, 'relative'); continue; }
      return readVerb(ctx, k, 'before');
    }
    if (tokens.actionClass[k] === EXIST) { existing ??= readVerb(ctx, k, 'before'); continue; }
    // 收集点, 执法车辆: a verb written together with a short noun of things named by their use, which it
    // cannot govern, is part of that noun
    // (改造项目被征迁群众: a verb right before 项目 names the kind of project); 化解征迁矛盾纠纷: between a verb
    // and its noun, a verb that cannot govern the noun modifies it
    const adjacent = before !== null && next(tokens, k) === before.first;
    if (adjacent && verbInsidePhrase(ctx, k, before!)) continue;
    if (adjacent && object && cls && isPureVerb(tokens.flags[prev(tokens, k)] ?? 0) && !canGovern(object, cls)) continue;
    if (cls === 'build' && (object === 'project' || object === 'facility') && (adjacent || deferred)) { deferred ??= readVerb(ctx, k, 'before'); continue; }
    if (deferred && cls === 'build') continue;
    if (lightOwn >= 0 && !adjacent) break;
    // 清零、核心区44万方建筑全面拆平: an item with its own verb after the figure does not share the one before
    if (crossedList) { const own = verbAfter(ctx, afterEnd, 'after', P_LIST); if (own) return own; }
    // 完成1031家企业摸排工作: 完成/实现 before a phrase whose own verb follows pass the action on
    if (f & LIGHT && (cls === 'complete' || cls === 'achieve')) { const own = verbAfter(ctx, afterEnd, 'light', P_LIST); if (own) return own; }
    return readVerb(ctx, k, 'before');
  }
  if (deferred) return deferred;
  if (lightOwn >= 0) return { action: ctx.text.slice(tokens.start[lightOwn], tokens.end[lightOwn]), cls: actionClassAt(tokens.lightClass[lightOwn]), source: 'light', token: lightOwn };
  const following = verbAfter(ctx, afterEnd, 'after');
  if (following) return following;
  // 有100户困难家庭实施“善居工程”: 有 only introduces a figure that another verb predicates
  if (existing && hasVerbAfter(ctx, afterEnd)) return relative;
  return existing ?? relative;
}

function hasVerbAfter(ctx: ArticleContext, from: number): boolean {
  const { tokens } = ctx;
  for (let k = next(tokens, from); k < tokens.length; k = next(tokens, k)) {
    const f = tokens.flags[k];
    if (isBoundary(f, tokens, k, P_COMMA) || f & FIG) return false;
    if (f & (VERB | LIGHT)) return true;
  }
  return false;
}

/** Whether a verb of family `action` can take a noun of `object` (GOVERNS of lexicon.ts). */
function canGovern(object: ObjectClass, action: ActionClass): boolean {
  const verbs = GOVERNS[object];
  return verbs === undefined || verbs.includes(action);
}

/** Whether the figure's clause holds any verb at all (else it shares the verb of the clause before: 走访企业120家，个体户300户). */
function clauseHasVerb(ctx: ArticleContext, t: number): boolean {
  const { tokens } = ctx;
  for (let k = prev(tokens, t); k >= 0; k = prev(tokens, k)) {
    const f = tokens.flags[k];
    if (isBoundary(f, tokens, k, P_COMMA)) break;
    if (f & (VERB | LIGHT)) return true;
  }
  for (let k = next(tokens, t); k < tokens.length; k = next(tokens, k)) {
    const f = tokens.flags[k];
    if (isBoundary(f, tokens, k, P_COMMA)) break;
    if (f & (VERB | LIGHT)) return true;
  }
  return false;
}

/** The verb nearest to the end of the clause before the figure's (开展“云签约”，涉及金额14亿元). */
function previousClauseVerb(ctx: ArticleContext, t: number): ActionRead | null {
  const { tokens } = ctx;
  let k = prev(tokens, t);
  for (; k >= 0; k = prev(tokens, k)) {
    const f = tokens.flags[k];
    if (isBoundary(f, tokens, k, P_COMMA + 1)) return null;
    if (isBoundary(f, tokens, k, P_COMMA)) break;
  }
  for (k = prev(tokens, k); k >= 0; k = prev(tokens, k)) {
    const f = tokens.flags[k];
    if (isBoundary(f, tokens, k, P_COMMA)) return null;
    if (f & VERB && tokens.actionClass[k] >= 0) return readVerb(ctx, k, 'list');
  }
  return null;
}

/** Clauses (commas) between two token positions, counted up to a small cap. */
function clausesBetween(tokens: Tokens, from: number, to: number, cap: number): number {
  let count = 0;
  for (let k = from + 1; k < to && count <= cap; k++) if (tokens.flags[k] & PUNCT && tokens.objectClass[k] >= P_COMMA) count++;
  return count;
}

/** The nearest aspect marker before the figure in its sentence (its own noun phrase aside: 全年任务的92%). */
function findAspect(ctx: ArticleContext, t: number, ownFrom: number): Aspect | null {
  const { tokens } = ctx;
  for (let k = prev(tokens, t), seen = 0; k >= 0 && seen < 40; k = prev(tokens, k), seen++) {
    const f = tokens.flags[k];
    if (isBoundary(f, tokens, k, P_COMMA + 1)) break;
    if (k >= ownFrom && f & NOUN) continue;
    if (f & PLAN) {
      // 将120户居民纳入…: 将 before a noun phrase is a preposition, not "will"; 计划总投资126亿元: a plan word
      // before a noun only qualifies that noun
      const n = next(tokens, k);
      const nf = n < tokens.length ? tokens.flags[n] : 0;
      if (f & NOUN ? !(nf & (VERB | LIGHT | ADV | TIME | PREP | LINK)) : !(nf & (VERB | LIGHT | ADV | TIME | PREP | PLAN | FIG | PUNCT | LINK))) continue;
      if (nf & NOUN && !(nf & VERB) && n !== t) continue;
      if (f & VERB && nf & NOUN) continue;   // 争取贷款5亿元: obtained, not planned
      return 'planned';
    }
    if (f & ONGOING) return 'ongoing';
    if (f & DONE) return 'done';
  }
  return null;
}

/** Finds the facets of figure `i` of the context (figures before it already have theirs). */
export function findFacets(ctx: ArticleContext, i: number): FacetFinding {
  const figure = ctx.figures[i];
  const unitClass = unitClassOf(figure.unit);
  const measureClass = unitClass === 'count' ? measureClassOf(figure.unitWord) : null;
  const t = focus(ctx, i);
  const finding: FacetFinding = {
    object: null, object_class: null, action: null, action_class: null, aspect: null, unit_class: unitClass, measure_class: measureClass,
    provenance: { object: null, action: null }, phraseAfter: null, phraseAfterClass: null, followedByDe: false, threshold: false,
  };
  if (t < 0) return finding;
  const { tokens, text } = ctx;
  const rate = unitClass === 'percent' || unitClass === 'percentage_point';
  const n = next(tokens, t);
  finding.followedByDe = n < tokens.length && (tokens.flags[n] & DE) !== 0;
  const implied = impliedClass(measureClass, figure.unitWord);

  // object, from the figure's own phrases: after the measure word, before the number, the clause subject
  // 年产值500万元以下的小微企业: after a threshold, 的 leads to what it bounds
  const threshold = isThreshold(text, figure);
  finding.threshold = threshold;
  const acrossDe = threshold || unitClass === 'area' || unitClass === 'length' || unitClass === 'mass' || unitClass === 'volume' || unitClass === 'money';
  const after = unitClass === 'time' ? null : phraseAfter(ctx, t, acrossDe);
  const afterRead = after ? readObject(ctx, after) : null;
  if (after) { finding.phraseAfter = [after.from, after.to]; finding.phraseAfterClass = afterRead?.cls ?? null; }
  const before = phraseBefore(ctx, t, rate);
  let beforeRead: ObjectRead | null | undefined;   // read only when needed (no closure: this runs per figure)
  // a measure word of its own selects its noun inside a longer phrase (1.2万名员工通勤需求 counts 员工)
  let afterCandidate = after && implied && !fitsMeasure(afterRead?.cls ?? null, measureClass, implied)
    ? headOfClassWithin(ctx, after, implied) ?? afterRead : afterRead;
  // 26个项目总投资达82亿元: a count counts the last countable noun of its phrase, not an amount after it;
  // 30万亩高标准农田改造提升工程: an area measures the last noun of its phrase that has an area
  if (after && afterCandidate?.cls && !measurableIn(afterCandidate.cls, unitClass)) {
    afterCandidate = lastMeasurableWithin(ctx, after, unitClass) ?? afterCandidate;
  }
  // money, area, rates: the noun before names what the amount is (总投资12亿元); the noun after a money
  // figure is what it is an amount of only when it is money too (5000万元资金), else the figure is its attribute
  const afterFirst = unitClass === 'count' || unitClass === 'mass' || unitClass === 'length' || unitClass === 'volume'
    || (unitClass === 'money' && afterCandidate?.cls != null && MONEY_CLASSES.has(afterCandidate.cls))
    || (unitClass === 'area' && afterCandidate?.cls != null);
  let read: ObjectRead | null = null;
  let source: ObjectSource | null = null;
  if (afterFirst && usableObject(afterCandidate, measureClass, implied)) { read = afterCandidate; source = 'after'; }
  if (!read) {
    beforeRead = before ? readObject(ctx, before) : null;
    if (usableObject(beforeRead, measureClass, implied)) { read = beforeRead; source = 'before'; }
    else if (!afterFirst && usableObject(afterCandidate, measureClass, implied)) { read = afterCandidate; source = 'after'; }
  }
  // 满意率和办结率分别提高1.2、0.8个百分点: each figure of the list takes its own noun
  const coordinated = coordination(ctx, t);
  if (coordinated?.respectively) { read = coordinated.nouns[coordinated.position]; source = 'before'; }
  if (!read) {
    // 项目开工12个: the subject of a verb that takes no object is what is counted; the subject of one that
    // does (团队为老人提供服务930人次) is who acted. An amount is always the subject's (贷款较年初新增9.6亿元).
    const subject = clauseSubject(ctx, t);
    const subjectRead = subject ? readObject(ctx, subject) : null;
    const verb = subject ? firstVerbAfter(ctx, subject.last, t) : null;
    if (subjectRead?.cls && (!implied || fitsMeasure(subjectRead.cls, measureClass, implied)) && (unitClass !== 'count' || verb === null || INTRANSITIVE.has(verb))) {
      read = subjectRead; source = 'subject';
    }
  }
  if (read) { finding.object = read.object; finding.object_class = read.cls; finding.provenance.object = source; }
  finding.object_class = restrictByMeasure(finding.object_class, measureClass, figure.unitWord);

  // action: a rate's family is its own compound (解决率); elsewhere the governing verb, unless it only
  // says "achieve" or "have" and the compound says more (完成拆违面积 → 拆违)
  const compound: ActionRead | null = read?.compoundAction && read.compoundVerb
    ? { action: read.compoundVerb, cls: read.compoundAction, source: 'compound', token: -1 } : null;
  let action: ActionRead | null;
  if (rate && figure.qualifierWord === '约占') action = { action: '占', cls: 'share', source: 'before', token: -1 };   // 约占三成
  else if (compound && finding.object_class === 'rate') action = compound;
  else {
    const governing = findAction(ctx, t, unitClass, finding.object_class, before, after);
    action = compound && (!governing || governing.source === 'relative' || WEAK_ACTIONS.has(governing.cls)) ? compound : governing;
  }
  // 其中，亿元以上项目11个: a subset takes what its whole does (and what it is, when it does not say)
  if (!action || !finding.object_class) {
    const whole = subsetOf(ctx, i, t, unitClass);
    if (whole && !action && whole.action) action = { action: whole.action, cls: whole.action_class, source: 'antecedent', token: -1 };
    if (whole && !finding.object_class && whole.object_class && (!implied || fitsMeasure(whole.object_class, measureClass, implied))) {
      finding.object = whole.object; finding.object_class = whole.object_class; finding.provenance.object = 'antecedent';
    }
  }
  // (read only when needed: whether the figure's clause holds a verb of its own)
  let hasVerb: boolean | undefined;
  if (!action && !(hasVerb = clauseHasVerb(ctx, t))) action = listVerb(ctx, i, t) ?? previousClauseVerb(ctx, t);

  // object of an elided figure: an earlier figure's (受理X件，已办结Y件; 计划投资X，已完成Y), if this
  // figure's own verb can govern it; else a framing clause (集中开工项目中，…); else the measure word
  let frame: ReturnType<typeof frameOf> | undefined;
  if (!finding.object_class && !read && (!(rate && (hasVerb ??= clauseHasVerb(ctx, t))) || unitClass === 'percentage_point' || listedAfterFigure(ctx, t))) {
    const antecedent = antecedentOf(ctx, i, unitClass, measureClass, implied);
    const ownActionDecides = unitClass === 'money' && action?.cls && !WEAK_ACTIONS.has(action.cls);
    if (antecedent?.object_class && !ownActionDecides && (!action?.cls || WEAK_ACTIONS.has(action.cls) || canGovern(antecedent.object_class, action.cls))) {
      finding.object = antecedent.object; finding.object_class = antecedent.object_class; finding.provenance.object = 'antecedent';
      // a rate's family comes with it (满意率98%，同比提高2个百分点)
      if (antecedent.object_class === 'rate' && antecedent.provenance.action === 'compound') {
        action = { action: antecedent.action ?? '', cls: antecedent.action_class, source: 'compound', token: -1 };
      }
    }
  }
  if (!finding.object_class) {
    frame = frameOf(ctx, t);
    const frameRead = frame ? readObject(ctx, frame.phrase) : null;
    if (frameRead?.cls && (!implied || fitsMeasure(frameRead.cls, measureClass, implied))) {
      finding.object = frameRead.object; finding.object_class = frameRead.cls; finding.provenance.object = 'frame';
    }
  }
  if (!finding.object_class && implied) {
    finding.object_class = implied; finding.provenance.object = 'measure'; finding.object ??= figure.unitWord;
  }
  if (!finding.object) {
    if (beforeRead === undefined) beforeRead = before ? readObject(ctx, before) : null;
    finding.object = (beforeRead ?? afterRead)?.object ?? null;
  }
  if (!action) {
    frame ??= frameOf(ctx, t);
    if (frame && frame.verb >= 0) action = readVerb(ctx, frame.verb, 'frame');
  }
  if (action) {
    finding.action = action.action; finding.action_class = action.cls; finding.provenance.action = action.source;
    // 参加养老保险人数: taking part in what is no event is being served
    if (action.cls === 'attend' && action.token >= 0 && (finding.object_class === 'person' || finding.object_class === 'household')) {
      const attended = objectAfterVerb(ctx, action.token);
      if (attended && attended !== 'event') finding.action_class = 'serve';
    }
    // 占全省首批指标数67%: a share of a territory's total is a share, not progress on one's own target
    if (action.cls === 'share' && action.token >= 0 && TERRITORY_WHOLE.test(text.slice(tokens.start[action.token], Math.min(figure.start, tokens.end[action.token] + 16)))) {
      finding.object_class = 'economy';
    }
    // 543栋存在安全隐患: things that have problems are counted as problems found
    if (action.source === 'after' && action.token >= 0 && (action.cls === 'collect' || action.cls === 'exist') && objectAfterVerb(ctx, action.token) === 'problem') {
      finding.object_class = 'problem';
    }
    // 检查食品经营单位2600余家次: times things were inspected are inspections
    if ((measureClass === 'visit' || measureClass === 'batch') && action.cls === 'inspect' && finding.object_class && (VISITED.has(finding.object_class) || finding.object_class === 'goods' || finding.object_class === 'produce')) {
      finding.object_class = 'inspection';
    }
  }
  finding.aspect = findAspect(ctx, t, before ? before.first : t);
  // 满意率和办结率均超99%: one figure for each noun
  if (coordinated && !coordinated.respectively) {
    finding.sharedWith = coordinated.nouns.map((noun) => ({
      ...finding, sharedWith: undefined, object: noun.object, object_class: noun.cls,
      action: noun.compoundVerb ?? finding.action, action_class: noun.compoundAction ?? finding.action_class,
      provenance: { object: 'before' as const, action: noun.compoundAction ? 'compound' as const : finding.provenance.action },
    }));
  }
  return finding;
}

/** A read noun phrase that can be what the figure counts: it has a class (or a verb of its own), and one the
 *  measure word can count (街道543栋, 组织干部群众1.2万人上堤: no). */
function usableObject(candidate: ObjectRead | null | undefined, measure: MeasureClass | null, implied: ObjectClass | null): candidate is ObjectRead {
  if (!candidate || (candidate.cls === null && candidate.compoundAction === null)) return false;
  return !(implied && candidate.cls && !fitsMeasure(candidate.cls, measure, implied));
}

/** What a measure word alone says is counted; 户次, 人次, 家次 count visits of households, persons, entities. */
function impliedClass(measure: MeasureClass | null, unitWord: string): ObjectClass | null {
  if (!measure) return null;
  if (measure === 'visit') {
    if (unitWord.endsWith('人次')) return 'person';
    if (unitWord.endsWith('户次')) return 'household';
    if (unitWord.endsWith('家次')) return 'enterprise';
    return null;
  }
  return OBJECT_OF_MEASURE[measure] ?? null;
}

/** Classes a measure word with a class of its own can count (名 counts persons, staff, or families: 245名家庭). */
const FITS: Partial<Record<ObjectClass, ReadonlySet<ObjectClass>>> = {
  person: new Set<ObjectClass>(['person', 'staff', 'household']),
  household: new Set<ObjectClass>(['household', 'person', 'enterprise', 'merchant']),
  enterprise: new Set<ObjectClass>(['enterprise', 'merchant', 'organisation', 'household', 'facility', 'project', 'place', 'inspection', 'problem']),
  building: new Set<ObjectClass>(['building', 'dwelling', 'facility', 'project', 'floor_space', 'land']),
  dwelling: new Set<ObjectClass>(['dwelling', 'building']),
  document: new Set<ObjectClass>(['document', 'goods', 'policy', 'problem']),
  staff: new Set<ObjectClass>(['staff', 'person', 'organisation', 'place']),
  event: new Set<ObjectClass>(['event', 'inspection', 'person', 'place']),
};
function fitsMeasure(cls: ObjectClass | null, measure: MeasureClass | null, implied: ObjectClass): boolean {
  if (cls === null) return false;
  const fits = FITS[implied];
  return fits ? fits.has(cls) : true;
}

/** The class of the noun right after a verb (存在 + 安全隐患). */
function objectAfterVerb(ctx: ArticleContext, verb: number): ObjectClass | null {
  const { tokens, text } = ctx;
  let last = -1;
  for (let k = next(tokens, verb); k < tokens.length && k <= verb + 6; k = next(tokens, k)) {
    if (!isMaterial(tokens.flags[k])) break;
    last = k;
  }
  if (last < 0) return null;
  const head = headClassAt(text, tokens.start[next(tokens, verb)], tokens.end[last]);
  return head ? objectClassAt(head.index) : null;
}

/** The figure a 其中-clause takes a subset of: the nearest earlier figure in the same unit class, in this
 *  sentence or the one before, when 其中 opens the figure's clause. */
function subsetOf(ctx: ArticleContext, i: number, t: number, unit: UnitClass): FacetFinding | null {
  const { tokens } = ctx;
  let opened = false;
  for (let k = prev(tokens, t), seen = 0; k >= 0 && seen < 12; k = prev(tokens, k), seen++) {
    const f = tokens.flags[k];
    if (f & QIZHONG) { opened = true; break; }
    if (isBoundary(f, tokens, k, P_COMMA) && !(prev(tokens, k) >= 0 && tokens.flags[prev(tokens, k)] & QIZHONG)) break;
  }
  if (!opened) return null;
  const sentence = ctx.sentenceOf[i];
  for (let j = i - 1; j >= 0 && j >= i - 6; j--) {
    if (ctx.sentenceOf[j] < sentence - 1) return null;
    const earlier = ctx.findings[j];
    if (earlier && earlier.unit_class === unit) return earlier;
  }
  return null;
}

/** Whether the figure follows another in a list (56.36%、83.64%): it shares that figure's noun. */
function listedAfterFigure(ctx: ArticleContext, t: number): boolean {
  const { tokens } = ctx;
  const p = prev(tokens, t);
  if (!(p >= 0 && (tokens.flags[p] & CONJ || (tokens.flags[p] & PUNCT && tokens.objectClass[p] === P_LIST)))) return false;
  const q = prev(tokens, p);
  return q >= 0 && (tokens.flags[q] & FIG) !== 0;
}

/** The verb of an earlier figure of the sentence, for a figure in a clause without one (走访企业120家，个体户300户). */
function listVerb(ctx: ArticleContext, i: number, t: number): ActionRead | null {
  const { tokens } = ctx;
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    if (ctx.sentenceOf[j] !== ctx.sentenceOf[i]) return null;
    const earlier = ctx.findings[j];
    if (!earlier?.action) continue;
    const earlierToken = tokens.tokenOf(j);
    if (earlierToken < tokens.lo || clausesBetween(tokens, earlierToken, t, 2) > 2) return null;
    return { action: earlier.action, cls: earlier.action_class, source: 'list', token: -1 };
  }
  return null;
}

/** Verbs that say only that something was reached or is there; a compound's own verb says more. */
const WEAK_ACTIONS: ReadonlySet<ActionClass | null> = new Set<ActionClass | null>([null, 'achieve', 'complete', 'exist', 'share']);

const TERRITORY_WHOLE = /全(?:国|省|市|区|县|镇|乡|街|州|盟|旗)/;

const MONEY_CLASSES: ReadonlySet<ObjectClass> = new Set<ObjectClass>(['investment', 'funds', 'loan', 'revenue', 'sales', 'value_added', 'foreign_capital']);

/** The object of an earlier figure of the sentence that this one continues (受理X件，已办结Y件; 计划投资X，已完成Y). */
function antecedentOf(ctx: ArticleContext, i: number, unit: UnitClass, measure: MeasureClass | null, implied: ObjectClass | null): FacetFinding | null {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    if (ctx.sentenceOf[j] !== ctx.sentenceOf[i]) return null;
    const earlier = ctx.findings[j];
    // 覆盖率达到68.5%，较上年提高0.6个百分点: a change in points is a change of the rate stated before it
    const sameKind = earlier?.unit_class === unit || (unit === 'percentage_point' && earlier?.unit_class === 'percent');
    if (!earlier || !sameKind || !earlier.object_class) continue;
    // a measure word of its own (人, 户, 家) names what it counts; only a generic one (个, 件) continues another's
    if (measure && measure !== 'generic' && measure !== earlier.measure_class) continue;
    // 为245名家庭…，惠及132人: an earlier noun is taken only if it is what this measure word counts
    if (implied && earlier.object_class !== implied && !(implied === 'person' && earlier.object_class === 'staff')) continue;
    return earlier;
  }
  return null;
}
