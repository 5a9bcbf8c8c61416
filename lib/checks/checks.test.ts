import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { loadSampleIfEmpty } from '../ingest/sample';
import { storeDocument } from '../ingest/store';
import { checksForArticle, checksForFact, listChecks, runChecksForArticle, runCrossChecks, type CheckView } from './index';
import { WANGJIANG, ZIYANG, figure, insertFixtureArticle, type FixtureFigure } from './testFixtures';

function only(checks: CheckView[], kind: string): CheckView {
  const found = checks.filter((c) => c.kind === kind);
  expect(found, `exactly one ${kind} check in ${JSON.stringify(checks.map((c) => [c.kind, c.arithmetic]))}`).toHaveLength(1);
  return found[0];
}

async function checked(db: Db, articleId: number): Promise<CheckView[]> {
  await runChecksForArticle(db, articleId);
  return await checksForArticle(db, articleId);
}

/** The checks of an article of `text` whose figures are `figures`, stored in `db`. */
async function checkedArticle(db: Db, text: string, figures: FixtureFigure[]): Promise<CheckView[]> {
  const { articleId } = await insertFixtureArticle(db, { text }, figures);
  return checked(db, articleId);
}

describe('the sample page (real extractor)', () => {
  it('checks 解决率达84.6% against 594 resolved of 702 collected, and it holds', async () => {
    const db = await openTestDb();
    await loadSampleIfEmpty(db); // runs the checks itself
    const rate = (await listChecks(db, {}, { kind: 'rate' })).find((c) => c.figures.some((f) => f.role === 'stated' && f.text.includes('84.6%')));
    expect(rate, 'a rate check on 84.6%').toBeDefined();
    expect(rate!.verdict).toBe('holds');
    expect(rate!.arithmetic).toContain('594 ÷ 702 = 84.62%');
    expect(rate!.figures.find((f) => f.role === 'part')?.value).toBe(594);
    expect(rate!.figures.find((f) => f.role === 'whole')?.value).toBe(702);
    // and the fact page's query finds it from the stated figure
    const stated = rate!.figures.find((f) => f.role === 'stated')!;
    expect((await checksForFact(db, stated.factId)).map((c) => c.id)).toContain(rate!.id);
  });

  it('checks 任务数15个的46.7% as 7 of 15, and it holds', async () => {
    const db = await openTestDb();
    await loadSampleIfEmpty(db);
    const share = (await listChecks(db, {}, { kind: 'share_of_target' })).find((c) => c.stated === 46.7);
    expect(share?.verdict).toBe('holds');
    expect(share?.arithmetic).toContain('7 ÷ 15 = 46.67%');
  });
});

const INCONSISTENT_RATE = '截至3月底，湖滨街道共收集群众诉求500件，已办结450件，办结率为95%。';

describe('one article, its figures inserted directly, and the one check of a kind it gets', () => {
  it.each<{ rule: string; text: string; figures: FixtureFigure[]; kind: string; says: Partial<Record<keyof CheckView, unknown>> }>([
    {
      rule: 'an inconsistent rate is flagged with the right arithmetic', text: INCONSISTENT_RATE,
      figures: [figure('500件', 500, 'count', 'problems_collected'), figure('450件', 450, 'count', 'problems_resolved'), figure('95%', 95, 'percent', 'resolution_rate')],
      kind: 'rate', says: { verdict: 'off', arithmetic: '450 ÷ 500 = 90%（文中 95%）', expected: expect.closeTo(90), difference: expect.closeTo(5) },
    },
    {
      rule: 'a rate is matched by its verb when the metric has no family (签约率 → 签约)', text: '涉及征迁户共计200户，已签约188户，签约率达94%。',
      figures: [figure('200户', 200, 'count', 'households_relocated'), figure('188户', 188, 'count', 'households_relocated'), figure('94%', 94, 'percent', 'other')],
      kind: 'rate', says: { verdict: 'holds', arithmetic: '188 ÷ 200 = 94%（文中 94%）' },
    },
    {
      rule: '余 reads as a range: 700余个 with 594 resolved allows 84.6%', text: '收集问题700余个，已解决问题594个，解决率达84.6%。',
      figures: [
        figure('700余个', 700, 'count', 'problems_collected', { qualifier: 'more_than' }), figure('594个', 594, 'count', 'problems_resolved'),
        figure('84.6%', 84.6, 'percent', 'resolution_rate'),
      ],
      kind: 'rate', says: { verdict: 'holds', note: expect.stringContaining('约数') },
    },
    {
      rule: 'a rate cannot be told when only the part is given', text: '今年已解决问题594个，解决率达84.6%。',
      figures: [figure('594个', 594, 'count', 'problems_resolved'), figure('84.6%', 84.6, 'percent', 'resolution_rate')], kind: 'rate', says: { verdict: 'cannot_tell' },
    },
    {
      rule: 'a share of a target no whole number can give is off', text: '已完成全市下达任务数15个的50.5%。',
      figures: [figure('15个', 15, 'count', 'projects_target'), figure('50.5%', 50.5, 'percent', 'target_completion_rate')],
      kind: 'share_of_target', says: { verdict: 'off', arithmetic: expect.stringContaining('15 × 50.5% = 7.575') },
    },
    {
      rule: 'a share of a target with its part stated is checked against the part', text: '一季度完成投资30亿元，占全年任务120亿元的30%。',
      figures: [figure('30亿元', 3e9, 'CNY', 'investment'), figure('120亿元', 1.2e10, 'CNY', 'investment'), figure('30%', 30, 'percent', 'target_completion_rate')],
      kind: 'share_of_target', says: { verdict: 'off', arithmetic: '30亿元 ÷ 120亿元 = 25%（文中 30%）' },
    },
    {
      rule: 'parts (其中) adding up to more than their total are off', text: '全区落地产业项目8个，其中50亿元项目5个、10亿元项目4个。',
      figures: [
        figure('8个', 8, 'count', 'projects'), figure('50亿元', 5e9, 'CNY', 'investment'), figure('5个', 5, 'count', 'projects'),
        figure('10亿元', 1e9, 'CNY', 'investment'), figure('4个', 4, 'count', 'projects'),
      ],
      kind: 'parts_within_total', says: { verdict: 'off', arithmetic: '5 + 4 = 9 > 8（总数“8个”）', difference: 1 },
    },
    {
      rule: 'parts (其中) within their total hold', text: '走访企业120家。其中规上企业45家，小微企业70家。',
      figures: [figure('120家', 120, 'count', 'enterprises_served'), figure('45家', 45, 'count', 'enterprises_served'), figure('70家', 70, 'count', 'enterprises_served')],
      kind: 'parts_within_total', says: { verdict: 'holds' },
    },
    {
      rule: 'a growth rate agreeing with the two values it is given holds', text: '全年产值从10亿元增加到12亿元，同比增长20%。',
      figures: [figure('10亿元', 1e9, 'CNY', 'output_value'), figure('12亿元', 1.2e9, 'CNY', 'output_value'), figure('20%', 20, 'percent', 'growth_rate')],
      kind: 'growth', says: { verdict: 'holds', arithmetic: expect.stringContaining('(12亿元 − 10亿元) ÷ 10亿元 = 20%') },
    },
    {
      rule: 'a growth rate the two values it is given contradict is off', text: '今年税收8000万元，去年同期为1亿元，同比下降10%。',
      figures: [figure('8000万元', 8e7, 'CNY', 'fiscal_revenue'), figure('1亿元', 1e8, 'CNY', 'fiscal_revenue'), figure('10%', 10, 'percent', 'growth_rate')],
      kind: 'growth', says: { verdict: 'off', expected: expect.closeTo(-20), difference: expect.closeTo(10) },
    },
  ])('$rule', async ({ text, figures, kind, says }) => {
    const db = await openTestDb();
    expect(only(await checkedArticle(db, text, figures), kind)).toMatchObject(says);
  });
});

describe('an article with an inconsistent rate', () => {
  it('is flagged when the real extractor reads it', async () => {
    const db = await openTestDb();
    const [stored] = await storeDocument(db, { text: INCONSISTENT_RATE, sourceName: '测试报', district: '上城区', published: '2020-04-21' });
    const rate = only(await checked(db, stored.id), 'rate');
    expect(rate.verdict).toBe('off');
    expect(rate.arithmetic).toContain('450 ÷ 500 = 90%');
  });
});

describe('checks across articles', () => {
  it('a conflicting report of the same metric, place and date is flagged', async () => {
    const db = await openTestDb();
    const a = await insertFixtureArticle(db, { text: '截至4月20日，望江街道共收集问题702个。', title: '甲报道' }, [
      figure('702个', 702, 'count', 'problems_collected', { ...WANGJIANG, date: '2020-04-20' }),
    ]);
    const b = await insertFixtureArticle(db, { text: '截至4月20日，望江街道收集问题720个。', title: '乙报道' }, [
      figure('720个', 720, 'count', 'problems_collected', { ...WANGJIANG, date: '2020-04-20' }),
    ]);
    await runCrossChecks(db);
    const conflict = only(await listChecks(db, {}), 'conflict');
    expect(conflict.verdict).toBe('off');
    expect(conflict.difference).toBe(18);
    expect(conflict.arithmetic).toBe('《甲报道》 702 ≠ 《乙报道》 720，相差 18');
    expect((await checksForFact(db, a.factIds[0])).map((c) => c.kind)).toEqual(['conflict']);
    expect((await checksForArticle(db, b.articleId)).map((c) => c.kind)).toEqual(['conflict']);
    // filtered like the dashboard: by the street of its figures, not another street
    expect(await listChecks(db, { street: ['330102008'] })).toHaveLength(1);
    expect(await listChecks(db, { street: ['330102001'] })).toHaveLength(0);
  });

  it('agreeing reports hold, and a figure placed only by the source default is left out', async () => {
    const db = await openTestDb();
    await insertFixtureArticle(db, { text: '望江街道收集问题702个。' }, [figure('702个', 702, 'count', 'problems_collected', WANGJIANG)]);
    await insertFixtureArticle(db, { text: '望江街道收集问题702个。' }, [figure('702个', 702, 'count', 'problems_collected', WANGJIANG)]);
    await insertFixtureArticle(db, { text: '收集问题40个。' }, [figure('40个', 40, 'count', 'problems_collected', { ...WANGJIANG, placeProvenance: 'default' })]);
    await runCrossChecks(db);
    expect((await listChecks(db, {})).map((c) => [c.kind, c.verdict])).toEqual([['conflict', 'holds']]);
  });

  it('a running total (累计) that goes down is off', async () => {
    const db = await openTestDb();
    await insertFixtureArticle(db, { text: '望江地区累计腾出土地3800亩。' }, [figure('3800亩', 3800, 'mu', 'land_cleared', { ...WANGJIANG, date: '2020-04-21', cumulative: true })]);
    await insertFixtureArticle(db, { text: '望江地区累计腾出土地3500亩。' }, [figure('3500亩', 3500, 'mu', 'land_cleared', { ...WANGJIANG, date: '2020-06-30', cumulative: true })]);
    await runCrossChecks(db);
    const drop = only(await listChecks(db, {}), 'cumulative_decrease');
    expect(drop.verdict).toBe('off');
    expect(drop.difference).toBe(-300);
    expect(drop.arithmetic).toContain('减少 300亩');
  });

  it('streets adding up to more than their district are off', async () => {
    const db = await openTestDb();
    await insertFixtureArticle(db, { text: '全区腾出土地1000亩，望江街道腾出土地800亩，紫阳街道腾出土地300亩。' }, [
      figure('1000亩', 1000, 'mu', 'land_cleared'),
      figure('800亩', 800, 'mu', 'land_cleared', WANGJIANG),
      figure('300亩', 300, 'mu', 'land_cleared', ZIYANG),
    ]);
    await runCrossChecks(db);
    const streets = only(await listChecks(db, {}), 'streets_within_district');
    expect(streets.verdict).toBe('off');
    expect(streets.arithmetic).toMatch(/800亩 \+ .*300亩 = 1100亩 > 上城区 1000亩/);
    expect(streets.difference).toBe(100);
  });

  it('ignores synthetic benchmark articles and keeps no checks of a deleted article', async () => {
    const db = await openTestDb();
    const a = await insertFixtureArticle(db, { text: '望江街道收集问题702个。' }, [figure('702个', 702, 'count', 'problems_collected', WANGJIANG)]);
    await insertFixtureArticle(db, { text: '望江街道收集问题720个。' }, [figure('720个', 720, 'count', 'problems_collected', WANGJIANG)]);
    await runCrossChecks(db);
    expect(await listChecks(db, {})).toHaveLength(1);
    await db.run('DELETE FROM articles WHERE id = ?', [a.articleId]);
    await runCrossChecks(db);
    expect(await listChecks(db, {})).toHaveLength(0);
    expect(await db.all('SELECT id FROM articles')).toHaveLength(1);
  });
});
