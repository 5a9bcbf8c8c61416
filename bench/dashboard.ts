// Dashboard speed at a million and ten million facts (issues 5, 15 and 18), on synthetic databases generated
// once and reused (bench/data.ts). (1) The page query sets of the overview and place pages are timed in
// process with the result cache off (what the first visitor after a data change waits). (2) When a
// production build exists, the built server is started on each database and pages are timed over HTTP
// (what users get: server render, cache on), with the server's CPU time per request beside the wall time:
// the overview at 1M and 10M facts, place pages, /api/places, and search with a 5 MB article stored.
// BENCH_DASHBOARD_FACTS and BENCH_DASHBOARD_LARGE_FACTS override the sizes (0 skips that part). The in-process
// figures at FACTS are measured on PostgreSQL too (the bench's throwaway server), in the table's second column.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openDb, type Db } from '../db/client';
import { explain, byPlaceSql, filterPlaces, placesWithFigures, setResultCache, setRollups } from '../db/dashboard';
import { filtersToQuery, type Filters } from '../lib/filters';
import { storeDocument } from '../lib/ingest/store';
import { overviewData } from '../lib/views/overview';
import { placeData } from '../lib/views/place';
import { cachedCopy, cachedSynthDb, largeArticle, p95, startServer, timeRequests, type HttpTimes, type Server } from './data';
import type { BenchRow } from './run';
import { freshBenchDatabase } from './postgres';

const FACTS = Number(process.env.BENCH_DASHBOARD_FACTS || 1_000_000);
const LARGE_FACTS = Number(process.env.BENCH_DASHBOARD_LARGE_FACTS ?? 10_000_000);
/** the article search is timed with (issue 18: search answers in under a second with a 5 MB article stored) */
const LARGE_ARTICLE_BYTES = 5_000_000;
const METRICS = ['investment', 'problems_resolved', 'land_cleared', 'households_resettled', 'resolution_rate', 'people_served', 'floor_area', 'funds_allocated'];

/** What app/page.tsx asks the database for one view: its data (lib/views/overview.ts) and its filter form's places. */
async function overviewQueries(db: Db, filters: Filters): Promise<void> {
  await overviewData(db, new URLSearchParams(filtersToQuery(filters)));
  await placesWithFigures(db, 'district');
  await filterPlaces(db, filters);
}

/** What app/places/[code]/page.tsx asks for. */
async function placeQueries(db: Db, code: string): Promise<void> {
  await placeData(db, code, new URLSearchParams());
}

/** CPU milliseconds this process spent in `fn`, per item, beside the wall time the rows report. */
async function cpuMsPer(items: number, fn: () => Promise<void>): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / items;
}

async function timeMs(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The views the benchmark asks for: everything, and per metric a district, a year, a street and a qualifier. */
async function benchViews(db: Db): Promise<{ views: Filters[]; districts: string[]; streets: string[] }> {
  const districts = (await placesWithFigures(db, 'district')).map((d) => d.code);
  const streets = (await placesWithFigures(db, 'street', districts[1] ?? districts[0])).map((s) => s.code);
  const views: Filters[] = [{}];
  for (const [i, metric] of METRICS.entries()) {
    views.push({ metric: [metric] }, { metric: [metric], district: [districts[i % districts.length]] }, { metric: [metric], from: '2021-01-01', to: '2021-12-31' },
      { metric: [metric], street: [streets[i % streets.length]] }, { metric: [metric], qualifier: 'exact', district: [districts[(i + 1) % districts.length]] });
  }
  views.push({ district: [districts[0]] }, { street: [streets[0]] });
  return { views, districts, streets };
}

const overviewUrl = (f: Filters) => `/${filtersToQuery(f)}`;

/**
 * One request that loads the overview's code into a fresh server (its first page costs ~0.5 s of module loading,
 * once per start), for a view the timed list does not hold, so no timed view finds its data cached.
 */
async function loadPageCode(server: Server): Promise<void> {
  await (await fetch(`${server.base}/?metric=other&qualifier=about`)).text();
}

/** A row of a page timed over HTTP: its p95 against a target, and the server's CPU per request beside it. */
function httpRows(figure: string, t: HttpTimes, targetMs: number): BenchRow[] {
  const value = p95(t.times);
  const rows: BenchRow[] = [{ figure: `${figure}, p95`, value, unit: 'ms', target: `< ${targetMs}`, ok: value < targetMs }];
  if (t.cpuMsPerRequest !== null) rows.push({ figure: `${figure}, server CPU per request`, value: t.cpuMsPerRequest, unit: 'ms', target: '(informative)' });
  return rows;
}

/** A 5 MB article of district news stored through the app's writer (extracted, indexed for search). */
async function storeLargeArticle(path: string): Promise<void> {
  const db = await openDb(path);
  try {
    await storeDocument(db, { text: largeArticle(LARGE_ARTICLE_BYTES), sourceName: '合成数据（搜索基准测试）', district: '上城区', published: '2024-06-30' });
  } finally {
    await db.close();
  }
}

export async function dashboardBenchmark(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  if (FACTS > 0) rows.push(...withPostgres(await millionFactsRows(), await postgresFigures()));
  if (LARGE_FACTS > 0) rows.push(...(await largeRows()));
  return rows;
}

/** The page queries in process, pages over HTTP, /api/places and search, at FACTS facts. */
async function millionFactsRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const data = cachedSynthDb(FACTS);
  rows.push({ figure: `dashboard: synth ${FACTS.toLocaleString('en')} facts + indexes${data.generatedSeconds === null ? ' (reused from an earlier run)' : ''}`, value: data.generatedSeconds ?? 0, unit: 's', target: '—' });
  const db = await openDb(data.path);
  const { views, districts, streets } = await benchViews(db);

  setResultCache(false);
  const overview: number[] = [];
  const overviewCpu = await cpuMsPer(views.length, async () => { for (const f of views) overview.push(await timeMs(() => overviewQueries(db, f))); });
  const place: number[] = [];
  for (const code of districts) place.push(await timeMs(() => placeQueries(db, code)));
  for (const code of streets) place.push(await timeMs(() => placeQueries(db, code)));
  const metricViews: number[] = [];
  for (const f of views.filter((v) => v.metric)) metricViews.push(await timeMs(() => overviewQueries(db, f)));
  // the same place pages aggregating the facts, as before the rollups of migration 0003: what they save
  setRollups(false);
  const placeFromFacts: number[] = [];
  for (const code of districts) placeFromFacts.push(await timeMs(() => placeQueries(db, code)));
  setRollups(true);
  setResultCache(true);
  rows.push({ figure: 'overview queries, p95 (cache off, all views)', value: p95(overview), unit: 'ms', target: '< 300', ok: p95(overview) < 300 });
  rows.push({ figure: 'overview queries, CPU per view (cache off)', value: overviewCpu, unit: 'ms', target: '(informative)' });
  rows.push({ figure: 'overview queries, max (cache off; all-metrics view)', value: Math.max(...overview), unit: 'ms', target: '—' });
  rows.push({ figure: 'filter change within a metric, p95 (cache off)', value: p95(metricViews), unit: 'ms', target: '< 500', ok: p95(metricViews) < 500 });
  rows.push({ figure: 'place page queries, p95 (cache off)', value: p95(place), unit: 'ms', target: '< 300', ok: p95(place) < 300 });
  rows.push({ figure: 'district page queries without the rollups, max (cache off; comparison)', value: Math.max(...placeFromFacts), unit: 'ms', target: '—' });
  const [sql, params] = await byPlaceSql(db, { metric: ['investment'], street: [streets[0]] }, 'community', { metric: 'investment', unit: 'CNY', measure: 'flow' });
  process.stderr.write(`bench dashboard: EXPLAIN by community of a street: ${(await explain(db, sql, params)).join(' | ')}\n`);
  await db.close();

  // over HTTP: the first round of each view is what a first visitor waits, the later rounds hit the result cache
  const server = await startServer(data.path);
  if (server) {
    try {
      await loadPageCode(server);
      const overviewUrls = views.slice(0, 20).map(overviewUrl);
      rows.push(...httpRows(`overview over HTTP at ${FACTS.toLocaleString('en')} facts`, await timeRequests(server, overviewUrls, 3), 150));
      const placeUrls = [...districts, ...streets.slice(0, 5)].map((c) => `/places/${c}`);
      rows.push(...httpRows('place page over HTTP', await timeRequests(server, placeUrls, 3), 300));
    } finally {
      server.stop();
    }
  }

  // issue 18 at 1M facts: /api/places and search with a 5 MB article stored (a copy of the database, made once)
  const withArticle = await cachedCopy(data.path, `synth-${FACTS}-large-article.db`, storeLargeArticle);
  const searchServer = await startServer(withArticle);
  if (searchServer) {
    try {
      rows.push(...httpRows('/api/places over HTTP', await timeRequests(searchServer, ['/api/places', '/api/places?level=street', '/api/places?level=district'], 10), 300));
      const searches = ['望江街道', '投资', '隐患', '老旧小区', '就业岗位'].map((q) => `/search?q=${encodeURIComponent(q)}`);
      rows.push(...httpRows('search over HTTP with a 5 MB article stored', await timeRequests(searchServer, searches, 4), 1000));
    } finally {
      searchServer.stop();
    }
  }

  return rows;
}

/** The overview over HTTP at LARGE_FACTS facts. */
async function largeRows(): Promise<BenchRow[]> {
  const large = cachedSynthDb(LARGE_FACTS);
  const rows: BenchRow[] = [{ figure: `dashboard: synth ${LARGE_FACTS.toLocaleString('en')} facts + indexes${large.generatedSeconds === null ? ' (reused from an earlier run)' : ''}`, value: large.generatedSeconds ?? 0, unit: 's', target: '—' }];
  const db = await openDb(large.path);
  const { views } = await benchViews(db);
  const urls = views.slice(0, 20).map(overviewUrl);
  // the page queries of the HTTP views in process, cache off: what of a first visit's time is the database's
  setResultCache(false);
  const overview: number[] = [];
  const overviewCpu = await cpuMsPer(urls.length, async () => { for (const f of views.slice(0, 20)) overview.push(await timeMs(() => overviewQueries(db, f))); });
  setResultCache(true);
  rows.push({ figure: `overview queries at ${LARGE_FACTS.toLocaleString('en')} facts, p95 (cache off, the HTTP views)`, value: p95(overview), unit: 'ms', target: '—' });
  rows.push({ figure: `overview queries at ${LARGE_FACTS.toLocaleString('en')} facts, CPU per view (cache off)`, value: overviewCpu, unit: 'ms', target: '(informative)' });
  await db.close();
  const server = await startServer(large.path);
  if (server) {
    try {
      await loadPageCode(server);
      rows.push(...httpRows(`overview over HTTP at ${LARGE_FACTS.toLocaleString('en')} facts`, await timeRequests(server, urls, 3), 300));
    } finally {
      server.stop();
    }
  }
  return rows;
}

/**
 * The same page queries at FACTS facts on PostgreSQL (a fresh database of the bench's throwaway server, filled by
 * synth): figure → value, for the rows' PostgreSQL column. Empty when PostgreSQL cannot be had.
 */
async function postgresFigures(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const location = await freshBenchDatabase('dashboard');
  if (!location) return out;
  const t0 = performance.now();
  const synth = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['lib/cli/main.ts', 'synth', '--facts', String(FACTS), '--db', location], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (synth.status !== 0) { process.stderr.write('bench dashboard: synth on PostgreSQL failed\n'); return out; }
  out.set('synth', (performance.now() - t0) / 1000);
  const db = await openDb(location);
  try {
    const { views, districts, streets } = await benchViews(db);
    setResultCache(false);
    const overview: number[] = [];
    for (const f of views) overview.push(await timeMs(() => overviewQueries(db, f)));
    const metricViews: number[] = [];
    for (const f of views.filter((v) => v.metric)) metricViews.push(await timeMs(() => overviewQueries(db, f)));
    const place: number[] = [];
    for (const code of [...districts, ...streets]) place.push(await timeMs(() => placeQueries(db, code)));
    setResultCache(true);
    out.set('overview queries, p95 (cache off, all views)', p95(overview));
    out.set('overview queries, max (cache off; all-metrics view)', Math.max(...overview));
    out.set('filter change within a metric, p95 (cache off)', p95(metricViews));
    out.set('place page queries, p95 (cache off)', p95(place));
  } finally {
    await db.close();
  }
  return out;
}

/** SQLite's rows with PostgreSQL's figure beside each one measured on both. */
function withPostgres(rows: BenchRow[], postgres: Map<string, number>): BenchRow[] {
  return rows.map((row) => {
    const key = row.figure.startsWith('dashboard: synth') ? 'synth' : row.figure;
    const value = postgres.get(key);
    if (value === undefined) return row;
    const limit = /^< (\d+)$/.exec(row.target)?.[1];
    return { ...row, postgres: value, postgresOk: limit === undefined ? undefined : value < Number(limit) };
  });
}
