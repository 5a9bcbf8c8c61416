import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestBatch } from '../lib/ingest/batch';
import { ingestChecks } from '../lib/ingest/checks';
import type { IngestItem } from '../lib/ingest/items';
import { beginBulkLoad, openForBulkLoad } from './bulk';
import { openDb, type Db } from './client';
import { rollupsCurrent } from './rollups';
import { freshTestLocation, openTestDb, removeTestLocation, testDialect } from './testing';

const STREETS = ['望江街道', '小营街道', '南星街道', '湖滨街道'];
const article = (i: number): IngestItem => ({
  kind: 'text', label: `brief ${i}`,
  text: `${STREETS[i % 4]}第${i}期工作简报\n\n截至${1 + (i % 12)}月底，${STREETS[i % 4]}累计完成投资${i + 1}.5亿元，同比增长${i % 30}%。`
    + `今年以来共收集问题${300 + i}个，已解决${200 + i}个，解决率${Math.round(((200 + i) / (300 + i)) * 1000) / 10}%。新增就业岗位${40 + i}个。`,
});

async function indexNames(db: Db): Promise<string[]> {
  const rows = db.dialect === 'postgres'
    ? await db.all<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'facts' ORDER BY indexname")
    : await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'facts' ORDER BY name");
  return rows.map((r) => r.name);
}

/** What an ingest leaves: the figures, their checks and every rollup, ids aside. */
async function contents(db: Db): Promise<unknown[]> {
  return Promise.all([
    db.all('SELECT uid, value, unit, metric, district_code, street_code, date, period, effective_value FROM facts ORDER BY uid'),
    db.all('SELECT kind, verdict, metric, date, stated, expected FROM checks ORDER BY kind, metric, date, stated, expected, verdict'),
    db.all('SELECT * FROM rollup_periods ORDER BY district_code, metric, unit, measure, period'),
    db.all('SELECT * FROM rollup_streets ORDER BY district_code, metric, unit, measure, street_code'),
    db.all('SELECT * FROM rollup_distributions ORDER BY district_code, metric, unit'),
    db.all('SELECT * FROM rollup_places ORDER BY code'),
  ]);
}

async function ingest(db: Db, bulk: boolean): Promise<void> {
  const checks = ingestChecks(db, (line) => { throw new Error(line); });
  const summary = await ingestBatch(db, Array.from({ length: 60 }, (_, i) => article(i)), {
    sourceName: '简报', maxBytes: 1e6, workers: 0, batchSize: 7, bulk, afterCommit: checks.afterCommit,
  });
  await checks.finish();
  expect(summary.failed).toBe(0);
  expect(summary.added).toBe(60);
}

describe('a bulk load', () => {
  it('stores what an ordinary ingest stores, with the same checks, rollups and indexes', async () => {
    const plain = await openTestDb();
    const bulk = await openTestDb();
    try {
      await ingest(plain, false);
      await ingest(bulk, true);
      expect(await contents(bulk)).toEqual(await contents(plain));
      expect(await indexNames(bulk)).toEqual(await indexNames(plain));
      expect(await rollupsCurrent(bulk)).toBe(true);
    } finally {
      await plain.close();
      await bulk.close();
    }
  });

  it('that dies before its end leaves its indexes to the next open, and the rollups to be rebuilt', async () => {
    const location = await freshTestLocation();
    try {
      let db = await openDb(location);
      const all = await indexNames(db);
      await beginBulkLoad(db, ['facts_article']);
      expect(await indexNames(db)).toEqual(all.filter((name) => name === 'facts_article' || name.includes('uid') || name.includes('pkey')));
      expect(await rollupsCurrent(db)).toBe(false);
      await db.close(); // as if the process had died: finish() never ran
      db = await openDb(location);
      expect(await indexNames(db)).toEqual(all);
      expect(await rollupsCurrent(db)).toBe(true);
      await db.close();
    } finally {
      await removeTestLocation(location);
    }
  });

  // SQLite has one writer at a time (two connections of one test process would wait on each other's thread)
  it.skipIf(testDialect() !== 'postgres')('begun by two processes at once: both start, and the indexes come back once both finish', async () => {
    const location = await freshTestLocation();
    try {
      const [a, b] = [await openDb(location), await openDb(location)];
      const all = await indexNames(a);
      const loads = await Promise.all([beginBulkLoad(a, ['facts_article']), beginBulkLoad(b, ['facts_article'])]);
      expect((await indexNames(a)).length).toBeLessThan(all.length);
      await Promise.all(loads.map((load) => load.finish()));
      expect(await indexNames(a)).toEqual(all);
      await a.close();
      await b.close();
    } finally {
      await removeTestLocation(location);
    }
  });
});

describe('openForBulkLoad', () => {
  const sqliteOnly = testDialect() === 'postgres';
  const sources = async (db: Db) => (await db.all<{ name: string }>('SELECT name FROM sources ORDER BY name')).map((r) => r.name);

  it.skipIf(sqliteOnly)('loads a SQLite file nobody else has open with a rollback journal, and leaves it in WAL mode', async () => {
    const location = await freshTestLocation();
    const db = await openForBulkLoad(location);
    expect(db.sqlite!.pragma('journal_mode', { simple: true })).toBe('delete');
    await db.transaction(async (tx) => { await tx.run("INSERT INTO sources (name) VALUES ('loaded')"); });
    await db.close();
    // bytes 18 and 19 of the header: 2 in WAL mode, 1 with a rollback journal
    expect([...readFileSync(location).subarray(18, 20)]).toEqual([2, 2]);
    const again = await openDb(location);
    expect(await sources(again)).toEqual(['loaded']);
    await again.close();
    await removeTestLocation(location);
  });

  it.skipIf(sqliteOnly)('keeps WAL mode when another connection has the file open, which goes on reading', async () => {
    const location = await freshTestLocation();
    const other = await openDb(location);
    const db = await openForBulkLoad(location);
    expect(db.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
    await db.transaction(async (tx) => {
      await tx.run("INSERT INTO sources (name) VALUES ('loaded')");
      expect(await sources(other)).toEqual([]);
    });
    expect(await sources(other)).toEqual(['loaded']);
    await db.close();
    await other.close();
    await removeTestLocation(location);
  });
});
