// What every view shows, by the vocabulary's rules (lib/vocab): running totals as their latest level, never
// their sum; a correction that changes unit and metric under the corrected ones everywhere; a figure dated by
// its year in that year, never in its December; and every view's JSON and CSV twins. On SQLite, and on
// PostgreSQL when TEST_DATABASE_URL names a server.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { articleForChecks } from '../../db/checks';
import { factsAfter } from '../../db/export';
import { setRollups } from '../../db/dashboard';
import { openTestDb } from '../../db/testing';
import { parseReviewInput, reviewFact } from '../review';
import { overviewData } from './overview';
import { placeData } from './place';
import { addEditor, bothWays, storeArticle } from './testFixtures';
import { hasTwins, LINK_HEADER_MAX, linkHeader } from './links';
import { twinResponse, type ViewName } from './twin';

let db: Db;
let editor: { id: number; name: string };
const ids: Record<string, number> = {};

const RUNNING = '清波街道重点项目\n截至2月底，清波街道累计完成投资1.2亿元。';
const RUNNING_LATER = '清波街道项目再提速\n截至3月底，清波街道累计完成投资1.8亿元，本月新开工项目投资5000万元。';
const LAST_YEAR = '湖滨街道回应群众诉求\n去年，湖滨街道共收集群众诉求3200件。';
const MISREAD = '望江街道腾地攻坚\n望江街道完成腾地5000万元。';

const QINGBO = { street: '清波街道', streetCode: '330102001' };
const HUBIN = { street: '湖滨街道', streetCode: '330102003' };
const WANGJIANG = { street: '望江街道', streetCode: '330102010' };

const overview = (query: string) => overviewData(db, new URLSearchParams(query));

beforeAll(async () => {
  db = await openTestDb();
  editor = await addEditor(db, 'views-test');
  ids.running = await storeArticle(db, RUNNING, [
    { text: '1.2亿元', value: 1.2e8, unit: 'CNY', metric: 'investment', cumulative: true, date: '2021-02-28', datePrecision: 'month', ...QINGBO },
  ], { published: '2021-03-05' });
  ids.runningLater = await storeArticle(db, RUNNING_LATER, [
    { text: '1.8亿元', value: 1.8e8, unit: 'CNY', metric: 'investment', cumulative: true, date: '2021-03-31', datePrecision: 'month', ...QINGBO },
    { text: '5000万元', value: 5e7, unit: 'CNY', metric: 'investment', date: '2021-03-31', datePrecision: 'month', ...QINGBO },
  ], { published: '2021-04-06' });
  ids.lastYear = await storeArticle(db, LAST_YEAR, [
    { text: '3200件', value: 3200, unit: 'count', metric: 'problems_collected', date: '2020-12-31', datePrecision: 'year', ...HUBIN },
  ], { published: '2021-01-15' });
  ids.misread = await storeArticle(db, MISREAD, [
    { text: '5000万元', value: 5e7, unit: 'CNY', metric: 'investment', date: '2021-03-20', ...WANGJIANG },
  ], { published: '2021-03-21' });
  const misread = (await db.get<{ id: number }>('SELECT id FROM facts WHERE article_id = ?', [ids.misread]))!.id;
  ids.misreadFact = misread;
  // an editor reads 5000万元 as what the article means: 300亩 of land cleared
  await reviewFact(db, misread, editor, parseReviewInput({ status: 'corrected', value: '300', unit: 'mu', metric: 'land_cleared', reason: '原文为腾地300亩' }));
});

afterAll(async () => { setRollups(true); await db.close(); });

describe('running totals (累计, 截至…)', () => {
  it('are charted as the later one, not their sum, by street, by month and by year', async () => {
    const levels = await bothWays(() => overview('metric=investment&measure=level'));
    expect(levels.series).toEqual({ metric: 'investment', unit: 'CNY', measure: 'level' });
    expect(levels.byPlace.find((b) => b.key === '330102001')!.value).toBe(1.8e8);
    expect(levels.byPeriod.buckets.map((b) => [b.key, b.value])).toEqual([['2021-02', 1.2e8], ['2021-03', 1.8e8]]);
    const yearly = await bothWays(() => overview('metric=investment&measure=level&granularity=year'));
    expect(yearly.byPeriod.buckets.map((b) => [b.key, b.value])).toEqual([['2021', 1.8e8]]);
  });

  it('are never mixed with the flows of the same metric: the chart draws one, and names the other', async () => {
    const chart = await bothWays(() => overview('metric=investment'));
    // two levels and one flow of CNY: the levels are the larger group
    expect(chart.series.measure).toBe('level');
    expect(chart.options).toEqual(expect.arrayContaining([{ unit: 'CNY', measure: 'level', figures: 2 }, { unit: 'CNY', measure: 'flow', figures: 1 }]));
    const flows = await bothWays(() => overview('metric=investment&measure=flow'));
    expect(flows.byPlace.find((b) => b.key === '330102001')!.value).toBe(5e7);
  });

  it('are the latest level on the place page, summed over places but not dates', async () => {
    const place = await bothWays(() => placeData(db, '330102', new URLSearchParams()));
    const investment = place.metrics.filter((m) => m.metric === 'investment');
    expect(investment.find((m) => m.measure === 'level')!.value).toBe(1.8e8);
    expect(investment.find((m) => m.measure === 'flow')!.value).toBe(5e7);
  });
});

describe('a correction that changes the unit and the metric', () => {
  it('is charted under the corrected metric and unit, in the overview and its rollups', async () => {
    const investment = await bothWays(() => overview('metric=investment&measure=flow'));
    expect(investment.byPlace.find((b) => b.key === '330102010')).toBeUndefined();
    const land = await bothWays(() => overview('metric=land_cleared'));
    expect(land.series).toEqual({ metric: 'land_cleared', unit: 'mu', measure: 'flow' });
    expect(land.byPlace.find((b) => b.key === '330102010')!.value).toBe(300);
    const rows = await db.all<{ metric: string; unit: string; total: number }>("SELECT metric, unit, total FROM rollup_streets WHERE street_code = '330102010'");
    expect(rows).toEqual([{ metric: 'land_cleared', unit: 'mu', total: 300 }]);
  });

  it('is on the place page, in the checks and in the CSV under the corrected metric and unit', async () => {
    const place = await bothWays(() => placeData(db, '330102010', new URLSearchParams()));
    expect(place.metrics.map((m) => [m.metric, m.unit, m.value])).toEqual([['land_cleared', 'mu', 300]]);
    const checked = (await articleForChecks(db, ids.misread))!.facts;
    expect(checked.map((f) => [f.metric, f.unit, f.value])).toEqual([['land_cleared', 'mu', 300]]);
    const [row] = await factsAfter(db, { metric: ['land_cleared'] }, 0, 10);
    expect(row).toMatchObject({ metric: 'investment', unit: 'CNY', value: 5e7, effective_metric: 'land_cleared', effective_unit: 'mu', effective_value: 300, corrected_value: 300, corrected_unit: 'mu', corrected_metric: 'land_cleared' });
    expect(await factsAfter(db, { metric: ['investment'], pick: { kind: 'street', code: '330102010' } }, 0, 10)).toEqual([]);
    const csv = await twin('overview', '-', 'csv', 'metric=land_cleared');
    const bars = parse(csv.text, { columns: true }) as Record<string, string>[];
    // values in base units: 300 mu = 200000 m²
    expect(bars.find((b) => b.chart === 'by_street' && b.key === '330102010')).toMatchObject({ value: '200000', unit: 'm2', metric: 'land_cleared', measure: 'flow' });
  });
});

describe('a figure dated only by its year (去年)', () => {
  it('is in its year, not in December, and the monthly chart says it left it out', async () => {
    const monthly = await bothWays(() => overview('metric=problems_collected'));
    expect(monthly.byPeriod.buckets.map((b) => b.key)).not.toContain('2020-12');
    expect(monthly.byPeriod.coarser).toBe(1);
    const yearly = await bothWays(() => overview('metric=problems_collected&granularity=year'));
    expect(yearly.byPeriod.buckets.map((b) => [b.key, b.value])).toEqual([['2020', 3200]]);
    expect((await overview('metric=problems_collected&granularity=year&pick=period:2020')).rows.map((r) => r.text)).toEqual(['3200件']);
    expect((await overview('metric=problems_collected&pick=period:2020-12')).rows).toEqual([]);
  });
});

// ── data twins ──────────────────────────────────────────────────────────────────────────────────

async function twin(view: ViewName, key: string, format: 'json' | 'csv', query = ''): Promise<{ status: number; text: string; bytes: Uint8Array; headers: Headers }> {
  const res = await twinResponse(db, new Request(`http://figures.test/x?${query}`), view, key, format);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, text: new TextDecoder().decode(bytes), bytes, headers: res.headers };
}

describe('data twins', () => {
  it('answer every view as JSON and CSV, with a Link header naming the page and both twins', async () => {
    const fact = ids.misreadFact;
    const cases: [ViewName, string, string, string][] = [
      ['overview', '-', 'metric=investment', '/?metric=investment'], ['facts', String(fact), '', `/facts/${fact}`],
      ['articles', String(ids.running), '', `/articles/${ids.running}`], ['places', '330102', '', '/places/330102'],
      ['checks', '-', 'kind=rate', '/checks?kind=rate'], ['search', '-', 'q=街道', `/search?q=${encodeURIComponent('街道')}`],
    ];
    for (const [view, key, query, page] of cases) {
      const json = await twin(view, key, 'json', query);
      expect(json.status, view).toBe(200);
      expect(json.headers.get('content-type')).toContain('application/json');
      expect(json.headers.get('link')).toContain(`<${page}>; rel="alternate"; type="text/html"`);
      expect(json.headers.get('link')).toContain('type="text/csv"');
      JSON.parse(json.text);
      const csv = await twin(view, key, 'csv', query);
      expect(csv.status, view).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      // a byte-order mark, so Excel reads the Chinese as UTF-8
      expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
  });

  it('are named by the Link header of exactly the pages that have them (proxy.ts), with the query of the page', () => {
    for (const page of ['/', '/checks', '/search', '/facts/12', '/articles/3', '/places/330102001']) expect(hasTwins(page), page).toBe(true);
    for (const page of ['/review/12', '/ingest', '/login', '/sources', '/facts/x', '/places/330102/more', '/overview']) expect(hasTwins(page), page).toBe(false);
    expect(linkHeader('/', 'metric=investment&lang=en')).toBe('</?metric=investment>; rel="alternate"; type="text/html", '
      + '</overview.json?metric=investment>; rel="alternate"; type="application/json", </overview.csv?metric=investment>; rel="alternate"; type="text/csv"');
    // a very long query is not repeated three times in a header a client would refuse
    expect(linkHeader('/search', `q=${'投资'.repeat(400)}`)).toBeNull();
    expect(linkHeader('/search', 'q=投资')!.length).toBeLessThan(LINK_HEADER_MAX);
  });

  it('hold the figure in base units and its whole sentence', async () => {
    const body = JSON.parse((await twin('facts', String(ids.misreadFact), 'json')).text);
    expect(body.figure).toMatchObject({ effective_value: 300, effective_unit: 'mu', base_value: 200000, base_unit: 'm2', sentence: '望江街道完成腾地5000万元。' });
    const o = JSON.parse((await twin('overview', '-', 'json', 'metric=land_cleared')).text);
    expect(o.series).toMatchObject({ metric: 'land_cleared', unit: 'm2', charted_unit: 'mu', measure: 'flow' });
    expect(o.by_place.buckets[0].value).toBe(200000);
  });

  it('answer a bad parameter 400 {error, parameter} and what does not exist 404', async () => {
    const bad: [ViewName, string, string, string][] = [
      ['overview', '-', 'metric=nonsense', 'metric'], ['overview', '-', 'granularity=week', 'granularity'], ['overview', '-', 'measure=sum', 'measure'],
      ['overview', '-', 'pick=period:2020-13', 'pick'], ['overview', '-', 'unit=CNY', 'unit'], ['overview', '-', 'page=0', 'page'],
      ['overview', '-', 'distrct=330102', 'distrct'], ['checks', '-', 'verdict=maybe', 'verdict'], ['places', '330102', 'x=1', 'x'],
      ['search', '-', `q=${'字'.repeat(201)}`, 'q'], ['facts', '1', 'lang=fr', 'lang'],
    ];
    for (const [view, key, query, parameter] of bad) {
      const res = await twin(view, key, 'json', query);
      expect(res.status, `${view}?${query}`).toBe(400);
      const body = JSON.parse(res.text);
      expect(body.parameter).toBe(parameter);
      expect(body.error.startsWith(`${parameter}:`)).toBe(true);
    }
    for (const [view, key] of [['facts', '999999'], ['articles', '999999'], ['places', '110101'], ['places', '12']] as const) {
      expect((await twin(view, key, 'json')).status, `${view} ${key}`).toBe(404);
    }
  });
});
