import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { loadSampleIfEmpty } from '../ingest/sample';
import { storeDocument } from '../ingest/store';
import { checksForArticle, checksForFact, listChecks, runChecksForArticle, runCrossChecks, type CheckView } from './index';
import { insertFixtureArticle, type FixtureFigure } from './testFixtures';

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

describe('an article with an inconsistent rate', () => {
  const text = '截至3月底，湖滨街道共收集群众诉求500件，已办结450件，办结率为95%。';

  it('is flagged with the right arithmetic (figures inserted directly)', async () => {
    const db = await openTestDb();
    const { articleId } = await insertFixtureArticle(db, { text }, [
      { text: '500件', value: 500, unit: 'count', metric: 'problems_collected' },
      { text: '450件', value: 450, unit: 'count', metric: 'problems_resolved' },
      { text: '95%', value: 95, unit: 'percent', metric: 'resolution_rate' },
    ]);
    const rate = only(await checked(db, articleId), 'rate');
    expect(rate.verdict).toBe('off');
    expect(rate.arithmetic).toBe('450 ÷ 500 = 90%（文中 95%）');
    expect(rate.expected).toBeCloseTo(90);
    expect(rate.difference).toBeCloseTo(5);
  });

  it('is flagged when the real extractor reads it', async () => {
    const db = await openTestDb();
    const [stored] = await storeDocument(db, { text, sourceName: '测试报', district: '上城区', published: '2020-04-21' });
    const rate = only(await checked(db, stored.id), 'rate');
    expect(rate.verdict).toBe('off');
    expect(rate.arithmetic).toContain('450 ÷ 500 = 90%');
  });

  it('matches a rate by its verb when the metric has no family (签约率 → 签约)', async () => {
    const db = await openTestDb();
    const rate = only(await checkedArticle(db, '涉及征迁户共计200户，已签约188户，签约率达94%。', [
      { text: '200户', value: 200, unit: 'count', metric: 'households_relocated' },
      { text: '188户', value: 188, unit: 'count', metric: 'households_relocated' },
      { text: '94%', value: 94, unit: 'percent', metric: 'other' },
    ]), 'rate');
    expect(rate.verdict).toBe('holds');
    expect(rate.arithmetic).toBe('188 ÷ 200 = 94%（文中 94%）');
  });

  it('reads 余 as a range: 700余个 with 594 resolved allows 84.6%', async () => {
    const db = await openTestDb();
    const rate = only(await checkedArticle(db, '收集问题700余个，已解决问题594个，解决率达84.6%。', [
      { text: '700余个', value: 700, unit: 'count', metric: 'problems_collected', qualifier: 'more_than' },
      { text: '594个', value: 594, unit: 'count', metric: 'problems_resolved' },
      { text: '84.6%', value: 84.6, unit: 'percent', metric: 'resolution_rate' },
    ]), 'rate');
    expect(rate.verdict).toBe('holds');
    expect(rate.note).toContain('约数');
  });

  it('cannot tell when only the part is given', async () => {
    const db = await openTestDb();
    expect(only(await checkedArticle(db, '今年已解决问题594个，解决率达84.6%。', [
      { text: '594个', value: 594, unit: 'count', metric: 'problems_resolved' },
      { text: '84.6%', value: 84.6, unit: 'percent', metric: 'resolution_rate' },
    ]), 'rate').verdict).toBe('cannot_tell');
  });
});

describe('shares, parts and growth', () => {
  it('a share of a target no whole number can give is off', async () => {
    const db = await openTestDb();
    const share = only(await checkedArticle(db, '已完成全市下达任务数15个的50.5%。', [
      { text: '15个', value: 15, unit: 'count', metric: 'projects_target' },
      { text: '50.5%', value: 50.5, unit: 'percent', metric: 'target_completion_rate' },
    ]), 'share_of_target');
    expect(share.verdict).toBe('off');
    expect(share.arithmetic).toContain('15 × 50.5% = 7.575');
  });

  it('a share of a target with its part stated is checked against the part', async () => {
    const db = await openTestDb();
    const share = only(await checkedArticle(db, '一季度完成投资30亿元，占全年任务120亿元的30%。', [
      { text: '30亿元', value: 3e9, unit: 'CNY', metric: 'investment' },
      { text: '120亿元', value: 1.2e10, unit: 'CNY', metric: 'investment' },
      { text: '30%', value: 30, unit: 'percent', metric: 'target_completion_rate' },
    ]), 'share_of_target');
    expect(share.verdict).toBe('off');
    expect(share.arithmetic).toBe('30亿元 ÷ 120亿元 = 25%（文中 30%）');
  });

  it('parts (其中) adding up to more than their total are off; within it they hold', async () => {
    const db = await openTestDb();
    const parts = only(await checkedArticle(db, '全区落地产业项目8个，其中50亿元项目5个、10亿元项目4个。', [
      { text: '8个', value: 8, unit: 'count', metric: 'projects' },
      { text: '50亿元', value: 5e9, unit: 'CNY', metric: 'investment' },
      { text: '5个', value: 5, unit: 'count', metric: 'projects' },
      { text: '10亿元', value: 1e9, unit: 'CNY', metric: 'investment' },
      { text: '4个', value: 4, unit: 'count', metric: 'projects' },
    ]), 'parts_within_total');
    expect(parts.verdict).toBe('off');
    expect(parts.arithmetic).toBe('5 + 4 = 9 > 8（总数“8个”）');
    expect(parts.difference).toBe(1);
    expect(only(await checkedArticle(db, '走访企业120家。其中规上企业45家，小微企业70家。', [
      { text: '120家', value: 120, unit: 'count', metric: 'enterprises_served' },
      { text: '45家', value: 45, unit: 'count', metric: 'enterprises_served' },
      { text: '70家', value: 70, unit: 'count', metric: 'enterprises_served' },
    ]), 'parts_within_total').verdict).toBe('holds');
  });

  it('a growth rate is checked against the two values when both are given', async () => {
    const db = await openTestDb();
    const ok = only(await checkedArticle(db, '全年产值从10亿元增加到12亿元，同比增长20%。', [
      { text: '10亿元', value: 1e9, unit: 'CNY', metric: 'output_value' },
      { text: '12亿元', value: 1.2e9, unit: 'CNY', metric: 'output_value' },
      { text: '20%', value: 20, unit: 'percent', metric: 'growth_rate' },
    ]), 'growth');
    expect(ok.verdict).toBe('holds');
    expect(ok.arithmetic).toContain('(12亿元 − 10亿元) ÷ 10亿元 = 20%');
    const bad = only(await checkedArticle(db, '今年税收8000万元，去年同期为1亿元，同比下降10%。', [
      { text: '8000万元', value: 8e7, unit: 'CNY', metric: 'fiscal_revenue' },
      { text: '1亿元', value: 1e8, unit: 'CNY', metric: 'fiscal_revenue' },
      { text: '10%', value: 10, unit: 'percent', metric: 'growth_rate' },
    ]), 'growth');
    expect(bad.verdict).toBe('off');
    expect(bad.expected).toBeCloseTo(-20);
    expect(bad.difference).toBeCloseTo(10);
  });
});

describe('checks across articles', () => {
  const wangjiang = { district: '上城区', districtCode: '330102', street: '望江街道', streetCode: '330102008' };

  it('a conflicting report of the same metric, place and date is flagged', async () => {
    const db = await openTestDb();
    const a = await insertFixtureArticle(db, { text: '截至4月20日，望江街道共收集问题702个。', title: '甲报道' }, [
      { text: '702个', value: 702, unit: 'count', metric: 'problems_collected', ...wangjiang, date: '2020-04-20' },
    ]);
    const b = await insertFixtureArticle(db, { text: '截至4月20日，望江街道收集问题720个。', title: '乙报道' }, [
      { text: '720个', value: 720, unit: 'count', metric: 'problems_collected', ...wangjiang, date: '2020-04-20' },
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
    await insertFixtureArticle(db, { text: '望江街道收集问题702个。' }, [{ text: '702个', value: 702, unit: 'count', metric: 'problems_collected', ...wangjiang }]);
    await insertFixtureArticle(db, { text: '望江街道收集问题702个。' }, [{ text: '702个', value: 702, unit: 'count', metric: 'problems_collected', ...wangjiang }]);
    await insertFixtureArticle(db, { text: '收集问题40个。' }, [{ text: '40个', value: 40, unit: 'count', metric: 'problems_collected', ...wangjiang, placeProvenance: 'default' }]);
    await runCrossChecks(db);
    expect((await listChecks(db, {})).map((c) => [c.kind, c.verdict])).toEqual([['conflict', 'holds']]);
  });

  it('a running total (累计) that goes down is off', async () => {
    const db = await openTestDb();
    await insertFixtureArticle(db, { text: '望江地区累计腾出土地3800亩。' }, [{ text: '3800亩', value: 3800, unit: 'mu', metric: 'land_cleared', ...wangjiang, date: '2020-04-21', cumulative: true }]);
    await insertFixtureArticle(db, { text: '望江地区累计腾出土地3500亩。' }, [{ text: '3500亩', value: 3500, unit: 'mu', metric: 'land_cleared', ...wangjiang, date: '2020-06-30', cumulative: true }]);
    await runCrossChecks(db);
    const drop = only(await listChecks(db, {}), 'cumulative_decrease');
    expect(drop.verdict).toBe('off');
    expect(drop.difference).toBe(-300);
    expect(drop.arithmetic).toContain('减少 300亩');
  });

  it('streets adding up to more than their district are off', async () => {
    const db = await openTestDb();
    await insertFixtureArticle(db, { text: '全区腾出土地1000亩，望江街道腾出土地800亩，紫阳街道腾出土地300亩。' }, [
      { text: '1000亩', value: 1000, unit: 'mu', metric: 'land_cleared' },
      { text: '800亩', value: 800, unit: 'mu', metric: 'land_cleared', ...wangjiang },
      { text: '300亩', value: 300, unit: 'mu', metric: 'land_cleared', district: '上城区', districtCode: '330102', street: '紫阳街道', streetCode: '330102007' },
    ]);
    await runCrossChecks(db);
    const streets = only(await listChecks(db, {}), 'streets_within_district');
    expect(streets.verdict).toBe('off');
    expect(streets.arithmetic).toMatch(/800亩 \+ .*300亩 = 1100亩 > 上城区 1000亩/);
    expect(streets.difference).toBe(100);
  });

  it('ignores synthetic benchmark articles and keeps no checks of a deleted article', async () => {
    const db = await openTestDb();
    const a = await insertFixtureArticle(db, { text: '望江街道收集问题702个。' }, [{ text: '702个', value: 702, unit: 'count', metric: 'problems_collected', ...wangjiang }]);
    await insertFixtureArticle(db, { text: '望江街道收集问题720个。' }, [{ text: '720个', value: 720, unit: 'count', metric: 'problems_collected', ...wangjiang }]);
    await runCrossChecks(db);
    expect(await listChecks(db, {})).toHaveLength(1);
    await db.run('DELETE FROM articles WHERE id = ?', [a.articleId]);
    await runCrossChecks(db);
    expect(await listChecks(db, {})).toHaveLength(0);
    expect(await db.all('SELECT id FROM articles')).toHaveLength(1);
  });
});
