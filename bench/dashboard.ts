// Dashboard speed at a million facts (issue 5). A throwaway database in the OS temp dir is filled by
// `figures synth --facts N`; then (1) the page query sets of the overview and place pages are timed
// with the result cache off (what the first visitor after a data change waits), and (2) when a
// production build exists, the built server is started on that database and pages are timed over
// HTTP (what users get: server render, cache on). BENCH_DASHBOARD_FACTS overrides N.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../db/client';
import { explain, byPlaceSql, filterPlaces, placesWithFigures, setResultCache, setRollups } from '../db/dashboard';
import { filtersToQuery, type Filters } from '../lib/filters';
import { overviewData } from '../lib/views/overview';
import { placeData } from '../lib/views/place';
import type { BenchRow } from './run';
import { freshBenchDatabase } from './postgres';
import { isPostgresUrl } from '../db/client';

const FACTS = Number(process.env.BENCH_DASHBOARD_FACTS || 1_000_000);
const METRICS = ['investment', 'problems_resolved', 'land_cleared', 'households_resettled', 'resolution_rate', 'people_served', 'floor_area', 'funds_allocated'];

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

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

async function timeMs(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function httpTimes(location: string, distDir: string, urls: string[], rounds: number): Promise<number[] | null> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const database = isPostgresUrl(location) ? { DATABASE_URL: location } : { DATABASE_URL: '', DATABASE_PATH: location };
  const server = spawn(join(process.cwd(), 'node_modules', '.bin', 'next'), ['start', '-p', String(port)], {
    env: { ...process.env, ...database, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) },
    stdio: 'ignore', detached: true,
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 120; i++) {
      try { if ((await fetch(`${base}/api/health`)).ok) break; } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 500));
    }
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const url of urls) {
        const t0 = performance.now();
        const res = await fetch(base + url);
        await res.text();
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        times.push(performance.now() - t0);
      }
    }
    return times;
  } catch (error) {
    process.stderr.write(`bench dashboard: HTTP timing skipped: ${(error as Error).message}\n`);
    return null;
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

/** What one engine measured; null where it was not measured. */
interface Measured {
  synthSeconds: number; overviewP95: number; overviewMax: number; metricP95: number; placeP95: number;
  placeFromFactsMax: number | null; httpOverviewP95: number | null; httpPlaceP95: number | null;
}

/** Fills the database at `location` with N synthetic facts and times the dashboard on it. */
async function measure(location: string): Promise<Measured> {
  const t0 = performance.now();
  const synth = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['lib/cli/main.ts', 'synth', '--facts', String(FACTS), '--db', location], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (synth.status !== 0) throw new Error(`figures synth failed on ${location}`);
  const db = await openDb(location); // applies the dashboard indexes (migration 0002) if synth ran before them
  const synthSeconds = (performance.now() - t0) / 1000;

  const districts = (await placesWithFigures(db, 'district')).map((d) => d.code);
  const streets = (await placesWithFigures(db, 'street', districts[1] ?? districts[0])).map((s) => s.code);
  const views: Filters[] = [{}];
  for (const [i, metric] of METRICS.entries()) {
    views.push({ metric: [metric] }, { metric: [metric], district: [districts[i % districts.length]] }, { metric: [metric], from: '2021-01-01', to: '2021-12-31' },
      { metric: [metric], street: [streets[i % streets.length]] }, { metric: [metric], qualifier: 'exact', district: [districts[(i + 1) % districts.length]] });
  }
  views.push({ district: [districts[0]] }, { street: [streets[0]] });

  setResultCache(false);
  const overview: number[] = [];
  for (const f of views) overview.push(await timeMs(() => overviewQueries(db, f)));
  const place: number[] = [];
  for (const code of districts) place.push(await timeMs(() => placeQueries(db, code)));
  for (const code of streets) place.push(await timeMs(() => placeQueries(db, code)));
  const metricViews: number[] = [];
  for (const f of views.filter((v) => v.metric)) metricViews.push(await timeMs(() => overviewQueries(db, f)));
  // the same place pages aggregating the facts, as before the rollups of migration 0003: what they save
  let placeFromFactsMax: number | null = null;
  {
    setRollups(false);
    const placeFromFacts: number[] = [];
    for (const code of districts) placeFromFacts.push(await timeMs(() => placeQueries(db, code)));
    setRollups(true);
    placeFromFactsMax = Math.max(...placeFromFacts);
  }
  setResultCache(true);
  const [sql, params] = await byPlaceSql(db, { metric: ['investment'], street: [streets[0]] }, 'community', { metric: 'investment', unit: 'CNY', measure: 'flow' });
  process.stderr.write(`bench dashboard (${db.dialect}): EXPLAIN by community of a street: ${(await explain(db, sql, params)).join(' | ')}\n`);
  await db.close();

  let httpOverviewP95: number | null = null;
  let httpPlaceP95: number | null = null;
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (existsSync(join(distDir, 'BUILD_ID'))) {
    const overviewUrls = views.slice(0, 20).map((f) => { const q = filtersToQuery(f); return q ? `/?${q}` : '/'; });
    const placeUrls = [...districts, ...streets.slice(0, 5)].map((c) => `/places/${c}`);
    const o = await httpTimes(location, distDir, overviewUrls, 3);
    const p = await httpTimes(location, distDir, placeUrls, 3);
    httpOverviewP95 = o ? p95(o) : null;
    httpPlaceP95 = p ? p95(p) : null;
  } else {
    process.stderr.write(`bench dashboard: no build in ${distDir}: HTTP timing skipped (run next build first)\n`);
  }
  return {
    synthSeconds, overviewP95: p95(overview), overviewMax: Math.max(...overview), metricP95: p95(metricViews), placeP95: p95(place),
    placeFromFactsMax, httpOverviewP95, httpPlaceP95,
  };
}

export async function dashboardBenchmark(): Promise<BenchRow[]> {
  const path = join(tmpdir(), `civic-figures-bench-dashboard-${process.pid}.db`);
  let sqlite: Measured;
  try {
    sqlite = await measure(path);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
  const pgLocation = await freshBenchDatabase('dashboard');
  const pg = pgLocation ? await measure(pgLocation) : null;
  const both = (figure: string, key: keyof Measured, target: string, limit?: number): BenchRow => {
    const value = sqlite[key];
    const postgres = pg?.[key] ?? null;
    return {
      figure, value, postgres, unit: key === 'synthSeconds' ? 's' : 'ms', target,
      ok: limit === undefined || value === null ? undefined : value < limit,
      postgresOk: limit === undefined || postgres === null ? undefined : postgres < limit,
    };
  };
  const rows: BenchRow[] = [
    both(`dashboard: synth ${FACTS.toLocaleString('en')} facts + indexes`, 'synthSeconds', '—'),
    both('overview queries, p95 (cache off, all views)', 'overviewP95', '< 300', 300),
    both('overview queries, max (cache off; all-metrics view)', 'overviewMax', '—'),
    both('filter change within a metric, p95 (cache off)', 'metricP95', '< 500', 500),
    both('place page queries, p95 (cache off)', 'placeP95', '< 300', 300),
    both('district page queries without the rollups, max (cache off; comparison)', 'placeFromFactsMax', '—'),
  ];
  if (sqlite.httpOverviewP95 !== null || pg?.httpOverviewP95 != null) rows.push(both('overview page over HTTP, p95 (built server)', 'httpOverviewP95', '< 300', 300));
  if (sqlite.httpPlaceP95 !== null || pg?.httpPlaceP95 != null) rows.push(both('place page over HTTP, p95 (built server)', 'httpPlaceP95', '< 300', 300));
  return rows;
}
