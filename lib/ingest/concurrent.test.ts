// Many ingest processes at once on one database (issue 13): four `figures ingest` commands over overlapping
// folders, started together, must store every distinct text exactly once with all its figures, and leave
// the same articles, figures and checks as one process ingesting everything alone.
import iconv from 'iconv-lite';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db, type Params, type Sql } from '../../db/client';
import { childEnv, freshTestLocation, openSharedTestDb, removeTestLocation, testDialect } from '../../db/testing';
import { bulletin } from './fixtures/bulletins';
import { prepareDocument, type PreparedDocument } from './prepare';
import { writeDocuments, type DocumentOutcome } from './write';

const FOLDERS = 4;
const PER_FOLDER = 10;
const dir = mkdtempSync(join(tmpdir(), 'ingest-concurrent-'));
const folder = (i: number) => join(dir, `folder-${i}`);
const locations: string[] = [];
const texts = new Set<number>();

beforeAll(() => {
  for (let f = 0; f < FOLDERS; f++) {
    mkdirSync(folder(f));
    for (let k = 0; k < PER_FOLDER; k++) {
      // neighbouring folders share three texts, one of them re-encoded: the same article by content
      const n = f * (PER_FOLDER - 3) + k;
      texts.add(n);
      const text = bulletin(n);
      const gb = k === 0 && f > 0;
      writeFileSync(join(folder(f), `article-${n}${gb ? '-gb18030' : ''}.txt`), gb ? iconv.encode(text, 'gb18030') : text);
    }
  }
});

afterAll(async () => {
  for (const location of locations) await removeTestLocation(location);
  rmSync(dir, { recursive: true, force: true });
});

interface Run { status: number | null; stdout: string; stderr: string }

function ingest(location: string, paths: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'ingest', ...paths, '--source', '望江街道办事处', '--district', '上城区', '--workers', '1'],
      { cwd: process.cwd(), env: childEnv(location) });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

const summaryOf = (run: Run) => {
  const m = /(\d+) articles added, (\d+) duplicates, (\d+) failed, (\d+) figures/.exec(run.stdout);
  if (!m) throw new Error(`no summary line: ${run.stdout} ${run.stderr}`);
  return { added: Number(m[1]), duplicates: Number(m[2]), failed: Number(m[3]), figures: Number(m[4]) };
};

/** What a database holds, independent of row ids: articles by hash with their figures, and the checks. */
async function contents(db: Db) {
  const articles = await db.all<{ sha256: string; title: string | null; facts: number }>(`SELECT a.sha256, a.title, count(f.id) AS facts
    FROM articles a LEFT JOIN facts f ON f.article_id = a.id GROUP BY a.id, a.sha256, a.title ORDER BY a.sha256`);
  const facts = await db.all<{ uid: string; value: number; metric: string }>('SELECT uid, value, metric FROM facts ORDER BY uid');
  const checks = await db.all<{ sha256: string; kind: string; verdict: string; metric: string; arithmetic: string; figures: number }>(`SELECT a.sha256,
      c.kind, c.verdict, c.metric, c.arithmetic, (SELECT count(*) FROM check_facts cf WHERE cf.check_id = c.id) AS figures
    FROM checks c JOIN articles a ON a.id = c.article_id ORDER BY a.sha256, c.kind, c.metric, c.arithmetic`);
  // which reports of a group a check across articles compares follows the order of fact ids, which
  // concurrent writers interleave: compare how many there are of each kind and which figures they involve
  const crossKinds = await db.all<{ kind: string; n: number }>('SELECT kind, count(*) AS n FROM checks WHERE article_id IS NULL GROUP BY kind ORDER BY kind');
  const crossFigures = (await db.all<{ uid: string }>(`SELECT DISTINCT f.uid FROM checks c JOIN check_facts cf ON cf.check_id = c.id
    JOIN facts f ON f.id = cf.fact_id WHERE c.article_id IS NULL ORDER BY f.uid`)).map((r) => r.uid);
  const sources = await db.all<{ name: string }>('SELECT name FROM sources ORDER BY name');
  return { articles, facts, checks, crossKinds, crossFigures, sources };
}

describe('four ingest processes at once', () => {
  it('store every distinct article once, with all its figures and checks, as one process alone does', async () => {
    const shared = await freshTestLocation();
    const alone = await freshTestLocation();
    locations.push(shared, alone);
    // created (migrated) first, so the four processes meet an existing schema, as a server's workers do
    await (await openDb(shared)).close();

    // process i takes folders i and i+1: every folder is ingested by two processes, in different orders
    const runs = await Promise.all(Array.from({ length: FOLDERS }, (_, i) => ingest(shared, [folder(i), folder((i + 1) % FOLDERS)])));
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    const reference = await ingest(alone, Array.from({ length: FOLDERS }, (_, i) => folder(i)));
    expect(reference.status, reference.stderr).toBe(0);

    const distinct = summaryOf(reference).added;
    expect(distinct).toBe(texts.size);
    const summaries = runs.map(summaryOf);
    // every text was added by exactly one process; all the others saw it as a duplicate
    expect(summaries.reduce((n, s) => n + s.added, 0)).toBe(distinct);
    expect(summaries.reduce((n, s) => n + s.added + s.duplicates, 0)).toBe(2 * FOLDERS * PER_FOLDER);
    expect(summaries.reduce((n, s) => n + s.figures, 0)).toBe(summaryOf(reference).figures);

    const [a, b] = [await openDb(shared), await openDb(alone)];
    try {
      const [got, want] = [await contents(a), await contents(b)];
      expect(got.articles).toHaveLength(distinct);
      expect(got.articles).toEqual(want.articles);
      expect(got.facts).toEqual(want.facts);
      expect(got.sources).toEqual([{ name: '望江街道办事处' }]);
      expect(want.checks.length).toBeGreaterThan(0);
      expect(got.checks).toEqual(want.checks);
      expect(want.crossKinds.length).toBeGreaterThan(0);
      expect(got.crossKinds).toEqual(want.crossKinds);
      expect(got.crossFigures).toEqual(want.crossFigures);
    } finally {
      await a.close();
      await b.close();
    }
  }, 240_000);
});

/** A Sql that awaits `before(sql)` ahead of every statement, in its transactions too: to interleave two writers. */
class Gated implements Sql {
  readonly dialect;
  constructor(private readonly inner: Sql, private readonly before: (sql: string) => Promise<void>) { this.dialect = inner.dialect; }
  async all<T>(sql: string, params?: Params) { await this.before(sql); return this.inner.all<T>(sql, params); }
  async get<T>(sql: string, params?: Params) { await this.before(sql); return this.inner.get<T>(sql, params); }
  async rows<T extends unknown[]>(sql: string, params?: Params) { await this.before(sql); return this.inner.rows<T>(sql, params); }
  async run(sql: string, params?: Params) { await this.before(sql); return this.inner.run(sql, params); }
  exec(sql: string) { return this.inner.exec(sql); }
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> { return this.inner.transaction((tx) => work(new Gated(tx, this.before))); }
}

/** Resolves once `parties` callers are waiting, or after `ms` (so a writer held back by a lock cannot hang the other). */
function barrier(parties: number, ms: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((resolve) => { open = resolve; });
  return async () => {
    if (++arrived >= parties) open();
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, ms))]);
  };
}

/**
 * Two writers, each holding the first of its two new rows uncommitted, then writing the other's: on
 * PostgreSQL each would wait for the other's unique-index entry — a deadlock, and one document lost —
 * unless the writers take their keys' locks first (db/locks.ts). SQLite has one writer at a time.
 */
describe('two writers storing the same rows in opposite orders', () => {
  const doc = (text: string, sourceName: string | null) => prepareDocument({ text, sourceName, district: '上城区' }, text.slice(0, 12));
  const cases: { name: string; statement: RegExp; docs: () => [PreparedDocument, PreparedDocument] }[] = [
    { name: 'articles', statement: /^\s*INSERT INTO articles\b/, docs: () => [doc(bulletin(101), null), doc(bulletin(102), null)] },
    { name: 'sources', statement: /^\s*INSERT INTO sources\b/, docs: () => [doc(bulletin(103), '上城报'), doc(bulletin(104), '上城区融媒体中心')] },
  ];
  for (const { name, statement, docs } of cases) {
    it(`store each ${name === 'articles' ? 'article' : 'source'} once and lose no document`, async () => {
      const { db, location } = await openSharedTestDb();
      // a second connection pool to the same database, as a second process has (SQLite: the one writer)
      const other = testDialect() === 'postgres' ? await openDb(location) : db;
      const [x, y] = docs();
      const meet = barrier(2, 1500);
      const writer = (target: Sql) => {
        let seen = 0;
        return new Gated(target, async (sql) => { if (statement.test(sql) && ++seen === 2) await meet(); });
      };
      try {
        const outcomes: DocumentOutcome[] = (await Promise.all([
          writeDocuments(writer(db), [x, y]),
          writeDocuments(writer(other), [y, x]),
        ])).flat();
        expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
        const stored = outcomes.flatMap((o) => (o.status === 'stored' ? o.articles : []));
        expect(stored.filter((a) => !a.duplicate)).toHaveLength(2);
        expect(stored.filter((a) => a.duplicate)).toHaveLength(2);
        expect(await db.get('SELECT count(*) AS n FROM articles')).toEqual({ n: 2 });
        const sources = x.sourceName ? 2 : 0;
        expect(await db.get('SELECT count(*) AS n FROM sources')).toEqual({ n: sources });
      } finally {
        if (other !== db) await other.close();
        await db.close();
      }
    });
  }
});
