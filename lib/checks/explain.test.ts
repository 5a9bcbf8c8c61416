import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { explainCheck } from './explain';
import { listChecks, runChecksForArticle, runCrossChecks, type CheckView } from './index';
import { insertFixtureArticle } from './testFixtures';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const ENGLISH_WORD = /[A-Za-z]{2,}/;

/** The working with what may stay in the article's language taken out: its figures' own words, titles and place names. */
function templateWords(c: CheckView, text: string): string {
  const own = c.figures.flatMap((f) => [f.text, f.articleTitle, f.district, f.street, f.community]).filter((s): s is string => Boolean(s));
  return own.sort((a, b) => b.length - a.length).reduce((rest, s) => rest.split(s).join(' '), text);
}

const wangjiang = { district: '上城区', districtCode: '330102', street: '望江街道', streetCode: '330102008' };

/** One article or pair of articles for each kind of check, of sentences of our own, with some approximate figures. */
async function everyKind(db: Db): Promise<CheckView[]> {
  const articles = [
    await insertFixtureArticle(db, { text: '街道共受理居民诉求约500件，已办结480件，办结率为95%。' }, [
      { text: '500件', value: 500, unit: 'count', metric: 'problems_collected', qualifier: 'about' },
      { text: '480件', value: 480, unit: 'count', metric: 'problems_resolved' },
      { text: '95%', value: 95, unit: 'percent', metric: 'resolution_rate' },
    ]),
    await insertFixtureArticle(db, { text: '今年已办结群众来信60件，办结率超90%。' }, [
      { text: '60件', value: 60, unit: 'count', metric: 'problems_resolved' },
      { text: '90%', value: 90, unit: 'percent', metric: 'resolution_rate', qualifier: 'more_than' },
    ]),
    await insertFixtureArticle(db, { text: '全年计划改造老旧小区任务数12个的25%已经交付。' }, [
      { text: '12个', value: 12, unit: 'count', metric: 'projects_target' },
      { text: '25%', value: 25, unit: 'percent', metric: 'target_completion_rate' },
    ]),
    await insertFixtureArticle(db, { text: '全区新开工项目6个，其中民生项目4个、产业项目3个。' }, [
      { text: '6个', value: 6, unit: 'count', metric: 'projects_started' },
      { text: '4个', value: 4, unit: 'count', metric: 'projects_started' },
      { text: '3个', value: 3, unit: 'count', metric: 'projects_started' },
    ]),
    await insertFixtureArticle(db, { text: '园区税收由去年的5亿余元增加到6亿元，同比增长20%。' }, [
      { text: '5亿', value: 5e8, unit: 'CNY', metric: 'fiscal_revenue', qualifier: 'more_than' },
      { text: '6亿元', value: 6e8, unit: 'CNY', metric: 'fiscal_revenue' },
      { text: '20%', value: 20, unit: 'percent', metric: 'growth_rate' },
    ]),
    await insertFixtureArticle(db, { text: '居民满意度从90%提高到93%，提升3个百分点。' }, [
      { text: '90%', value: 90, unit: 'percent', metric: 'satisfaction_rate' },
      { text: '93%', value: 93, unit: 'percent', metric: 'satisfaction_rate' },
      { text: '3个百分点', value: 3, unit: 'percentage_point', metric: 'satisfaction_rate' },
    ]),
  ];
  for (const a of articles) await runChecksForArticle(db, a.articleId);
  await insertFixtureArticle(db, { text: '截至5月10日，望江街道累计清退厂房用地260亩。', title: '春季报道' }, [
    { text: '260亩', value: 260, unit: 'mu', metric: 'land_cleared', ...wangjiang, date: '2021-05-10', cumulative: true },
  ]);
  await insertFixtureArticle(db, { text: '截至9月1日，望江街道累计清退厂房用地240亩。', title: '秋季报道' }, [
    { text: '240亩', value: 240, unit: 'mu', metric: 'land_cleared', ...wangjiang, date: '2021-09-01', cumulative: true },
  ]);
  await insertFixtureArticle(db, { text: '截至5月10日，望江街道累计清退厂房用地250亩。', title: '另一篇报道' }, [
    { text: '250亩', value: 250, unit: 'mu', metric: 'land_cleared', ...wangjiang, date: '2021-05-10', cumulative: true },
  ]);
  await insertFixtureArticle(db, { text: '上城区今年腾退土地300亩，望江街道腾退200亩，紫阳街道腾退150亩。' }, [
    { text: '300亩', value: 300, unit: 'mu', metric: 'land_cleared', date: '2021-06-30' },
    { text: '200亩', value: 200, unit: 'mu', metric: 'land_cleared', ...wangjiang, date: '2021-06-30' },
    { text: '150亩', value: 150, unit: 'mu', metric: 'land_cleared', district: '上城区', districtCode: '330102', street: '紫阳街道', streetCode: '330102007', date: '2021-06-30' },
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
