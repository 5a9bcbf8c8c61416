// Checks inside one article: the arithmetic its own figures imply.
//   rate               解决率达84.6%  against  解决问题594个 ÷ 收集问题702个
//   share_of_target    完成任务数15个的46.7%  → 7 of 15 (or the part the sentence states)
//   parts_within_total 共…8个，其中…2个、…4个  → the parts do not exceed the total
//   growth             从10亿元增加到12亿元，增长20%  → (12 − 10) ÷ 10
import { effectiveFigure } from '../vocab/effective';
import { arithmeticValue, plain } from '../vocab/format';
import { isRatioUnit } from '../vocab/units';
import { interval, overlaps, statedRateInterval, type Interval } from './ranges';
import type { CheckDraft, CheckFact } from './types';

const CLAUSE_BREAK = /[，,；;：:。！？!?\n]/;
const SENTENCE_BREAK = /[。！？!?\n]/;

const isPercent = (f: CheckFact) => isRatioUnit(f.unit);

/** The text from the start of the figure's clause up to the figure: where its describing words are. */
function clauseBefore(text: string, f: CheckFact): string {
  let i = f.start;
  while (i > f.sentenceStart && !CLAUSE_BREAK.test(text[i - 1])) i -= 1;
  return text.slice(i, f.start);
}

/** The words between the previous figure (or the clause start) and this one: 从10亿元增加到 → 增加到 for 12亿元. */
function ownWordsBefore(text: string, facts: CheckFact[], f: CheckFact): string {
  const clause = clauseBefore(text, f);
  const previousEnd = Math.max(-1, ...facts.filter((g) => g.end <= f.start).map((g) => g.end));
  return previousEnd > f.start - clause.length ? text.slice(previousEnd, f.start) : clause;
}

function paragraphAt(text: string, pos: number): [number, number] {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const end = text.indexOf('\n', pos);
  return [start, end < 0 ? text.length : end];
}

/** Figures of the same sentence, else of the same paragraph: where a rate's parts are written. */
function neighbourhoods(text: string, facts: CheckFact[], f: CheckFact): CheckFact[][] {
  const sentence = facts.filter((g) => g.id !== f.id && g.sentenceStart === f.sentenceStart);
  const [ps, pe] = paragraphAt(text, f.start);
  const paragraph = facts.filter((g) => g.id !== f.id && g.start >= ps && g.end <= pe);
  return [sentence, paragraph];
}

function best<T>(items: T[], score: (item: T) => number): T | undefined {
  let top: T | undefined, topScore = 0;
  for (const item of items) {
    const s = score(item);
    if (s > topScore) { top = item; topScore = s; }
  }
  return top;
}

/** Which counts a rate divides, by the rate's metric; rates of other names are matched by their verb (办结率 → 办结). */
export const RATE_FAMILIES: Record<string, { part: string[]; whole: string[] }> = {
  resolution_rate: { part: ['problems_resolved'], whole: ['problems_collected'] },
  target_completion_rate: {
    part: ['projects_completed', 'projects_started', 'projects_signed', 'projects', 'investment', 'land_cleared', 'households_relocated', 'households_resettled', 'housing_units'],
    whole: ['projects_target'],
  },
  satisfaction_rate: { part: [], whole: ['people_served', 'households_served'] },
};

/** Words that make a figure a whole something was counted out of. */
const WHOLE_WORDS = /收集|受理|排查|发现|接到|接收|接听|共|总|合计|累计|全部|任务|计划|目标|应|需|参与|调查|登记|涉及|下达/;
const GROWTH_WORDS = /增长|增加|提高|提升|上升|下降|减少|降低|回落|同比|环比|增幅|降幅|增速/;
const DECLINE_WORDS = /下降|减少|降低|回落|降幅|减/;
const BASE_WORDS = /上年|去年|前年|同期|上月|上季度|上一年|比|较|从|由/;
const PART_DONE_WORDS = /完成|实现|达到|达|已/;

/** Whether two counts count the same kind of thing: their measure words (facts.unit_word: 个, 张, 户) agree, or one is unknown. */
const sameThings = (a: CheckFact, b: CheckFact) => {
  const x = a.unit === 'count' ? a.unitWord : null, y = b.unit === 'count' ? b.unitWord : null;
  return !x || !y || x === y;
};

function rateStem(prefix: string): string | null {
  const m = /([\u4e00-\u9fa5]{1,2})率[^率]*$/.exec(prefix);
  return m ? m[1] : null;
}

function ratio(part: CheckFact, whole: CheckFact): { central: number; range: Interval } {
  const [pl, ph] = interval(part), [wl, wh] = interval(whole);
  return { central: (part.value / whole.value) * 100, range: [(pl / wh) * 100, wl > 0 ? (ph / wl) * 100 : Infinity] };
}

const approximate = (...fs: CheckFact[]) => fs.some((f) => f.qualifier !== 'exact');

function rateDraft(kind: 'rate' | 'share_of_target', stated: CheckFact, part: CheckFact, whole: CheckFact): CheckDraft {
  const { central, range } = ratio(part, whole);
  const holds = whole.value > 0 && overlaps(range, statedRateInterval(stated));
  const arithmetic = `${arithmeticValue(part.value, part.unit)} ÷ ${arithmeticValue(whole.value, whole.unit)} = ${plain(central)}%（文中 ${stated.text}）`;
  const note = approximate(part, whole)
    ? `“${[part, whole].filter((f) => f.qualifier !== 'exact').map((f) => f.text).join('”“')}”是约数，可能的比率为 ${plain(range[0])}%–${plain(range[1])}%`
    : null;
  return {
    kind, verdict: holds ? 'holds' : 'off', metric: stated.metric, date: stated.date,
    stated: stated.value, expected: central, difference: holds ? 0 : stated.value - central,
    arithmetic, note,
    facts: [{ factId: stated.id, role: 'stated' }, { factId: part.id, role: 'part' }, { factId: whole.id, role: 'whole' }],
  };
}

/** The figure written right before "的" before this one: 任务数15个的46.7%. */
function wholeBeforeDe(text: string, facts: CheckFact[], f: CheckFact): CheckFact | undefined {
  return facts.find((g) => g.id !== f.id && !isPercent(g) && g.end <= f.start && /^\s*的\s*$/.test(text.slice(g.end, f.start)));
}

function rateChecks(text: string, facts: CheckFact[]): CheckDraft[] {
  const drafts: CheckDraft[] = [];
  for (const r of facts) {
    if (r.unit !== 'percent' || r.metric === 'growth_rate') continue;
    const prefix = clauseBefore(text, r);
    if (GROWTH_WORDS.test(prefix.replace(/.*率/, ''))) continue; // 增长率 of a rate is growth, not a share
    if (wholeBeforeDe(text, facts, r)) continue; // a share of a stated whole: see shareChecks
    const stem = rateStem(prefix);
    const family = RATE_FAMILIES[r.metric];
    if (!stem && !family) continue;
    for (const scope of neighbourhoods(text, facts, r)) {
      const counts = scope.filter((g) => !isPercent(g));
      const part = best(counts, (g) => {
        const words = clauseBefore(text, g);
        const byMetric = family?.part.includes(g.metric) ? 2 : 0;
        const byVerb = stem && words.includes(stem) ? 2 : 0;
        if (!byMetric && !byVerb) return 0;
        return byMetric + byVerb + (g.qualifier === 'exact' ? 1 : 0) + (g.start < r.start ? 1 : 0) - Math.abs(r.start - g.start) / 1e6;
      });
      if (!part) continue;
      const whole = best(counts.filter((g) => g.id !== part.id && g.unit === part.unit && sameThings(g, part)), (g) => {
        const words = clauseBefore(text, g);
        if (stem && words.includes(stem)) return 0; // another count of what was done is not what it was done out of
        const byMetric = family?.whole.includes(g.metric) ? 2 : 0;
        const byWord = WHOLE_WORDS.test(words) ? 1 : 0;
        if (!byMetric && !byWord) return 0;
        return byMetric + byWord + (g.qualifier === 'exact' ? 1 : 0) + (g.value >= part.value ? 1 : 0) - Math.abs(part.start - g.start) / 1e6;
      });
      if (whole) { drafts.push(rateDraft('rate', r, part, whole)); break; }
      drafts.push({
        kind: 'rate', verdict: 'cannot_tell', metric: r.metric, date: r.date, stated: r.value, expected: null, difference: null,
        arithmetic: `${arithmeticValue(part.value, part.unit)} ÷ ？ = ${r.text}`,
        note: `文中给出了“${part.text}”，但没有给出它所占的总数`,
        facts: [{ factId: r.id, role: 'stated' }, { factId: part.id, role: 'part' }],
      });
      break;
    }
  }
  return drafts;
}

function shareChecks(text: string, facts: CheckFact[]): CheckDraft[] {
  const drafts: CheckDraft[] = [];
  for (const p of facts) {
    if (p.unit !== 'percent') continue;
    const whole = wholeBeforeDe(text, facts, p);
    if (!whole) continue;
    // a part the sentence states: the same unit, written before the whole, saying what was done
    const part = best(facts.filter((g) => g.id !== whole.id && g.sentenceStart === p.sentenceStart && g.unit === whole.unit && g.end <= whole.start), (g) =>
      (PART_DONE_WORDS.test(clauseBefore(text, g)) ? 2 : 0) + (g.metric !== whole.metric ? 1 : 0) - (whole.start - g.end) / 1e6);
    if (part && PART_DONE_WORDS.test(clauseBefore(text, part))) { drafts.push(rateDraft('share_of_target', p, part, whole)); continue; }
    const implied = (whole.value * p.value) / 100;
    const base = { kind: 'share_of_target' as const, metric: p.metric, date: p.date, stated: p.value };
    const links = [{ factId: p.id, role: 'stated' as const }, { factId: whole.id, role: 'whole' as const }];
    if (whole.unit !== 'count' || whole.qualifier !== 'exact') {
      drafts.push({
        ...base, verdict: 'cannot_tell', expected: null, difference: null, facts: links,
        arithmetic: `${arithmeticValue(whole.value, whole.unit)} × ${p.text} = ${arithmeticValue(implied, whole.unit)}`,
        note: '文中没有给出完成的数量，无法核对',
      });
      continue;
    }
    // A count of things is whole: some whole number n of the target must give the stated share.
    const allowed = statedRateInterval(p);
    const candidates = [Math.floor(implied), Math.ceil(implied)].filter((n) => n >= 0 && n <= whole.value);
    const fitting = candidates.find((n) => overlaps([(n / whole.value) * 100, (n / whole.value) * 100], allowed));
    const nearest = fitting ?? candidates.sort((a, b) => Math.abs(a - implied) - Math.abs(b - implied))[0] ?? Math.round(implied);
    const nearestRate = (nearest / whole.value) * 100;
    drafts.push({
      ...base, verdict: fitting !== undefined ? 'holds' : 'off', expected: nearestRate,
      difference: fitting !== undefined ? 0 : p.value - nearestRate, facts: links,
      arithmetic: `${arithmeticValue(whole.value, whole.unit)} × ${p.text} = ${plain(implied, 3)} ≈ ${nearest}；${nearest} ÷ ${plain(whole.value)} = ${plain(nearestRate)}%（文中 ${p.text}）`,
      note: fitting !== undefined ? `即完成 ${nearest} 个` : `没有整数个能占 ${plain(whole.value)} 个的 ${p.text}`,
    });
  }
  return drafts;
}

function partsChecks(text: string, facts: CheckFact[]): CheckDraft[] {
  const drafts: CheckDraft[] = [];
  const sorted = [...facts].filter((f) => !isPercent(f)).sort((a, b) => a.start - b.start);
  for (const m of text.matchAll(/其中/g)) {
    const at = m.index;
    if (at > 0 && !CLAUSE_BREAK.test(text[at - 1])) continue; // 纳入其中 is not a breakdown
    let sentenceStart = at;
    while (sentenceStart > 0 && !SENTENCE_BREAK.test(text[sentenceStart - 1])) sentenceStart -= 1;
    let sentenceEnd = at;
    while (sentenceEnd < text.length && !SENTENCE_BREAK.test(text[sentenceEnd])) sentenceEnd += 1;
    // the total: the last figure before 其中 that has parts in its unit after it — in this sentence,
    // or ending the one before when 其中 opens a sentence
    const opensSentence = /^\s*$/.test(text.slice(sentenceStart, at));
    const after = sorted.filter((f) => f.start > at && f.end <= sentenceEnd);
    const [paragraphStart] = paragraphAt(text, at);
    const total = sorted.filter((f) => f.end <= at && f.start >= (opensSentence ? paragraphStart : sentenceStart))
      .reverse().find((f) => after.some((p) => p.unit === f.unit));
    if (!total) continue;
    const parts = after.filter((f) => f.unit === total.unit);
    const sum = parts.reduce((s, f) => s + f.value, 0);
    const sumLow = parts.reduce((s, f) => s + interval(f)[0], 0);
    const totalHigh = interval(total)[1];
    const holds = sumLow <= totalHigh + 1e-9;
    const oversized = parts.filter((f) => interval(f)[0] > totalHigh + 1e-9);
    drafts.push({
      kind: 'parts_within_total', verdict: holds ? 'holds' : 'off', metric: total.metric, date: total.date,
      stated: sum, expected: total.value, difference: holds ? 0 : sum - total.value,
      arithmetic: `${parts.map((f) => arithmeticValue(f.value, f.unit)).join(' + ')} = ${arithmeticValue(sum, total.unit)} ${holds ? '≤' : '>'} ${arithmeticValue(total.value, total.unit)}（总数“${total.text}”）`,
      note: holds ? null : oversized.length ? `“${oversized.map((f) => f.text).join('”“')}”一项就超过了总数` : '分项之和超过总数（除非各分项相互重叠）',
      facts: [{ factId: total.id, role: 'total' }, ...parts.map((f) => ({ factId: f.id, role: 'part' as const }))],
    });
  }
  return drafts;
}

function growthChecks(text: string, facts: CheckFact[]): CheckDraft[] {
  const drafts: CheckDraft[] = [];
  for (const g of facts) {
    if (!isPercent(g)) continue;
    const prefix = clauseBefore(text, g);
    if (g.metric !== 'growth_rate' && !GROWTH_WORDS.test(prefix)) continue;
    // the two values: same sentence, the unit the growth is of, one metric
    const valueUnit = (f: CheckFact) => (g.unit === 'percentage_point' ? f.unit === 'percent' : !isPercent(f));
    const values = facts.filter((f) => f.id !== g.id && f.sentenceStart === g.sentenceStart && valueUnit(f) && f.metric !== 'growth_rate');
    const byKey = new Map<string, CheckFact[]>();
    for (const f of values) {
      const key = `${f.metric}|${f.unit}`;
      byKey.set(key, [...(byKey.get(key) ?? []), f]);
    }
    const pair = [...byKey.values()].find((fs) => fs.length === 2);
    if (!pair) continue;
    const isBase = (f: CheckFact) => BASE_WORDS.test(ownWordsBefore(text, facts, f).slice(-8));
    const bases = pair.filter(isBase);
    const sign = DECLINE_WORDS.test(prefix) ? -1 : 1;
    const statedGrowth = sign * g.value;
    const links = (base: CheckFact, current: CheckFact) => [
      { factId: g.id, role: 'stated' as const }, { factId: base.id, role: 'base' as const }, { factId: current.id, role: 'current' as const },
    ];
    if (bases.length !== 1) {
      drafts.push({
        kind: 'growth', verdict: 'cannot_tell', metric: pair[0].metric, date: g.date, stated: statedGrowth, expected: null, difference: null,
        arithmetic: `${pair.map((f) => f.text).join('、')} → ${g.text}`, note: '无法确定哪个数值是基数',
        facts: [{ factId: g.id, role: 'stated' }, ...pair.map((f) => ({ factId: f.id, role: 'report' as const }))],
      });
      continue;
    }
    const base = bases[0];
    const current = pair.find((f) => f !== base)!;
    const [bl, bh] = interval(base), [cl, ch] = interval(current);
    let central: number, range: Interval, arithmetic: string;
    if (g.unit === 'percentage_point') {
      central = current.value - base.value;
      range = [cl - bh, ch - bl];
      arithmetic = `${plain(current.value)}% − ${plain(base.value)}% = ${plain(central)} 个百分点（文中 ${sign < 0 ? '下降' : ''}${g.text}）`;
    } else {
      central = ((current.value - base.value) / base.value) * 100;
      range = [(cl / bh - 1) * 100, bl > 0 ? (ch / bl - 1) * 100 : Infinity];
      arithmetic = `(${arithmeticValue(current.value, current.unit)} − ${arithmeticValue(base.value, base.unit)}) ÷ ${arithmeticValue(base.value, base.unit)} = ${plain(central)}%（文中 ${sign < 0 ? '下降' : ''}${g.text}）`;
    }
    const [sl, sh] = statedRateInterval(g);
    const allowed: Interval = sign < 0 ? [-sh, -sl] : [sl, sh];
    const holds = base.value !== 0 && overlaps(range, allowed);
    drafts.push({
      kind: 'growth', verdict: holds ? 'holds' : 'off', metric: current.metric, date: g.date,
      stated: statedGrowth, expected: central, difference: holds ? 0 : statedGrowth - central, arithmetic,
      note: approximate(base, current) ? `含约数，可能的增幅为 ${plain(range[0])}–${plain(range[1])}` : null,
      facts: links(base, current),
    });
  }
  return drafts;
}

/** Every arithmetic check one article's figures allow. `text` is the article's text (fact offsets are relative to it). */
export function articleChecks(text: string, facts: CheckFact[]): CheckDraft[] {
  const ordered = [...facts].sort((a, b) => a.start - b.start);
  return [...rateChecks(text, ordered), ...shareChecks(text, ordered), ...partsChecks(text, ordered), ...growthChecks(text, ordered)];
}

// ── The same checks before the article is stored ──
// A bulk ingest computes them where it extracts (in its worker threads): from the figures as extracted, with
// no database. The figures have no ids yet, so a draft names each figure by its index in the list given;
// the writer swaps in the stored ids (resolveDrafts). Same verdicts as runChecksForArticle on the stored rows.

/** A figure as extraction produced it (a fact row before it is stored: lib/ingest's NewFactRow fits). */
export interface ExtractedFigure {
  value: number; unit: string; metric: string; qualifier: string; text: string;
  start: number; end: number; sentenceStart: number; sentenceEnd: number;
  district?: string | null; districtCode?: string | null; street?: string | null; streetCode?: string | null;
  community?: string | null; communityCode?: string | null; placeProvenance?: string | null;
  date?: string | null; dateProvenance?: string | null; cumulative?: boolean | null;
  reviewStatus?: string | null; correctedValue?: number | null; correctedUnit?: string | null; correctedMetric?: string | null;
  unitWord?: string | null; role?: string | null;
}

/** A check draft whose `facts[].factId` is an index into the figures it was computed from, not a stored id. */
export type IndexedCheckDraft = CheckDraft;

/**
 * The checks inside one article, from its text and its figures as extracted: a pure function (no database),
 * so it runs in the extraction worker. The figures are read as articleForChecks reads stored ones —
 * rejected ones and attributes left out, the effective figure — and in the same order (by start, then as given,
 * which is the order they are stored in).
 */
export function articleChecksOfFigures(text: string, figures: readonly ExtractedFigure[]): IndexedCheckDraft[] {
  const facts: CheckFact[] = [];
  figures.forEach((f, index) => {
    if (f.reviewStatus === 'rejected' || f.role === 'attribute') return;
    facts.push({
      id: index, articleId: 0, ...effectiveFigure(f), unitWord: f.unitWord ?? null, role: f.role ?? 'measured',
      qualifier: f.qualifier, text: f.text, start: f.start, end: f.end, sentenceStart: f.sentenceStart, sentenceEnd: f.sentenceEnd,
      district: f.district ?? null, districtCode: f.districtCode ?? null, street: f.street ?? null, streetCode: f.streetCode ?? null,
      community: f.community ?? null, communityCode: f.communityCode ?? null, placeProvenance: f.placeProvenance ?? 'default',
      date: f.date ?? null, dateProvenance: f.dateProvenance ?? 'default', cumulative: Boolean(f.cumulative),
    });
  });
  return articleChecks(text, facts);
}

/** Drafts computed by articleChecksOfFigures, pointing at the stored figures: `ids[i]` is the id of figure i. */
export function resolveDrafts(drafts: readonly IndexedCheckDraft[], ids: readonly number[]): CheckDraft[] {
  return drafts.map((d) => ({
    ...d,
    facts: d.facts.map((f) => {
      const factId = ids[f.factId];
      if (factId === undefined) throw new Error(`check ${d.kind} names figure ${f.factId} of ${ids.length}`);
      return { factId, role: f.role };
    }),
  }));
}
