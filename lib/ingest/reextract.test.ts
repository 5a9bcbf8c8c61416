import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { EXTRACTOR_VERSION } from '../extract';
import { defaultExtractor, type Extractor } from './prepare';
import { isOlderVersion, reextractStale } from './reextract';
import { SAMPLE } from './sample';
import { storeDocument } from './store';

const page = readFileSync(SAMPLE.file, 'utf8');

/** The current extractor under an older version number, finding every figure but the last of each article. */
const older: Extractor = {
  ...defaultExtractor,
  version: '0.0.1',
  extract(text, options) {
    const result = defaultExtractor.extract(text, options);
    return { ...result, extractorVersion: '0.0.1', articles: result.articles.map((a) => ({ ...a, facts: a.facts.slice(0, -1) })) };
  },
};

const factsOf = (db: Db) => db.all<{ id: number; uid: string; article_id: number; review_status: string; corrected_value: number | null; extractor_version: string }>(
  'SELECT id, uid, article_id, review_status, corrected_value, extractor_version FROM facts ORDER BY id');

describe('figures reextract', () => {
  it('compares extractor versions as numbers', async () => {
    expect(isOlderVersion('0.0.1', '0.1.0')).toBe(true);
    expect(isOlderVersion('0.9.0', '0.10.0')).toBe(true);
    expect(isOlderVersion('0.1.0', '0.1.0')).toBe(false);
    expect(isOlderVersion('1.0.0', '0.9.9')).toBe(false);
  });

  it('re-extracts stale articles and keeps every review decision', async () => {
    const db = await openTestDb();
    await storeDocument(db, { text: page, sourceName: SAMPLE.sourceName, district: SAMPLE.district }, older);
    const before = await factsOf(db);
    expect(before.length).toBeGreaterThan(10);
    expect(new Set(before.map((f) => f.extractor_version))).toEqual(new Set(['0.0.1']));
    const [verified, corrected, rejected] = before;
    await db.run("UPDATE facts SET review_status = 'verified' WHERE id = ?", [verified.id]);
    await db.run("UPDATE facts SET review_status = 'corrected', corrected_value = 42 WHERE id = ?", [corrected.id]);
    await db.run("UPDATE facts SET review_status = 'rejected' WHERE id = ?", [rejected.id]);

    const totals = await reextractStale(db);
    const articlesWithFacts = new Set(before.map((f) => f.article_id)).size;
    expect(totals).toMatchObject({ kept: before.length, added: articlesWithFacts, removed: 0, failed: 0 });
    const after = await factsOf(db);
    expect(after.length).toBe(before.length + articlesWithFacts);
    const byId = new Map(after.map((f) => [f.id, f]));
    // the same rows (ids), with their decisions, now from the current extractor
    expect(byId.get(verified.id)).toMatchObject({ uid: verified.uid, review_status: 'verified', extractor_version: EXTRACTOR_VERSION });
    expect(byId.get(corrected.id)).toMatchObject({ review_status: 'corrected', corrected_value: 42 });
    expect(byId.get(rejected.id)).toMatchObject({ review_status: 'rejected' });
    expect(new Set(after.map((f) => f.extractor_version))).toEqual(new Set([EXTRACTOR_VERSION]));
    const versions = await db.all('SELECT DISTINCT extractor_version v FROM articles');
    expect(versions).toEqual([{ v: EXTRACTOR_VERSION }]);

    // nothing is stale any more
    expect((await reextractStale(db)).articles).toBe(0);
  });

  it('removes figures the new extractor no longer finds, unless an editor verified them', async () => {
    const db = await openTestDb();
    await storeDocument(db, { text: page, sourceName: SAMPLE.sourceName, district: SAMPLE.district });
    const before = await factsOf(db);
    const lastOfArticle = new Map<number, number>();
    for (const f of before) lastOfArticle.set(f.article_id, f.id);
    const [keep, drop] = [...lastOfArticle.values()];
    await db.run("UPDATE facts SET review_status = 'verified' WHERE id = ?", [keep]);
    await db.run("UPDATE articles SET extractor_version = '0.0.1'");
    const newer: Extractor = { ...older, version: '99.0.0', extract: (t, o) => ({ ...older.extract(t, o), extractorVersion: '99.0.0' }) };
    const totals = await reextractStale(db, { extractor: newer });
    expect(totals.keptReviewed).toBe(1);
    const ids = new Set((await factsOf(db)).map((f) => f.id));
    expect(ids.has(keep)).toBe(true);
    expect(ids.has(drop)).toBe(false);
    expect((await factsOf(db)).length).toBe(before.length - lastOfArticle.size + 1);
  });
});
