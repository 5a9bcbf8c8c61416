// Checks across articles: what several reports say about one metric, place and date.
//   cumulative_decrease      累计 figures of one place and metric must not go down over time
//   conflict                 one metric, place and date reported with different values by different articles
//   streets_within_district  the streets of a district cannot add up to more than the district's total
import { arithmeticValue, plain } from '../vocab/format';
import { measureOf } from '../vocab/metrics';
import { interval } from './ranges';
import type { CheckDraft, CheckFact } from './types';

/** How a figure aggregates (lib/vocab): flows and levels add up across places; plans, rates, durations and counts do not. */
const measure = (f: CheckFact) => measureOf(f);
const addsOverPlaces = (f: CheckFact) => measure(f) === 'flow' || measure(f) === 'level';

function placeKey(f: CheckFact): string | null {
  return f.communityCode ?? f.streetCode ?? f.districtCode ?? f.community ?? f.street ?? f.district ?? null;
}

function placeName(f: CheckFact): string {
  return f.community ?? f.street ?? f.district ?? '';
}

function groupBy<T>(items: T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(item); else groups.set(k, [item]);
  }
  return groups;
}

const source = (f: CheckFact) => (f.articleTitle ? `《${f.articleTitle}》` : `文章 ${f.articleId}`);

function cumulativeChecks(facts: CheckFact[]): CheckDraft[] {
  const drafts: CheckDraft[] = [];
  const series = groupBy(facts.filter((f) => f.cumulative && f.date && measure(f) === 'level'), (f) => {
    const place = placeKey(f);
    return place ? `${f.metric}|${f.unit}|${place}` : null;
  });
  for (const group of series.values()) {
    const byDate = [...groupBy(group, (f) => f.date).entries()].sort(([a], [b]) => a.localeCompare(b));
    for (let i = 1; i < byDate.length; i += 1) {
      // a running total only grows, so each day's largest report is its best reading
      const earlier = byDate[i - 1][1].reduce((a, b) => (b.value > a.value ? b : a));
      const later = byDate[i][1].reduce((a, b) => (b.value > a.value ? b : a));
      const holds = interval(later)[1] >= interval(earlier)[0] - 1e-9;
      drafts.push({
        kind: 'cumulative_decrease', verdict: holds ? 'holds' : 'off', metric: later.metric, date: later.date,
        stated: later.value, expected: earlier.value, difference: holds ? 0 : later.value - earlier.value,
        arithmetic: `${placeName(later)} 累计：${earlier.date} ${arithmeticValue(earlier.value, earlier.unit)} → ${later.date} ${arithmeticValue(later.value, later.unit)}${holds ? '' : `，减少 ${arithmeticValue(earlier.value - later.value, later.unit)}`}`,
        note: holds ? null : `累计数不应减少（${source(earlier)}“${earlier.text}”，${source(later)}“${later.text}”）`,
        facts: [{ factId: earlier.id, role: 'earlier' }, { factId: later.id, role: 'later' }],
      });
    }
  }
  return drafts;
}

function conflictChecks(facts: CheckFact[]): CheckDraft[] {
  const drafts: CheckDraft[] = [];
  const groups = groupBy(facts.filter((f) => f.date && measure(f) !== 'count'), (f) => {
    const place = placeKey(f);
    return place ? `${f.metric}|${f.unit}|${place}|${f.date}|${measure(f)}` : null;
  });
  for (const group of groups.values()) {
    // An article giving several values under one key is reporting several things (two projects'
    // investment); only articles with a single value say something another article can contradict.
    const reports = [...groupBy(group, (f) => String(f.articleId)).values()]
      .filter((fs) => new Set(fs.map((f) => f.value)).size === 1).map((fs) => fs[0]);
    if (reports.length < 2) continue;
    const intervals = reports.map(interval);
    const agree = Math.max(...intervals.map((i) => i[0])) <= Math.min(...intervals.map((i) => i[1])) + 1e-9;
    const values = reports.map((f) => f.value);
    const spread = Math.max(...values) - Math.min(...values);
    const first = reports[0];
    drafts.push({
      kind: 'conflict', verdict: agree ? 'holds' : 'off', metric: first.metric, date: first.date,
      stated: Math.max(...values), expected: Math.min(...values), difference: agree ? 0 : spread,
      arithmetic: reports.map((f) => `${source(f)} ${arithmeticValue(f.value, f.unit)}`).join(agree ? ' ＝ ' : ' ≠ ')
        + (agree ? '' : `，相差 ${arithmeticValue(spread, first.unit)}`),
      note: `${placeName(first)} ${first.date}：${reports.length} 篇文章${agree ? '一致' : '说法不一'}`,
      facts: reports.map((f) => ({ factId: f.id, role: 'report' as const })),
    });
  }
  return drafts;
}

function streetChecks(facts: CheckFact[]): CheckDraft[] {
  const drafts: CheckDraft[] = [];
  const additive = facts.filter((f) => addsOverPlaces(f) && f.date);
  const key = (f: CheckFact, district: string) => `${f.metric}|${f.unit}|${f.date}|${measure(f)}|${district}`;
  const streets = groupBy(additive.filter((f) => f.streetCode && !f.communityCode), (f) => key(f, f.streetCode!.slice(0, 6)));
  const districts = groupBy(additive.filter((f) => f.districtCode && !f.streetCode && !f.communityCode), (f) => key(f, f.districtCode!));
  for (const [k, districtFacts] of districts) {
    const streetFacts = streets.get(k);
    if (!streetFacts) continue;
    // Where a street or the district has several values, take the reading least likely to cry wolf.
    const total = districtFacts.reduce((a, b) => (b.value > a.value ? b : a));
    const perStreet = [...groupBy(streetFacts, (f) => f.streetCode).values()].map((fs) => fs.reduce((a, b) => (b.value < a.value ? b : a)));
    const sum = perStreet.reduce((s, f) => s + f.value, 0);
    const sumLow = perStreet.reduce((s, f) => s + interval(f)[0], 0);
    const holds = sumLow <= interval(total)[1] + 1e-9;
    drafts.push({
      kind: 'streets_within_district', verdict: holds ? 'holds' : 'off', metric: total.metric, date: total.date,
      stated: sum, expected: total.value, difference: holds ? 0 : sum - total.value,
      arithmetic: `${perStreet.map((f) => `${f.street} ${arithmeticValue(f.value, f.unit)}`).join(' + ')} = ${arithmeticValue(sum, total.unit)} ${holds ? '≤' : '>'} ${total.district} ${arithmeticValue(total.value, total.unit)}`,
      note: holds
        ? (perStreet.length > 1 ? `各街道合计占全区的 ${plain((sum / total.value) * 100, 1)}%` : null)
        : `街道数字之和超过全区总数 ${arithmeticValue(sum - total.value, total.unit)}`,
      facts: [{ factId: total.id, role: 'district' }, ...perStreet.map((f) => ({ factId: f.id, role: 'street' as const }))],
    });
  }
  return drafts;
}

/**
 * Every check across articles the stored figures allow. Only figures whose place the text names take
 * part: a figure placed in the source's district by default may be about anywhere, and comparing it
 * with others only makes false alarms. Conflicts also need a date the text gives, for the same reason.
 */
export function crossChecks(facts: CheckFact[]): CheckDraft[] {
  return crossCheckSteps(facts).flatMap((step) => step());
}

/** The same checks family by family, in the same order, for a server that gives other requests a turn between them. */
export function crossCheckSteps(facts: CheckFact[]): (() => CheckDraft[])[] {
  const placed = facts.filter((f) => f.placeProvenance !== 'default');
  const dated = placed.filter((f) => f.dateProvenance !== 'default');
  return [() => cumulativeChecks(placed), () => conflictChecks(dated), () => streetChecks(placed)];
}
