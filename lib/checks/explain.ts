// A stored check's working and note in the reader's language, rebuilt from its parts: the kind, the stated
// and computed numbers, and its figures (values, units, qualifiers, roles). The stored `arithmetic` and
// `note` columns stay the Chinese record the exports carry; pages render this instead, so an English page
// never shows Chinese template words (only the article's own text and place names). Client-safe.
import type { CheckedFigure } from '../../db/checks';
import { qualifierMark, type Lang } from '../vocab/codes';
import { arithmeticValue, plain } from '../vocab/format';
import { interval, type Interval } from './ranges';
import type { CheckKind, Verdict } from './types';

/** What explainCheck reads of a check: the columns every check row has, and its figures. */
export interface ExplainableCheck {
  kind: CheckKind; verdict: Verdict; stated: number | null; expected: number | null; difference: number | null;
  figures: readonly CheckedFigure[];
}

export interface Explanation { arithmetic: string; note: string | null }

const value = (f: CheckedFigure, lang: Lang) => arithmeticValue(f.value, f.unit, lang);
/** A stated figure as the article qualifies it (超95%, >95%): rebuilt from its value, not its words. */
const statedValue = (f: CheckedFigure, lang: Lang) => `${qualifierMark(f.qualifier, lang)}${value(f, lang)}`;
const approximate = (fs: readonly CheckedFigure[]) => fs.filter((f) => f.qualifier !== 'exact');
const range = ([low, high]: Interval, suffix: string) => `${plain(low)}${suffix}–${Number.isFinite(high) ? plain(high) : '∞'}${suffix}`;

function source(f: CheckedFigure, lang: Lang): string {
  if (f.articleTitle) return lang === 'zh' ? `《${f.articleTitle}》` : `“${f.articleTitle}”`;
  return lang === 'zh' ? `文章 ${f.articleId}` : `article ${f.articleId}`;
}

const placeName = (f: CheckedFigure) => f.community ?? f.street ?? f.district ?? '';

/** The words of each language, the numbers put in by the caller. */
const WORDS = {
  zh: {
    inText: (s: string) => `（文中 ${s}）`,
    approximateRate: (figures: string, r: string) => `${figures}是约数，可能的比率为 ${r}`,
    noWhole: (part: string) => `文中给出了${part}，但没有给出它所占的总数`,
    noPart: '文中没有给出完成的数量，无法核对',
    doneCount: (n: number) => `即完成 ${n} 个`,
    noWholeNumber: (whole: string, share: string) => `没有整数个能占 ${whole} 个的 ${share}`,
    totalIs: (total: string) => `（总数 ${total}）`,
    partExceeds: (parts: string) => `${parts}一项就超过了总数`,
    partsExceed: '分项之和超过总数（除非各分项相互重叠）',
    points: '个百分点',
    decline: '下降',
    noBase: '无法确定哪个数值是基数',
    approximateGrowth: (r: string) => `含约数，可能的增幅为 ${r}`,
    runningTotal: (place: string) => `${place} 累计：`,
    fellBy: (v: string) => `，减少 ${v}`,
    runningTotalFell: (a: string, b: string) => `累计数不应减少（${a}，${b}）`,
    differBy: (v: string) => `，相差 ${v}`,
    reports: (place: string, date: string, n: number, agree: boolean) => `${place} ${date}：${n} 篇文章${agree ? '一致' : '说法不一'}`,
    streetsShare: (share: string) => `各街道合计占全区的 ${share}%`,
    streetsExceed: (v: string) => `街道数字之和超过全区总数 ${v}`,
    list: (items: string[]) => items.join('、'),
    quoted: (f: CheckedFigure) => `“${f.text}”`,
  },
  en: {
    inText: (s: string) => ` (the article: ${s})`,
    approximateRate: (figures: string, r: string) => `${figures} approximate: the rate may be ${r}`,
    noWhole: (part: string) => `the article gives ${part} but not the total it is part of`,
    noPart: 'the article does not say how many were done, so this cannot be checked',
    doneCount: (n: number) => `i.e. ${n} done`,
    noWholeNumber: (whole: string, share: string) => `no whole number out of ${whole} makes ${share}`,
    totalIs: (total: string) => ` (total ${total})`,
    partExceeds: (parts: string) => `${parts} alone exceeds the total`,
    partsExceed: 'the parts add up to more than the total (unless they overlap)',
    points: 'percentage points',
    decline: 'down ',
    noBase: 'which value is the base cannot be told',
    approximateGrowth: (r: string) => `approximate figures: the growth may be ${r}`,
    runningTotal: (place: string) => `${place} running total: `,
    fellBy: (v: string) => `, down ${v}`,
    runningTotalFell: (a: string, b: string) => `a running total should not go down (${a}; ${b})`,
    differBy: (v: string) => `, ${v} apart`,
    reports: (place: string, date: string, n: number, agree: boolean) => `${place} ${date}: ${n} articles ${agree ? 'agree' : 'disagree'}`,
    streetsShare: (share: string) => `the streets together make ${share}% of the district`,
    streetsExceed: (v: string) => `the streets add up to ${v} more than the district's total`,
    list: (items: string[]) => items.join(', '),
    quoted: (f: CheckedFigure) => `“${f.text}”`,
  },
} as const;

/** The check's working and note in `lang`. */
export function explainCheck(c: ExplainableCheck, lang: Lang): Explanation {
  const w = WORDS[lang];
  const one = (role: string) => c.figures.find((f) => f.role === role);
  const all = (role: string) => c.figures.filter((f) => f.role === role);
  const quotedList = (fs: readonly CheckedFigure[]) => (lang === 'zh' ? fs.map(w.quoted).join('') : w.list(fs.map(w.quoted)));
  const stated = one('stated');
  switch (c.kind) {
    case 'rate':
    case 'share_of_target': {
      const part = one('part'), whole = one('whole');
      if (!stated) break;
      if (part && whole && c.expected !== null) {
        const [pl, ph] = interval(part), [wl, wh] = interval(whole);
        const fuzzy = approximate([part, whole]);
        return {
          arithmetic: `${value(part, lang)} ÷ ${value(whole, lang)} = ${plain(c.expected)}%${w.inText(statedValue(stated, lang))}`,
          note: fuzzy.length ? w.approximateRate(quotedList(fuzzy), range([(pl / wh) * 100, wl > 0 ? (ph / wl) * 100 : Infinity], '%')) : null,
        };
      }
      if (part) return { arithmetic: `${value(part, lang)} ÷ ? = ${statedValue(stated, lang)}`, note: w.noWhole(w.quoted(part)) };
      if (!whole) break;
      const implied = (whole.value * stated.value) / 100;
      if (c.expected === null) {
        return { arithmetic: `${value(whole, lang)} × ${statedValue(stated, lang)} = ${arithmeticValue(implied, whole.unit, lang)}`, note: w.noPart };
      }
      // the whole number of the target the check settled on, from the rate it computed
      const nearest = Math.round((c.expected * whole.value) / 100);
      return {
        arithmetic: `${value(whole, lang)} × ${statedValue(stated, lang)} = ${plain(implied, 3)} ≈ ${nearest}; ${nearest} ÷ ${plain(whole.value)} = ${plain(c.expected)}%${w.inText(statedValue(stated, lang))}`,
        note: c.verdict === 'holds' ? w.doneCount(nearest) : w.noWholeNumber(plain(whole.value), statedValue(stated, lang)),
      };
    }
    case 'parts_within_total': {
      const total = one('total'), parts = all('part');
      if (!total || c.stated === null) break;
      const holds = c.verdict === 'holds';
      const oversized = parts.filter((f) => interval(f)[0] > interval(total)[1] + 1e-9);
      return {
        arithmetic: `${parts.map((f) => value(f, lang)).join(' + ')} = ${arithmeticValue(c.stated, total.unit, lang)} ${holds ? '≤' : '>'} ${value(total, lang)}${w.totalIs(w.quoted(total))}`,
        note: holds ? null : oversized.length ? w.partExceeds(quotedList(oversized)) : w.partsExceed,
      };
    }
    case 'growth': {
      if (!stated || c.stated === null) break;
      const decline = c.stated < 0 ? w.decline : '';
      const base = one('base'), current = one('current');
      if (!base || !current) {
        return { arithmetic: `${w.list(all('report').map((f) => value(f, lang)))} → ${decline}${statedValue(stated, lang)}`, note: w.noBase };
      }
      const [bl, bh] = interval(base), [cl, ch] = interval(current);
      const points = stated.unit === 'percentage_point';
      const central = c.expected ?? 0;
      const arithmetic = points
        ? `${value(current, lang)} − ${value(base, lang)} = ${plain(central)} ${w.points}${w.inText(`${decline}${statedValue(stated, lang)}`)}`
        : `(${value(current, lang)} − ${value(base, lang)}) ÷ ${value(base, lang)} = ${plain(central)}%${w.inText(`${decline}${statedValue(stated, lang)}`)}`;
      const growthRange: Interval = points ? [cl - bh, ch - bl] : [(cl / bh - 1) * 100, bl > 0 ? (ch / bl - 1) * 100 : Infinity];
      return { arithmetic, note: approximate([base, current]).length ? w.approximateGrowth(range(growthRange, '')) : null };
    }
    case 'cumulative_decrease': {
      const earlier = one('earlier'), later = one('later');
      if (!earlier || !later) break;
      const holds = c.verdict === 'holds';
      return {
        arithmetic: `${w.runningTotal(placeName(later))}${earlier.date ?? ''} ${value(earlier, lang)} → ${later.date ?? ''} ${value(later, lang)}`
          + (holds ? '' : w.fellBy(arithmeticValue(earlier.value - later.value, later.unit, lang))),
        note: holds ? null : w.runningTotalFell(`${source(earlier, lang)} ${w.quoted(earlier)}`, `${source(later, lang)} ${w.quoted(later)}`),
      };
    }
    case 'conflict': {
      const reports = all('report');
      if (!reports.length) break;
      const agree = c.verdict === 'holds';
      const first = reports[0];
      return {
        arithmetic: reports.map((f) => `${source(f, lang)} ${value(f, lang)}`).join(agree ? ' = ' : ' ≠ ')
          + (agree || c.difference === null ? '' : w.differBy(arithmeticValue(c.difference, first.unit, lang))),
        note: w.reports(placeName(first), first.date ?? '', reports.length, agree),
      };
    }
    case 'streets_within_district': {
      const district = one('district'), streets = all('street');
      if (!district || c.stated === null) break;
      const holds = c.verdict === 'holds';
      return {
        arithmetic: `${streets.map((f) => `${f.street ?? ''} ${value(f, lang)}`).join(' + ')} = ${arithmeticValue(c.stated, district.unit, lang)} ${holds ? '≤' : '>'} ${district.district ?? ''} ${value(district, lang)}`,
        note: holds
          ? (streets.length > 1 && district.value ? w.streetsShare(plain((c.stated / district.value) * 100, 1)) : null)
          : w.streetsExceed(arithmeticValue(c.stated - district.value, district.unit, lang)),
      };
    }
  }
  // figures missing (a check whose figures were deleted since): the numbers alone
  const numbers = [c.stated, c.expected].filter((n): n is number => n !== null).map((n) => plain(n));
  return { arithmetic: numbers.join(' / '), note: null };
}
