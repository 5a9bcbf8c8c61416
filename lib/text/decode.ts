import chardet from 'chardet';

export class DecodeError extends Error {}

/**
 * Bytes → text. UTF-8 (with or without BOM) first, because a valid UTF-8 reading is almost never wrong;
 * otherwise the encoding chardet detects among the Chinese ones (GB18030 covers GBK and GB2312), or Big5.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return { text: utf8.decode(bytes), encoding: 'UTF-8' };
  } catch { /* not UTF-8: try the Chinese legacy encodings */ }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    return { text: new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)), encoding: le ? 'UTF-16LE' : 'UTF-16BE' };
  }
  const guesses = chardet.analyse(bytes).map((m) => m.name.toUpperCase());
  const encoding = guesses.find((g) => g === 'BIG5') && !guesses.slice(0, guesses.indexOf('BIG5')).some((g) => g.startsWith('GB'))
    ? 'Big5' : 'GB18030';
  const strict = new TextDecoder(encoding === 'Big5' ? 'big5' : 'gb18030', { fatal: true });
  try {
    return { text: strict.decode(bytes), encoding };
  } catch {
    throw new DecodeError(`not valid UTF-8, GB18030 or Big5 text (chardet guessed ${guesses[0] ?? 'nothing'})`);
  }
}

/** Text as stored: NFC, one kind of line break, no trailing spaces. Offsets of facts index this text. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}
