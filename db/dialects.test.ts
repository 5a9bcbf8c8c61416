// SQLite and PostgreSQL hold and give the same (issue 13). On the PostgreSQL round of `npm test`
// (TEST_DATABASE_URL set) one corpus — the sample page and street bulletins, with fact checks and reviews — is
// ingested into both engines and every read compared: CSV and JSONL exports byte for byte, the checks, the
// dashboard's numbers and Chinese search. On either round: every large table carries its district code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './client';
import { countFacts, placesInData } from './export';
import { searchText } from './search';
import { freshSqlitePath, openTestDb, openThrowawayDb, testServerUrl } from './testing';
import { checksCsv, checksData } from '../lib/views/checks';
import { overviewData, overviewJson } from '../lib/views/overview';
import { placeData, placeJson } from '../lib/views/place';
import { tableCsv } from '../lib/views/shared';
import { exportStream } from '../lib/export/stream';
import type { ExportFormat } from '../lib/export/urls';
import { loadCorpus } from '../lib/ingest/fixtures/corpus';
import type { FactQuery } from './export';

async function bytesOf(db: Db, query: FactQuery, format: ExportFormat): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = exportStream(db, query, format, { baseUrl: 'https://figures.example.org' }).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Numbers rounded to 9 significant digits: sums of the same figures may differ in the last bits by engine. */
function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v))) as T;
}

describe('every large table', () => {
  it('carries the district code a distributed database shards it by', async () => {
    const db = await openTestDb();
    try {
      await loadCorpus(db);
      const tables: [string, string][] = [
        // [table, the district it must carry]
        ['checks', 'coalesce((SELECT a.district_code FROM articles a WHERE a.id = t.article_id), (SELECT min(f.district_code) FROM check_facts cf JOIN facts f ON f.id = cf.fact_id WHERE cf.check_id = t.id))'],
        ['check_facts', '(SELECT c.district_code FROM checks c WHERE c.id = t.check_id)'],
        ['search_passages', '(SELECT a.district_code FROM articles a WHERE a.id = t.article_id)'],
        ['review_events', '(SELECT f.district_code FROM facts f WHERE f.uid = t.fact_uid)'],
      ];
      for (const [table, expected] of tables) {
        const row = await db.get<{ rows: number; placed: number; wrong: number }>(`SELECT count(*) AS rows,
            sum(CASE WHEN t.district_code IS NULL THEN 0 ELSE 1 END) AS placed,
            sum(CASE WHEN coalesce(t.district_code, '') <> coalesce(${expected}, '') THEN 1 ELSE 0 END) AS wrong
          FROM ${table} t`);
        expect(row!.rows, table).toBeGreaterThan(0);
        expect(row!.placed, table).toBeGreaterThan(0);
        expect(row!.wrong, table).toBe(0);
      }
    } finally {
      await db.close();
    }
  });
});

const server = testServerUrl();

describe.skipIf(!server)('the same corpus on SQLite and PostgreSQL', () => {
  let sqlite: Db;
  let postgres: Db;
  beforeAll(async () => {
    sqlite = await openThrowawayDb(freshSqlitePath());
    postgres = await openTestDb();
    expect(postgres.dialect).toBe('postgres');
    await loadCorpus(sqlite);
    await loadCorpus(postgres);
  }, 120_000);
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it('exports byte-identical CSV and JSONL', async () => {
    const views: FactQuery[] = [{}, { includeRejected: true }, { district: ['330102'], metric: ['investment'] }, { source: '望江街道办事处', unit: 'count' },
      { from: '2020-01-01', to: '2020-12-31' }, { pick: { kind: 'street', code: null } }];
    for (const view of views) {
      const csv = await bytesOf(sqlite, view, 'csv');
      expect(csv.toString('utf8').split('\r\n').length, JSON.stringify(view)).toBeGreaterThan(2);
      expect((await bytesOf(postgres, view, 'csv')).equals(csv), `CSV of ${JSON.stringify(view)}`).toBe(true);
      expect((await bytesOf(postgres, view, 'jsonl')).equals(await bytesOf(sqlite, view, 'jsonl')), `JSONL of ${JSON.stringify(view)}`).toBe(true);
      expect(await countFacts(postgres, view)).toBe(await countFacts(sqlite, view));
    }
    expect(await countFacts(postgres, { includeRejected: true })).toBeGreaterThan(100);
  });

  it('holds the same checks, and exports them alike (but for when they were computed)', async () => {
    const csv = async (db: Db) => tableCsv(checksCsv(await checksData(db, new URLSearchParams()))).replace(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\r\n/g, ',\r\n');
    const want = await csv(sqlite);
    expect(want.split('\r\n').length).toBeGreaterThan(10);
    expect(await csv(postgres)).toBe(want);
  });

  it('answers the dashboard alike', async () => {
    // each view's data as its JSON twin gives it: charts, totals and the figure list
    for (const query of ['', 'metric=investment', 'metric=problems_resolved&district=330102', 'district=330102', 'metric=investment&granularity=year']) {
      const view = async (db: Db) => rounded(overviewJson(await overviewData(db, new URLSearchParams(query))));
      expect(await view(postgres), query).toEqual(await view(sqlite));
    }
    const place = async (db: Db) => rounded(placeJson(await placeData(db, '330102', new URLSearchParams())));
    expect(await place(postgres)).toEqual(await place(sqlite));
    expect(await placesInData(postgres)).toEqual(await placesInData(sqlite));
  });

  it('finds 投资 and 街道 (and more) in the same sentences of every article saying them', async () => {
    for (const term of ['投资', '街道', '征收', '解决率']) {
      // ranked by each engine's own relevance (bm25, ts_rank): the same hits, maybe in another order
      const sorted = (r: Awaited<ReturnType<typeof searchText>>) => [...r.hits].sort((a, b) => a.articleId - b.articleId || a.start - b.start);
      const [got, want] = [await searchText(postgres, term, 5000), await searchText(sqlite, term, 5000)];
      expect(sorted(got), term).toEqual(sorted(want));
      expect(want.hits.every((h) => h.passage.includes(term)), term).toBe(true);
      // every article whose title or text says it is found
      const articles = await sqlite.all<{ id: number; title: string | null; text: string }>('SELECT id, title, text FROM articles ORDER BY id');
      const saying = articles.filter((a) => a.text.includes(term) || a.title?.includes(term)).map((a) => a.id);
      expect(saying.length, term).toBeGreaterThan(0);
      expect([...new Set(want.hits.map((h) => h.articleId))].sort((a, b) => a - b), term).toEqual(saying);
    }
  });
});

describe.skipIf(!server)('PostgreSQL text columns', () => {
  it('compare byte by byte (COLLATE "C"), as SQLite does, whatever the database\'s locale', async () => {
    const db = await openTestDb();
    try {
      const loose = await db.all<{ column: string }>(`SELECT table_name || '.' || column_name AS "column" FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'text' AND coalesce(collation_name, '') <> 'C' ORDER BY 1`);
      expect(loose).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
