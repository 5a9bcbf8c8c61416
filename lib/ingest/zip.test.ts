import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IngestError } from './errors';
import { makeDocx, makeDocxBomb, makeZip } from './fixtures/make';
import { readDocument } from './formats';
import { storedZip, unzipWithin } from './zip';

const MB = 1024 * 1024;

async function refusal(promise: Promise<unknown>): Promise<IngestError> {
  try { await promise; } catch (error) { if (error instanceof IngestError) return error; throw error; }
  throw new Error('expected a refusal');
}

describe('a .docx is measured as it inflates', () => {
  it('refuses a bomb (300 MB of XML in a few hundred KB) at the ratio cap, holding little memory', async () => {
    const bomb = await makeDocxBomb(300 * MB);
    expect(bomb.length).toBeLessThan(2 * MB);
    const before = process.memoryUsage().rss;
    const error = await refusal(readDocument('bomb.docx', bomb, 20 * MB));
    expect(error.reason).toBe('too-large');
    expect(error.message).toMatch(/unpacks to more than the 20\.0 MB limit/);
    // under a larger size limit, the compression ratio stops it as early
    expect(() => unzipWithin(bomb, { maxTotalBytes: 500 * MB, maxEntries: 10, maxRatio: 100 })).toThrow(/100 times its size/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
  });

  it('refuses XML past the size limit even at an ordinary compression ratio', async () => {
    // varied text compresses a few times, not a hundred: the total cap decides
    const text = Array.from({ length: 60_000 }, (_, i) => `第${i}段：望江街道投资${i * 7 % 997}万元，完成项目${i % 13}个。`);
    const docx = makeDocx(text);
    expect(docx.length).toBeLessThan(2 * MB);
    const error = await refusal(readDocument('long.docx', docx, 2 * MB));
    expect(error).toMatchObject({ reason: 'too-large' });
    expect(error.message).toMatch(/unpacks to more than the 2\.0 MB limit/);
    // the same file under a larger limit reads
    const doc = await readDocument('long.docx', docx, 20 * MB);
    expect(doc.text).toContain('第59999段');
  });

  it('measures the stored text too: a text file decoded past the limit is refused', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('街道'.repeat(300_000), 'utf16le')]);
    // 1.2 MB of UTF-16 is 1.8 MB of UTF-8
    expect((await refusal(readDocument('wide.txt', utf16, 1.5 * MB))).reason).toBe('too-large');
  });

  it('unpacks every entry within the limits and repacks them without compression', () => {
    const zip = makeZip([{ name: 'a.xml', data: Buffer.from('<a>望江</a>') }, { name: 'b/c.xml', data: Buffer.from('x'.repeat(5000)) }]);
    const entries = unzipWithin(zip, { maxTotalBytes: MB, maxEntries: 10, maxRatio: 100 });
    expect(entries.map((e) => [e.name, e.data.length])).toEqual([['a.xml', 13], ['b/c.xml', 5000]]);
    const again = unzipWithin(storedZip(entries), { maxTotalBytes: MB, maxEntries: 10, maxRatio: 1 });
    expect(again.map((e) => e.data.toString())).toEqual(entries.map((e) => e.data.toString()));
    expect(() => unzipWithin(zip, { maxTotalBytes: 4000, maxEntries: 10, maxRatio: 100 })).toThrow(/unpacks to more than/);
    expect(() => unzipWithin(zip, { maxTotalBytes: MB, maxEntries: 1, maxRatio: 100 })).toThrow(/entries/);
  });

  it('refuses damaged archives as unreadable, never crashing', () => {
    const zip = makeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    const limits = { maxTotalBytes: MB, maxEntries: 10, maxRatio: 100 };
    for (const cut of [10, 30, zip.length - 30, zip.length - 5]) expect(() => unzipWithin(zip.subarray(0, cut), limits)).toThrow(IngestError);
    const corrupt = Buffer.from(zip);
    corrupt.fill(0xaa, 40, 50);
    expect(() => unzipWithin(corrupt, limits)).toThrow(IngestError);
    // a directory that points past the end
    const lying = Buffer.from(zip);
    lying.writeUInt32LE(0x7fffffff, lying.length - 6);
    expect(() => unzipWithin(lying, limits)).toThrow(/outside the file/);
    expect(deflateRawSync(Buffer.from('x')).length).toBeGreaterThan(0);
  });
});
