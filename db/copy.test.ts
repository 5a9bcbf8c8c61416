// `figures db copy` (issue 13): a whole database into an empty one — SQLite to SQLite on the SQLite round,
// PostgreSQL to PostgreSQL and across the two engines on the PostgreSQL round — ids kept, counters advanced,
// search rebuilt, verified; an interrupted copy resumes; a non-empty target is refused.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from './client';
import { CopyRefused, copyDatabase } from './copy';
import { insertSession } from './auth';
import { claimRun, recordFound, saveCrawlSource } from './crawl';
import { searchText } from './search';
import { freshPostgresDatabase, freshSqlitePath, freshTestLocation, openThrowawayDb, removeTestLocation, testServerUrl } from './testing';
import { exportStream } from '../lib/export/stream';
import { loadCorpus } from '../lib/ingest/fixtures/corpus';
import { reviewTrail } from '../lib/review';

async function csv(db: Db): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = exportStream(db, { includeRejected: true }, 'csv').getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    chunks.push(value);
  }
}

async function corpusDb(location: string): Promise<Db> {
  const db = await openThrowawayDb(location);
  await loadCorpus(db);
  await insertSession(db, { id: 'session-hash', userId: 1, csrfToken: 'csrf', expiresAt: '2099-01-01T00:00:00Z' });
  // crawl state: a source's settings, a run, addresses found
  const now = '2024-03-01T08:00:00Z';
  const sourceId = await saveCrawlSource(db, { name: '上城区门户网站', district: '上城区', startUrls: ['https://news.example.org/feed.xml'],
    delaySeconds: 2, maxPages: 100, maxDepth: 2, schedule: 'daily' }, now);
  const runId = await claimRun(db, { sourceId, trigger: 'cli', now, staleBefore: '2024-03-01T07:00:00Z' });
  await recordFound(db, [1, 2, 3].map((n) => ({ url: `https://news.example.org/a/${n}.html`, sourceId, kind: 'article', depth: 1,
    foundOn: 'https://news.example.org/feed.xml', listedDate: '2024-02-2' + n, listedTitle: `街道简报${n}` })), runId, now);
  return db;
}

/** The target reads as the source does: every exported byte, the trail, search; new rows get new ids. */
async function expectSameData(source: Db, target: Db): Promise<void> {
  expect((await csv(target)).equals(await csv(source))).toBe(true);
  const reviewed = (await source.get<{ id: number }>("SELECT id FROM facts WHERE review_status = 'corrected' ORDER BY id LIMIT 1"))!.id;
  expect((await reviewTrail(target, reviewed)).map((e) => e.reason)).toEqual((await reviewTrail(source, reviewed)).map((e) => e.reason));
  expect((await searchText(target, '投资')).hits.length).toBeGreaterThan(0);
  // every hit, as a set: engines rank them differently
  const found = async (db: Db) => [...new Set((await searchText(db, '街道', 5000)).hits.map((h) => `${h.articleId}:${h.start}`))].sort();
  expect(await found(target)).toEqual(await found(source));
  const maxId = (await source.get<{ n: number }>('SELECT max(id) AS n FROM articles'))!.n;
  const added = await target.get<{ id: number }>(`INSERT INTO articles (title, text, sha256, ingested_at, extractor_version)
    VALUES ('新文章', '复制之后写入的文章。', 'after-copy', '2024-01-01T00:00:00Z', '0') RETURNING id`);
  expect(added!.id).toBeGreaterThan(maxId);
}

const server = testServerUrl();
const pairs: { name: string; from: () => Promise<string>; to: () => Promise<string> }[] = [
  { name: `${server ? 'PostgreSQL' : 'SQLite'} to ${server ? 'PostgreSQL' : 'SQLite'}`, from: freshTestLocation, to: freshTestLocation },
  ...(server ? [
    { name: 'SQLite to PostgreSQL', from: async () => freshSqlitePath(), to: () => freshPostgresDatabase(server) },
    { name: 'PostgreSQL to SQLite', from: () => freshPostgresDatabase(server), to: async () => freshSqlitePath() },
  ] : []),
];

describe('copying a database', () => {
  for (const pair of pairs) {
    it(`${pair.name}: keeps every row and id, rebuilds search, verifies`, async () => {
      const source = await corpusDb(await pair.from());
      const target = await openThrowawayDb(await pair.to());
      try {
        const report = await copyDatabase(source, target, { pageRows: 500 });
        expect(report.tables.filter((t) => !t.ok)).toEqual([]);
        expect(report.ok).toBe(true);
        const copied = report.tables.filter((t) => t.kind === 'copied').map((t) => t.table);
        expect(copied).toEqual(expect.arrayContaining(['sources', 'users', 'articles', 'facts', 'checks', 'check_facts', 'review_events',
          'crawl_sources', 'crawl_runs', 'crawl_state']));
        expect(report.tables.find((t) => t.table === 'crawl_state')).toMatchObject({ sourceRows: 3, targetRows: 3, ok: true });
        expect(copied).not.toContain('sessions');
        expect(report.tables.find((t) => t.table === 'facts')!.targetRows).toBeGreaterThan(100);
        await expectSameData(source, target);
      } finally {
        await source.close();
        await target.close();
      }
    }, 120_000);
  }

  it('continues an interrupted copy where it stopped, and copies sessions when asked', async () => {
    const source = await corpusDb(await freshTestLocation());
    const target = await openThrowawayDb(await freshTestLocation());
    try {
      let pages = 0;
      const interrupt = () => { if (++pages === 4) throw new Error('connection lost'); };
      await expect(copyDatabase(source, target, { pageRows: 50, sessions: true, onProgress: interrupt })).rejects.toThrow('connection lost');
      const partly = (await target.get<{ n: number }>('SELECT count(*) AS n FROM facts'))!.n + (await target.get<{ n: number }>('SELECT count(*) AS n FROM articles'))!.n;
      expect(partly).toBeGreaterThan(0);
      // another database is not this copy's source: refused, nothing written
      const stranger = await openThrowawayDb(await freshTestLocation());
      await expect(copyDatabase(stranger, target)).rejects.toThrow(CopyRefused);
      await stranger.close();
      const report = await copyDatabase(source, target, { pageRows: 50, sessions: true });
      expect(report.resumed).toBe(true);
      expect(report.tables.filter((t) => !t.ok)).toEqual([]);
      expect(report.tables.find((t) => t.table === 'sessions')).toMatchObject({ sourceRows: 1, targetRows: 1, ok: true });
      await expectSameData(source, target);
      // done: a second copy into it is refused, the target holds data now
      await expect(copyDatabase(source, target)).rejects.toThrow(/not empty/);
    } finally {
      await source.close();
      await target.close();
    }
  }, 120_000);

  it('as a command: copies, prints the verification, refuses a non-empty target and a missing source', async () => {
    const from = await freshTestLocation();
    const to = await freshTestLocation();
    const source = await openDb(from);
    await loadCorpus(source);
    await source.close();
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'db', 'copy', ...args], { encoding: 'utf8', cwd: process.cwd() });
    try {
      const first = cli('--from', from, '--to', to);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^facts\s+copied\s+\d+\s+\d+\s+equal\s+ok$/m);
      expect(first.stdout).toMatch(/^verified: /m);
      const again = cli('--from', from, '--to', to);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/target is not empty/);
      expect(cli('--from', from).status).toBe(2);
      const missing = cli('--from', '/nonexistent/figures.db', '--to', await freshTestLocation());
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/no such database file/);
    } finally {
      await removeTestLocation(from);
      await removeTestLocation(to);
    }
  }, 120_000);
});
