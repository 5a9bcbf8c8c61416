// The figure recognizer: one left-to-right pass of FIGURE_PATTERN over width-normalized text, each
// match read by a small extract function and checked against context rules that tell a civic
// quantity from a date, a name, an ordinal or a figure of speech.
//
// Grammar (each part a regex source from numbers.ts, units.ts, qualifiers.ts):
//   figure   = prefix? ( fraction | quantity ( [unit] range-sep quantity )? unit ) suffix?
//   quantity = number inner? scale? tail? inner?    8000余万, 1.2万余, 三千多, 十几, 1亿2千万
//   fraction = number 分之 number                    百分之八十, 五分之三
//
// Exclusion rules, and why they hold in Chinese news:
//   - A unit must follow: a bare number is a code, a name or a rank (12345热线, 228街坊), except a percent.
//   - No number starts after 第 (ordinal), a one- or two-letter code (K11, C3类, PM2.5), · (8·18),
//     or inside another number.
//   - Chinese numerals below ten are figures of speech, not statistics: GB/T 15835 has statistics in
//     Arabic digits and keeps Chinese numerals for fixed phrases (一楼一长, 一对一, 三个方面, 两手抓);
//     except a count right after a verb of building or adding (新建三个社区服务站).
//   - A unit may be missing after 万/亿 when the noun before names it (unitlessAmounts): money after
//     资金, 奖励, 注册资本… (奖补资金460万, 注册资本1000万以上); people after 人次/人数 (服务人次达5万以上).
//   - A magnitude word without a digit (千家万户, 连接千万家, 百年, 亿元以上项目) is a quantity only when a
//     qualifier makes it one (超千亿元, 百余家, 上万人), or as 十万只 and 千亿元 (see magnitudeReadsAsAmount).
//   - 大 counts only after Arabic digits (7大项目); 四大银行, 十大工程 are epithets.
//   - 年 after a four-digit number is a year; 24小时 is "around the clock"; 前N名 is a rank.
//   - A figure alone inside a short quotation (“3个100%”) is a slogan or a name.
//   - Counters of the web page (浏览次数：1234次) are not civic figures.
import type { ObjectClass } from './facet-classes';
import { anyUnitIn, hasUnit, numberedGroups, unitSet } from './scan';
import type { FigureMatch, Qualifier } from './types';
import { headClassAt, headIndexAt, headLength, objectClassAt } from './words';
import {
  ARABIC_NUMBER_SOURCE, CHINESE_NUMBER_SOURCE, CHINESE_NUMERAL_CHARS, SCALE_SOURCE,
  normalizeDigits, parseNumberToken, roundFloat, scaleValue, type ParsedNumber,
} from './numbers';
import { BIG_COUNT_WORD, CUBIC_CONTEXT_PATTERN, PERCENT_TENTH_WORD, UNIT_SOURCE, unitWord, type UnitWord } from './units';
import {
  DURATION_ONLY_SUFFIXES, INNER_QUALIFIER_SOURCE, MAGNITUDE_ONLY_PREFIXES, MAX_PREFIX_LENGTH, PREFIX_QUALIFIER_SOURCE, PREFIX_QUALIFIER_WORDS,
  SUFFIX_QUALIFIER_SOURCE, innerQualifier, prefixQualifier, suffixQualifier,
} from './qualifiers';

/** An Arabic number starts a figure unless it continues a number or a code (1,234 / 3.5 / 8·18 / 第3 /
 *  the stake number K12+300 / the formula 1+3+N), or follows a one- or two-letter code prefix (K11, G60,
 *  C3类, PM2.5); after an acronym of three letters or more a figure may follow directly (GDP586亿元). */
const ARABIC_START_GUARD = String.raw`(?<![0-9第·•]|\d[.,+＋]|(?<![A-Za-z])[A-Za-z]{1,2})`;
/** A Chinese numeral starts a figure unless it continues a numeral, an ordinal or a weekday / calendar word
 *  (第三, 初一, 周三, 星期五, 农历三月), or an indefinite amount (几十, 数百, 多万). */
const CHINESE_START_GUARD = `(?<![${CHINESE_NUMERAL_CHARS}第初周期拜历几数多]|(?<![建完达])成)`;

const NUMBER_SOURCE = `${ARABIC_START_GUARD}${ARABIC_NUMBER_SOURCE}|${CHINESE_START_GUARD}${CHINESE_NUMBER_SOURCE}`;
/** 1亿2千万, 2万5千: a second number and a smaller scale after the first scale word. */
const SCALE_TAIL_SOURCE = String.raw`(?<=[万亿])\d+(?:\.\d+)?(?:千万|百万|十万|万|千|百)`;
const RANGE_SEPARATOR_SOURCE = '至|到|~|〜|-|—{1,2}|–';

const FRACTION_PATTERN_SOURCE =
  `(?<denominator>${NUMBER_SOURCE})分之(?<numerator>${ARABIC_NUMBER_SOURCE}|${CHINESE_NUMBER_SOURCE})`;

const QUANTITY_PATTERN_SOURCE =
  `(?<number>${NUMBER_SOURCE})(?<inner>${INNER_QUALIFIER_SOURCE})?(?<scale>${SCALE_SOURCE})?(?<tail>${SCALE_TAIL_SOURCE})?(?<innerAfterScale>余|多)?` +
  `(?:(?<lowUnit>${UNIT_SOURCE})?(?<rangeSeparator>${RANGE_SEPARATOR_SOURCE})` +
  `(?<high>${ARABIC_NUMBER_SOURCE}|${CHINESE_NUMBER_SOURCE})(?<highInner>${INNER_QUALIFIER_SOURCE})?(?<highScale>${SCALE_SOURCE})?(?<highInnerAfterScale>余|多)?)?` +
  `(?<unit>${UNIT_SOURCE})`;

export const FIGURE_PATTERN = new RegExp(
  `(?<prefix>${PREFIX_QUALIFIER_SOURCE})?(?:(?<fraction>${FRACTION_PATTERN_SOURCE})|${QUANTITY_PATTERN_SOURCE})(?<suffix>${SUFFIX_QUALIFIER_SOURCE})?`,
  'g',
);

const GROUP_NAMES = ['prefix', 'fraction', 'denominator', 'numerator', 'number', 'inner', 'scale', 'tail', 'innerAfterScale',
  'lowUnit', 'rangeSeparator', 'high', 'highInner', 'highScale', 'highInnerAfterScale', 'unit', 'suffix'] as const;
/** The figure pattern anchored at lastIndex, compiled once, its groups read by number (see numberedGroups). */
const FIGURE_NUMBERED = numberedGroups(FIGURE_PATTERN.source, GROUP_NAMES);
const FIGURE_AT = new RegExp(FIGURE_NUMBERED.source, 'y');
/** The number of each group of FIGURE_AT's matches. */
const G = FIGURE_NUMBERED.group;

type Groups = Record<string, string | undefined>;
/** A match's groups by number (a group that took no part is undefined). */
type Captures = readonly (string | undefined)[];
const len = (part: string | undefined): number => (part === undefined ? 0 : part.length);

const TRAILING_LARGE_MAGNITUDE = /(?<=[^万亿])(?:万亿|亿|万)$/;

interface Rejection { reject: true; resumeAt: number }
const isRejection = (x: FigureMatch | Rejection): x is Rejection => 'reject' in x;

const QUOTE_OPENERS = '“「『"';
const QUOTE_CLOSERS = '”」』"';
const SHORT_QUOTATION = 8;

/** A figure that is the whole of a short quotation is a name or slogan (“152”项目, “3个100%”). */
function insideShortQuotation(text: string, start: number, end: number): boolean {
  let opener = -1;
  for (let i = start - 1; i >= Math.max(0, start - SHORT_QUOTATION); i--) {
    const ch = text[i];
    if (QUOTE_CLOSERS.includes(ch) && ch !== '"') return false;
    if (QUOTE_OPENERS.includes(ch)) { opener = i; break; }
  }
  if (opener < 0) return false;
  for (let i = end; i < Math.min(text.length, opener + SHORT_QUOTATION + 2); i++) {
    if (QUOTE_CLOSERS.includes(text[i])) return true;
    if (QUOTE_OPENERS.includes(text[i]) && text[i] !== '"') return false;
  }
  return false;
}

/** 占六成, 达八成, 有七成: 成 as tenths after a verb of proportion. */
const PROPORTION_VERB_BEFORE = /[占达为是到约超近逾有足过]/;
/** 时速60公里, 60公里/小时: a speed, not a length. */
const SPEED_CONTEXT = /时速|速度|\|[/每]小?时/;
/** 浏览次数：1234次, 阅读量 5万: counters of the web page, not of the world. */
const PAGE_FURNITURE_BEFORE = /(?:浏览|阅读|点击|访问|播放)(?:次数|量|数)?[：:]?\s*$/;
/** The second characters of PAGE_FURNITURE_BEFORE's verbs: without one of them before a figure, the pattern
 *  cannot match there, and the text is not cut out to try it. */
const PAGE_FURNITURE_MARK = unitSet('览读击问放');
const PAGE_FURNITURE_REACH = 8;
const RANK_PRECEDERS = /(?:前|排名|名列|位列|位居|(?<![安编彩])排|(?<![系陈罗])列)$/;
const RANK_UNITS = new Set(['名', '位']);
const CUBIC_CONTEXT_WINDOW = 8;

/** 方 is floor space in building and demolition news, volume next to earth, water, silt or concrete. */
function unitOfFang(text: string, start: number, end: number): 'm2' | 'm3' {
  const around = text.slice(Math.max(0, start - CUBIC_CONTEXT_WINDOW), start) + text.slice(end, end + 3);
  return CUBIC_CONTEXT_PATTERN.test(around) ? 'm3' : 'm2';
}

function firstQualifier(candidates: Array<[Qualifier | null, string | undefined]>): [Qualifier, string | null] {
  for (const [qualifier, word] of candidates) if (qualifier) return [qualifier, word ?? null];
  return ['exact', null];
}

interface QuantityParts {
  token: string;
  number: ParsedNumber;
  scale: number;
  chinese: boolean;
  bareMagnitude: boolean;
}

const SCALE_TAIL_PARTS = /^([\d.]+)(.*)$/;
function readScaleTail(tail: string): number {
  const [, digits, scale] = SCALE_TAIL_PARTS.exec(tail)!;
  return Number(digits) * scaleValue(scale);
}

function readQuantity(token: string | undefined, scaleWord: string | undefined): QuantityParts | null {
  if (!token) return null;
  const number = parseNumberToken(token);
  if (!number) return null;
  return { token, number, scale: scaleValue(scaleWord), chinese: number.chinese, bareMagnitude: number.bareMagnitude };
}

/** Reads one match of FIGURE_PATTERN, or says where to resume when it is not a figure. */
function extractFigure(text: string, match: RegExpExecArray): FigureMatch | Rejection {
  const g: Captures = match;
  // consecutive optional groups: each starts where the previous one ended (no per-group allocation)
  const prefixStart = match.index;
  const numberStart = prefixStart + len(g[G.prefix]);

  if (g[G.fraction]) return extractFraction(text, match, prefixStart, numberStart);

  const lowNumberEnd = numberStart + len(g[G.number]);
  const lowQuantityEnd = lowNumberEnd + len(g[G.inner]) + len(g[G.scale]) + len(g[G.tail]) + len(g[G.innerAfterScale]);
  const lowUnitEnd = lowQuantityEnd + len(g[G.lowUnit]);
  const highQuantityEnd = lowUnitEnd + len(g[G.rangeSeparator]) + len(g[G.high]) + len(g[G.highInner]) + len(g[G.highScale]) + len(g[G.highInnerAfterScale]);
  const unitStart = highQuantityEnd;
  const suffixEnd = unitStart + len(g[G.unit]) + len(g[G.suffix]);

  const low = readQuantity(g[G.number], g[G.scale]);
  if (!low) return { reject: true, resumeAt: lowNumberEnd };
  const tailText = g[G.tail];
  const tail = tailText ? readScaleTail(tailText) : 0;
  let unit = unitWord(g[G.unit] ?? '');
  if (!unit) return { reject: true, resumeAt: lowNumberEnd };

  let high: QuantityParts | null = null;
  let end = suffixEnd;
  let numberEnd = g[G.high] ? highQuantityEnd : lowQuantityEnd;
  let unitText = g[G.unit]!;
  let suffix = g[G.suffix];
  const highText = g[G.high], lowUnitText = g[G.lowUnit];
  if (highText) {
    high = readQuantity(highText, g[G.highScale]);
    const lowUnit = lowUnitText ? unitWord(lowUnitText) : undefined;
    if (lowUnit && (!high || lowUnit.unit !== unit.unit)) {
      // 3人到2023年: not a range; the low side is a figure of its own.
      high = null; unit = lowUnit; unitText = lowUnitText!; end = lowUnitEnd; numberEnd = lowQuantityEnd; suffix = undefined;
    } else if (!high) {
      return { reject: true, resumeAt: lowNumberEnd };
    } else if (!g[G.scale]) {
      // 3至5亿元, 三至五亿元: the scale is written once, after the high end, and applies to both.
      low.scale = g[G.highScale] ? high.scale : scaleValue(TRAILING_LARGE_MAGNITUDE.exec(highText)?.[0]);
    }
  }

  const unitBegin = end === lowUnitEnd ? lowQuantityEnd : unitStart;
  const suffixIsOnlyForDurations = suffix && DURATION_ONLY_SUFFIXES.has(suffix) && unit.kind !== 'duration';
  if (suffixIsOnlyForDurations) { end -= suffix!.length; suffix = undefined; }

  let prefix = g[G.prefix];
  let start = prefixStart;
  const anyInner = g[G.inner] ?? g[G.innerAfterScale];
  if (prefix && MAGNITUDE_ONLY_PREFIXES.has(prefix) && !low.bareMagnitude) { prefix = undefined; start = numberStart; }

  const verdict = judge(text, {
    low, high, unit, unitText, prefix, inner: anyInner, suffix, start, end, numberStart, unitBegin,
  });
  if (verdict === 'reject') return { reject: true, resumeAt: lowNumberEnd };

  const factor = unit.factor ?? 1;
  const half = unit.addHalf ? 0.5 : 0;
  const lowValue = roundFloat((low.number.value * low.scale + tail) * factor + half);
  const highValue = high ? roundFloat(high.number.value * high.scale * factor + half)
    : low.number.estimate ? roundFloat(low.number.estimate[1] * low.scale * factor) : null;
  // the first qualifier in this order decides: prefix, inner, inner after the scale, suffix, the unit's, an estimate
  let qualifier: Qualifier = 'exact', qualifierWord: string | null = null, q: Qualifier | null;
  if ((q = prefixQualifier(prefix))) { qualifier = q; qualifierWord = prefix ?? null; }
  else if ((q = innerQualifier(g[G.inner]))) { qualifier = q; qualifierWord = g[G.inner] ?? null; }
  else if ((q = innerQualifier(g[G.innerAfterScale]))) { qualifier = q; qualifierWord = g[G.innerAfterScale] ?? null; }
  else if ((q = suffixQualifier(suffix))) { qualifier = q; qualifierWord = suffix ?? null; }
  else if (unit.qualifier) { qualifier = unit.qualifier; qualifierWord = unitText; }
  else if (low.number.estimate) qualifier = 'about';
  const resolvedUnit = unitText === '方' ? unitOfFang(text, start, end) : unit.unit;
  return {
    start, end, text: text.slice(start, end),
    numberStart, numberEnd,
    value: lowValue,
    low: highValue !== null ? lowValue : null,
    high: highValue,
    unit: resolvedUnit,
    unitWord: unitText,
    qualifier, qualifierWord,
  };
}

interface Candidate {
  low: QuantityParts;
  high: QuantityParts | null;
  unit: UnitWord;
  unitText: string;
  prefix: string | undefined;
  inner: string | undefined;
  suffix: string | undefined;
  start: number;
  end: number;
  numberStart: number;
  unitBegin: number;
}

/** A magnitude without a digit reads as an amount only where it cannot be rhetoric: 十 as the digit of
 *  十万只, or two magnitudes of money (千亿元). 千万家, 百万人口, 亿元以上 stay figures of speech or thresholds. */
const magnitudeReadsAsAmount = (c: Candidate) =>
  c.low.token.length >= 2 && (c.low.token.startsWith('十') || c.unit.kind === 'money');

/** 新建三个社区服务站, 建成两所学校: after a verb of building or adding, a small Chinese numeral counts
 *  real things (三个方面, 两手抓 never follow such a verb). */
const BUILT_COUNT_BEFORE = /(?:新建|建成|新增|新设|新开|改扩建|扩建|增设|开设|设立)了?$/;

/** 一批, 一个: 一 with a measure word is mostly the article "a"; a batch is no count. */
const ONE_AS_ARTICLE = /^[一壹]$/;

/** Measure words of things a small Chinese count may count (两所学校, 三期培训班); 类, 种, 方面 count kinds. */
const SMALL_COUNT_MEASURES = new Set(['个', '项', '所', '期', '座', '栋', '幢', '家', '户', '名', '位', '条', '处', '场', '支', '套', '间', '座', '批次', '场次', '台', '辆', '艘', '件', '起']);
/** What such a count must name to be a civic figure: things, people, places, events (三项制度, 三个方面 are not). */
const CIVIC_THINGS: ReadonlySet<ObjectClass> = new Set<ObjectClass>([
  'project', 'facility', 'building', 'dwelling', 'event', 'enterprise', 'merchant', 'household', 'person', 'staff', 'problem',
  'case', 'post', 'place', 'line', 'goods', 'vehicle', 'slot', 'organisation',
]);
const CLAUSE_END = /^(?:$|[，。；、,;：:！!？?）)\s])/;

/**
 * 新建两所学校, 举办培训班三期: a Chinese count below ten is a figure when it counts a civic thing named
 * right after its measure word or right before its number (then ending the clause) — unlike the fixed
 * phrases that GB/T 15835 keeps in Chinese numerals (三个方面, 三项制度, 两手抓). 二期项目 is a phase.
 */
function smallChineseCount(text: string, c: Candidate): boolean {
  if (c.unit.kind !== 'count' || ONE_AS_ARTICLE.test(c.low.token) || !SMALL_COUNT_MEASURES.has(c.unitText)) return false;
  let after: ObjectClass | null = null;
  for (let end = c.end + 1; end <= Math.min(text.length, c.end + 8) && !CLAUSE_END.test(text[end - 1]); end++) {
    const index = headIndexAt(text, c.end, end);
    if (index >= 0 && headLength() === end - c.end) after = objectClassAt(index);
  }
  if (after) return CIVIC_THINGS.has(after) && !(c.unitText === '期' && after === 'project');
  const before = headClassAt(text, Math.max(0, c.start - 8), c.start);
  const beforeClass = before ? objectClassAt(before.index) : null;
  return beforeClass !== null && CIVIC_THINGS.has(beforeClass) && CLAUSE_END.test(text.slice(c.end, c.end + 1));
}

/** 3个月前, 两年后: a time before or after now, not a length of time. */
const TIME_AGO_AFTER = /^(?:以?前|以?后|之前|之后)(?![列沿台端线期])/;
/** 十八亿亩耕地红线: a national bound quoted as a slogan. */
const RED_LINE_AFTER = /^.{0,4}?(?:红线|底线)/;
const RED_LINE_REACH = 6;
/** 线 in the reach of RED_LINE_AFTER: without it the pattern cannot match, and the text is not cut out to try it. */
const LINE_MARK = unitSet('线');

const isAsciiDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** The context rules of the header comment. */
function judge(text: string, c: Candidate): 'accept' | 'reject' {
  const value = c.low.number.value * c.low.scale;
  const qualified = Boolean(c.prefix || c.inner);
  if (c.unitText === BIG_COUNT_WORD && c.low.chinese) return 'reject';
  if (c.low.chinese && ONE_AS_ARTICLE.test(c.low.token) && c.unitText === '批') return 'reject';
  if (c.low.chinese && c.unit.kind !== 'percent') {
    if (c.low.bareMagnitude && !qualified && !magnitudeReadsAsAmount(c)) return 'reject';
    if (value < 10 && !(c.unit.kind === 'count' && BUILT_COUNT_BEFORE.test(text.slice(Math.max(0, c.start - 4), c.start))) && !smallChineseCount(text, c)) return 'reject';
  }
  if (c.unit.kind === 'duration' && TIME_AGO_AFTER.test(text.slice(c.end, c.end + 3))) return 'reject';
  if (anyUnitIn(LINE_MARK, text, c.end, c.end + RED_LINE_REACH) && RED_LINE_AFTER.test(text.slice(c.end, c.end + RED_LINE_REACH))) return 'reject';
  // 今年前10个月: a period of the calendar (dates.ts), not a length of time.
  if (c.unit.unit === 'month' && !c.prefix && text[c.numberStart - 1] === '前') return 'reject';
  if (c.unit.unit === 'year' && !c.high && Number.isInteger(value) && value >= 1000 && c.low.scale === 1) return 'reject';
  if (c.unit.unit === 'year' && c.high && c.high.number.value >= 1000) return 'reject';
  if (c.unit.unit === 'hour' && value === 24 && !qualified && !c.high) return 'reject';
  if (c.unitText === '方' && value < 10) return 'reject';
  if (RANK_UNITS.has(c.unitText) && !c.prefix && RANK_PRECEDERS.test(text.slice(Math.max(0, c.numberStart - 2), c.numberStart))) return 'reject';
  // 1对1, 1户1策: a one-per-one pattern is a working method, not a count.
  if (c.unit.kind === 'count' && value === 1 && isAsciiDigit(text.charCodeAt(c.end))) return 'reject';
  if (c.unitText === PERCENT_TENTH_WORD && !c.prefix && !c.suffix && !PROPORTION_VERB_BEFORE.test(text[c.numberStart - 1] ?? '')) return 'reject';
  if (c.unit.kind === 'measure' && c.unit.unit === 'km' && SPEED_CONTEXT.test(text.slice(Math.max(0, c.start - 2), c.start) + '|' + text.slice(c.end, c.end + 3))) return 'reject';
  if (anyUnitIn(PAGE_FURNITURE_MARK, text, c.start - PAGE_FURNITURE_REACH, c.start)
    && PAGE_FURNITURE_BEFORE.test(text.slice(Math.max(0, c.start - PAGE_FURNITURE_REACH), c.start))) return 'reject';
  if (insideShortQuotation(text, c.start, c.end)) return 'reject';
  return 'accept';
}

function extractFraction(text: string, match: RegExpExecArray, start: number, numberStart: number): FigureMatch | Rejection {
  const g: Captures = match;
  const denominator = parseNumberToken(g[G.denominator]!);
  const numerator = parseNumberToken(g[G.numerator]!);
  const numberEnd = numberStart + g[G.fraction]!.length;
  let end = match.index + match[0].length;
  let suffix = g[G.suffix];
  if (suffix && DURATION_ONLY_SUFFIXES.has(suffix)) { end -= suffix.length; suffix = undefined; }
  if (!denominator || !numerator || denominator.value === 0) return { reject: true, resumeAt: numberEnd };
  const value = roundFloat((numerator.value / denominator.value) * 100);
  const prefixText = g[G.prefix];
  const prefix = prefixText && !MAGNITUDE_ONLY_PREFIXES.has(prefixText) ? prefixText : undefined;
  if (!prefix) start = numberStart;
  if (insideShortQuotation(text, start, end)) return { reject: true, resumeAt: numberEnd };
  const [qualifier, qualifierWord] = firstQualifier([[prefixQualifier(prefix), prefix], [suffixQualifier(suffix), suffix]]);
  return {
    start, end, text: text.slice(start, end), numberStart, numberEnd,
    value, low: null, high: null, unit: 'percent', unitWord: '分之', qualifier, qualifierWord,
  };
}

const UNITLESS_TAIL = String.raw`(?<scale>万|亿)(?<inner>余|多)?(?<suffix>以上|左右)?(?=[，。；、,;）)的\s]|$)`;
/** 奖补资金460万, 注册资本1000万以上, 奖励50万: money nouns whose amount is written without 元. */
const UNITLESS_MONEY = new RegExp(
  String.raw`(?:资金|奖励|奖金|补贴|补助|资助|注册资本|金额|投资|投入)(?:[^\d，。；、]{0,3}?)(?<prefix>超过|超|约|近|达到|达|共计|共|累计)?(?<number>\d+(?:\.\d+)?)` + UNITLESS_TAIL, 'g');
/** 服务人次达5万以上, 参与人数超过3万: the count noun written before its number. */
const UNITLESS_COUNT = new RegExp(
  String.raw`(?:人次|人数|户数)(?<prefix>达到|达|为|共|超过|超|约|近|逾)?(?<number>\d+(?:\.\d+)?)` + UNITLESS_TAIL, 'g');

/** Amounts after 万/亿 whose unit is the noun written before them (see the header). */
function unitlessAmounts(normalized: string, taken: FigureMatch[]): FigureMatch[] {
  const out: FigureMatch[] = [];
  // taken is sorted by start; the furthest end among its first k figures answers "does [start, end) overlap
  // one of them" for all figures starting before end, and matches come with growing ends: one pointer
  const maxEnd = new Int32Array(taken.length);
  for (let k = 0, far = -1; k < taken.length; k++) { far = Math.max(far, taken[k].end); maxEnd[k] = far; }
  for (const [pattern, unit, unitWordText] of [[UNITLESS_MONEY, 'CNY', '元'], [UNITLESS_COUNT, 'count', '人次']] as const) {
    pattern.lastIndex = 0;
    let before = 0; // how many taken figures start before the current match's end
    for (let m = pattern.exec(normalized); m; m = pattern.exec(normalized)) {
      const g = m.groups as Groups;
      const end = m.index + m[0].length;
      const numberEnd = end - (g.suffix?.length ?? 0) - (g.inner?.length ?? 0) - g.scale!.length;
      const numberStart = numberEnd - g.number!.length;
      const start = numberStart - (g.prefix?.length ?? 0);
      while (before < taken.length && taken[before].start < end) before++;
      if (before > 0 && maxEnd[before - 1] > start) continue;
      const [qualifier, qualifierWord] = firstQualifier([
        [prefixQualifier(g.prefix), g.prefix], [innerQualifier(g.inner), g.inner], [suffixQualifier(g.suffix), g.suffix],
      ]);
      out.push({
        start, end, text: normalized.slice(start, end), numberStart, numberEnd,
        value: roundFloat(Number(g.number) * scaleValue(g.scale)), low: null, high: null,
        unit, unitWord: unitWordText, qualifier, qualifierWord,
      });
    }
  }
  return out;
}

/** Characters a number starts with, on width-normalized text (a table read per character, no regex scan). */
const NUMERAL_CHAR = unitSet(`0123456789${CHINESE_NUMERAL_CHARS}`);
/** The prefix qualifiers by their last character, each list in PREFIX_QUALIFIER_WORDS' order: a word can end
 *  right before a numeral only if its last character is the one there, so only those are tried. */
const PREFIX_WORDS_ENDING_WITH = new Map<number, string[]>();
for (const word of PREFIX_QUALIFIER_WORDS) {
  const last = word.charCodeAt(word.length - 1);
  const list = PREFIX_WORDS_ENDING_WITH.get(last);
  if (list) list.push(word); else PREFIX_WORDS_ENDING_WITH.set(last, [word]);
}
const NO_WORDS: readonly string[] = [];
/** What no number may follow, by the kind of numeral it starts with (a part of the start guards above, read from
 *  a table): 1 an Arabic digit, 2 a Chinese numeral. A numeral after one of these continues a number or an
 *  ordinal, so the pattern, whose only alternatives starting at a numeral are numbers, is not tried there. */
const CONTINUES_ARABIC = unitSet('0123456789第·•');
const CONTINUES_CHINESE = unitSet(`${CHINESE_NUMERAL_CHARS}第初周期拜历几数多`);
const continuesNumber = (before: number, numeral: number): boolean => hasUnit(isAsciiDigit(numeral) ? CONTINUES_ARABIC : CONTINUES_CHINESE, before);

/** A bare number listed before a rate that carries the unit for both: 分别提高1.2、0.8个百分点, 3.5%和2.1%. */
const LISTED_NUMBER_BEFORE = /(?<![\d.,第A-Za-z])(\d+(?:\.\d+)?)[、和与及]$/;
const LISTED_UNITS = new Set(['percent', 'percentage_point']);

/** The numbers of "A、B个百分点" before each rate figure, as figures of the rate's unit (the list read back). */
function listedRates(normalized: string, figures: FigureMatch[]): FigureMatch[] {
  const out: FigureMatch[] = [];
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i];
    if (!LISTED_UNITS.has(f.unit) || f.start !== f.numberStart) continue;
    let start = f.start;
    const earlier = i > 0 ? figures[i - 1].end : 0;
    for (let guard = 0; guard < 8; guard++) {
      const m = LISTED_NUMBER_BEFORE.exec(normalized.slice(Math.max(earlier, start - 16), start));
      if (!m) break;
      const numberEnd = start - 1;
      const numberStart = numberEnd - m[1].length;
      if (numberStart < earlier) break;
      out.push({
        start: numberStart, end: numberEnd, text: normalized.slice(numberStart, numberEnd), numberStart, numberEnd,
        value: roundFloat(Number(m[1])), low: null, high: null, unit: f.unit, unitWord: f.unitWord, qualifier: 'exact', qualifierWord: null,
      });
      start = numberStart;
    }
  }
  return out;
}

/** A digit right before 万 or 亿: only then may an amount lack its unit (unitlessAmounts). */
const DIGIT_BEFORE_MAGNITUDE = /\d[万亿]/;

/** Every civic figure of `text`, sorted by start and non-overlapping. Offsets index `text` as given. */
export function findFigures(text: string): FigureMatch[] {
  const normalized = normalizeDigits(text);
  const figures: FigureMatch[] = [];
  // Every figure holds a numeral at most MAX_PREFIX_LENGTH characters after its start, so the pattern is
  // tried (anchored) only there: the same leftmost matches as a scan of every position, found without
  // running the long pattern over the text between numbers. `from` is where the next match may start.
  // Between `from` and the numeral there is no other numeral, so a match that starts before the numeral
  // starts with a prefix qualifier ending at it: only those starts (in text order: longest word first)
  // and the numeral itself are tried, found by a table read per character instead of a regex scan.
  let from = 0;
  let tried = -1;
  const length = normalized.length;
  for (let at = 0; at < length; at++) {
    if (!hasUnit(NUMERAL_CHAR, normalized.charCodeAt(at))) continue;
    if (at < from) continue;
    let match: RegExpExecArray | null = null;
    const lowest = Math.max(from, at - MAX_PREFIX_LENGTH, tried + 1);
    let lastStart = -1;
    const words = at > lowest ? PREFIX_WORDS_ENDING_WITH.get(normalized.charCodeAt(at - 1)) ?? NO_WORDS : NO_WORDS;
    for (let w = 0; w < words.length && !match; w++) {
      const word = words[w];
      const start = at - word.length;
      if (start < lowest || start === lastStart || !normalized.startsWith(word, start)) continue;
      lastStart = start;
      FIGURE_AT.lastIndex = start;
      match = FIGURE_AT.exec(normalized);
    }
    if (!match && at >= lowest && at > 0 && continuesNumber(normalized.charCodeAt(at - 1), normalized.charCodeAt(at))) {
      tried = Math.max(tried, at);
      continue;
    }
    if (!match && at >= lowest) {
      FIGURE_AT.lastIndex = at;
      match = FIGURE_AT.exec(normalized);
    }
    if (!match) { tried = Math.max(tried, at); continue; }
    tried = match.index;
    const figure = extractFigure(normalized, match);
    if (isRejection(figure)) {
      from = Math.max(figure.resumeAt, match.index + 1);
    } else {
      figure.text = text.slice(figure.start, figure.end);
      figures.push(figure);
      from = figure.end;
    }
    tried = Math.min(tried, from - 1);
    if (at < from - 1) at = from - 1;
  }
  const listed = listedRates(normalized, figures);
  if (listed.length) {
    for (const f of listed) { f.text = text.slice(f.start, f.end); figures.push(f); }
    figures.sort((x, y) => x.start - y.start);
  }
  if (!DIGIT_BEFORE_MAGNITUDE.test(normalized)) return figures;
  const extra = unitlessAmounts(normalized, figures);
  if (!extra.length) return figures;
  for (const f of extra) f.text = text.slice(f.start, f.end);
  return [...figures, ...extra].sort((x, y) => x.start - y.start);
}
