import iconv from 'iconv-lite';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, freshTestLocation, openSharedTestDb, removeTestLocation } from '../../db/testing';
import { countRows } from '../../db/ingest';
import { ingestBatch } from './batch';
import { makeDocx, makeScannedPdf, makeTextPdf } from './fixtures/make';
import { listFiles } from './files';
import { defaultExtractor } from './prepare';
import { SAMPLE } from './sample';

const page = readFileSync(SAMPLE.file, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'ingest-batch-'));
const folder = join(dir, 'news');
const figure = (n: number) => `望江街道简报${n}\n\n截至4月底，望江街道累计完成投资${n}.2亿元，完成征收拆迁${1200 + n}户。`;

beforeAll(async () => {
  mkdirSync(join(folder, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(folder, 'a-page-gb18030.txt'), iconv.encode(page, 'gb18030'));
  writeFileSync(join(folder, 'b-big5.txt'), iconv.encode('本報訊 截至4月20日，望江街道累計完成投資3.2億元。', 'big5'));
  writeFileSync(join(folder, 'c-empty.txt'), '');
  writeFileSync(join(folder, 'd-photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  writeFileSync(join(folder, 'e-news.html'), `<html><head><meta charset="utf-8"><title>简报</title></head><body><nav>首页</nav><article><p>${figure(5)}</p></article></body></html>`);
  writeFileSync(join(folder, 'sub', 'f-report.docx'), makeDocx(figure(6).split('\n\n')));
  writeFileSync(join(folder, 'sub', 'g-20200421.pdf'), makeTextPdf(figure(7).split('\n\n')));
  writeFileSync(join(folder, 'sub', 'h-scan.pdf'), makeScannedPdf());
  writeFileSync(join(folder, 'sub', 'deeper', 'i-page-utf8-bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page.replace(/\n/g, '\r\n'))]));
  writeFileSync(join(folder, 'sub', 'j-big.txt'), 'x'.repeat(3 * 1024 * 1024));
  writeFileSync(join(folder, '.hidden.txt'), figure(9));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ingestBatch with worker threads', () => {
  it('ingests a folder of every format on two workers; each bad file is named with its reason', async () => {
    const { files } = await listFiles([folder]);
    expect(files.map((f) => f.slice(folder.length + 1))).toEqual([
      'a-page-gb18030.txt', 'b-big5.txt', 'c-empty.txt', 'd-photo.png', 'e-news.html',
      'sub/deeper/i-page-utf8-bom.txt', 'sub/f-report.docx', 'sub/g-20200421.pdf', 'sub/h-scan.pdf', 'sub/j-big.txt',
    ]);
    const { db } = await openSharedTestDb();
    const outcomes = new Map<string, string>();
    const summary = await ingestBatch(db, files.map((path) => ({ kind: 'file', path })), {
      maxBytes: 2 * 1024 * 1024, workers: 2, batchSize: 2,
      onOutcome: (o) => outcomes.set(o.label.slice(folder.length + 1), o.status === 'failed' ? o.reason : o.articles.every((a) => a.duplicate) ? 'duplicate' : 'stored'),
    });
    expect(Object.fromEntries(outcomes)).toEqual({
      'a-page-gb18030.txt': 'stored', 'b-big5.txt': 'stored', 'c-empty.txt': 'empty', 'd-photo.png': 'binary', 'e-news.html': 'stored',
      'sub/deeper/i-page-utf8-bom.txt': 'duplicate', 'sub/f-report.docx': 'stored', 'sub/g-20200421.pdf': 'stored',
      'sub/h-scan.pdf': 'no-text-layer', 'sub/j-big.txt': 'too-large',
    });
    expect(summary.failed).toBe(4);
    expect(summary.failures.every((f) => f.label.startsWith(folder) && f.message.length > 5)).toBe(true);
    const stored = await db.all('SELECT file_name, published_on FROM articles') as { file_name: string; published_on: string | null }[];
    expect(stored.filter((r) => r.file_name === 'g-20200421.pdf')).toEqual([{ file_name: 'g-20200421.pdf', published_on: '2020-04-21' }]);
    expect(stored.find((r) => r.file_name === 'f-report.docx')?.published_on).toBeNull();
    expect((await countRows(db)).facts).toBe(summary.figures);
    await db.close();
  });
});

describe('ingestBatch: extraction and writing overlap', () => {
  // documents arrive one by one (a slow disk); the extractor is run on this thread (a custom extractor)
  const slowly = (n: number, counter: { pulled: number }) => (async function* () {
    for (let i = 0; i < n; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      counter.pulled++;
      yield { kind: 'text' as const, label: `doc ${i}`, text: figure(100 + i) };
    }
  })();

  it('hands documents to the extraction while a write is under way, and still writes them in input order', async () => {
    const { db } = await openSharedTestDb();
    // the extractor loaded first, so documents are extracted as they arrive
    await ingestBatch(db, [{ kind: 'text', label: 'warm-up', text: figure(99) }], { maxBytes: 1e6, extractor: defaultExtractor });
    const counter = { pulled: 0 };
    const labels: string[] = [];
    // documents taken up when the first write began, and when it ended
    let atFirstWrite: number | null = null;
    let atEnd: number | null = null;
    db.hooks.onStatement = (sql) => {
      if (atFirstWrite === null && /^\s*INSERT INTO articles\b/.test(sql)) atFirstWrite = counter.pulled;
    };
    const summary = await ingestBatch(db, slowly(24, counter), {
      maxBytes: 1e6, extractor: defaultExtractor, batchSize: 4,
      onOutcome: (o) => labels.push(o.label),
      // the first write waits (up to 3 s) until the window of 3 batches is taken up: it cannot be while the
      // documents are taken up only between writes
      afterCommit: async () => {
        if (atEnd !== null) return;
        const until = Date.now() + 3000;
        while (counter.pulled < 12 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
        atEnd = counter.pulled;
      },
    });
    db.hooks.onStatement = null;
    expect(atFirstWrite).not.toBeNull();
    expect(atEnd).toBeGreaterThan(atFirstWrite!);
    expect(labels).toEqual(Array.from({ length: 24 }, (_, i) => `doc ${i}`));
    expect(summary).toMatchObject({ done: 24, added: 24, failed: 0 });
    expect((await countRows(db)).articles).toBe(25);
    await db.close();
  });

  it('stops with the error of a write that fails, after no other write is under way', async () => {
    const { db } = await openSharedTestDb();
    const writes: number[][] = [];
    await expect(ingestBatch(db, slowly(12, { pulled: 0 }), {
      maxBytes: 1e6, extractor: defaultExtractor, batchSize: 4,
      afterCommit: async (ids) => {
        writes.push(ids);
        if (writes.length === 2) throw new Error('the checks could not run');
      },
    })).rejects.toThrow('the checks could not run');
    expect(writes).toHaveLength(2);
    await db.close();
  });
});

describe('figures ingest (the command)', () => {
  const cli = (args: string[], db: string) => spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args], {
    encoding: 'utf8', cwd: process.cwd(), env: childEnv(db),
  });

  it('reports each bad file, prints one summary line, exits 1 when a file failed and 0 when none did', async () => {
    const db = await freshTestLocation();
    const first = cli(['ingest', folder, '--source', '上城报', '--district', '上城区', '--max-size', '2'], db);
    expect(first.stderr).toMatch(/c-empty\.txt: empty: /);
    expect(first.stderr).toMatch(/d-photo\.png: binary: /);
    expect(first.stderr).toMatch(/h-scan\.pdf: no-text-layer: /);
    expect(first.stderr).toMatch(/j-big\.txt: too-large: 3\.0 MB is over the 2\.0 MB limit/);
    const summary = first.stdout.trim().split('\n');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(/^ingest: 10 files in [\d.]+ s: \d+ articles added, 6 duplicates, 4 failed, \d+ figures$/);
    expect(first.status).toBe(1);

    const again = cli(['ingest', join(folder, 'a-page-gb18030.txt'), join(folder, 'e-news.html')], db);
    expect(again.stdout).toMatch(/0 articles added, \d+ duplicates, 0 failed, 0 figures/);
    expect(again.status).toBe(0);
    const missing = cli(['ingest', join(dir, 'no-such-folder')], db);
    expect(missing.stderr).toMatch(/no-such-folder: no such file or folder/);
    expect(missing.status).toBe(1);
    expect(cli(['ingest', folder, '--published', '2020-02-30'], db).status).toBe(2);
    await removeTestLocation(db);
    // four CLI processes, each compiling the app with tsx: over a minute on a busy machine
  }, 240_000);
});
