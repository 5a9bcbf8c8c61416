import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../ingest/sample';
import { DecodeError, decodeText, encodingFromLabel, normaliseText } from './decode';

const page = readFileSync(SAMPLE.file, 'utf8');
const traditional = '本報訊（望江街道）截至4月20日，望江街道累計完成徵收拆遷1200戶，完成投資3.2億元，服務企業超過150家。';

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from(page, 'utf8'))).toEqual({ text: page, encoding: 'UTF-8' });
    const bom = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page, 'utf8')]));
    expect(bom.encoding).toBe('UTF-8');
    expect(normaliseText(bom.text)).toBe(page);
  });

  it('detects GB18030 (GBK) — the whole sample page and a short piece of it', () => {
    expect(decodeText(iconv.encode(page, 'gb18030'))).toEqual({ text: page, encoding: 'GB18030' });
    expect(decodeText(iconv.encode(page.slice(0, 120), 'gbk')).text).toBe(page.slice(0, 120));
  });

  it('detects Big5', () => {
    expect(decodeText(iconv.encode(traditional, 'big5'))).toEqual({ text: traditional, encoding: 'Big5' });
  });

  it('follows a declared charset when the bytes are not UTF-8', () => {
    expect(decodeText(iconv.encode(traditional, 'big5'), 'Big5').encoding).toBe('Big5');
    expect(encodingFromLabel('gb2312')).toBe('GB18030');
    expect(encodingFromLabel('"GBK"')).toBe('GB18030');
    expect(encodingFromLabel('big5')).toBe('Big5');
    expect(encodingFromLabel('iso-8859-1')).toBeNull();
  });

  it('refuses binary data and undecodable bytes with a reason', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(() => decodeText(png)).toThrowError(/binary/);
    try { decodeText(png); } catch (e) { expect((e as DecodeError).binary).toBe(true); }
    // 0xFF can start no character in UTF-8, GB18030 or Big5
    const garbage = Buffer.from([0x41, 0xff, 0xff, 0xff, 0x42, 0x80, 0xff]);
    expect(() => decodeText(garbage)).toThrowError(/undecodable/);
  });
});
