// Issue 17 on the views' data: several values for one filter and review_status; streets of two districts
// charted apart with one district-level bar each; a real time axis (an empty month between two reported
// ones); places compared over time; the editors' review queue; the ingest preview that stores nothing.
// On SQLite, and on PostgreSQL when TEST_DATABASE_URL names a server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { setRollups } from '../../db/dashboard';
import { reviewQueue } from '../../db/review';
import { openTestDb } from '../../db/testing';
import { runChecksForArticle } from '../checks';
import { ingestSubmission, previewSubmission } from '../ingest/submission';
import { parseReviewInput, reviewFact } from '../review';
import { overviewData } from './overview';
import { addEditor, bothWays, storeArticle } from './testFixtures';

let db: Db;
const XIHU = { district: '西湖区', districtCode: '330106' };
const BEISHAN = { ...XIHU, street: '北山街道', streetCode: '330106002' };
const QINGBO = { street: '清波街道', streetCode: '330102001' };
const HUBIN = { street: '湖滨街道', streetCode: '330102003' };
const ids: Record<string, number> = {};

const overview = (query: string) => overviewData(db, new URLSearchParams(query));

beforeAll(async () => {
  db = await openTestDb();
  const editor = await addEditor(db, 'trust-test');
  // January and March reported, February not: the time axis must still show February
  await storeArticle(db, '清波街道一月简报\n1月，清波街道完成老旧小区改造投资2000万元，化解信访问题35件。', [
    { text: '2000万元', value: 2e7, unit: 'CNY', metric: 'investment', date: '2021-01-31', datePrecision: 'month', ...QINGBO },
    { text: '35件', value: 35, unit: 'count', metric: 'problems_resolved', date: '2021-01-31', datePrecision: 'month', ...QINGBO },
  ], { published: '2021-02-02' });
  await storeArticle(db, '湖滨街道三月简报\n3月，湖滨街道完成商圈提升投资3000万元。全区完成产业投资2亿元。', [
    { text: '3000万元', value: 3e7, unit: 'CNY', metric: 'investment', date: '2021-03-31', datePrecision: 'month', ...HUBIN },
    { text: '2亿元', value: 2e8, unit: 'CNY', metric: 'investment', date: '2021-03-31', datePrecision: 'month' },
  ], { published: '2021-04-02' });
  // another city's district: its street, and a figure placed no lower than the district
  ids.xihu = await storeArticle(db, '北山街道简报\n3月，北山街道完成景区配套投资1500万元。西湖区完成文旅投资8000万元。', [
    { text: '1500万元', value: 1.5e7, unit: 'CNY', metric: 'investment', date: '2021-03-31', datePrecision: 'month', ...BEISHAN },
    { text: '8000万元', value: 8e7, unit: 'CNY', metric: 'investment', date: '2021-03-31', datePrecision: 'month', ...XIHU, street: null, streetCode: null },
  ], { published: '2021-04-03' });
  // running totals of two streets over three months: a line each
  await storeArticle(db, '两街道累计投资\n截至1月底，清波街道累计完成投资1亿元，湖滨街道累计完成投资0.8亿元。', [
    { text: '1亿元', value: 1e8, unit: 'CNY', metric: 'investment', cumulative: true, date: '2021-01-31', datePrecision: 'month', ...QINGBO },
    { text: '0.8亿元', value: 8e7, unit: 'CNY', metric: 'investment', cumulative: true, date: '2021-01-31', datePrecision: 'month', ...HUBIN },
  ], { published: '2021-02-03' });
  await storeArticle(db, '清波街道累计投资\n截至3月底，清波街道累计完成投资1.6亿元。', [
    { text: '1.6亿元', value: 1.6e8, unit: 'CNY', metric: 'investment', cumulative: true, date: '2021-03-31', datePrecision: 'month', ...QINGBO },
  ], { published: '2021-04-04' });
  // a rate that does not add up (594 of 702 is 84.6%, not 90%): a failing check, and a misread to correct
  ids.rate = await storeArticle(db, '湖滨街道诉求办理\n湖滨街道共收集群众诉求702件，已解决594件，解决率90%。另有问题清单40余张。', [
    { text: '702件', value: 702, unit: 'count', metric: 'problems_collected', date: '2021-03-31', ...HUBIN },
    { text: '594件', value: 594, unit: 'count', metric: 'problems_resolved', date: '2021-03-31', ...HUBIN },
    { text: '90%', value: 90, unit: 'percent', metric: 'resolution_rate', date: '2021-03-31', ...HUBIN },
    { text: '40余张', value: 40, unit: 'count', metric: 'other', qualifier: 'more_than', date: '2021-03-31', ...HUBIN, metricConfidence: 0.2 },
  ], { published: '2021-04-05' });
  await runChecksForArticle(db, ids.rate);
  const figure = async (text: string) => (await db.get<{ id: number }>('SELECT id FROM facts WHERE text = ?', [text]))!.id;
  ids.resolved = await figure('594件');
  ids.lists = await figure('40余张');
  await reviewFact(db, await figure('3000万元'), editor, parseReviewInput({ status: 'corrected', value: '300', unit: 'CNY', reason: '原文为300万元' }));
  await reviewFact(db, await figure('35件'), editor, parseReviewInput({ status: 'rejected', reason: '不是本期数字' }));
});

afterAll(async () => { setRollups(true); await db.close(); });

describe('filters take several values and review_status', () => {
  it('metric=a&metric=b selects either; the chart counts them, never adds unlike things', async () => {
    const both = await overview('metric=investment&metric=problems_collected');
    expect(both.series).toEqual({ metric: null, unit: null, measure: 'count' });
    const one = async (m: string) => (await overview(`metric=${m}`)).total;
    expect(both.total).toBe(await one('investment') + await one('problems_collected'));
    await expect(overview('metric=investment&metric=investment&unit=CNY')).resolves.toMatchObject({ series: { metric: 'investment' } });
    await expect(overview('metric=investment&metric=problems_collected&unit=CNY')).rejects.toThrow(/unit: needs one metric/);
  });

  it('several streets are those streets side by side', async () => {
    const d = await bothWays(() => overview(`street=${QINGBO.streetCode}&street=${HUBIN.streetCode}&metric=investment`));
    expect(d.level).toBe('street');
    expect(d.byPlace.map((b) => b.key).sort()).toEqual([QINGBO.streetCode, HUBIN.streetCode].sort());
  });

  it('review_status selects by the editor\'s decision; rejected figures only when asked for', async () => {
    const corrected = await overview('review_status=corrected');
    expect(corrected.rows.map((r) => r.text)).toEqual(['3000万元']);
    expect(corrected.rows[0].value).toBe(300); // listed by its effective value
    expect((await overview('review_status=rejected')).rows.map((r) => r.text)).toEqual(['35件']);
    const all = await overview('');
    expect(all.rows.some((r) => r.text === '35件')).toBe(false);
    const unreviewed = await overview('review_status=unreviewed&review_status=corrected');
    expect(unreviewed.total).toBe(all.total);
    await expect(overview('review_status=confirmed')).rejects.toThrow(/review_status/);
  });
});

describe('charts an official can trust', () => {
  it('streets of two districts are grouped under their district, each district with its own district-level bar', async () => {
    const d = await bothWays(() => overview('metric=investment&unit=CNY&measure=flow'));
    const bars = d.byPlace.map((b) => [b.group?.label, b.label, b.value]);
    // the biggest district first; inside it the streets by size, the district's own figures last
    expect(bars).toEqual([['上城区', '清波街道', 2e7], ['上城区', '湖滨街道', 300], ['上城区', null, 2e8], ['西湖区', '北山街道', 1.5e7], ['西湖区', null, 8e7]]);
    // one district chosen: its streets only, no grouping
    const shangcheng = await bothWays(() => overview('metric=investment&unit=CNY&measure=flow&district=330102'));
    expect(shangcheng.byPlace.every((b) => b.group === undefined)).toBe(true);
  });

  it('the time axis is real: an empty month between two reported ones is on it, empty', async () => {
    const d = await bothWays(() => overview(`metric=investment&unit=CNY&measure=flow&street=${QINGBO.streetCode}&street=${HUBIN.streetCode}`));
    expect(d.byPeriod.buckets.map((b) => [b.key, b.figures])).toEqual([['2021-01', 1], ['2021-02', 0], ['2021-03', 1]]);
    expect(d.byPeriod.buckets[1].value).toBeNull();
  });

  it('running totals of the places chosen are compared over time, each its own line, never added', async () => {
    const d = await overview(`metric=investment&measure=level&street=${QINGBO.streetCode}&street=${HUBIN.streetCode}`);
    expect(d.series.measure).toBe('level');
    expect(d.compared.map((c) => [c.label, [...c.values]])).toEqual([
      ['清波街道', [['2021-01', 1e8], ['2021-02', null], ['2021-03', 1.6e8]]],
      ['湖滨街道', [['2021-01', 8e7]]],
    ]);
    // sums need no comparison
    expect((await overview(`metric=investment&measure=flow&street=${QINGBO.streetCode}&street=${HUBIN.streetCode}`)).compared).toEqual([]);
  });
});

describe('the review queue', () => {
  it('lists unreviewed figures in failing checks first, then the least certain', async () => {
    const { rows, total } = await reviewQueue(db, 100);
    expect(total).toBe(rows.length);
    expect(rows.every((r) => r.failingChecks >= 0)).toBe(true);
    const failing = rows.filter((r) => r.failingChecks > 0);
    expect(failing.length).toBeGreaterThan(0);
    expect(rows.slice(0, failing.length)).toEqual(failing);
    expect(failing.map((r) => r.id)).toContain(ids.resolved);
    // after them, the least certain metric first
    expect(rows[failing.length].id).toBe(ids.lists);
    expect(rows.some((r) => r.text === '3000万元' || r.text === '35件')).toBe(false); // reviewed: not queued
  });
});

describe('the ingest preview', () => {
  it('extracts as storing does, names the stored article a text repeats, and stores nothing', async () => {
    const before = await db.get<{ n: number }>('SELECT count(*) AS n FROM facts');
    const submission = { fields: { text: '望江街道简报\n本报讯 截至4月底，望江街道累计完成征收拆迁1200户，完成投资3.2亿元。', source: '上城报', district: '上城区', published: '2020-04-30', title: null, url: null }, files: [] };
    const fresh = await previewSubmission(db, submission);
    expect(fresh.status).toBe(200);
    type Body = { documents: { status: string; articles: { duplicateOf: unknown; facts: { text: string; metric: string; street: string | null; date: string | null }[] }[] }[]; figures: number };
    const body = fresh.body as Body;
    const facts = body.documents[0].articles[0].facts;
    expect(facts.map((f) => f.text)).toEqual(expect.arrayContaining(['1200户', '3.2亿元']));
    expect(facts.find((f) => f.text === '1200户')).toMatchObject({ street: '望江街道' });
    expect(body.documents[0].articles[0].duplicateOf).toBeNull();
    expect(body.figures).toBe(facts.length);
    expect(await db.get<{ n: number }>('SELECT count(*) AS n FROM facts')).toEqual(before);
    // stored, then previewed again: the preview names the stored article
    const stored = await ingestSubmission(db, submission);
    const article = (stored.body as { documents: { articles: { id: number; title: string | null }[] }[] }).documents[0].articles[0];
    const again = (await previewSubmission(db, submission)).body as Body;
    expect(again.documents[0].articles[0].duplicateOf).toEqual({ id: article.id, title: article.title });
    expect(again.figures).toBe(0);
    const after = await db.get<{ n: number }>('SELECT count(*) AS n FROM facts');
    expect(await db.get<{ n: number }>('SELECT count(*) AS n FROM facts')).toEqual(after);
  });
});
