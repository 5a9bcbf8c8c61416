// An export shared with a worker thread (lib/export/parallel.ts) on a SQLite file: the worker joins only when it
// sees the data the export started with, and a cancelled export gives its worker back. The bytes of shared
// exports are held to the recorded fixtures in lib/export/fixture.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { countFacts } from '../../db/export';
import { openSharedTestDb, testDialect } from '../../db/testing';
import { generateSynthetic } from '../synth';
import { exportWorkerCount, warmExportWorkers, type SharingOptions } from './parallel';
import { exportStream } from './stream';

let db: Db;

beforeAll(async () => {
  ({ db } = await openSharedTestDb());
  await generateSynthetic(db, { facts: 4000, factsPerArticle: 20, seed: 23 });
}, 60_000);

afterAll(async () => {
  await db?.close();
});

type Shares = { main: number; worker: number };

function sharing(shares: Shares[]): SharingOptions {
  return { joinAfterRows: 100, rangeRows: 300, onEnd: (rows) => shares.push(rows) };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 1));

async function rest(reader: ReadableStreamDefaultReader<Uint8Array>, into: Uint8Array[]): Promise<string> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    into.push(value);
    await pause();
  }
  return Buffer.concat(into).toString('utf8');
}

describe.skipIf(testDialect() !== 'sqlite')('an export shared with a worker thread', () => {
  it('stays on one thread when something was committed after it began, and exports what it began with', async () => {
    expect(await warmExportWorkers()).toBe(true);
    const shares: Shares[] = [];
    const expected = await countFacts(db, {});
    const last = (await db.get<{ id: number }>('SELECT max(id) AS id FROM facts'))!.id;
    const reader = exportStream(db, {}, 'jsonl', { sharing: sharing(shares), chunkRows: 50 }).getReader();
    const first = await reader.read();
    // committed before the export asks for a worker (after 100 rows): a worker's snapshot would see it
    await db.run('UPDATE facts SET object = ? WHERE id = ?', ['changed-after-start', last]);
    const text = await rest(reader, [first.value!]);
    expect(text.split('\n').filter(Boolean)).toHaveLength(expected);
    expect(text).not.toContain('changed-after-start');
    // (the next test shows that the same export joins a worker when nothing is committed meanwhile)
    expect(shares).toEqual([{ main: expected, worker: 0 }]);
  });

  it('gives its worker back when cancelled: the next export shares its rows again', async () => {
    expect(await warmExportWorkers()).toBe(true);
    const cancelled: Shares[] = [];
    const reader = exportStream(db, {}, 'csv', { sharing: sharing(cancelled), chunkRows: 50 }).getReader();
    for (let i = 0; i < 10; i++) { await reader.read(); await pause(); }
    await reader.cancel();
    expect(cancelled).toHaveLength(1);

    const shares: Shares[] = [];
    const whole = await rest(exportStream(db, {}, 'csv', { sharing: sharing(shares), chunkRows: 50 }).getReader(), []);
    const alone = await rest(exportStream(db, {}, 'csv', { sharing: { joinAfterRows: Infinity, rangeRows: 300 } }).getReader(), []);
    expect(whole).toBe(alone);
    expect(shares[0].worker).toBeGreaterThan(0);
  });
});

describe('FIGURES_EXPORT_THREADS', () => {
  it('gives the worker threads an export may use: the threads less the main one', () => {
    expect(exportWorkerCount({ FIGURES_EXPORT_THREADS: '1' })).toBe(0);
    expect(exportWorkerCount({ FIGURES_EXPORT_THREADS: ' 3 ' })).toBe(2);
    const byDefault = exportWorkerCount({});
    expect(byDefault).toBeGreaterThanOrEqual(0);
    expect(byDefault).toBeLessThanOrEqual(1);
    expect(exportWorkerCount({ FIGURES_EXPORT_THREADS: '' })).toBe(byDefault);
  });

  it.each(['two', '1.5', '0', '-1', '2x', '1e1', '0x2', 'Infinity'])('refuses %j with an error naming the variable, not the default', (value) => {
    expect(() => exportWorkerCount({ FIGURES_EXPORT_THREADS: value })).toThrow(/FIGURES_EXPORT_THREADS \(.*\) must be a whole number from 1 up/);
  });

  it('stops an export before its first byte', () => {
    const before = process.env.FIGURES_EXPORT_THREADS;
    process.env.FIGURES_EXPORT_THREADS = 'all';
    try {
      expect(() => exportStream(db, {}, 'csv')).toThrow(/FIGURES_EXPORT_THREADS \(.*\) must be a whole number from 1 up, not "all"/);
    } finally {
      if (before === undefined) delete process.env.FIGURES_EXPORT_THREADS; else process.env.FIGURES_EXPORT_THREADS = before;
    }
  });
});
