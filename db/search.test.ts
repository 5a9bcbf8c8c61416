// A search hit carries the figures stated in its sentence: those of that sentence only (not of the sentences
// after it in a long article), rejected ones left out. On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './client';
import { searchText } from './search';
import { openTestDb } from './testing';
import { storeArticle } from '../lib/views/testFixtures';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
  const text = '望江街道工作简报\n望江街道今年改造老旧小区12个，惠及居民3400户。南星街道新增就业岗位560个。望江街道整改隐患87处。';
  await storeArticle(db, text, [
    { text: '12个', value: 12, unit: 'count', metric: 'other' },
    { text: '3400户', value: 3400, unit: 'count', metric: 'households_served' },
    { text: '560个', value: 560, unit: 'count', metric: 'other' },
    { text: '87处', value: 87, unit: 'count', metric: 'problems_resolved' },
  ]);
  await db.run("UPDATE facts SET review_status = 'rejected' WHERE text = '3400户'");
});
afterAll(async () => { await db.close(); });

describe('search hits', () => {
  it("carry the figures of their own sentence, rejected ones left out", async () => {
    const { hits } = await searchText(db, '老旧小区');
    expect(hits).toHaveLength(1);
    expect(hits[0].figures.map((f) => f.text)).toEqual(['12个']);
    const later = await searchText(db, '就业岗位');
    expect(later.hits.map((h) => h.figures.map((f) => f.text))).toEqual([['560个']]);
    const last = await searchText(db, '整改隐患');
    expect(last.hits.map((h) => h.figures.map((f) => f.text))).toEqual([['87处']]);
  });
});
