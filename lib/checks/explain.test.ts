import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { explainCheck } from './explain';
import { listChecks, runChecksForArticle, runCrossChecks, type CheckView } from './index';
import { WANGJIANG, ZIYANG, figure, insertFixtureArticle, type FixtureFigure } from './testFixtures';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const ENGLISH_WORD = /[A-Za-z]{2,}/;

/** The working with what may stay in the article's language taken out: its figures' own words, titles and place names. */
function templateWords(c: CheckView, text: string): string {
  const own = c.figures.flatMap((f) => [f.text, f.articleTitle, f.district, f.street, f.community]).filter((s): s is string => Boolean(s));
  return own.sort((a, b) => b.length - a.length).reduce((rest, s) => rest.split(s).join(' '), text);
}


/** One article or pair of articles for each kind of check, of sentences of our own, with some approximate figures. */
async function everyKind(db: Db): Promise<CheckView[]> {
  // checks within one article: rate (one approximate, one bounded), share of a target, parts, growth, points
  const inArticle: Array<[text: string, figures: FixtureFigure[]]> = [
    ['街道共受理居民诉求约500件，已办结480件，办结率为95%。', [
      figure('500件', 500, 'count', 'problems_collected', { qualifier: 'about' }), figure('480件', 480, 'count', 'problems_resolved'),
      figure('95%', 95, 'percent', 'resolution_rate'),
    ]],
    ['今年已办结群众来信60件，办结率超90%。', [figure('60件', 60, 'count', 'problems_resolved'), figure('90%', 90, 'percent', 'resolution_rate', { qualifier: 'more_than' })]],
    ['全年计划改造老旧小区任务数12个的25%已经交付。', [figure('12个', 12, 'count', 'projects_target'), figure('25%', 25, 'percent', 'target_completion_rate')]],
    ['全区新开工项目6个，其中民生项目4个、产业项目3个。', [
      figure('6个', 6, 'count', 'projects_started'), figure('4个', 4, 'count', 'projects_started'), figure('3个', 3, 'count', 'projects_started'),
    ]],
    ['园区税收由去年的5亿余元增加到6亿元，同比增长20%。', [
      figure('5亿', 5e8, 'CNY', 'fiscal_revenue', { qualifier: 'more_than' }), figure('6亿元', 6e8, 'CNY', 'fiscal_revenue'), figure('20%', 20, 'percent', 'growth_rate'),
    ]],
    ['居民满意度从90%提高到93%，提升3个百分点。', [
      figure('90%', 90, 'percent', 'satisfaction_rate'), figure('93%', 93, 'percent', 'satisfaction_rate'), figure('3个百分点', 3, 'percentage_point', 'satisfaction_rate'),
    ]],
  ];
  for (const [text, figures] of inArticle) await runChecksForArticle(db, (await insertFixtureArticle(db, { text }, figures)).articleId);
  // checks across articles: a running total that goes down, a conflict on 5月10日, streets within their district
  const runningTotals: Array<[title: string, text: string, value: number, date: string]> = [
    ['春季报道', '截至5月10日，望江街道累计清退厂房用地260亩。', 260, '2021-05-10'],
    ['秋季报道', '截至9月1日，望江街道累计清退厂房用地240亩。', 240, '2021-09-01'],
    ['另一篇报道', '截至5月10日，望江街道累计清退厂房用地250亩。', 250, '2021-05-10'],
  ];
  for (const [title, text, value, date] of runningTotals) {
    await insertFixtureArticle(db, { text, title }, [figure(`${value}亩`, value, 'mu', 'land_cleared', { ...WANGJIANG, date, cumulative: true })]);
  }
  await insertFixtureArticle(db, { text: '上城区今年腾退土地300亩，望江街道腾退200亩，紫阳街道腾退150亩。' }, [
    figure('300亩', 300, 'mu', 'land_cleared', { date: '2021-06-30' }),
    figure('200亩', 200, 'mu', 'land_cleared', { ...WANGJIANG, date: '2021-06-30' }),
    figure('150亩', 150, 'mu', 'land_cleared', { ...ZIYANG, date: '2021-06-30' }),
  ]);
  await runCrossChecks(db);
  return listChecks(db, {});
}

describe('a check explained in the page language', () => {
  it('English working and notes hold no Chinese template words; Chinese ones no English words', async () => {
    const db = await openTestDb();
    const checks = await everyKind(db);
    expect(new Set(checks.map((c) => c.kind))).toEqual(new Set(['rate', 'share_of_target', 'parts_within_total', 'growth', 'cumulative_decrease', 'conflict', 'streets_within_district']));
    for (const c of checks) {
      const en = explainCheck(c, 'en'), zh = explainCheck(c, 'zh');
      for (const text of [en.arithmetic, en.note ?? '']) expect(templateWords(c, text), `${c.kind}: ${text}`).not.toMatch(CJK);
      for (const text of [zh.arithmetic, zh.note ?? '']) expect(templateWords(c, text), `${c.kind}: ${text}`).not.toMatch(ENGLISH_WORD);
    }
  });

  it('says in Chinese what the stored working says, with the same numbers', async () => {
    const db = await openTestDb();
    for (const c of await everyKind(db)) {
      const zh = explainCheck(c, 'zh');
      // the stored working is the record exports keep; the rendered one shows the same numbers
      const numbers = (s: string) => (s.match(/\d+(?:\.\d+)?/g) ?? []).sort();
      expect(numbers(zh.arithmetic), `${c.kind}: ${zh.arithmetic} vs ${c.arithmetic}`).toEqual(numbers(c.arithmetic));
      expect(zh.note === null, `${c.kind} note`).toBe(c.note === null);
    }
  });

  it('the English working of a rate, a share and a conflict', async () => {
    const db = await openTestDb();
    const checks = await everyKind(db);
    const of = (kind: string) => checks.filter((c) => c.kind === kind).map((c) => explainCheck(c, 'en'));
    expect(of('rate').map((e) => e.arithmetic)).toContain('480 ÷ 500 = 96% (the article: 95%)');
    expect(of('rate').map((e) => e.note)).toContain('“500件” approximate: the rate may be 91.43%–101.05%');
    expect(of('rate').map((e) => e.arithmetic)).toContain('60 ÷ ? = >90%');
    expect(of('share_of_target')[0]).toEqual({ arithmetic: '12 × 25% = 3 ≈ 3; 3 ÷ 12 = 25% (the article: 25%)', note: 'i.e. 3 done' });
    expect(of('conflict')[0].arithmetic).toMatch(/^“(春季报道|另一篇报道)” 2[56]0 mu ≠ “(春季报道|另一篇报道)” 2[56]0 mu, 10 mu apart$/);
    expect(of('cumulative_decrease').some((e) => e.note?.startsWith('a running total should not go down'))).toBe(true);
  });
});
