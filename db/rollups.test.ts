// The place rollups of migration 0003 (district_months, district_streets, kept by triggers on facts) against
// aggregating the facts directly: after loading, inserting, reviewing (verify, correct, reject, undo),
// moving, re-extracting and deleting figures, every rollup row equals a GROUP BY over facts, and every
// dashboard aggregate (overview and place page) gives the same numbers read from the rollups as from facts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from './client';
import {
  byMonth, explain, byPlace, metricTotals, placesWithFigures, setResultCache, setRollups, unitsOf, type PlaceLevel,
} from './dashboard';
import { deleteArticle } from './review';
import type { Filters } from '../lib/filters';
import { loadSampleIfEmpty } from '../lib/ingest/sample';
import { reextractStale } from '../lib/ingest/reextract';
import { parseReviewInput, reviewFact } from '../lib/review';
import { generateSynthetic } from '../lib/synth';

const dir = mkdtempSync(join(tmpdir(), 'civic-rollups-'));
let n = 0;
const opened: Db[] = [];
async function freshDb(): Promise<Db> {
  const db = await openDb(join(dir, `rollups-${++n}.db`));
  opened.push(db);
  return db;
}
afterEach(async () => { setRollups(true); setResultCache(true); });
afterAll(async () => { for (const db of opened) await db.close(); rmSync(dir, { recursive: true, force: true }); });

// ── comparing ────────────────────────────────────────────────────────────────────────────────────

/** Sums are added in another order (per rollup row, compensated) than SQLite sums the facts: equal to ~1e-12. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** null when a and b are equal (numbers within rounding), else where they differ. */
function difference(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a === 'number' && typeof b === 'number') return close(a, b) ? null : `${path}: ${a} ≠ ${b}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} rows ≠ ${b.length} rows (${JSON.stringify(a).slice(0, 300)} vs ${JSON.stringify(b).slice(0, 300)})`;
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

interface RollupRow { district_code: string; metric: string; unit: string; key: string; figures: number; approximate: number; total: number; approximate_total: number }

type RollupTable = 'district_months' | 'district_streets';

/** A rollup table as the triggers keep it, and as a GROUP BY over facts has it. */
function rollupsNowAndExpected(db: Db, table: RollupTable): [RollupRow[], RollupRow[]] {
  const [key, keyOfFact] = table === 'district_months' ? ['month', "coalesce(substr(date, 1, 7), '')"] : ['street_code', "coalesce(street_code, '')"];
  const actual = db.sqlite!.prepare(`SELECT district_code, metric, unit, ${key} AS key, figures, approximate,
      total + total_err AS total, approximate_total + approximate_total_err AS approximate_total
    FROM ${table} ORDER BY district_code, metric, unit, key`).all() as RollupRow[];
  const expected = db.sqlite!.prepare(`SELECT coalesce(district_code, '') AS district_code, metric, unit, ${keyOfFact} AS key, count(*) AS figures,
      sum(qualifier <> 'exact') AS approximate, sum(coalesce(corrected_value, value)) AS total,
      sum(CASE WHEN qualifier <> 'exact' THEN coalesce(corrected_value, value) ELSE 0 END) AS approximate_total
    FROM facts WHERE review_status <> 'rejected'
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`).all() as RollupRow[];
  return [actual, expected];
}

function expectRollupsMatchFacts(db: Db): void {
  for (const table of ['district_months', 'district_streets'] as const) {
    const [actual, expected] = rollupsNowAndExpected(db, table);
    expect(difference(actual, expected), table).toBeNull();
  }
}

/** Every aggregate the overview and the place pages ask for, of every place and metric in the data. */
async function dashboardViews(db: Db, limit = Infinity): Promise<{ label: string; run: () => Promise<unknown> }[]> {
  const views: { label: string; run: () => Promise<unknown> }[] = [];
  const metrics = (db.sqlite!.prepare('SELECT DISTINCT metric FROM facts ORDER BY metric').all() as { metric: string }[]).map((r) => r.metric);
  const places: [PlaceLevel, string][] = [];
  // every district and street; communities (a thousand in synthetic data) and street overviews up to a limit
  for (const level of ['district', 'street', 'community'] as const) {
    for (const p of (await placesWithFigures(db, level)).slice(0, level === 'community' ? limit * 50 : Infinity)) places.push([level, p.code]);
  }
  const filtersOf = (level: PlaceLevel, code: string): Filters => ({ [level]: code });
  const child = { district: 'street', street: 'community', community: null } as const;
  // the place page
  for (const [level, code] of places) {
    const f = filtersOf(level, code);
    const childLevel = child[level];
    views.push({ label: `place ${code}`, run: async () => [await metricTotals(db, f), await byMonth(db, f, null), childLevel ? await byPlace(db, f, childLevel, null) : []] });
  }
  // the overview: everything, a metric, a metric within a place; counted, and in every unit the metric has
  const scopes: Filters[] = [{}, ...places.filter(([level]) => level === 'district').map(([level, code]) => filtersOf(level, code)),
    ...places.filter(([level]) => level === 'street').slice(0, limit).map(([level, code]) => filtersOf(level, code))];
  for (const scope of scopes) {
    const level = scope.street ? 'community' : 'street';
    views.push({ label: `overview ${JSON.stringify(scope)}`, run: async () => [await byPlace(db, scope, level, null), await byMonth(db, scope, null)] });
    for (const metric of metrics) {
      const f = { ...scope, metric };
      views.push({
        label: `overview ${JSON.stringify(f)}`,
        run: async () => {
          const units = await unitsOf(db, f);
          const perUnit = [];
          for (const u of units) perUnit.push(await byPlace(db, f, level, u.unit), await byMonth(db, f, u.unit));
          return [units, await metricTotals(db, f), ...perUnit];
        },
      });
    }
  }
  return views;
}

/** The same numbers from the rollups as from the facts, for every view. Returns how many views were compared. */
async function expectDashboardSame(db: Db, limit?: number): Promise<number> {
  setResultCache(false);
  const views = await dashboardViews(db, limit);
  for (const v of views) {
    setRollups(false);
    const fromFacts = await v.run();
    setRollups(true);
    const fromRollups = await v.run();
    expect(difference(fromRollups, fromFacts), v.label).toBeNull();
  }
  return views.length;
}

// ── changing figures the ways the product does ───────────────────────────────────────────────────

function ensureEditor(db: Db): { id: number; name: string } {
  db.sqlite!.prepare("INSERT OR IGNORE INTO users (name, password_hash, role) VALUES ('rollup-test', 'x', 'editor')").run();
  return db.sqlite!.prepare("SELECT id, name FROM users WHERE name = 'rollup-test'").get() as { id: number; name: string };
}

const factIds = (db: Db, where = '1') => (db.sqlite!.prepare(`SELECT id FROM facts WHERE ${where} ORDER BY id`).all() as { id: number }[]).map((r) => r.id);

// The rollups are SQLite triggers today, so these edits by hand are SQLite's.
describe.runIf(process.env.TEST_DIALECT !== 'postgres')('place rollups', () => {
  it('hold what the sample page aggregates to, and follow reviews, edits, re-extraction and deletes', async () => {
    const db = await freshDb();
    const loaded = await loadSampleIfEmpty(db);
    expect(loaded.facts).toBeGreaterThan(10);
    expectRollupsMatchFacts(db);
    expect(await expectDashboardSame(db)).toBeGreaterThan(10);

    const editor = ensureEditor(db);
    const ids = factIds(db);
    const review = (id: number, raw: Record<string, unknown>) => reviewFact(db, id, editor, parseReviewInput(raw));
    const value = (id: number) => (db.sqlite!.prepare('SELECT value FROM facts WHERE id = ?').get(id) as { value: number }).value;
    // verify (no change to the rollups), correct the value, correct only the unit, reject, un-reject, correct a rejected one
    await review(ids[0], { status: 'verified' });
    await review(ids[1], { status: 'corrected', value: value(ids[1]) * 3 + 0.1, reason: 'typo' });
    await review(ids[2], { status: 'corrected', unit: 'm2', reason: 'wrong unit' });
    await review(ids[3], { status: 'rejected', reason: 'not a figure' });
    await review(ids[4], { status: 'rejected', reason: 'duplicate' });
    await review(ids[4], { status: 'unreviewed' });
    await review(ids[5], { status: 'rejected', reason: 'wrong' });
    await review(ids[5], { status: 'corrected', value: 12345.6, reason: 'read again' });
    await review(ids[1], { status: 'corrected', value: 7, reason: 'second look' });
    expectRollupsMatchFacts(db);
    await expectDashboardSame(db);

    // edits by hand (a sqlite3 shell, a fix-up script): place, date, metric, unit, qualifier, value
    const s = db.sqlite!;
    s.prepare("UPDATE facts SET street_code = NULL, street = NULL, community_code = NULL, community = NULL WHERE id = ?").run(ids[6]);
    s.prepare("UPDATE facts SET district_code = '330105', district = '拱墅区', street_code = '330105001', street = '测试街道' WHERE id = ?").run(ids[7]);
    s.prepare("UPDATE facts SET date = NULL WHERE id = ?").run(ids[8]);
    s.prepare("UPDATE facts SET date = '2019-02-03' WHERE id = ?").run(ids[9]);
    s.prepare("UPDATE facts SET metric = 'investment', unit = 'CNY', qualifier = 'about', value = value + 0.5 WHERE id = ?").run(ids[10]);
    s.prepare("UPDATE facts SET qualifier = 'exact', review_status = 'rejected' WHERE id = ?").run(ids[11]);
    s.prepare("UPDATE facts SET text = text, cues = '[]' WHERE id = ?").run(ids[12]); // nothing the rollups hold
    s.prepare("UPDATE facts SET review_status = 'rejected' WHERE id = ?").run(ids[14]);
    s.prepare("UPDATE facts SET review_status = 'rejected' WHERE id = ?").run(ids[15]);
    s.prepare("UPDATE facts SET review_status = 'corrected' WHERE id = ?").run(ids[15]);
    s.prepare("UPDATE facts SET corrected_value = 1.5 WHERE id = ?").run(ids[15]);
    s.prepare("UPDATE facts SET corrected_value = NULL, review_status = 'verified' WHERE id = ?").run(ids[5]);
    expectRollupsMatchFacts(db);
    await expectDashboardSame(db);

    // inserts by hand: rejected from the start, undated, unplaced, a percentage
    const a = s.prepare('SELECT id FROM articles ORDER BY id LIMIT 1').get() as { id: number };
    const insert = s.prepare(`INSERT INTO facts (uid, article_id, value, unit, qualifier, metric, text, start, "end", sentence_start, sentence_end,
      district, district_code, street, street_code, date, extractor_version, review_status)
      VALUES (?, ?, ?, ?, ?, ?, 'x', 0, 1, 0, 1, ?, ?, ?, ?, ?, 'test', ?)`);
    insert.run('t-1', a.id, 5, 'count', 'exact', 'other', '上城区', '330102', null, null, '2020-04-01', 'rejected');
    insert.run('t-2', a.id, 84.6, 'percent', 'about', 'resolution_rate', '上城区', '330102', '望江街道', '330102007', null, 'unreviewed');
    insert.run('t-3', a.id, 0.1, 'percent', 'exact', 'resolution_rate', null, null, null, null, '2020-05-02', 'unreviewed');
    insert.run('t-4', a.id, 0.2, 'percent', 'more_than', 'resolution_rate', '上城区', '330102', '望江街道', '330102007', '2020-05-31', 'verified');
    expectRollupsMatchFacts(db);
    await expectDashboardSame(db);

    // re-extraction (keeps reviewed rows, updates found ones, deletes and inserts the rest)
    await reextractStale(db, { all: true });
    expectRollupsMatchFacts(db);
    await expectDashboardSame(db);

    // deletes: one figure, a rejected one, then whole articles (the cascade fires the facts trigger)
    s.prepare('DELETE FROM facts WHERE id = ?').run(ids[13]);
    s.prepare("DELETE FROM facts WHERE uid = 't-1'").run();
    expectRollupsMatchFacts(db);
    const articles = (s.prepare('SELECT id FROM articles ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(await deleteArticle(db, articles[0])).toBe(true);
    expectRollupsMatchFacts(db);
    await expectDashboardSame(db);
    for (const id of articles.slice(1)) await deleteArticle(db, id);
    expect(s.prepare('SELECT count(*) AS n FROM facts').get()).toEqual({ n: 0 });
    // no empty rows, no leftover sums
    expect(s.prepare('SELECT count(*) AS n FROM district_months').get()).toEqual({ n: 0 });
    expect(s.prepare('SELECT count(*) AS n FROM district_streets').get()).toEqual({ n: 0 });
  });

  it('hold what synthetic bulk data aggregates to, through random reviews, moves and deletes', async () => {
    const db = await freshDb();
    await generateSynthetic(db, { facts: 20_000, factsPerArticle: 20, seed: 11 });
    expectRollupsMatchFacts(db);
    await expectDashboardSame(db, 4); // the overview of everything, each district and 4 streets; 200 communities

    const s = db.sqlite!;
    const ids = factIds(db);
    let x = 12345;
    const random = () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x / 2 ** 32; };
    const pick = () => ids[Math.floor(random() * ids.length)];
    const streets = (s.prepare('SELECT DISTINCT district_code AS d, street_code AS c FROM facts WHERE street_code IS NOT NULL').all() as { d: string; c: string }[]);
    const statements = [
      s.prepare("UPDATE facts SET review_status = 'rejected' WHERE id = ?"),
      s.prepare("UPDATE facts SET review_status = 'unreviewed', corrected_value = NULL WHERE id = ?"),
      s.prepare("UPDATE facts SET review_status = 'corrected', corrected_value = value / 3 WHERE id = ?"),
      s.prepare("UPDATE facts SET review_status = 'verified' WHERE id = ?"),
      s.prepare("UPDATE facts SET date = substr(date, 1, 4) || '-01-15' WHERE id = ?"),
      s.prepare("UPDATE facts SET qualifier = CASE qualifier WHEN 'exact' THEN 'about' ELSE 'exact' END WHERE id = ?"),
      s.prepare("UPDATE facts SET community_code = NULL, community = NULL WHERE id = ?"),
      s.prepare('UPDATE facts SET district_code = NULL, street_code = NULL, community_code = NULL WHERE id = ?'),
      s.prepare("UPDATE facts SET metric = 'investment', unit = 'percent' WHERE id = ?"),
      s.prepare('DELETE FROM facts WHERE id = ?'),
    ];
    const move = s.prepare('UPDATE facts SET district_code = ?, street_code = ?, community_code = NULL WHERE id = ?');
    s.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        if (random() < 0.1) { const st = streets[Math.floor(random() * streets.length)]; move.run(st.d, st.c, pick()); continue; }
        statements[Math.floor(random() * statements.length)].run(pick());
      }
    })();
    expectRollupsMatchFacts(db);
    await expectDashboardSame(db, 4);
    // a rolled-back transaction leaves the rollups as they were
    const before = rollupsNowAndExpected(db, 'district_months')[0];
    expect(() => s.transaction(() => { s.prepare('DELETE FROM facts WHERE id IN (SELECT id FROM facts LIMIT 500)').run(); throw new Error('undo'); })()).toThrow('undo');
    expect(rollupsNowAndExpected(db, 'district_months')[0]).toEqual(before);
  });

  it('is answered from the rollups, not the facts, on the place page', async () => {
    const db = await freshDb();
    await generateSynthetic(db, { facts: 2000, seed: 3 });
    const district = (await placesWithFigures(db, 'district'))[0].code;
    const plans = async (sql: string) => (await explain(db, sql.replace(/\?/g, "'x'"), [])).join(' | ');
    const traced: string[] = [];
    // every statement the place page's aggregates run, with the result cache off
    db.hooks.onStatement = (sql) => { traced.push(sql); };
    setResultCache(false);
    const f = { district };
    await metricTotals(db, f); await byMonth(db, f, null); await byPlace(db, f, 'street', null);
    db.hooks.onStatement = null;
    const aggregates = traced.filter((sql) => /GROUP BY/.test(sql));
    expect(aggregates.length).toBe(3);
    for (const sql of aggregates) {
      expect(sql).not.toMatch(/FROM facts/);
      expect(await plans(sql)).toMatch(/USING PRIMARY KEY/);
    }
  });
});
