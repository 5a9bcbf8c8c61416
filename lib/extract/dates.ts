// Dates and periods: find every date expression of a text, resolve it against the publication date to
// the day a figure under it refers to, and pick the expression that governs a figure.
//
// Resolution (the day a figure refers to):
//   explicit day (4月16日, 3日至9日 → the last day)            → that day
//   as-of (截至3月31日, 截止今年7月底, 到去年底)               → that day (day precision), asOf, a cut-off
//   period (一季度, 上半年, 1-10月, 前三季度, 7月份, 2022年, 去年) → its last day; a period still running at
//                                                               publication (今年, 上半年 in May) → publication day
//   since / present (今年以来, 截至目前, 目前, 近日, 日前, 如今,  → publication day
//     自2021年开展…以来, 从2020年开始, 3月实施以来)
//   relative days (今天, 昨天, 前天, 上月)                      → counted from the publication day
//   anaphora (当天, 当日, 同日, 会上)                            → the last explicit day named before
//   a bare month or part of one (去年2月，…; 今年9月，…; 8月下旬)  → publication day: an event's month names
//                                                               no day (gold README: no first-of-month)
//   年初 / 3月初 (no day of their own)                          → dated as their year / month; 截至年初 → 1 January
//   前一个月 ("the month before", relative to an event)          → no date
// Years are given (2023年上半年) or implied: the publication year, or the year before for a month after
// the publication month (12月 in an April article) unless the context speaks of the future (将, 可, 预计…).
//
// Governance (dateForFigure): the nearest usable mention before the figure in its sentence ('stated');
// else a clause-initial period / as-of / present mention of an earlier sentence of the same paragraph,
// provided nothing in between resets the time frame ('inherited'); else the publication date ('default').
// Event days (a news dateline "8月8日，在…发布会上") govern their own sentence only; comparison bases
// (比去年同期) never govern; attributive mentions (去年的27%) govern only the number right after them, and a
// date inside an object (办结2022年遗留案件) none; a future mention (到2025年, 10月底可竣工, 下半年将…) marks a
// target: the figure falls back to the publication date. A cut-off keeps its day for the periods named
// after it in its sentence (截至6月底，街道今年已累计… → 30 June). A static attribute (占地, 现有, 下辖…) is dated
// only by a cut-off, the present or its own clause; a rate (日均, 年交易额…) or a static sentence inherits no
// frame, and a plan between a frame and a figure ends the frame.
import type { DateMention, DatePrecision, Provenance, Range } from './types';
import { anchoredScanner, hasUnit, unitSet } from './scan';

/** Extra facts about a mention that dateForFigure uses; findDates returns these (they are DateMentions). */
export interface DateMentionInfo extends DateMention {
  /** what sort of expression: a point day, a period, the present, since…, or an anaphor (当天, 会上) */
  kind: 'day' | 'period' | 'present' | 'since' | 'anaphor';
  /** comparison base (比去年同期, 较上年): never governs a figure */
  comparison: boolean;
  /** attributive (去年的27%): governs only figures starting before scopeEnd */
  attributive: boolean;
  scopeEnd: number;
  /** names a time after publication as a target or plan (到2025年, 下半年将, 10月底可竣工) */
  future: boolean;
  /** clause-initial or followed by a comma: frames what follows (上半年，… / 截至3月31日，…) */
  topic: boolean;
  /** an as-of cut-off (截至6月底, 到去年底): the day up to which a running total is counted */
  cutoff?: boolean;
  /** first day of the period the mention names (今年 → 1 January); its date for a point in time */
  from?: string;
}

// ---------------------------------------------------------------------------------------------------
// Calendar helpers (UTC, ISO strings)

function pad(n: number): string { return n < 10 ? `0${n}` : String(n); }
function iso(y: number, m: number, d: number): string { return `${y}-${pad(m)}-${pad(d)}`; }
function daysInMonth(y: number, m: number): number { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
function addDays(isoDate: string, n: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`) + n * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}
function parseIso(s: string): { y: number; m: number; d: number } {
  return { y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)) };
}
function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const CN_NUM: Record<string, number> = {
  '〇': 0, '零': 0, '○': 0, 'O': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};

/** 1..99 written with digits or Chinese numerals (十二, 二十五, 廿九, 卅一); NaN if not a number. */
export function smallNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.startsWith('廿')) return 20 + (s.length > 1 ? CN_NUM[s[1]] ?? NaN : 0);
  if (s.startsWith('卅')) return 30 + (s.length > 1 ? CN_NUM[s[1]] ?? NaN : 0);
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? CN_NUM[s] ?? NaN : NaN;
  const tens = ten === 0 ? 1 : CN_NUM[s.slice(0, ten)] ?? NaN;
  const ones = ten === s.length - 1 ? 0 : CN_NUM[s.slice(ten + 1)] ?? NaN;
  return tens * 10 + ones;
}

/** 2020 or 二〇二〇 → 2020. */
function yearNumber(s: string): number {
  if (/^\d{4}$/.test(s)) return Number(s);
  let n = 0;
  for (const ch of s) n = n * 10 + (CN_NUM[ch] ?? NaN);
  return n;
}

// ---------------------------------------------------------------------------------------------------
// The master pattern: every date or period expression, one left-to-right pass.

const SEP = '\\s*(?:——|[-—–~～－至到])\\s*';
const M = '(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
const D = '(?:3[01]|[12]\\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])';
const DNUM = '(?:3[01]|[12]\\d|0?[1-9])';
const YNUM = '(?:(?:19|20)\\d{2}|二[〇零○][〇零○一二三四五六七八九]{2})';
const YREL = '(?:今年|去年|前年|明年|上年|本年)';
const YEAR = `(?:${YNUM}\\s*年度?|${YREL}度?)`;
const YRANGE = `${YNUM}\\s*年?${SEP}${YNUM}\\s*年度?`;
const MONTHP = `${M}\\s*月?(?:${SEP}${M})?\\s*月份?`;
const DAYP = `${D}\\s*[日号]?(?:${SEP}(?:${M}\\s*月)?${D})?\\s*[日号]`;
// 前N个月 with N ≥ 2: 前一个月 is "the month before", relative to an event, not January
const PER = '(?:第?[一二三四1-4]季度|首季度?|前[一二三两]个?季度|[上下前后]半年|年[初底末]|前(?:1[0-2]|[2-9]|十[一二]?|[二两三四五六七八九])个?月)';
const SUFFIX = '(?:上旬|中旬|下旬|初|底|末)?(?:以来|至今|起|以前|之前|前|当天|当日|[上下]午|晚上?|早上?|凌晨|中午|夜间)?';
const PRE = '(?:截[至止](?:到|至)?|到|至)?';
const RELWORDS = [
  '截[至止](?:到|至)?(?:目前|今天|今日|当前|现在|发稿时?)', '年初以来', '近年来', '近年', '近[一二三两几半\\d]+个?(?:月|年|周)(?:来|以来)?',
  '现如今', '如今', '目前', '当前', '(?<![节假生时期昨今次每])日前', '近日', '近期', '近来', '今天', '今日', '昨天', '昨日', '前天',
  '(?:本|上个?)月初', '本月', '当月', '上个?月', '(?<![社机理])会(?:议)?上(?=[，,])', '当天', '当日', '同日', '次日',
].join('|');

// The first character of any expression: lets the engine skip other positions quickly.
const FIRST_CHARS = '0123456789一二三四五六七八九十廿卅〇零○截到至今去前明上本下首后第年近现如目当日昨会同次';
const FIRST = `(?=[${FIRST_CHARS}])`;
const MASTER = new RegExp(FIRST + '(?:' + [
  `(?<![\\d.．])((?:19|20)\\d{2})[-/.．](1[0-2]|0?[1-9])[-/.．](3[01]|[12]\\d|0?[1-9])(?![\\d])`,
  `(?<![\\d.．%])${PRE}(?:${YRANGE}|${YEAR}\\s*(?:${MONTHP}\\s*(?:${DAYP})?|${PER})?)${SUFFIX}`,
  // 三月街, 五一路, 八一巷: a month in the name of a street or a fair is no date
  `(?<![\\d.．%])${PRE}(?:${MONTHP}\\s*(?:${DAYP})?|${PER})${SUFFIX}(?![街路巷])`,
  `(?<![\\d.．%第每个周期月])${PRE}${DNUM}\\s*日?(?:${SEP}${DNUM})?\\s*日(?!内|以内|之内|以上|后|[0-9])${SUFFIX}`,
  `(?:${RELWORDS})`,
].join('|') + ')', 'g');
/** The next match of MASTER at or after a position, or null (MASTER tried only where FIRST's class holds). */
const nextDateExpression = anchoredScanner(MASTER, FIRST_CHARS);

// Sub-patterns to read one matched expression.
const RE_PRE = /^(截[至止](?:到|至)?|到|至)/;
const RE_YMD = /^((?:19|20)\d{2})[-/.．](\d{1,2})[-/.．](\d{1,2})$/;
const RE_YEAR_RANGE = new RegExp(`^(${YNUM})\\s*年?${SEP}(${YNUM})\\s*年度?`);
const RE_YEAR = new RegExp(`^(?:(${YNUM})\\s*年度?|(${YREL})度?)`);
const RE_FIRST_MONTHS = /^前(1[0-2]|[2-9]|十[一二]?|[二两三四五六七八九])个?月/;
const RE_QUARTER = /^(?:第?([一二三四1-4])季度|首季度?)/;
const RE_FIRST_QUARTERS = /^前([一二三两])个?季度/;
const RE_HALF = /^([上下前后])半年/;
const RE_YEARPART = /^年([初底末])/;
const RE_MONTH = new RegExp(`^(${M})\\s*月?(?:${SEP}(${M}))?\\s*月(份)?`);
const RE_DAY = new RegExp(`^(${D})\\s*[日号]?(?:${SEP}(?:(${M})\\s*月)?(${D}))?\\s*[日号]`);
const RE_SUFFIX = /^(上旬|中旬|下旬|初|底|末)?(以来|至今|起|以前|之前|前|当天|当日|[上下]午|晚上?|早上?|凌晨|中午|夜间)?$/;

const REL_YEAR: Record<string, number> = { 今年: 0, 本年: 0, 去年: -1, 上年: -1, 前年: -2, 明年: 1 };

interface Parsed {
  asOfPrefix: boolean;      // 截至, 截止
  toPrefix: boolean;        // 到, 至 (a deadline or an as-of)
  start: string;            // first day of the period
  end: string;              // last day of the period
  precision: DatePrecision;
  kind: DateMentionInfo['kind'];
  since: boolean;           // 以来, 至今
  deadline: boolean;        // …前
  eventMonth: boolean;      // a bare month (no 份/底/末/range): an event's month
  explicitYear: boolean;
}

/** Parsed expressions by raw text, context and last day, for one publication day: the texts of one
 *  source share their days, so the cache outlives a call (bounded; a parse is a pure function of its key). */
const PARSED_CACHE_LIMIT = 4096;
let parsedCache = new Map<string, Parsed | null>();
let parsedCachePublished: string | null | undefined;
function parsedCacheFor(published: string | null): Map<string, Parsed | null> {
  if (published !== parsedCachePublished || parsedCache.size > PARSED_CACHE_LIMIT) { parsedCache = new Map(); parsedCachePublished = published; }
  return parsedCache;
}

/** Resolve one matched expression; null when it cannot be resolved (no publication date, bad day…). */
function parseExpression(raw: string, pub: { y: number; m: number; d: number } | null, published: string | null,
  futureContext: boolean, lastDay: string | null): Parsed | null {
  let s = raw.replace(/\s+/g, '');
  const base = { asOfPrefix: false, toPrefix: false, since: false, deadline: false, eventMonth: false, explicitYear: false };

  // relative words
  const rel = relative(s, published, lastDay);
  if (rel) return { ...base, ...rel, asOfPrefix: /^截/.test(s) };

  const ymd = RE_YMD.exec(s);
  if (ymd) {
    const y = Number(ymd[1]), m = Number(ymd[2]), d = Number(ymd[3]);
    if (!validDay(y, m, d)) return null;
    const day = iso(y, m, d);
    return { ...base, start: day, end: day, precision: 'day', kind: 'day', explicitYear: true };
  }

  const pre = RE_PRE.exec(s);
  let asOfPrefix = false, toPrefix = false;
  if (pre) {
    if (pre[1].startsWith('截')) asOfPrefix = true; else toPrefix = true;
    s = s.slice(pre[1].length);
  }

  // year
  let year: number | null = null, yearEnd: number | null = null, explicitYear = false;
  const yr = RE_YEAR_RANGE.exec(s);
  if (yr) {
    year = yearNumber(yr[1]); yearEnd = yearNumber(yr[2]); explicitYear = true;
    s = s.slice(yr[0].length);
  } else {
    const y = RE_YEAR.exec(s);
    if (y) {
      if (y[1]) year = yearNumber(y[1]);
      else if (pub) year = pub.y + REL_YEAR[y[2]];
      else return null;
      explicitYear = true;
      s = s.slice(y[0].length);
    }
  }

  let startM: number | null = null, endM: number | null = null;
  let startD: number | null = null, endD: number | null = null, endDM: number | null = null;
  let precision: DatePrecision = 'year';
  let isMonthOnly = false, monthWord = false;
  let early = false; // 年初, 3月初: the start of a year or month, no day of its own
  let m: RegExpExecArray | null;
  if ((m = RE_FIRST_MONTHS.exec(s))) {
    startM = 1; endM = smallNumber(m[1]); precision = 'month';
    s = s.slice(m[0].length);
  } else if ((m = RE_QUARTER.exec(s))) {
    const q = m[1] ? (/\d/.test(m[1]) ? Number(m[1]) : CN_NUM[m[1]]) : 1;
    startM = q * 3 - 2; endM = q * 3; precision = 'quarter';
    s = s.slice(m[0].length);
  } else if ((m = RE_FIRST_QUARTERS.exec(s))) {
    startM = 1; endM = CN_NUM[m[1]] * 3; precision = 'quarter';
    s = s.slice(m[0].length);
  } else if ((m = RE_HALF.exec(s))) {
    const first = m[1] === '上' || m[1] === '前';
    startM = first ? 1 : 7; endM = first ? 6 : 12; precision = 'half';
    s = s.slice(m[0].length);
  } else if ((m = RE_YEARPART.exec(s))) {
    if (m[1] === '初') early = true;
    else { startM = 12; endM = 12; precision = 'month'; }
    s = s.slice(m[0].length);
  } else if ((m = RE_MONTH.exec(s))) {
    startM = smallNumber(m[1]); endM = m[2] ? smallNumber(m[2]) : startM; precision = 'month';
    isMonthOnly = !m[2]; monthWord = !!m[3];
    s = s.slice(m[0].length);
    const dm = RE_DAY.exec(s);
    if (dm) {
      startD = smallNumber(dm[1]);
      endDM = dm[2] ? smallNumber(dm[2]) : null;
      endD = dm[3] ? smallNumber(dm[3]) : startD;
      precision = 'day';
      s = s.slice(dm[0].length);
    }
  } else if ((m = RE_DAY.exec(s))) {
    // a bare day (3日至9日, 14日): the publication month
    if (!pub) return null;
    startM = endM = pub.m;
    startD = smallNumber(m[1]);
    endDM = m[2] ? smallNumber(m[2]) : null;
    endD = m[3] ? smallNumber(m[3]) : startD;
    precision = 'day';
    s = s.slice(m[0].length);
  }

  const suf = RE_SUFFIX.exec(s);
  if (!suf) return null;
  const part = suf[1] ?? null;
  const tail = suf[2] ?? null;
  // 以来, 至今; 起 (自3月1日起) when it has begun by publication
  const since = tail === '以来' || tail === '至今' || tail === '起';
  const deadline = tail === '前' || tail === '以前' || tail === '之前';

  if (startM === null && year === null && !early) return null;
  if (startM === null && part) {
    // 今年初, 去年底
    if (part === '初') early = true;
    else if (part === '上旬') { startM = endM = 1; precision = 'month'; }
    else if (part === '底' || part === '末') { startM = endM = 12; precision = 'month'; }
  } else if (part === '初' && startM !== null && startD === null) early = true;
  if (startM !== null && (!(startM >= 1 && startM <= 12) || !(endM! >= 1 && endM! <= 12) || endM! < startM)) return null;

  // implied year
  let y0: number;
  if (year !== null) y0 = year;
  else {
    if (!pub) return null;
    y0 = pub.y;
    // a month after the publication month is last year's, unless the text speaks of the future
    const mm = startM!;
    if (mm > pub.m && !futureContext && !deadline && !toPrefix) y0 = pub.y - 1;
  }
  const y1 = yearEnd ?? y0;

  let start: string, end: string;
  if (early && asOfPrefix) {
    // 截至年初, 截至3月初: as of the first day
    start = end = iso(y0, startM ?? 1, 1);
    return { asOfPrefix, toPrefix, start, end, precision: 'day', kind: 'period', since, deadline, eventMonth: false, explicitYear };
  }
  if (startM === null) {
    start = iso(y0, 1, 1); end = iso(y1, 12, 31);
    // 年初 (今年初, 去年年初) names no day and no month of its own: it is dated as its year
  } else if (startD !== null) {
    const em = endDM ?? endM!;
    if (!validDay(y0, startM, startD) || !validDay(y1, em, endD!)) return null;
    start = iso(y0, startM, startD); end = iso(y1, em, endD!);
  } else {
    start = iso(y0, startM, 1);
    let lastDay = daysInMonth(y1, endM!);
    // 3月初 is dated as its month (no invented 10th); 上旬 / 中旬 are periods that end on the 10th / 20th
    if (part === '上旬') lastDay = 10;
    else if (part === '中旬') lastDay = 20;
    end = iso(y1, endM!, lastDay);
  }
  const eventMonth = isMonthOnly && !monthWord && part !== '底' && part !== '末' && !asOfPrefix && !toPrefix && !since && !deadline && precision === 'month';
  return {
    asOfPrefix, toPrefix, start, end, precision, kind: startD !== null ? 'day' : 'period',
    since, deadline, eventMonth, explicitYear,
  };
}

function relative(s: string, published: string | null, lastDay: string | null):
  Pick<Parsed, 'start' | 'end' | 'precision' | 'kind' | 'since'> | null {
  const present = (precision: DatePrecision = 'day') =>
    published ? { start: published, end: published, precision, kind: 'present' as const, since: false } : null;
  if (/^截[至止]/.test(s) && /(目前|今天|今日|当前|现在|发稿时?)$/.test(s)) return present();
  if (s === '年初以来') return published ? { ...present()!, kind: 'since', since: true } : null;
  // 近年来, 近三年, 近一个月: up to now
  if (/^近.*(年|月|周)/.test(s)) return present();
  switch (s) {
    case '如今': case '现如今': case '目前': case '当前': case '日前': case '近日': case '近期': case '近来':
    case '今天': case '今日': case '本月': case '当月':
      return present();
    case '昨天': case '昨日': return published ? { ...present()!, start: addDays(published, -1), end: addDays(published, -1) } : null;
    case '前天': return published ? { ...present()!, start: addDays(published, -2), end: addDays(published, -2) } : null;
    case '本月初': return present('month');
    case '上月初': case '上个月初':
    case '上月': case '上个月': {
      if (!published) return null;
      const p = parseIso(published);
      const y = p.m === 1 ? p.y - 1 : p.y, m = p.m === 1 ? 12 : p.m - 1;
      return { start: iso(y, m, 1), end: iso(y, m, daysInMonth(y, m)), precision: 'month', kind: 'period', since: false };
    }
    case '会上': case '会议上': case '当天': case '当日': case '同日': {
      const day = lastDay ?? published;
      return day ? { start: day, end: day, precision: 'day', kind: 'anaphor', since: false } : null;
    }
    case '次日': {
      if (!lastDay) return null;
      const day = addDays(lastDay, 1);
      return { start: day, end: day, precision: 'day', kind: 'anaphor', since: false };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Context of a mention (a few characters either side; constant work per mention)

const BOUNDARY_BEFORE = new Set([...'。！？；!?;\n\r，,：:）)”」』】 \t\u3000']);
const FUTURE_BEFORE = /(将|将于|将在|预计|计划|力争|争取|确保|拟|拟于|有望|目标|预期|力求|计划于|预计于|要在|要于|需在|须在)$/;
const FUTURE_AFTER = /^(?:前|以前|之前)?[，,]?(?:可|将|要|能|预计|计划|有望|力争|争取|确保)/;
const COMPARISON_BEFORE = /(比|较|与|同比|相比|对比|高于|低于|多于|少于|超过|超出|相较)$/;
const COMPARISON_AFTER = /^(同期|相比|相较|同比)/;
const RE_SINCE_AFTER = /^[^，。；,;\d]{0,6}以来/;
/** 自 / 从 before a date opens a since-phrase that a later 以来 / 开始 / 起 / 至今 of the clause closes:
 *  自2021年开展“清河”行动以来, 从2020年开始, 自去年8月全面推行河长制起. */
const SINCE_OPENER_BEFORE = /(?:自|从|自从|打从)$/;
const RE_SINCE_CLOSER = /^[^，。；,;！？!?\n]{0,40}?(?:以来|开始|起|至今)/;
/** 2020年开始，… / 3月开始实施…: a start, not the figure's date */
const RE_START_AFTER = /^开始/;
/**
 * A transitive verb right before a date makes the date part of the object's noun phrase (办结2022年信访
 * 积案15件, 兑现2022年度奖补资金): the year qualifies the cases or the funds, not the day of the figure.
 */
const OBJECT_VERB_BEFORE = /(?:办结|办理|受理|化解|兑现|发放|拨付|清理|下达|申报|落实|审结|执结|查处|收到|获得|争取|列入|纳入|梳理|承接|结转|清偿|偿还|追回|追缴|补发|补缴|清欠|完成|实施|编制|下发|推进|谋划|储备|处理|调处|排查|整改|针对|涉及|围绕)$/;
const LUNAR_BEFORE = /(农历|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年)$/;

const NUMBER_START_CHAR = /[0-9０-９一二三四五六七八九十百千万两]/;
const NUMBER_CHAR = /[0-9０-９.．%一二三四五六七八九十百千万亿两余多]/;
const HAN_CHAR = /[\u4e00-\u9fa5]/u;
/** 深圳新闻网2023年8月10日讯: a dateline opens the story */
const DATELINE_BEFORE = /[讯电]$/;
const SAME_PERIOD_AFTER = /^同期/;
/** 《2023年…》: inside the title of a document */
const INSIDE_BOOK_TITLE = /《[^》]*$/;

/** End of the first number after `from` in the same clause (for attributive scope), else `from`. */
function firstNumberEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + 16);
  let i = from;
  while (i < limit && !NUMBER_START_CHAR.test(text[i])) {
    if ('，。；、,;！？\n'.includes(text[i])) return from;
    i++;
  }
  if (i >= limit) return from;
  while (i < text.length && NUMBER_CHAR.test(text[i])) i++;
  return i;
}

/** Every date or period expression of the text, resolved against the publication date, sorted by start. */
export function findDates(text: string, published: string | null): DateMentionInfo[] {
  // a publication date that is no calendar day (2023-13-45) is no publication date
  const parsed = published && /^\d{4}-\d{2}-\d{2}$/.test(published) ? parseIso(published) : null;
  const pub = parsed && validDay(parsed.y, parsed.m, parsed.d) ? parsed : null;
  const pubIso = pub ? published : null;
  const out: DateMentionInfo[] = [];
  let lastDay: string | null = null;
  const cache = parsedCacheFor(pubIso);
  for (let match = nextDateExpression(text, 0); match; match = nextDateExpression(text, match.index + Math.max(1, match[0].length))) {
    const raw = match[0];
    if (!raw) continue;
    const start = match.index, end = start + raw.length;
    const before = text.slice(Math.max(0, start - 8), start);
    const after = text.slice(end, end + 8);
    if (LUNAR_BEFORE.test(before)) continue;
    // 前两个月 names the first months of a year only after a year or a clause start: 提前两个月 is a lead time
    if (raw.charCodeAt(0) === 0x524d /* 前 */ && start > 0 && HAN_CHAR.test(text[start - 1]) && text[start - 1] !== '年') continue;
    const futureContext = FUTURE_BEFORE.test(before) || FUTURE_AFTER.test(after);
    const key = `${raw}|${futureContext ? 1 : 0}|${lastDay ?? ''}`;
    let p = cache.get(key);
    if (p === undefined) { p = parseExpression(raw, pub, pubIso, futureContext, lastDay); cache.set(key, p); }
    if (!p) continue;

    // resolve to the day a figure under it refers to
    let date: string;
    let future = false;
    const asOf = p.asOfPrefix || p.since || (p.toPrefix && !!pubIso && p.end <= pubIso);
    if (p.since && (!pubIso || p.start <= pubIso)) date = pubIso ?? p.end;
    else if (p.since) { date = p.start; future = true; }
    else if (!pubIso || p.end <= pubIso) date = p.end;
    else if (p.start <= pubIso) {
      // a period still running at publication: the figure is as of the publication day
      date = p.precision === 'day' ? p.end : pubIso;
      future = futureContext || p.toPrefix || p.deadline;
    } else {
      date = p.end;
      // a later day of the publication month without a future word is a schedule (14日，…3人): keep it
      future = p.precision !== 'day' || futureContext || p.toPrefix || p.deadline;
    }
    // a bare month (去年2月，…; 今年9月，区民政局委托…; 8月下旬，…): the month of an event, which names no
    // day; gold/README: the most specific day the text supports, else the publication day
    let eventMonth = false;
    if (p.eventMonth && pubIso && !future) { date = pubIso; eventMonth = true; }
    // "2021年启动以来", "3月实施以来", "自2021年开展…行动以来", "从2020年开始": a since-expression with
    // its event in between; the date is where counting started, the figure is as of publication
    let precision = p.since || eventMonth ? 'day' as DatePrecision : p.precision;
    let sinceEvent = false;
    if (!p.since && !future && pubIso && p.start <= pubIso && !p.asOfPrefix
      && (RE_SINCE_AFTER.test(after) || RE_START_AFTER.test(after)
        || (SINCE_OPENER_BEFORE.test(before) && RE_SINCE_CLOSER.test(text.slice(end, end + 48))))) {
      date = pubIso; precision = 'day'; sinceEvent = true;
    }
    // an as-of day (截至6月底, 截至5月31日, 到去年底): the day a running total is counted up to
    const cutoff = !sinceEvent && !p.since && !future && (p.asOfPrefix || (p.toPrefix && asOf));
    if (cutoff && date === p.end) precision = 'day';

    const prevChar = start > 0 ? text[start - 1] : '\n';
    const nextChar = end < text.length ? text[end] : '\n';
    const topic = start === 0 || BOUNDARY_BEFORE.has(prevChar) || DATELINE_BEFORE.test(before) || nextChar === '，' || nextChar === ',';
    let comparison = COMPARISON_BEFORE.test(before) || COMPARISON_AFTER.test(after);
    if (comparison && !COMPARISON_BEFORE.test(before) && SAME_PERIOD_AFTER.test(after) && pub && p.precision === 'year' && p.end < pubIso!) {
      // "去年同期仅查处30起": the same time a year before, not a comparison base
      comparison = false;
      date = iso(pub.y - 1, pub.m, Math.min(pub.d, daysInMonth(pub.y - 1, pub.m)));
      precision = 'day';
    }
    const ofObject = !topic && !asOf && !sinceEvent && !p.toPrefix && OBJECT_VERB_BEFORE.test(before);
    const attributive = nextChar === '的' || ofObject || INSIDE_BOOK_TITLE.test(text.slice(Math.max(0, start - 20), start));
    const scopeEnd = nextChar === '的' ? firstNumberEnd(text, end + 1) : end;

    out.push({
      start, end, text: raw, date, precision, asOf: asOf || sinceEvent,
      kind: p.kind, comparison, attributive, scopeEnd, future, topic, cutoff,
      from: p.start,
    });
    if (p.kind === 'day' && !future) lastDay = date;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Publication date (a masthead date near the top of a page, or a dateline "…2023年8月10日讯")

const RE_FULL_DATE = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;

export function findPublicationDate(text: string): string | null {
  const head = text.slice(0, 1500);
  let firstStandalone: string | null = null;
  RE_FULL_DATE.lastIndex = 0;
  for (let m = RE_FULL_DATE.exec(head); m; m = RE_FULL_DATE.exec(head)) {
    const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    if (!validDay(y, mo, d)) continue;
    const day = iso(y, mo, d);
    const lineStart = head.lastIndexOf('\n', m.index) + 1;
    let lineEnd = head.indexOf('\n', m.index);
    if (lineEnd < 0) lineEnd = head.length;
    const line = head.slice(lineStart, lineEnd);
    const rest = head.slice(m.index + m[0].length, m.index + m[0].length + 12);
    // masthead: "2020年4月21日 星期二"
    if (/^\s*(星期|周|礼拜)[一二三四五六日天]/.test(rest)) return day;
    // dateline: "深圳新闻网2023年8月10日讯", "新华社杭州2020年4月20日电"
    if (/^\s*(讯|电)/.test(rest) && m.index < 300) return day;
    // a line holding the date alone (masthead) or a "发布时间：" field
    if (!firstStandalone && m.index < 800 && line.trim().length <= m[0].length + 12 && !/[，。；]/.test(line)) firstStandalone = day;
    if (/(发布|出版|刊发)(时间|日期)[:：]?\s*$/.test(head.slice(Math.max(0, m.index - 10), m.index))) return day;
  }
  if (firstStandalone) return firstStandalone;
  const num = /(?:发布|出版|刊发)(?:时间|日期)[:：]?\s*((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(head);
  if (num && validDay(Number(num[1]), Number(num[2]), Number(num[3]))) return iso(Number(num[1]), Number(num[2]), Number(num[3]));
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Which mention governs a figure

function info(m: DateMention): DateMentionInfo {
  if ('kind' in m) return m as DateMentionInfo; // from findDates: nothing to fill in
  const x = m as Partial<DateMentionInfo> & DateMention;
  return {
    ...m,
    kind: x.kind ?? (m.precision === 'day' && !m.asOf ? 'day' : 'period'),
    comparison: x.comparison ?? false,
    attributive: x.attributive ?? false,
    scopeEnd: x.scopeEnd ?? m.end,
    future: x.future ?? false,
    topic: x.topic ?? true,
  };
}

/** Index of the last mention starting before `pos` (mentions sorted by start), or -1. */
function lastBefore(mentions: readonly DateMention[], pos: number): number {
  let lo = 0, hi = mentions.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < pos) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}

/** A sentence that speaks of a plan or a prospect (将设立, 预计新增, 规划建设, 力争): its figures are targets.
 *  (将 before 近 is 将近, "nearly", no plan.) */
const PLAN_WORDS = ['将', '预计', '计划', '规划', '力争', '拟', '有望', '争取'];
/** How many comparison bases (比去年同期…) in a row the look-back for a framing mention passes over. */
const MAX_TRANSPARENT = 8;
/** How far before a figure (within its sentence) a plan word is looked for. */
const PLAN_WINDOW = 80;
/** How far apart a frame and a figure may lie for a plan between them to be looked for (a bound on the scan). */
const PLAN_LOOKBACK = 1000;

/**
 * A static attribute of a place or a site (占地面积, 总面积, 现有, 拥有, 下辖, 常住人口): what it measures is
 * as of the report, not of an event named before it in the sentence or paragraph.
 */
const STATIC_WORDS = ['占地', '总面积', '辖区面积', '区域面积', '土地面积', '用地面积', '规划面积', '流域面积',
  '现有', '拥有', '辖有', '下辖', '常住人口', '户籍人口', '总人口'];
/** A rate (日均交易量, 年交易额, 每年…) states what a place does in a usual day or year: a time frame of an
 *  earlier sentence does not date it (a frame of its own sentence does: 上半年，日均接待…). */
const RATE_WORDS = ['日均', '月均', '年均', '人均', '每年', '每天', '每日', '每月', '年交易额', '年产值', '年产量', '年销售额', '年营业收入', '年纳税'];

/** A time frame of the sentence's own that names no day (国庆期间, 春节假期, 活动期间, 汛期): a period of an
 *  earlier sentence does not date its figures. */
const OWN_FRAME_WORDS = ['期间', '假期', '黄金周', '长假', '汛期'];

const enum Marker { Plan, Static, Rate, Frame }
/** The marker words by first character, longest first (规划面积 is an area, not a plan). */
const MARKER_WORDS = new Map<number, { word: string; kind: Marker }[]>();
for (const [words, kind] of [[STATIC_WORDS, Marker.Static], [RATE_WORDS, Marker.Rate], [PLAN_WORDS, Marker.Plan], [OWN_FRAME_WORDS, Marker.Frame]] as const) {
  for (const word of words) {
    const bucket = MARKER_WORDS.get(word.charCodeAt(0)) ?? [];
    bucket.push({ word, kind });
    MARKER_WORDS.set(word.charCodeAt(0), bucket);
  }
}
for (const bucket of MARKER_WORDS.values()) bucket.sort((a, b) => b.word.length - a.word.length);
const MARKER_FIRST = unitSet(String.fromCharCode(...MARKER_WORDS.keys()));

interface WordIndex { starts: number[]; ends: number[] }
/** What dateForFigure weighs in a text besides its dates, found once per text. */
interface TextIndex { text: string; plans: WordIndex; statics: WordIndex; rates: WordIndex; frames: WordIndex }
const textIndexes = new WeakMap<DateMention[], TextIndex>();
let lastMentions: DateMention[] | null = null, lastIndex: TextIndex | null = null;

/** The text's index, keyed by its mentions (the figures of one text ask one after the other). */
function indexOf(mentions: DateMention[], text: string): TextIndex {
  if (lastMentions === mentions && lastIndex && lastIndex.text === text) return lastIndex;
  let index = textIndexes.get(mentions);
  if (!index || index.text !== text) {
    index = { text, plans: { starts: [], ends: [] }, statics: { starts: [], ends: [] }, rates: { starts: [], ends: [] }, frames: { starts: [], ends: [] } };
    // one pass: a table read per character, a word comparison only where a marker word may start
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!hasUnit(MARKER_FIRST, c)) continue;
      for (const { word, kind } of MARKER_WORDS.get(c)!) {
        if (!text.startsWith(word, i) || (word === '将' && text[i + 1] === '近')) continue;
        const words = kind === Marker.Static ? index.statics : kind === Marker.Rate ? index.rates : kind === Marker.Frame ? index.frames : index.plans;
        words.starts.push(i); words.ends.push(i + word.length);
        i += word.length - 1;
        break;
      }
    }
    textIndexes.set(mentions, index);
  }
  lastMentions = mentions;
  return (lastIndex = index);
}

/** Whether a word lies wholly in [from, to). */
function wordIn(words: WordIndex, from: number, to: number): boolean {
  let lo = 0, hi = words.starts.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (words.starts[mid] < to) lo = mid + 1; else hi = mid; }
  for (let k = lo - 1; k >= 0 && words.starts[k] >= from; k--) if (words.ends[k] <= to) return true;
  return false;
}

const SENTENCE_END_CHAR = new Uint8Array(65536), CLAUSE_OR_SENTENCE_END = new Uint8Array(65536);
for (const ch of '。！？!?；;\n') SENTENCE_END_CHAR[ch.charCodeAt(0)] = CLAUSE_OR_SENTENCE_END[ch.charCodeAt(0)] = 1;
for (const ch of '，,：:') CLAUSE_OR_SENTENCE_END[ch.charCodeAt(0)] = 1;
/** How far back the start of a figure's clause is looked for. */
const CLAUSE_WINDOW = 60;

/** Start of the figure's clause (after the last ，；： before it, within its sentence and CLAUSE_WINDOW). */
function clauseStartBefore(text: string, sentenceStart: number, pos: number): number {
  const limit = Math.max(sentenceStart, pos - CLAUSE_WINDOW);
  for (let i = pos - 1; i >= limit; i--) if (CLAUSE_OR_SENTENCE_END[text.charCodeAt(i)]) return i + 1;
  return limit;
}

/** Whether [from, to) holds no sentence end (bounded: a long gap counts as another sentence). */
function oneSentence(text: string | null | undefined, from: number, to: number): boolean {
  if (!text) return true;
  if (to - from > 200) return false;
  for (let i = from; i < to; i++) if (SENTENCE_END_CHAR[text.charCodeAt(i)]) return false;
  return true;
}

/**
 * 截至6月底，街道今年已累计… / 截至5月31日，X街道今年以来…: a period (今年, 今年以来, 上半年) named after an as-of
 * day of the same sentence that falls inside it is counted up to that day. Returns the as-of mention.
 */
function cutoffInside(mentions: readonly DateMention[], i: number, m: DateMentionInfo, text: string | null | undefined): DateMentionInfo | null {
  if (m.cutoff || m.kind === 'day' || m.kind === 'anaphor' || !m.from) return null;
  for (let j = i - 1, steps = 0; j >= 0 && steps < 4; j--, steps++) {
    const c = info(mentions[j]);
    if (c.comparison) continue;
    if (c.future) return null;
    // mentions are in order: when this one lies in the sentence, so do those between
    if (c.cutoff && c.date >= m.from && c.date <= m.date) return oneSentence(text, c.end, m.start) ? c : null;
  }
  return null;
}

/** A comma right after a period frames the whole sentence (上半年，全区预计完成…: an estimate of the period). */
const CUTOFF_OR_PERIOD_OPENS = new Set([...'，,：:'].map((c) => c.charCodeAt(0)));

export function dateForFigure(a: {
  mentions: DateMention[]; figureStart: number; sentence: Range; paragraph: Range; article: Range; published: string | null;
  /** optional: the document text, to tell a plan (将, 预计…) from a report before inheriting a time frame */
  text?: string | null;
}): { date: string | null; precision: DatePrecision | null; provenance: Provenance } {
  const fallback = { date: a.published, precision: a.published ? 'day' as DatePrecision : null, provenance: 'default' as Provenance };
  let i = lastBefore(a.mentions, a.figureStart);
  const paraStart = Math.max(a.paragraph.start, a.article.start);
  // a static attribute (占地面积…) in the figure's clause: only an as-of day, the present or its own clause dates it
  let staticFrom = -1;
  if (a.text) {
    const clauseStart = clauseStartBefore(a.text, a.sentence.start, a.figureStart);
    if (wordIn(indexOf(a.mentions, a.text).statics, clauseStart, a.figureStart)) staticFrom = clauseStart;
  }

  // 1. the nearest usable mention before the figure in its sentence
  for (; i >= 0 && a.mentions[i].start >= a.sentence.start; i--) {
    const m = info(a.mentions[i]);
    if (m.end > a.figureStart) continue;            // overlaps the figure
    if (m.comparison) continue;
    if (m.attributive) {
      if (a.figureStart < m.scopeEnd) return { date: m.date, precision: m.precision, provenance: 'stated' };
      continue;
    }
    if (staticFrom >= 0 && !m.asOf && m.kind !== 'present' && m.start < staticFrom) continue;
    // 该厂房建于2008年前后，建筑面积约5200平方米: a date after 于 is when its own verb happened, not its clause's neighbours'
    if (a.text && m.start > 0 && a.text.charCodeAt(m.start - 1) === 0x4e8e /* 于 */ && !m.asOf
      && m.start < clauseStartBefore(a.text, a.sentence.start, a.figureStart)) continue;
    if (m.future) return fallback;                   // a target: the figure is a plan
    // …9月份已经试生产，预计达产后每年可新增产值12亿元: a plan after a past period or event turns to what will be
    if (a.text && !m.asOf && m.kind !== 'present' && wordIn(indexOf(a.mentions, a.text).plans, m.end, a.figureStart)
      && !CUTOFF_OR_PERIOD_OPENS.has(a.text.charCodeAt(m.end))) return fallback;
    const c = cutoffInside(a.mentions, i, m, a.text) ?? m;
    return { date: c.date, precision: c.precision, provenance: 'stated' };
  }

  // 2. a framing mention of an earlier sentence of the paragraph — not for a plan: 截至3月13日，…拆除… ／
  //    …将优先用于建设…，预计新增绿地面积2万平方米 (the target is dated by the report, not by the as-of day),
  //    nor for a static attribute or a rate (…。全区现有养老机构12家 / …。物流园日均交易量…: the state now)
  if (staticFrom >= 0) return fallback;
  const index = a.text ? indexOf(a.mentions, a.text) : null;
  const plans = index?.plans ?? null;
  if (index && plans) {
    if (wordIn(index.statics, a.sentence.start, a.figureStart)) return fallback;
    if (wordIn(index.rates, a.sentence.start, a.figureStart)) return fallback;
    if (wordIn(index.frames, a.sentence.start, a.figureStart)) return fallback;
    if (wordIn(plans, Math.max(a.sentence.start, a.figureStart - PLAN_WINDOW), a.figureStart)) return fallback;
  }
  for (let transparent = 0; i >= 0 && a.mentions[i].start >= paraStart; i--) {
    const m = info(a.mentions[i]);
    if (m.comparison || m.attributive) {             // transparent, but a run of them ends the look-back
      if (++transparent > MAX_TRANSPARENT) return fallback;
      continue;
    }
    if (m.future) return fallback;                   // a plan resets the frame
    if ((m.kind === 'day' || m.kind === 'anaphor') && !m.asOf) return fallback;   // an event day governs its sentence only
    if (!m.topic) return fallback;                   // a mid-clause mention resets the frame
    // a plan between the frame and the figure's sentence turns to the future: what follows is as of now
    // (截至3月13日，…。拆后土地将用于…，预计新增…。区城管执法局已组建突击队12支)
    if (plans && a.sentence.start - m.end <= PLAN_LOOKBACK && wordIn(plans, m.end, a.sentence.start)) return fallback;
    const c = cutoffInside(a.mentions, i, m, a.text) ?? m;
    return { date: c.date, precision: c.precision, provenance: 'inherited' };
  }
  return fallback;
}
