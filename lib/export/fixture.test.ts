// The bytes of the exports may not change when their code does (issue 15): a database filled by a seeded
// generator of our own (not lib/synth, which may change its data) is streamed as CSV and JSONL and compared
// with files and hashes recorded before the export code was last rewritten. The rows carry awkward cells
// (formula starts, quotes, commas, line breaks, control characters, characters beyond the BMP, nulls,
// doubles without a short decimal form) on both paths of the writers, and the large set crosses the
// cursor's pages with articles continuing from one page into the next.
//
// RECORD_EXPORT_FIXTURE=1 writes the files and prints the hashes instead of comparing (only when the
// export is meant to change: a new column, a new format rule).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { rederiveAll } from '../../db/derived';
import { countFacts } from '../../db/export';
import { openSharedTestDb, openTestDb } from '../../db/testing';
import { warmExportWorkers } from './parallel';
import { exportStream, type StreamOptions } from './stream';
import type { ExportFormat } from './urls';
import { rng } from '../synth';

const FIXTURES = join(__dirname, 'fixtures');
const RECORD = process.env.RECORD_EXPORT_FIXTURE === '1';

/** sha256 of the exports of the large set (LARGE_FACTS facts), recorded with the fixture files. */
const LARGE_HASHES: Record<string, string> = {
  csv: '797608d6c4022a9eb5db7081bfaadfe28f271fc0e979f464516c85db3f0c023c',
  jsonl: 'a3893cfe8e9904006dabb9b5907800df4d89ae9c1ae0d3b26612a623fdce227f',
};
const SMALL_FACTS = 240;
const LARGE_FACTS = 9_500;

const AWKWARD = ['=1+2', '+31', '-7户', '@SUM(A1)', '\t9亩', '\r5家', 'a,b', 'x"y', 'line\nbreak', 'a\\b', '𠮷村', 'a\u0001b', '\u2028', 'x\u007f', ''];
const PLAIN = ['上城区', '望江街道', '近江社区', '问题', '企业', '解决', '收集', '投资', 'stated', 'inherited', 'day', 'month', '万元', '户'];
const DISTRICTS = [['上城区', '330102'], ['=区,"', '=33'], [null, null], ['', '']] as const;
const STREETS = [['望江街道', '330102007'], ['a\nb', '\r5'], ['𠮷街道', '330102999']] as const;
const COMMUNITIES = [['近江社区', '330102007001'], ['x"y村', '@1'], [null, '330102007002']] as const;
const METRICS = ['investment', 'problems_resolved', 'problems_collected', 'land_cleared', 'households_resettled', 'growth_rate', 'other', 'not_a_metric'];
const UNITS = ['CNY', 'count', 'mu', 'percent', 'household', 'sqm'];
const NUMBERS = [0, -0, 1, -3.5, 0.1 + 0.2, 1e21, 123456789.123, 2.5e-7, 88000000];

async function fill(db: Db, facts: number, seed: number): Promise<void> {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  /** a text cell: mostly plain, sometimes awkward, sometimes null */
  const cell = (nullable = true): string | null => {
    const r = random();
    if (nullable && r < 0.15) return null;
    return r < 0.18 ? pick(AWKWARD) : pick(PLAIN);
  };
  /** district, street and community with their codes: a code names one place at one level */
  const place = (): (string | null)[] => {
    const [district, districtCode] = pick(DISTRICTS);
    const r = random();
    if (r < 0.1) return [district, districtCode, null, null, null, null];
    const [street, streetCode] = pick(STREETS);
    if (r < 0.5) return [district, districtCode, street, streetCode, null, null];
    const [community, communityCode] = pick(COMMUNITIES);
    return [district, districtCode, street, streetCode, community, communityCode];
  };
  await db.run("INSERT INTO sources (name, district, district_code, synthetic) VALUES ('上城报', '上城区', '330102', 0), ('=src,\"x\"', NULL, NULL, 1)");
  const sourceIds = (await db.all<{ id: number }>('SELECT id FROM sources ORDER BY id')).map((s) => s.id);
  let written = 0;
  for (let articleNo = 0; written < facts; articleNo++) {
    const count = Math.min(facts - written, 1 + Math.floor(random() * 40));
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) sentences.push(`第${i}句，${cell(false)}数字${i}${pick(['万元', '户', '亩'])}${random() < 0.1 ? '𠮷' : ''}。${random() < 0.05 ? '\n' : ''}`);
    const text = sentences.join('');
    const articleId = (await db.get<{ id: number }>(`INSERT INTO articles (source_id, title, published_on, url, text, sha256, ingested_at, extractor_version)
      VALUES (?, ?, ?, ?, ?, ?, '2024-01-02T03:04:05Z', '0.4.0') RETURNING id`, [
      random() < 0.1 ? null : pick(sourceIds), cell(), random() < 0.2 ? null : `2023-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`,
      cell(), text, `fixture-${seed}-${articleNo}`,
    ]))!.id;
    let offset = 0;
    const rows: (string | number | null)[][] = [];
    for (const [i, sentence] of sentences.entries()) {
      const start = offset;
      offset += sentence.length;
      const figureAt = start + 3 + Math.floor(random() * (sentence.length - 4));
      const status = pick(['unreviewed', 'unreviewed', 'verified', 'corrected', 'rejected', 'line\nbreak']);
      rows.push([
        `${cell(false)}-${seed}-${articleNo}-${i}`, articleId, pick(NUMBERS), random() < 0.8 ? null : pick(NUMBERS), random() < 0.8 ? null : pick(NUMBERS),
        pick(UNITS), pick(['exact', 'over', 'about', 'under']), pick(METRICS), cell(false) ?? '', figureAt, figureAt + 1, start, offset,
        ...place(), cell(false), random() < 0.1 ? null : `2023-0${1 + Math.floor(random() * 9)}-0${1 + Math.floor(random() * 9)}`,
        random() < 0.1 ? null : pick(['day', 'month', 'quarter', 'year', 'a\\b']), cell(false), random() < 0.3 ? 1 : 0, cell(false),
        cell(), pick(['measured', 'attribute', 'plan', 'stock']), cell(), cell(), cell(), cell(), cell(), cell(), cell(),
        random() < 0.3 ? null : pick(NUMBERS), cell(), status,
        status === 'corrected' ? pick(NUMBERS) : null, status === 'corrected' && random() < 0.5 ? pick(UNITS) : null, status === 'corrected' && random() < 0.5 ? pick(METRICS) : null,
      ]);
    }
    const placeholders = `(${Array.from({ length: rows[0].length }, () => '?').join(', ')})`;
    await db.run(`INSERT INTO facts (uid, article_id, value, low, high, unit, qualifier, metric, text, start, "end", sentence_start, sentence_end,
        district, district_code, street, street_code, community, community_code, place_provenance, date, date_precision, date_provenance, cumulative, extractor_version,
        unit_word, role, object, object_class, action, action_class, aspect, unit_class, measure_class, metric_confidence, metric_source, review_status,
        corrected_value, corrected_unit, corrected_metric)
      VALUES ${rows.map(() => placeholders).join(', ')}`, rows.flat());
    written += count;
  }
  // written around the app's writers: derive what they would have
  await rederiveAll(db);
}

async function exported(db: Db, format: ExportFormat, options: StreamOptions = {}, pauseMs = 0): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = exportStream(db, {}, format, options).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    // a slow reader: a worker thread has time to join
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('export bytes against the recorded fixtures', () => {
  let small: Db;
  let large: Db;
  beforeAll(async () => {
    small = await openTestDb();
    // a file, so that a worker thread can share the export (lib/export/parallel.ts)
    ({ db: large } = await openSharedTestDb());
    await fill(small, SMALL_FACTS, 7);
    await fill(large, LARGE_FACTS, 8);
  }, 120_000);
  afterAll(async () => {
    await small?.close();
    await large?.close();
  });

  const files: [string, ExportFormat, StreamOptions][] = [
    ['small.csv', 'csv', {}],
    ['small-base.csv', 'csv', { baseUrl: 'https://figures.example.org/', bom: false }],
    ['small.jsonl', 'jsonl', {}],
    ['small-base.jsonl', 'jsonl', { baseUrl: 'http://x,"y"' }],
  ];
  for (const [file, format, options] of files) {
    it(`${file}: the same bytes as recorded`, async () => {
      const bytes = await exported(small, format, options);
      const path = join(FIXTURES, file);
      if (RECORD) { writeFileSync(path, bytes); return; }
      expect(existsSync(path), `${path} is missing: record it from the export code before a change`).toBe(true);
      expect(bytes.toString('utf8')).toBe(readFileSync(path, 'utf8'));
    });
  }

  for (const format of ['csv', 'jsonl'] as const) {
    it(`${LARGE_FACTS} facts as ${format}: the same sha256 as recorded, in chunks of any size`, async () => {
      const hash = sha256(await exported(large, format));
      if (RECORD) { console.log(`LARGE_HASHES.${format} = '${hash}'`); return; }
      expect(hash).toBe(LARGE_HASHES[format]);
      expect(sha256(await exported(large, format, { chunkRows: 7 }))).toBe(hash);
    }, 60_000);

    it(`${LARGE_FACTS} facts as ${format}, shared with a worker thread in small ranges: the same sha256`, async () => {
      const sqliteFile = large.dialect === 'sqlite';
      if (sqliteFile) expect(await warmExportWorkers()).toBe(true);
      const shares: { main: number; worker: number }[] = [];
      const sharing = { joinAfterRows: 1000, rangeRows: 600, onEnd: (rows: { main: number; worker: number }) => shares.push(rows) };
      expect(sha256(await exported(large, format, { sharing, chunkRows: 50 }, 1))).toBe(LARGE_HASHES[format]);
      expect(shares[0].main + shares[0].worker).toBe(await countFacts(large, {}));
      // PostgreSQL exports on one connection
      if (sqliteFile) expect(shares[0].worker).toBeGreaterThan(1000);
      else expect(shares[0].worker).toBe(0);
    }, 60_000);
  }
});
