import iconv from 'iconv-lite';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/client';
import { childEnv, freshTestLocation, openSharedTestDb, openTestDb, removeTestLocation } from '../../db/testing';
import { countRows } from '../../db/ingest';
import { ingestBatch } from './batch';
import { IngestError } from './errors';
import { defaultExtractor, type Extractor } from './prepare';
import { SAMPLE } from './sample';
import { contentHash, storeDocument } from './store';

const page = readFileSync(SAMPLE.file, 'utf8');

const article = (n: number) => `望江街道第${n}季度工作简报\n\n本报讯 截至${n}月底，望江街道累计完成投资${n}.5亿元，完成征收拆迁${100 + n}户，服务企业${20 + n}家。`;

function rows(db: Db, sql: string, ...params: (string | number | null)[]) {
  return db.all<Record<string, unknown>>(sql, params);
}

describe('storeDocument', () => {
  it('stores the sample page as its articles with their facts, and the same page again as duplicates', async () => {
    const db = await openTestDb();
    const first = await storeDocument(db, { text: page, sourceName: SAMPLE.sourceName, district: SAMPLE.district });
    expect(first.length).toBeGreaterThanOrEqual(5);
    expect(first.every((a) => !a.duplicate)).toBe(true);
    const facts = (await countRows(db)).facts;
    expect(facts).toBe(first.reduce((n, a) => n + a.facts, 0));
    expect(facts).toBeGreaterThan(20);
    // published from the masthead (2020年4月21日), not guessed
    expect(await rows(db, 'SELECT DISTINCT published_on FROM articles')).toEqual([{ published_on: '2020-04-21' }]);

    // the same text in GB18030, with other line breaks and spacing: one article each, reported as duplicates
    const regbk = iconv.decode(iconv.encode(page, 'gb18030'), 'gb18030').replace(/\n/g, '\r\n  ');
    const again = await storeDocument(db, { text: regbk, sourceName: SAMPLE.sourceName });
    expect(again.map((a) => a.duplicate)).toEqual(first.map(() => true));
    expect(again.map((a) => a.id)).toEqual(first.map((a) => a.id));
    expect(await countRows(db)).toMatchObject({ articles: first.length, facts });
  });

  it('hashes text without its whitespace', async () => {
    expect(contentHash('截至 4月底，\n完成投资3.2亿元')).toBe(contentHash('截至4月底，完成投资3.2亿元'));
    expect(contentHash('完成投资3.2亿元')).not.toBe(contentHash('完成投资3.3亿元'));
  });

  it('stores an undated article as undated, never with a guessed date', async () => {
    const db = await openTestDb();
    await storeDocument(db, { text: '望江街道简报\n\n街道累计完成投资3.2亿元。', fileName: 'notes.txt' });
    await storeDocument(db, { text: '湖滨街道简报\n\n街道累计完成投资1.1亿元。', fileName: 'hubin-20210506.txt' });
    expect(await rows(db, 'SELECT file_name, published_on FROM articles ORDER BY id')).toEqual([
      { file_name: 'notes.txt', published_on: null },
      { file_name: 'hubin-20210506.txt', published_on: '2021-05-06' },
    ]);
  });

  it('refuses an empty document and keeps synthetic and real articles apart', async () => {
    const db = await openTestDb();
    await expect(storeDocument(db, { text: ' \n ' })).rejects.toThrow(IngestError);
    await storeDocument(db, { text: article(1), sourceName: '合成', synthetic: true });
    await expect(storeDocument(db, { text: article(2), sourceName: '合成' })).rejects.toThrow(/synthetic/);
    expect((await countRows(db)).articles).toBe(1);
  });
});

describe('a failure in the middle of a batch', () => {
  // fails in two places: the extractor throws on one text; on another it yields a fact the database refuses
  // (metric NOT NULL) — after that article's row was inserted, in the middle of writing it
  const failing: Extractor = {
    ...defaultExtractor,
    extract(text, options) {
      if (text.includes('提取失败')) throw new Error('injected extractor failure');
      const result = defaultExtractor.extract(text, options);
      if (text.includes('写入失败')) {
        const facts = result.articles[0].facts;
        facts.push({ ...facts[0], start: facts[0].start + 1, metric: null as unknown as string });
      }
      return result;
    },
  };

  it('keeps the articles before and after it; the failed ones leave no row', async () => {
    const { db } = await openSharedTestDb();
    const texts = [article(1), article(2), `${article(3)}写入失败`, article(4), `${article(5)}提取失败`, article(1).replace(/，/g, '， ')];
    const outcomes: string[] = [];
    const summary = await ingestBatch(db, texts.map((text, i) => ({ kind: 'text', label: `text ${i + 1}`, text })), {
      maxBytes: 1e6, extractor: failing, batchSize: 3, onOutcome: (o) => outcomes.push(`${o.label}: ${o.status}${o.status === 'failed' ? ` (${o.reason})` : ''}`),
    });
    expect(outcomes).toEqual([
      'text 1: stored', 'text 2: stored', 'text 3: failed (storage-failed)', 'text 4: stored', 'text 5: failed (extraction-failed)', 'text 6: stored',
    ]);
    expect(summary).toMatchObject({ done: 6, added: 3, duplicates: 1, failed: 2 });
    expect(summary.failures[0].message).toMatch(/not[- ]null/i);
    const stored = (await rows(db, 'SELECT text FROM articles ORDER BY id')).map((r) => r.text as string);
    expect(stored).toEqual([article(1), article(2), article(4)]);
    expect(await rows(db, "SELECT count(*) n FROM articles WHERE text LIKE '%失败%'")).toEqual([{ n: 0 }]);
    // every fact belongs to a stored article, and they are all there
    const perArticle = await rows(db, 'SELECT a.id, count(f.id) n FROM articles a LEFT JOIN facts f ON f.article_id = a.id GROUP BY a.id');
    expect(perArticle.every((r) => (r.n as number) > 0)).toBe(true);
    expect((await countRows(db)).facts).toBe(summary.figures);
    expect(await rows(db, 'SELECT count(*) n FROM facts WHERE article_id NOT IN (SELECT id FROM articles)')).toEqual([{ n: 0 }]);
    await db.close();
  });

  it('a crash (SIGKILL) while an article is half written leaves none of it; earlier articles stay', async () => {
    const path = await freshTestLocation();
    await (await openDb(path)).close();
    const texts = [article(1), article(2), article(3)];
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'lib/ingest/fixtures/crash-writer.ts', '3', JSON.stringify(texts)],
      { encoding: 'utf8', cwd: process.cwd(), env: childEnv(path) });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).not.toContain('not crashed');
    const db = await openDb(path);
    expect((await rows(db, 'SELECT text FROM articles ORDER BY id')).map((r) => r.text)).toEqual([article(1), article(2)]);
    expect(await rows(db, 'SELECT count(*) n FROM facts WHERE article_id NOT IN (SELECT id FROM articles)')).toEqual([{ n: 0 }]);
    expect((await countRows(db)).facts).toBeGreaterThan(0);
    await db.close();
    await removeTestLocation(path);
  });
});
