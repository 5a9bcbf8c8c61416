// Finding the next match of a large alternation fast: trying the regex anchored only at the characters
// where one of its alternatives can start (a table read per character) gives the same leftmost matches as
// an unanchored search, without the engine trying every alternative at every position.

/**
 * A set of UTF-16 units as a bitmap: 8 KB for all of them, of which Chinese text reads under 3 KB (a byte
 * per unit would be 64 KB and 21 KB). Tables read at every character of a text stay in the processor's
 * nearest caches this way, beside the other tables of the extractor.
 */
export function unitSet(chars: string): Uint32Array {
  const set = new Uint32Array(2048);
  for (let i = 0; i < chars.length; i++) { const c = chars.charCodeAt(i); set[c >>> 5] |= 1 << (c & 31); }
  return set;
}
/** Whether `code` is in the set (NaN, past a text's end, reads as code 0, which no set of ours holds). */
export const hasUnit = (set: Uint32Array, code: number): boolean => (set[code >>> 5] & (1 << (code & 31))) !== 0;

/** Whether a unit of `set` is in text[from, to) (the bounds clipped to the text). */
export function anyUnitIn(set: Uint32Array, text: string, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < to && i < text.length; i++) if (hasUnit(set, text.charCodeAt(i))) return true;
  return false;
}

/**
 * A small value per UTF-16 unit, most of them 0, kept by pages of 256 units: the pages without a value share
 * one page of zeros, so a Chinese text, whose characters have none, reads a few hundred bytes of the table
 * instead of 21 KB of a byte per unit. `get` is for units of a text (a code, not NaN).
 */
export class UnitBytes {
  private static readonly ZEROS = new Uint8Array(256);
  private readonly pages: Uint8Array[] = new Array<Uint8Array>(256).fill(UnitBytes.ZEROS);

  get(code: number): number { return this.pages[code >>> 8][code & 255]; }

  set(code: number, value: number): void {
    let page = this.pages[code >>> 8];
    if (page === UnitBytes.ZEROS) { page = new Uint8Array(256); this.pages[code >>> 8] = page; }
    page[code & 255] = value;
  }
}

/**
 * A finder of `pattern`'s next match at or after a position, trying it only where the character is one of
 * `firstChars` (each a single UTF-16 unit). Every match of `pattern` must start with one of them.
 */
export function anchoredScanner(pattern: RegExp, firstChars: string): (text: string, from: number) => RegExpExecArray | null {
  const anchored = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'y');
  const first = unitSet(firstChars);
  return (text, from) => {
    for (let i = from; i < text.length; i++) {
      if (!hasUnit(first, text.charCodeAt(i))) continue;
      anchored.lastIndex = i;
      const match = anchored.exec(text);
      if (match) return match;
    }
    return null;
  };
}

/**
 * A pattern's source with its named groups made plain numbered groups, and the number of each name. A match
 * of a pattern with named groups also makes a `groups` object holding every name (twenty-odd properties for
 * the figure pattern, at each of its thousands of matches per megabyte); read by number, the match is one
 * array. Groups are numbered by their opening parenthesis, named or not, so the numbers are those the named
 * pattern gives its groups. `names` are all the names of the pattern (an error otherwise, so that a name read by
 * the caller always has its number).
 */
export function numberedGroups<Name extends string>(source: string, names: readonly Name[]): { source: string; group: Record<Name, number> } {
  const group: Record<string, number> = {};
  let out = '', count = 0, inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { out += c + source[++i]; continue; }
    if (inClass) { if (c === ']') inClass = false; out += c; continue; }
    if (c === '[') { inClass = true; out += c; continue; }
    if (c === '(') {
      if (source[i + 1] !== '?') count++;
      else if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
        const close = source.indexOf('>', i + 3);
        group[source.slice(i + 3, close)] = ++count;
        out += '(';
        i = close;
        continue;
      }
    }
    out += c;
  }
  const found = Object.keys(group);
  if (found.length !== names.length || !names.every((name) => name in group)) {
    throw new Error(`numberedGroups: the pattern's groups are ${found.join(', ')}, not ${names.join(', ')}`);
  }
  return { source: out, group: group as Record<Name, number> };
}
