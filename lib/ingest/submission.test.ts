import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openTestDb } from '../../db/testing';
import { makeScannedPdf } from './fixtures/make';
import { SubmissionError, ingestSubmission, parseSubmissionFields, type ShownDocument } from './submission';

const TEXT = '望江街道工作简报\n\n截至4月底，望江街道累计完成征收拆迁1200户，完成投资3.2亿元。';
const fields = (extra: Record<string, unknown> = {}) => parseSubmissionFields({ text: null, source: '上城报', district: '上城区', ...extra });

describe('the web submission (POST /api/articles)', () => {
  it('stores pasted text and answers with the article and its highlighted spans', async () => {
    const db = await openTestDb();
    const answer = await ingestSubmission(db, { fields: fields({ text: TEXT, published: '2020-04-30', title: '简报' }), files: [] });
    expect(answer.status).toBe(201);
    const body = answer.body as { documents: ShownDocument[]; added: number; figures: number };
    expect(body.added).toBe(1);
    const doc = body.documents[0];
    if (doc.status !== 'stored') throw new Error('not stored');
    const [article] = doc.articles;
    expect(article.publishedOn).toBe('2020-04-30');
    expect(article.facts.length).toBeGreaterThanOrEqual(2);
    for (const f of article.facts) expect(article.text.slice(f.start, f.end)).toBe(f.text);
    expect(article.facts.map((f) => f.text).join(' ')).toMatch(/1200户/);

    // the same text as a GB18030 file: a duplicate, 200
    const again = await ingestSubmission(db, { fields: fields(), files: [{ name: 'same.txt', bytes: iconv.encode(TEXT, 'gb18030') }] });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ added: 0, duplicates: 1 });
  });

  it('answers 400/413/415 with the reason when nothing could be stored, 201 with the failures listed when some could', async () => {
    const db = await openTestDb();
    expect((await ingestSubmission(db, { fields: fields(), files: [] })).status).toBe(400);
    expect((await ingestSubmission(db, { fields: fields(), files: [{ name: 'big.txt', bytes: Buffer.alloc(2048, 0x41) }] }, {}, 1024)).status).toBe(413);
    expect((await ingestSubmission(db, { fields: fields(), files: [{ name: 'a.png', bytes: Buffer.from([0x89, 0x50, 0, 0, 1]) }] })).status).toBe(415);
    const scan = await ingestSubmission(db, { fields: fields(), files: [{ name: 'scan.pdf', bytes: makeScannedPdf() }] });
    expect(scan.status).toBe(400);
    expect(scan.body).toMatchObject({ reason: 'no-text-layer' });
    const mixed = await ingestSubmission(db, { fields: fields({ text: TEXT }), files: [{ name: 'empty.txt', bytes: new Uint8Array() }] });
    expect(mixed.status).toBe(201);
    expect(mixed.body).toMatchObject({ added: 1, failed: 1 });
  });

  it('refuses malformed fields naming the field', async () => {
    expect(() => fields({ published: '2020-02-30' })).toThrow(SubmissionError);
    expect(() => fields({ published: '2020-02-30' })).toThrow(/published/);
    expect(() => fields({ url: 'javascript:alert(1)' })).toThrow(/url/);
    expect(fields({ published: '' }).published).toBeNull();
  });
});
