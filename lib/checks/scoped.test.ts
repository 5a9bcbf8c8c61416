// An editor's write recomputes only the checks across articles of the metrics, units and districts it
// touched; the verdicts must be exactly those a full recomputation gives.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { parseReviewInput, removeArticle, reviewFact } from '../review';
import { listChecks, runCrossChecks } from './index';
import { WANGJIANG, ZIYANG, figure, insertFixtureArticle } from './testFixtures';

const xihu = { district: '西湖区', districtCode: '330106', street: '北山街道', streetCode: '330106001' };
const EDITOR = { id: 1, name: 'admin' };

/** The checks across articles as comparable rows (ids aside). */
async function crossSnapshot(db: Db): Promise<string[]> {
  const checks = await listChecks(db, {}, { limit: 10_000 });
  return checks.filter((c) => c.articleId === null)
    .map((c) => JSON.stringify([c.kind, c.verdict, c.metric, c.date, c.stated, c.expected, c.difference, c.arithmetic, c.note, c.figures.map((f) => [f.factId, f.role]).sort()]))
    .sort();
}

/** After a scoped write: the checks equal a full recomputation's. */
async function expectSameAsFull(db: Db): Promise<string[]> {
  const scoped = await crossSnapshot(db);
  await runCrossChecks(db);
  expect(scoped).toEqual(await crossSnapshot(db));
  return scoped;
}

async function corpus(db: Db) {
  await db.run("INSERT INTO users (name, password_hash, role, created_at) VALUES ('admin', 'x', 'admin', '2024-01-01T00:00:00Z')");
  const a = await insertFixtureArticle(db, { text: '截至4月20日，望江街道共收集问题702个，累计腾出土地3800亩。', title: '甲' }, [
    figure('702个', 702, 'count', 'problems_collected', { ...WANGJIANG, date: '2020-04-20' }),
    figure('3800亩', 3800, 'mu', 'land_cleared', { ...WANGJIANG, date: '2020-04-20', cumulative: true }),
  ]);
  const b = await insertFixtureArticle(db, { text: '截至4月20日，望江街道收集问题720个。6月底累计腾出土地3500亩。', title: '乙' }, [
    figure('720个', 720, 'count', 'problems_collected', { ...WANGJIANG, date: '2020-04-20' }),
    figure('3500亩', 3500, 'mu', 'land_cleared', { ...WANGJIANG, date: '2020-06-30', cumulative: true }),
  ]);
  const c = await insertFixtureArticle(db, { text: '全区腾出土地1000亩，望江街道腾出土地800亩，紫阳街道腾出土地300亩。', title: '丙' }, [
    figure('1000亩', 1000, 'mu', 'land_cleared'),
    figure('800亩', 800, 'mu', 'land_cleared', WANGJIANG),
    figure('300亩', 300, 'mu', 'land_cleared', ZIYANG),
  ]);
  const d = await insertFixtureArticle(db, { text: '北山街道收集问题50个，西湖区收集问题40个。', title: '丁' }, [
    figure('50个', 50, 'count', 'problems_collected', { ...xihu }),
    figure('40个', 40, 'count', 'problems_collected', { district: '西湖区', districtCode: '330106' }),
  ]);
  await runCrossChecks(db);
  return { a, b, c, d };
}

describe('checks across articles after an editor\'s write', () => {
  it('a review recomputes its scope only, with the verdicts a full recomputation gives', async () => {
    const db = await openTestDb();
    const { a, b, c, d } = await corpus(db);
    const initial = await crossSnapshot(db);
    expect(initial.length).toBeGreaterThanOrEqual(4);

    const statements: string[] = [];
    db.hooks.onStatement = (sql) => statements.push(sql);
    // the conflicting 720 corrected to 702: the conflict now holds
    await reviewFact(db, b.factIds[0], EDITOR, parseReviewInput({ status: 'corrected', value: 702, reason: '核对原文' }));
    db.hooks.onStatement = null;
    // never the query of every figure in the database
    expect(statements.some((s) => /FROM facts f JOIN articles a .*WHERE f\.review_status <> 'rejected' AND coalesce\(s\.synthetic, 0\) = 0 ORDER BY f\.id/s.test(s))).toBe(false);
    const afterCorrection = await expectSameAsFull(db);
    expect(afterCorrection.some((s) => s.includes('"conflict","holds"'))).toBe(true);

    // a figure moved to another metric leaves its old checks and joins the new metric's
    await reviewFact(db, c.factIds[1], EDITOR, parseReviewInput({ status: 'corrected', metric: 'demolished_area', reason: '指标有误' }));
    await expectSameAsFull(db);
    // rejected: out of every check
    await reviewFact(db, a.factIds[1], EDITOR, parseReviewInput({ status: 'rejected', reason: '不是数字' }));
    const afterReject = await expectSameAsFull(db);
    expect(afterReject.some((s) => s.includes(`[${a.factIds[1]},`))).toBe(false);
    // back to unreviewed, in another district
    await reviewFact(db, d.factIds[0], EDITOR, parseReviewInput({ status: 'verified' }));
    await reviewFact(db, a.factIds[1], EDITOR, parseReviewInput({ status: 'unreviewed' }));
    expect(await expectSameAsFull(db)).toEqual(await crossSnapshot(db));
  });

  it('deleting an article recomputes the checks its figures were in, leaving none of them behind', async () => {
    const db = await openTestDb();
    const { b } = await corpus(db);
    expect(await removeArticle(db, b.articleId)).toBe(true);
    const after = await expectSameAsFull(db);
    expect(after.some((s) => s.includes('"conflict"'))).toBe(false);
    expect(await db.get('SELECT c.id FROM checks c WHERE c.article_id IS NULL AND NOT EXISTS (SELECT 1 FROM check_facts cf WHERE cf.check_id = c.id)')).toBeUndefined();
    expect(await removeArticle(db, b.articleId)).toBe(false);
  });
});
