import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Bytes that are not text in any encoding we read. `binary` means it is not text at all (an image, an archive). */
export class DecodeError extends Error {
  constructor(message: string, readonly binary = false) { super(message); }
}

export type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' | 'Big5';

export interface DecodedText { text: string; encoding: TextEncodingName }

const DECODER_LABEL: Record<TextEncodingName, string> = {
  'UTF-8': 'utf-8', 'UTF-16LE': 'utf-16le', 'UTF-16BE': 'utf-16be', GB18030: 'gb18030', Big5: 'big5',
};

/** The encoding a charset label names (<meta charset>, Content-Type), if it is one we read; GBK and GB2312 are subsets of GB18030. */
export function encodingFromLabel(label: string | null | undefined): TextEncodingName | null {
  const l = (label ?? '').trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (l === 'utf-8' || l === 'utf8') return 'UTF-8';
  if (/^(gb18030|gbk|gb2312|gb_2312-80|x-gbk|cp936|euc-cn|hz-gb-2312)$/.test(l)) return 'GB18030';
  if (/^(big5|big5-hkscs|cn-big5|x-x-big5|cp950)$/.test(l)) return 'Big5';
  return null;
}

function strictDecode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  if (encoding === 'GB18030' || encoding === 'Big5') {
    // iconv-lite, not TextDecoder: Node's Big5 decoder silently drops invalid bytes even when told to be fatal.
    // Neither encoding can express U+FFFD, so one in the output marks bytes that are not text.
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding === 'Big5' ? 'big5' : 'gb18030');
    return text.includes('\uFFFD') ? null : text;
  }
  try {
    return new TextDecoder(DECODER_LABEL[encoding], { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Control characters other than tab, line and page breaks: a few may slip into real text, many mean the
 * "text" is a binary file that happened to decode.
 */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  return controls > 8 && controls / sample.length > 0.01;
}

function accept(text: string, encoding: TextEncodingName): DecodedText {
  if (looksBinary(text)) throw new DecodeError('a binary file, not text', true);
  return { text, encoding };
}

/**
 * Bytes → text. UTF-8 (with or without BOM) first, because a valid UTF-8 reading of Chinese is almost never
 * wrong; then a UTF-16 byte-order mark; then `declared` (an HTML page's <meta charset>); then the encoding
 * chardet detects among the Chinese ones (GB18030 covers GBK and GB2312), or Big5. Throws DecodeError.
 */
export function decodeText(bytes: Uint8Array, declared?: TextEncodingName | null): DecodedText {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding: TextEncodingName = bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE';
    const text = strictDecode(bytes, encoding);
    if (text !== null) return accept(text, encoding);
  }
  // NUL bytes never occur in UTF-8, GB18030 or Big5 text: an image, an archive or an executable.
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new DecodeError('a binary file, not text', true);

  const utf8 = strictDecode(bytes, 'UTF-8');
  if (utf8 !== null) return accept(utf8, 'UTF-8');

  const guesses = chardet.analyse(bytes).map((m) => m.name.toUpperCase());
  const big5Rank = guesses.indexOf('BIG5');
  const gbRank = guesses.findIndex((g) => g.startsWith('GB'));
  const detected: TextEncodingName = big5Rank >= 0 && (gbRank < 0 || big5Rank < gbRank) ? 'Big5' : 'GB18030';
  const order: TextEncodingName[] = [];
  if (declared && declared !== 'UTF-8' && declared !== 'UTF-16LE' && declared !== 'UTF-16BE') order.push(declared);
  for (const e of [detected, detected === 'Big5' ? 'GB18030' : 'Big5'] as const) if (!order.includes(e)) order.push(e);
  for (const encoding of order) {
    const text = strictDecode(bytes, encoding);
    if (text !== null) return accept(text, encoding);
  }
  throw new DecodeError(`undecodable bytes: not valid UTF-8, GB18030 or Big5 text (chardet guessed ${guesses[0] ?? 'nothing'})`);
}

/** Text as stored: NFC, one kind of line break, no byte-order mark. Offsets of facts index this text. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}
