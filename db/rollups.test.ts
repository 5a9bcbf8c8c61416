// The rollups (db/rollups.ts) against the facts: after loading, reviewing (verify, correct value, unit and
// metric, reject, undo), re-extracting and deleting figures through the app's writers, the rows each writer
// refreshed equal the rows rebuilt from scratch, and every aggregate of the overview and place pages gives the
// same numbers read from the rollups as from the facts. On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Db } from './client';
import { byPeriod, byPlace, explain, metricSummaries, placesWithFigures, seriesOptions, setResultCache, setRollups, type Series } from './dashboard';
import { placesInData } from './export';
import { deleteArticle } from './review';
import { rebuildRollups, rollupsCurrent } from './rollups';
import { openTestDb } from './testing';
import type { Filters } from '../lib/filters';
import { loadSampleIfEmpty } from '../lib/ingest/sample';
import { reextractStale } from '../lib/ingest/reextract';
import { parseReviewInput, reviewFact } from '../lib/review';
import { generateSynthetic } from '../lib/synth';
import { GRANULARITIES } from '../lib/vocab/dates';
import type { PlaceLevel } from '../lib/vocab/places';

const opened: Db[] = [];
async function freshDb(): Promise<Db> {
  const db = await openTestDb();
  opened.push(db);
  return db;
}
afterEach(() => { setRollups(true); setResultCache(true); });
afterAll(async () => { for (const db of opened) await db.close(); });

// ── comparing ────────────────────────────────────────────────────────────────────────────────────

/** Sums are added in another order (per rollup row) than the engine sums the facts: equal to ~1e-12. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** null when a and b are equal (numbers within rounding), else where they differ. */
function difference(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a === 'number' && typeof b === 'number') return close(a, b) ? null : `${path}: ${a} ≠ ${b}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} rows ≠ ${b.length} rows (${JSON.stringify(a).slice(0, 400)} vs ${JSON.stringify(b).slice(0, 400)})`;
    for (let i = 0; i < a.length; i++) { const d = difference(a[i], b[i], `${path}[${i}]`); if (d) return d; }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}

async function rollupTables(db: Db): Promise<unknown[]> {
  return [
    await db.all('SELECT * FROM rollup_periods ORDER BY district_code, metric, unit, measure, period'),
    await db.all('SELECT * FROM rollup_streets ORDER BY district_code, metric, unit, measure, street_code'),
    await db.all('SELECT * FROM rollup_distributions ORDER BY district_code, metric, unit'),
    await db.all('SELECT * FROM rollup_places ORDER BY code'),
  ];
}

/** The rows the writers kept are the rows a rebuild makes. */
async function expectRollupsAsRebuilt(db: Db): Promise<void> {
  expect(await rollupsCurrent(db)).toBe(true);
  const kept = await rollupTables(db);
  await db.transaction((tx) => rebuildRollups(tx));
  expect(difference(kept, await rollupTables(db))).toBeNull();
}

/** Every aggregate the overview and the place pages ask for, of every place and metric in the data (or every `every`th metric). */
async function dashboardViews(db: Db, limit = Infinity, every = 1): Promise<{ label: string; run: () => Promise<unknown> }[]> {
  const views: { label: string; run: () => Promise<unknown> }[] = [];
  const metrics = (await db.all<{ metric: string }>("SELECT DISTINCT effective_metric AS metric FROM facts WHERE review_status <> 'rejected' ORDER BY 1"))
    .map((r) => r.metric).filter((_, i) => i % every === 0);
  const places: [PlaceLevel, string][] = [];
  for (const level of ['district', 'street', 'community'] as const) {
    for (const p of (await placesWithFigures(db, level)).slice(0, level === 'community' ? limit * 10 : Infinity)) places.push([level, p.code]);
  }
  const count: Series = { metric: null, unit: null, measure: 'count' };
  const child = { district: 'street', street: 'community', community: null } as const;
  for (const [level, code] of places) {
    const f: Filters = { [level]: [code] };
    const below = child[level];
    views.push({ label: `place ${code}`, run: async () => [await metricSummaries(db, f), await byPeriod(db, f, 'month', count), below ? await byPlace(db, f, below, count) : []] });
  }
  const scopes: Filters[] = [{}, ...places.filter(([level]) => level === 'district').map(([, code]) => ({ district: [code] })),
    ...places.filter(([level]) => level === 'street').slice(0, limit).map(([, code]) => ({ street: [code] }))];
  for (const scope of scopes) {
    const level = scope.street ? 'community' : 'street';
    views.push({ label: `overview ${JSON.stringify(scope)}`, run: async () => [await byPlace(db, scope, level, count), await byPeriod(db, scope, 'year', count)] });
    for (const metric of metrics) {
      const f = { ...scope, metric: [metric] };
      views.push({
        label: `overview ${JSON.stringify(f)}`,
        run: async () => {
          const options = await seriesOptions(db, f);
          const charts = [];
          for (const o of options) {
            if (o.measure === 'attribute') continue;
            const series: Series = { metric, unit: o.unit, measure: o.measure };
            charts.push(await byPlace(db, f, level, series));
            for (const g of GRANULARITIES) charts.push(await byPeriod(db, f, g, series));
          }
          return [options, ...charts];
        },
      });
    }
  }
  return views;
}

/** The same numbers from the rollups as from the facts, for every view. Returns how many views were compared. */
async function expectDashboardSame(db: Db, limit?: number, every?: number): Promise<number> {
  setResultCache(false);
  const views = await dashboardViews(db, limit, every);
  for (const v of views) {
    setRollups(false);
    const fromFacts = await v.run();
    setRollups(true);
    const fromRollups = await v.run();
    expect(difference(fromRollups, fromFacts), v.label).toBeNull();
  }
  return views.length;
}

async function ensureEditor(db: Db): Promise<{ id: number; name: string }> {
  await db.run("INSERT INTO users (name, password_hash, role) VALUES ('rollup-test', 'x', 'editor') ON CONFLICT (name) DO NOTHING");
  return (await db.get<{ id: number; name: string }>("SELECT id, name FROM users WHERE name = 'rollup-test'"))!;
}

const factIds = async (db: Db) => (await db.all<{ id: number }>('SELECT id FROM facts ORDER BY id')).map((r) => r.id);

describe('rollups', () => {
  it('hold what the sample page aggregates to, and follow reviews, re-extraction and deletes', async () => {
    const db = await freshDb();
    const loaded = await loadSampleIfEmpty(db);
    expect(loaded.facts).toBeGreaterThan(10);
    await expectRollupsAsRebuilt(db);
    expect(await expectDashboardSame(db)).toBeGreaterThan(10);

    const editor = await ensureEditor(db);
    const ids = await factIds(db);
    const review = (id: number, raw: Record<string, unknown>) => reviewFact(db, id, editor, parseReviewInput(raw));
    const value = async (id: number) => (await db.get<{ value: number }>('SELECT value FROM facts WHERE id = ?', [id]))!.value;
    // verify, correct the value, the unit, the metric, reject, un-reject, correct a rejected one
    await review(ids[0], { status: 'verified' });
    await review(ids[1], { status: 'corrected', value: (await value(ids[1])) * 3 + 0.1, reason: 'typo' });
    await review(ids[2], { status: 'corrected', unit: 'm2', reason: 'wrong unit' });
    await review(ids[3], { status: 'corrected', metric: 'land_cleared', unit: 'mu', value: 12, reason: 'misread' });
    await review(ids[4], { status: 'rejected', reason: 'duplicate' });
    await review(ids[4], { status: 'unreviewed' });
    await review(ids[5], { status: 'rejected', reason: 'wrong' });
    await review(ids[5], { status: 'corrected', value: 12345.6, reason: 'read again' });
    await review(ids[6], { status: 'rejected', reason: 'not a figure' });
    await review(ids[1], { status: 'corrected', value: 7, reason: 'second look' });
    await expectRollupsAsRebuilt(db);
    await expectDashboardSame(db);

    // re-extraction (keeps reviewed rows, updates found ones, deletes and inserts the rest)
    await reextractStale(db, { all: true });
    await expectRollupsAsRebuilt(db);
    await expectDashboardSame(db);

    // deletes: whole articles
    const articles = (await db.all<{ id: number }>('SELECT id FROM articles ORDER BY id')).map((r) => r.id);
    expect(await deleteArticle(db, articles[0])).toBe(true);
    await expectRollupsAsRebuilt(db);
    await expectDashboardSame(db);
    for (const id of articles.slice(1)) await deleteArticle(db, id);
    expect(await db.get('SELECT count(*) AS n FROM facts')).toEqual({ n: 0 });
    // no empty rows left behind
    expect(await db.get('SELECT (SELECT count(*) FROM rollup_periods) + (SELECT count(*) FROM rollup_streets) + (SELECT count(*) FROM rollup_distributions) + (SELECT count(*) FROM rollup_places) AS n')).toEqual({ n: 0 });
  });

  it('hold what synthetic bulk data aggregates to, through reviews and deletes', async () => {
    const db = await freshDb();
    await generateSynthetic(db, { facts: 6000, factsPerArticle: 20, seed: 11 });
    await expectRollupsAsRebuilt(db);
    // each district, two streets and ten communities; every fourth metric (the sample test above takes them all)
    await expectDashboardSame(db, 2, 4);

    const editor = await ensureEditor(db);
    const ids = await factIds(db);
    let x = 12345;
    const random = () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x / 2 ** 32; };
    const pick = () => ids[Math.floor(random() * ids.length)];
    const decisions = [
      { status: 'rejected', reason: 'x' }, { status: 'verified' }, { status: 'corrected', value: '1.5', reason: 'x' },
      { status: 'corrected', unit: 'percent', value: '50', reason: 'x' }, { status: 'corrected', metric: 'investment', unit: 'CNY', value: '1000', reason: 'x' },
    ];
    for (let i = 0; i < 40; i++) {
      try {
        await reviewFact(db, pick(), editor, parseReviewInput(decisions[Math.floor(random() * decisions.length)]));
      } catch { /* the same decision twice is refused: fine */ }
    }
    const articles = (await db.all<{ id: number }>('SELECT id FROM articles ORDER BY id')).map((r) => r.id);
    for (let i = 0; i < 10; i++) await deleteArticle(db, articles[Math.floor(random() * articles.length)]);
    await expectRollupsAsRebuilt(db);
    await expectDashboardSame(db, 2, 4);
    // GET /api/places reads the place table: its counts are the facts'
    for (const p of (await placesInData(db, 'district'))) {
      expect(p.facts).toBe(Number((await db.get<{ n: number }>("SELECT count(*) AS n FROM facts WHERE district_code = ? AND review_status <> 'rejected'", [p.code]))!.n));
    }
  }, 180_000);

  it('answer the place page of a district from the rollups, not the facts', async () => {
    const db = await freshDb();
    await generateSynthetic(db, { facts: 2000, seed: 3 });
    const district = (await placesWithFigures(db, 'district'))[0].code;
    const traced: string[] = [];
    db.hooks.onStatement = (sql) => { traced.push(sql); };
    setResultCache(false);
    const count: Series = { metric: null, unit: null, measure: 'count' };
    const f = { district: [district] };
    await metricSummaries(db, f); await byPeriod(db, f, 'month', count); await byPlace(db, f, 'street', count);
    db.hooks.onStatement = null;
    const aggregates = traced.filter((sql) => /GROUP BY/.test(sql));
    expect(aggregates.length).toBeGreaterThanOrEqual(3);
    for (const sql of aggregates) expect(sql).not.toMatch(/FROM facts/);
    if (db.dialect === 'sqlite') for (const sql of aggregates.filter((s) => /FROM rollup_/.test(s))) expect((await explain(db, sql.replace(/\?/g, "'x'"), [])).join(' | ')).toMatch(/PRIMARY KEY|autoindex/);
  });
});
