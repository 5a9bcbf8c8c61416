// Finding the next match of a large alternation fast: trying the regex anchored only at the characters
// where one of its alternatives can start (a table read per character) gives the same leftmost matches as
// an unanchored search, without the engine trying every alternative at every position.

/**
 * A finder of `pattern`'s next match at or after a position, trying it only where the character is one of
 * `firstChars` (each a single UTF-16 unit). Every match of `pattern` must start with one of them.
 */
export function anchoredScanner(pattern: RegExp, firstChars: string): (text: string, from: number) => RegExpExecArray | null {
  const anchored = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'y');
  const first = new Uint8Array(65536);
  for (const c of firstChars) first[c.charCodeAt(0)] = 1;
  return (text, from) => {
    for (let i = from; i < text.length; i++) {
      if (!first[text.charCodeAt(i)]) continue;
      anchored.lastIndex = i;
      const match = anchored.exec(text);
      if (match) return match;
    }
    return null;
  };
}
