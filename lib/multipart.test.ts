import { describe, expect, it } from 'vitest';
import { BodyError } from './body';
import { readMultipart, type MultipartLimits } from './multipart';

const BOUNDARY = 'figuresBoundary';
const LIMITS: MultipartLimits = { maxTotalBytes: 1024 * 1024, maxFileBytes: 64 * 1024, maxFiles: 3, maxFieldBytes: 1024, maxFields: 10 };

function field(name: string, value: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}
function fileHead(name: string, fileName: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
}

/** A request whose body is produced chunk by chunk; `pulled` counts the chunks the reader took. */
function streamed(chunks: () => Iterator<string | Uint8Array>) {
  const it = chunks();
  const counter = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      const next = it.next();
      if (next.done) { c.close(); return; }
      counter.pulled++;
      c.enqueue(typeof next.value === 'string' ? new TextEncoder().encode(next.value) : next.value);
    },
  });
  const request = new Request('http://figures.test/api/articles', {
    method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, body, duplex: 'half',
  } as RequestInit);
  return { request, counter };
}

async function refusal(p: Promise<unknown>): Promise<BodyError> {
  try { await p; } catch (e) { if (e instanceof BodyError) return e; throw e; }
  throw new Error('expected a refusal');
}

describe('multipart uploads, streamed with caps', () => {
  it('reads fields and files', async () => {
    const { request } = streamed(function* () {
      yield field('source', '上城报');
      yield fileHead('files', 'a.txt');
      yield '望江街道投资1亿元。';
      yield `\r\n${fileHead('files', 'b.txt')}第二篇\r\n`;
      yield `--${BOUNDARY}--\r\n`;
    });
    const form = await readMultipart(request, LIMITS, { fileFields: ['files'] });
    expect(form.fields).toEqual({ source: '上城报' });
    expect(form.files.map((f) => [f.name, new TextDecoder().decode(f.bytes)])).toEqual([['a.txt', '望江街道投资1亿元。'], ['b.txt', '第二篇']]);
  });

  it('stops reading a file past its cap as the bytes arrive (413), not after the whole body', async () => {
    const { request, counter } = streamed(function* () {
      yield fileHead('files', 'big.txt');
      for (let i = 0; i < 10_000; i++) yield new Uint8Array(16 * 1024).fill(0x61);
      yield `\r\n--${BOUNDARY}--\r\n`;
    });
    const error = await refusal(readMultipart(request, { ...LIMITS, maxTotalBytes: 1024 * 1024 * 1024 }, { fileFields: ['files'] }));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/big\.txt is over 64 KB/);
    expect(counter.pulled).toBeLessThan(20);
  });

  it('stops at the total cap, whatever the parts', async () => {
    const { request, counter } = streamed(function* () {
      for (let i = 0; i < 10_000; i++) yield field(`f${i % 5}`, 'x'.repeat(1000));
    });
    const error = await refusal(readMultipart(request, { ...LIMITS, maxFields: 100_000, maxTotalBytes: 100 * 1024 }, { fileFields: ['files'] }));
    expect(error.status).toBe(413);
    expect(counter.pulled).toBeLessThan(200);
  });

  it('refuses a declared length over the cap before reading a byte', async () => {
    const request = new Request('http://figures.test/', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(50 * 1024 * 1024) }, body: 'x' });
    expect((await refusal(readMultipart(request, LIMITS, { fileFields: ['files'] }))).status).toBe(413);
    expect(request.bodyUsed).toBe(false);
  });

  it('runs the check before the first file: a wrong token stops the upload there (403)', async () => {
    const { request, counter } = streamed(function* () {
      yield field('csrf_token', 'guess');
      yield fileHead('files', 'a.txt');
      for (let i = 0; i < 1000; i++) yield new Uint8Array(1024).fill(0x61);
    });
    const check = (fields: Readonly<Record<string, string>>) => { if (fields.csrf_token !== 'secret') throw new BodyError(403, 'wrong token'); };
    const error = await refusal(readMultipart(request, { ...LIMITS, maxFileBytes: 10 * 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 }, { fileFields: ['files'], beforeFirstFile: check }));
    expect(error.status).toBe(403);
    expect(counter.pulled).toBeLessThan(20);
  });

  it('refuses too many files, files in another field, and a body that is not multipart', async () => {
    const four = streamed(function* () {
      for (let i = 0; i < 4; i++) yield `${fileHead('files', `${i}.txt`)}x\r\n`;
      yield `--${BOUNDARY}--\r\n`;
    });
    expect((await refusal(readMultipart(four.request, LIMITS, { fileFields: ['files'] }))).message).toMatch(/at most 3 files/);
    const elsewhere = streamed(function* () { yield `${fileHead('avatar', 'a.png')}x\r\n--${BOUNDARY}--\r\n`; });
    expect((await refusal(readMultipart(elsewhere.request, LIMITS, { fileFields: ['files'] }))).status).toBe(400);
    const garbage = new Request('http://figures.test/', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
    expect((await refusal(readMultipart(garbage, LIMITS, { fileFields: ['files'] }))).status).toBe(400);
  });
});
