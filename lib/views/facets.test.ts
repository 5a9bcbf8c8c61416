// Issue 11 §3 on the views: figures filtered by what they count (object class) and what was done (action
// class) wherever filters apply — the overview (read from the facts, the rollups know metrics only), its
// checks, exports and the API's query — and the figure's page data saying why it has its metric.
// On SQLite, and on PostgreSQL when TEST_DATABASE_URL names a server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { setRollups } from '../../db/dashboard';
import { openTestDb } from '../../db/testing';
import type { Facets } from '../extract/facet-classes';
import { parseFactQuery } from '../export/request';
import { exportStream } from '../export/stream';
import { metricReason } from '../vocab/facets';
import { factData, factJson, metricDecisionOf } from './fact';
import { overviewData } from './overview';
import { storeArticle } from './testFixtures';

let db: Db;
const overview = (query: string) => overviewData(db, new URLSearchParams(query));
const facets = (f: Partial<Facets>): Facets => ({ object: null, object_class: null, action: null, action_class: null, aspect: null, unit_class: 'count', measure_class: null, ...f });
let visitedId = 0;

beforeAll(async () => {
  db = await openTestDb();
  await storeArticle(db, '望江街道助企简报\n今年以来，望江街道已走访辖区企业126家，帮助企业解决用工难题18个，收集居民诉求240件。', [
    { text: '126家', value: 126, unit: 'count', metric: 'enterprises_served', metricConfidence: 0.92, metricSource: 'facets',
      facets: facets({ object: '企业', object_class: 'enterprise', action: '走访', action_class: 'visit', aspect: 'done', measure_class: 'entity' }) },
    { text: '18个', value: 18, unit: 'count', metric: 'problems_resolved', metricConfidence: 0.8, metricSource: 'facets',
      facets: facets({ object: '难题', object_class: 'problem', action: '解决', action_class: 'resolve', measure_class: 'generic' }) },
    { text: '240件', value: 240, unit: 'count', metric: 'problems_collected', metricConfidence: 0.85, metricSource: 'facets',
      facets: facets({ object: '诉求', object_class: 'problem', action: '收集', action_class: 'collect', measure_class: 'generic' }) },
  ], { published: '2021-05-06' });
  await storeArticle(db, '南星街道项目进度\n南星街道计划新开工项目12个，另有一批零星数字3项。', [
    { text: '12个', value: 12, unit: 'count', metric: 'projects_started', metricConfidence: 0.7, metricSource: 'facets', role: 'plan',
      facets: facets({ object: '项目', object_class: 'project', action: '开工', action_class: 'start', aspect: 'planned', measure_class: 'generic' }) },
    { text: '3项', value: 3, unit: 'count', metric: 'other', metricConfidence: 0.2, metricSource: 'fallback', facets: facets({ measure_class: 'generic' }) },
  ], { published: '2021-05-07' });
  visitedId = (await db.get<{ id: number }>("SELECT id FROM facts WHERE text = '126家'"))!.id;
});

afterAll(async () => { setRollups(true); await db.close(); });

const texts = (rows: { text: string }[]) => rows.map((r) => r.text).sort();

describe('object_class and action_class filters', () => {
  it('select the figures of those classes, several values meaning any of them', async () => {
    expect(texts((await overview('object_class=problem')).rows)).toEqual(['18个', '240件']);
    expect(texts((await overview('object_class=problem&action_class=resolve')).rows)).toEqual(['18个']);
    expect(texts((await overview('action_class=visit&action_class=start')).rows)).toEqual(['126家', '12个']);
    // a figure whose facets were not found matches no class
    expect((await overview('object_class=enterprise&object_class=project&object_class=problem')).total).toBe(4);
  });

  it('the charts count the filtered figures even where the rollups would answer (they know metrics only)', async () => {
    setRollups(true);
    const withRollups = await overview('object_class=problem');
    setRollups(false);
    const fromFacts = await overview('object_class=problem');
    setRollups(true);
    expect(withRollups.byPlace).toEqual(fromFacts.byPlace);
    expect(withRollups.byPlace.reduce((n, b) => n + b.figures, 0)).toBe(2);
    expect(withRollups.byPeriod.buckets.reduce((n, b) => n + b.figures, 0)).toBe(2);
  });

  it('reject a class that does not exist, naming the parameter', async () => {
    await expect(overview('object_class=unicorn')).rejects.toThrow(/object_class/);
    await expect(overview('action_class=visit&action_class=fly')).rejects.toThrow(/action_class/);
  });

  it('hold in exports and the API\'s query', async () => {
    const query = await parseFactQuery(db, new URLSearchParams('object_class=problem&action_class=collect'));
    const reader = exportStream(db, query, 'jsonl', { bom: false }).getReader();
    let out = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) out += new TextDecoder().decode(chunk.value);
    const rows = out.trim().split('\n').map((l) => JSON.parse(l) as { figure_text: string; object_class: string; action_class: string });
    expect(rows.map((r) => [r.figure_text, r.object_class, r.action_class])).toEqual([['240件', 'problem', 'collect']]);
  });
});

describe('why a figure has its metric', () => {
  it('the figure\'s data says what is counted, what was done, the metric, its confidence and source, in both languages', async () => {
    const json = factJson(await factData(db, String(visitedId), new URLSearchParams()));
    expect(json.metric_why).toMatchObject({ object: '企业', object_class: 'enterprise', action: '走访', action_class: 'visit', aspect: 'done', metric: 'enterprises_served', metric_confidence: 0.92, metric_source: 'facets' });
    expect(json.metric_why.zh).toMatch(/^计数对象：企业 · 动作：走访（已完成） → .+ \(enterprises_served\) · 置信度 0\.92 · 由对象与动作推定$/);
    expect(json.metric_why.en).toMatch(/^counted: 企业 \(Enterprises\) · action: 走访 \(Visit; Done\) → .+ \(enterprises_served\) · confidence 0\.92 · derived from the object and action$/);
  });

  it('a figure without facets says the cue scorer decided and that nothing was found', async () => {
    const id = (await db.get<{ id: number }>("SELECT id FROM facts WHERE text = '3项'"))!.id;
    const { row } = await factData(db, String(id), new URLSearchParams());
    expect(metricReason(metricDecisionOf(row, 'zh'), 'zh')).toMatch(/^计数对象：未识别 · 动作：未识别 → .+ \(other\) · 置信度 0\.20 · 由关键词评分推定/);
    expect(metricReason(metricDecisionOf(row, 'en'), 'en')).toMatch(/fallback cue scorer/);
  });
});
