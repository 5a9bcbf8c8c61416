// The researcher API and the exports, end to end through the route handlers, on a temp database:
// synthetic bulk data plus one hand-made "real" article whose figures carry every awkward cell
// (formulas, quotes, commas, line breaks, a character beyond the BMP, a negative value).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './client';
import { openSharedTestDb, useAppDatabase } from './testing';
import { countFacts, factsAfter, placesInData, type FactQuery } from './export';
import { COLUMN_NAMES, NUMERIC_COLUMNS, type ExportRow } from '../lib/export/columns';
import { rederiveAll } from './derived';
import { generateSynthetic } from '../lib/synth';

let db: Db;
let restoreAppDatabase: () => void;

type Handler = (request: Request) => Promise<Response>;
let apiFacts: Handler, apiCount: Handler, apiPlaces: Handler, apiMetrics: () => Promise<Response>, csvRoute: Handler, jsonlRoute: Handler;

const ORIGIN = 'http://figures.test';
const get = (handler: Handler, pathAndQuery: string) => handler(new Request(`${ORIGIN}${pathAndQuery}`));

// text cells that a spreadsheet would run, as figure_text of the hand-made article
const FORMULAS = ['=1+2', '+31', '-7户', '@SUM(A1)', '\t9亩', '\r5家'];
const ASTRAL = '𠮷'; // U+20BB7: two UTF-16 units, one character for SQLite

async function insertRealArticle(): Promise<void> {
  await db.run("INSERT INTO sources (name, district, district_code) VALUES ('上城报', '上城区', '330102')");
  const sourceId = (await db.get<{ id: number }>("SELECT id FROM sources WHERE name = '上城报'"))!.id;
  const sentences = [
    `${ASTRAL}${ASTRAL}望江街道标题\n`,
    '他说："投资=1+2,真的"，\n另起一行。',
    ...FORMULAS.map((f, i) => `第${i}句，望江街道数字${f}。`),
    '同比下降3.5%。',
  ];
  const text = sentences.join('');
  const articleId = (await db.get<{ id: number }>(`INSERT INTO articles (source_id, title, published_on, url, text, sha256, ingested_at, extractor_version)
    VALUES (?, ?, ?, ?, ?, ?, '2020-04-21T00:00:00Z', ?) RETURNING id`, [sourceId, '=HYPERLINK("http://evil")', '2020-04-21', 'https://example.org/a,1', text, 'real-article-hash', '0.1.0']))!.id;
  const insert = `INSERT INTO facts (uid, article_id, value, unit, qualifier, metric, text, start, "end", sentence_start, sentence_end,
    district, district_code, street, street_code, date, date_precision, extractor_version, review_status)
    VALUES (?, ?, ?, ?, 'exact', ?, ?, ?, ?, ?, ?, '上城区', '330102', '望江街道', '330102007', '2020-04-01', 'month', '0.1.0', ?)`;
  let offset = 0;
  for (const [i, sentence] of sentences.entries()) {
    const start = offset;
    offset += sentence.length;
    if (i === 0) continue;
    const figure = i === 1 ? '"投资=1+2,真的"' : i === sentences.length - 1 ? '3.5%' : FORMULAS[i - 2];
    const at = start + sentence.indexOf(figure);
    const value = i === sentences.length - 1 ? -3.5 : 10 * i;
    await db.run(insert, [`real-${i}`, articleId, value, i === sentences.length - 1 ? 'percent' : 'count', i === sentences.length - 1 ? 'growth_rate' : 'other',
      figure, at, at + figure.length, start, offset, i === 2 ? 'rejected' : 'unreviewed']);
  }
  // written around the app's writers: derive what they would have
  await rederiveAll(db);
}

beforeAll(async () => {
  const test = await openSharedTestDb();
  db = test.db;
  restoreAppDatabase = useAppDatabase(test.location); // the route handlers' getDb() opens this one
  await generateSynthetic(db, { facts: 3000, factsPerArticle: 15, seed: 7 });
  await insertRealArticle();
  apiFacts = (await import('../app/api/facts/route')).GET;
  apiCount = (await import('../app/api/facts/count/route')).GET;
  apiPlaces = (await import('../app/api/places/route')).GET;
  apiMetrics = (await import('../app/api/metrics/route')).GET;
  csvRoute = (await import('../app/export/facts.csv/route')).GET;
  jsonlRoute = (await import('../app/export/facts.jsonl/route')).GET;
});

afterAll(async () => {
  const { getDb } = await import('./client');
  await (await getDb()).close();
  restoreAppDatabase();
  await db.close();
});

/** Every row of the API for a query string, following next_cursor. */
async function allApiRows(query: string, limit = 1000): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const q = new URLSearchParams(query);
    q.set('limit', String(limit));
    if (cursor) q.set('cursor', cursor);
    const res = await get(apiFacts, `/api/facts?${q}`);
    expect(res.status).toBe(200);
    const body = await res.json() as { rows: ExportRow[]; next_cursor: string | null };
    rows.push(...body.rows);
    cursor = body.next_cursor;
    if (!cursor) return rows;
  }
  throw new Error('too many pages');
}

async function csvOf(query: string): Promise<{ res: Response; bytes: Uint8Array; records: Record<string, string>[] }> {
  const res = await get(csvRoute, `/export/facts.csv${query ? `?${query}` : ''}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const records = parse(Buffer.from(bytes), { bom: true, columns: true, skip_empty_lines: false }) as Record<string, string>[];
  return { res, bytes, records };
}

/** A CSV cell read back: the apostrophe guard removed, numbers and booleans typed as in JSON. */
function fromCsv(name: keyof ExportRow, cell: string): unknown {
  if (NUMERIC_COLUMNS.has(name)) return cell === '' ? null : Number(cell);
  if (name === 'cumulative' || name === 'synthetic') return cell === 'true';
  if (cell === '') return null;
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

describe('CSV export', () => {
  it('round-trips through csv-parse to the values of the API, row for row, in the same order', async () => {
    const { res, records } = await csvOf('');
    expect(res.status).toBe(200);
    const api = await allApiRows('');
    expect(records.length).toBe(api.length);
    expect(records.length).toBe(await countFacts(db, {}));
    expect(Object.keys(records[0])).toEqual(COLUMN_NAMES);
    records.forEach((record, i) => {
      for (const name of COLUMN_NAMES) {
        const expected = api[i][name];
        expect(fromCsv(name, record[name]), `${name} of row ${i}`).toEqual(name === 'sentence' || name === 'figure_text' || typeof expected !== 'string' ? expected : expected === '' ? null : expected);
      }
    });
  });

  it('neutralises formula cells and keeps negative numbers numeric', async () => {
    const { records } = await csvOf('source=上城报&include_rejected=1');
    const byText = new Map(records.map((r) => [r.uid, r]));
    expect(records.length).toBe(FORMULAS.length + 2);
    for (const [i, formula] of FORMULAS.entries()) {
      const cell = byText.get(`real-${i + 2}`)!.figure_text;
      expect(cell).toBe(`'${formula}`);
    }
    const title = records[0].article_title;
    expect(title.startsWith("'=")).toBe(true);
    const decrease = byText.get(`real-${FORMULAS.length + 2}`)!;
    expect(decrease.value).toBe('-3.5');
    expect(decrease.figure_text).toBe('3.5%');
    // a text cell with quotes, a comma and a line break survives quoting
    expect(byText.get('real-1')!.sentence).toBe('他说："投资=1+2,真的"，\n另起一行。');
  });

  it('cuts sentences by UTF-16 offsets, right after a character beyond the BMP', async () => {
    const rows = await allApiRows('source=上城报');
    expect(rows[0].sentence).toBe('他说："投资=1+2,真的"，\n另起一行。');
    expect(rows.at(-1)!.sentence).toBe('同比下降3.5%。');
  });

  it('starts with a UTF-8 BOM by default and not with bom=0', async () => {
    const withBom = await csvOf('metric=investment');
    expect([...withBom.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const without = await csvOf('metric=investment&bom=0');
    expect(String.fromCharCode(...without.bytes.slice(0, 3))).toBe('id,');
    expect(without.records.length).toBe(withBom.records.length);
  });

  it('has as many rows as the count of the same filters, for several views', async () => {
    const views = ['district=330102', 'district=330105&metric=investment', 'from=2020-01-01&to=2020-12-31', 'qualifier=about&unit=count',
      'source=上城报', 'source=上城报&include_rejected=1', 'community=330102001051',
      'district=330102&pick=street:none', 'district=330102&pick=street:330102007', 'metric=gdp&pick=month:2020-04', 'lang=en&pick=community:none'];
    for (const view of views) {
      const { records } = await csvOf(view);
      const count = await (await get(apiCount, `/api/facts/count?${view}`)).json() as { count: number };
      expect(records.length, view).toBe(count.count);
      expect((await allApiRows(view, 97)).map((r) => r.id), view).toEqual(records.map((r) => Number(r.id)));
    }
  });

  it('names the filters in its file name', async () => {
    const { res } = await csvOf('district=330102&metric=investment&from=2020-01-01&to=2020-06-30');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toContain('attachment; filename="civic-figures_district-330102_metric-investment_2020-01-01_to_2020-06-30.csv"');
    const withSource = (await csvOf('source=上城报')).res.headers.get('content-disposition')!;
    expect(withSource).toContain(`filename*=UTF-8''${encodeURIComponent('civic-figures_source-上城报.csv')}`);
    expect(res.headers.get('content-type')).toContain('text/csv');
  });
});

describe('JSONL export', () => {
  it('holds the same rows as the API', async () => {
    const res = await get(jsonlRoute, '/export/facts.jsonl?district=330106');
    const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as ExportRow);
    expect(lines).toEqual(await allApiRows('district=330106'));
    expect(lines.every((r) => r.fact_url === `${ORIGIN}/facts/${r.id}` && r.synthetic)).toBe(true);
  });
});

describe('GET /api/facts', () => {
  it('pages with a cursor, 100 rows by default, and labels metrics in Chinese and English', async () => {
    const res = await get(apiFacts, '/api/facts?unit=CNY');
    const body = await res.json() as { rows: ExportRow[]; next_cursor: string; limit: number };
    expect(body.limit).toBe(100);
    expect(body.rows).toHaveLength(100);
    const investment = body.rows.find((r) => r.metric === 'investment');
    expect(investment).toMatchObject({ metric_zh: '投资', metric_en: 'Investment', metric_group: 'money', review_status: 'unreviewed' });
    const next = await (await get(apiFacts, `/api/facts?unit=CNY&cursor=${body.next_cursor}`)).json() as { rows: ExportRow[] };
    expect(next.rows[0].id).toBeGreaterThan(body.rows[99].id);
  });

  it('refuses a cursor made for other filters', async () => {
    const body = await (await get(apiFacts, '/api/facts?metric=investment&limit=5')).json() as { next_cursor: string };
    const res = await get(apiFacts, `/api/facts?metric=gdp&cursor=${body.next_cursor}`);
    expect(res.status).toBe(400);
    expect((await res.json() as { parameter: string }).parameter).toBe('cursor');
  });

  it('answers 400 naming the parameter for bad requests', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'], ['limit=1001', 'limit'], ['limit=abc', 'limit'], ['limit=-5', 'limit'], ['limit=1e3', 'limit'],
      ['from=2020-13-01', 'from'], ['to=2021-02-30', 'to'], ['from=yesterday', 'from'], ['from=2021-01-01&to=2020-01-01', 'from'],
      ['cursor=zzz', 'cursor'], ['cursor=djEuMTIzLmFiYw', 'cursor'], ['metric=not_a_metric', 'metric'], ['qualifier=roughly', 'qualifier'],
      ['district=12345', 'district'], ['district=999999', 'district'], ['street=330102999', 'street'], ['community=330102001001', 'community'],
      ['district=330105&street=330102007', 'street'], ['source=不存在的报纸', 'source'], ['unit=furlongs', 'unit'],
      ['distrct=330102', 'distrct'], ['from=2020-01-01&from=2020-02-01', 'from'], ['metric=investment&metric=nonsense', 'metric'], ['include_rejected=yes', 'include_rejected'],
      ['pick=street:3301', 'pick'], ['pick=month:2020-13', 'pick'], ['pick=community:330102007', 'pick'], ['page=2', 'page'],
    ];
    for (const [query, parameter] of cases) {
      const res = await get(apiFacts, `/api/facts?${query}`);
      expect(res.status, query).toBe(400);
      const body = await res.json() as { error: string; parameter: string };
      expect(body.parameter, query).toBe(parameter);
      expect(body.error.startsWith(`${parameter}:`), query).toBe(true);
    }
    expect((await get(csvRoute, '/export/facts.csv?bom=2')).status).toBe(400);
    expect((await get(jsonlRoute, '/export/facts.jsonl?bom=0')).status).toBe(400);
    expect((await get(apiPlaces, '/api/places?level=country')).status).toBe(400);
  });

  it('keeps SQL injection strings inert in every parameter', async () => {
    const before = await countFacts(db, { includeRejected: true });
    const attacks = ["' OR 1=1 --", "330102' OR '1'='1", '1; DROP TABLE facts; --', "investment' UNION SELECT * FROM users --",
      "上城报'; DELETE FROM facts; --", "2020-01-01' OR date IS NULL --", '%27%20OR%201%3D1'];
    const params = ['district', 'street', 'community', 'metric', 'from', 'to', 'qualifier', 'source', 'unit', 'pick', 'limit', 'cursor', 'include_rejected', 'bom', 'lang'];
    for (const attack of attacks) {
      for (const param of params) {
        const q = new URLSearchParams({ [param]: attack });
        for (const [handler, route] of [[apiFacts, '/api/facts'], [csvRoute, '/export/facts.csv'], [jsonlRoute, '/export/facts.jsonl'], [apiCount, '/api/facts/count']] as const) {
          const res = await get(handler, `${route}?${q}`);
          expect([200, 400], `${route} ${param}=${attack}`).toContain(res.status);
          if (res.status === 200 && route === '/api/facts') expect((await res.json() as { rows: unknown[] }).rows).toHaveLength(0);
          else await res.arrayBuffer();
        }
      }
    }
    expect(await countFacts(db, { includeRejected: true })).toBe(before);
    // every table is still there
    for (const table of ['facts', 'articles', 'sources', 'users']) await db.get(`SELECT count(*) AS n FROM ${table}`);
  });
});

describe('GET /api/metrics and /api/places', () => {
  it('lists the taxonomy with labels, groups and units', async () => {
    const body = await (await apiMetrics()).json() as { metrics: { code: string; zh: string; en: string; units: string[] }[] };
    expect(body.metrics.find((m) => m.code === 'investment')).toMatchObject({ zh: '投资', en: 'Investment', group: 'money' });
  });

  it('lists the places present in the data, with levels, codes and counts that add up', async () => {
    const body = await (await get(apiPlaces, '/api/places')).json() as { places: Awaited<ReturnType<typeof placesInData>> };
    const districts = body.places.filter((p) => p.level === 'district');
    expect(districts.map((d) => d.code)).toContain('330102');
    for (const d of districts) expect(d.facts).toBe(await countFacts(db, { district: [d.code] }));
    const street = body.places.find((p) => p.level === 'street')!;
    expect(street.district_code).toBe(street.code.slice(0, 6));
    const streets = await (await get(apiPlaces, '/api/places?level=street')).json() as { places: { level: string }[] };
    expect(streets.places.every((p) => p.level === 'street')).toBe(true);
  });
});

describe('countFacts and factsAfter', () => {
  it('agree with each other for combined filters', async () => {
    const q: FactQuery = { district: ['330102'], from: '2021-01-01', to: '2022-12-31', qualifier: 'exact' };
    const rows = await factsAfter(db, q, 0, 100_000);
    expect(rows.length).toBe(await countFacts(db, q));
    expect(rows.every((r) => r.district_code === '330102' && r.date! >= '2021-01-01' && r.date! <= '2022-12-31' && r.qualifier === 'exact')).toBe(true);
  });
});

describe('streaming', () => {
  it('leaves the shared connection free to write while a download is held back', async () => {
    const { exportStream } = await import('../lib/export/stream');
    const reader = exportStream(db, {}, 'csv', { chunkRows: 100 }).getReader();
    await reader.read(); // header
    await reader.read(); // first rows: the export's read transaction is open now
    await db.run("UPDATE facts SET review_status = 'verified' WHERE id = 1");
    let rows = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rows += new TextDecoder().decode(value).split('\r\n').length - 1;
    }
    // the export read one snapshot: what it had not sent yet is still all there
    expect(rows + 100).toBe(await countFacts(db, {}));
    await db.run("UPDATE facts SET review_status = 'unreviewed' WHERE id = 1");
  });
});

describe('pick (a chart bar the view drilled into)', () => {
  it('selects the bar\'s figures, as the dashboard does', async () => {
    const unplaced = await countFacts(db, { district: ['330102'], pick: { kind: 'street', code: null } });
    expect(unplaced).toBe((await db.get<{ n: number }>("SELECT count(*) AS n FROM facts WHERE district_code = '330102' AND street_code IS NULL AND review_status <> 'rejected'"))!.n);
    expect(unplaced).toBeGreaterThan(0);
    const april = await factsAfter(db, { pick: { kind: 'period', period: '2020-04' } }, 0, 10_000);
    expect(april.length).toBeGreaterThan(0);
    expect(april.every((r) => r.date!.startsWith('2020-04'))).toBe(true);
  });
});
