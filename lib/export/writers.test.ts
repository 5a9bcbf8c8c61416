// The streaming writers must write byte for byte what the reference row writers (csvRow, jsonlRow of an
// ExportRow from factsAfter) write, for awkward cells too: those take the writers' slow paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openSharedTestDb } from '../../db/testing';
import { factsAfter } from '../../db/export';
import { generateSynthetic } from '../synth';
import { CSV_HEADER, csvRow, jsonlRow } from './csv';
import { exportStream } from './stream';

let db: Db;

beforeAll(async () => {
  // a database another connection can open too: the export reads in a snapshot of its own
  ({ db } = await openSharedTestDb());
  await generateSynthetic(db, { facts: 3000, factsPerArticle: 15, seed: 11 });
  const set = (id: number, assignments: string, ...values: (string | number | null)[]) => db.run(`UPDATE facts SET ${assignments} WHERE id = ?`, [...values, id]);
  await set(1, 'district = ?', 'a,b');
  await set(2, 'street = ?', '=SUM(1)');
  await set(3, 'community = ?', 'x"y');
  await set(4, 'text = ?', '-7户');
  await set(5, 'date_precision = ?', 'a\\b');
  await set(6, 'place_provenance = ?', 'tab\there');
  await set(7, 'unit = ?', '\tx');
  await set(8, 'review_status = ?', 'line\nbreak');
  await set(9, 'corrected_unit = ?, corrected_metric = ?', '@x', 'm,');
  await set(10, 'extractor_version = ?, uid = ?', '𠮷', '+uid');
  await set(11, 'low = ?, high = ?, corrected_value = ?, value = ?', 0.1 + 0.2, 1e21, -3.5, -0);
  await set(12, 'metric = ?', 'not_a_metric');
  await set(13, 'cumulative = 1, community = NULL, date = NULL');
  await set(14, 'district = ?, street_code = ?', '', '\r5');
  await set(15, 'text = ?', 'a\u0001b');
  await set(16, 'district_code = ?, date = ?', '\u2028', 'x\u007f');
  await db.run('UPDATE articles SET title = ?, url = ? WHERE id = 1', ['=HYPERLINK("http://evil")', 'https://example.org/a,1']);
  await db.run('UPDATE articles SET title = NULL, url = ? WHERE id = 2', ['say "hi"\\']);
});

afterAll(async () => {
  await db.close();
});

async function streamed(format: 'csv' | 'jsonl', baseUrl: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  const reader = exportStream(db, {}, format, { bom: false, baseUrl }).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

describe('streaming writers', () => {
  for (const baseUrl of ['', 'http://figures.test/', 'http://x,y', '=evil', 'a"b\\c']) {
    it(`write what csvRow and jsonlRow write (base "${baseUrl}")`, async () => {
      const rows = await factsAfter(db, {}, 0, 1_000_000, { baseUrl });
      expect(rows.length).toBeGreaterThan(2900);
      expect(await streamed('csv', baseUrl)).toBe(CSV_HEADER + rows.map(csvRow).join(''));
      expect(await streamed('jsonl', baseUrl)).toBe(rows.map(jsonlRow).join(''));
    });
  }
});
