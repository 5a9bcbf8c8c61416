// Terminal tables aligned by display width: a Chinese character takes two columns, so padding by string
// length (padEnd) leaves every column after a Chinese cell out of line.

/** East Asian wide and fullwidth characters (CJK, kana, Hangul, fullwidth forms): two terminal columns. */
function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff)
    || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf)
    || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f)
    || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

/** Combining marks, zero-width characters and variation selectors take no column. */
const isZeroWidth = (cp: number) => (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f);

/** The columns a string takes in a terminal. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (isZeroWidth(cp)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

export type Align = 'left' | 'right';

/** `s` padded with spaces to `width` columns (never cut). */
export function pad(s: string, width: number, align: Align = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'left' ? s + fill : fill + s;
}

/** Rows as lines, each column as wide as its widest cell, columns two spaces apart; the last left cell unpadded. */
export function formatTable(rows: readonly (readonly string[])[], align: readonly Align[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell)); });
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 && (align[i] ?? 'left') === 'left' ? cell : pad(cell, widths[i], align[i]))).join('  '));
}

/** Lines in a double-ruled frame, to stand out in a scroll of build output (scripts/start.mjs looks for ╔ and ╚). */
export function framed(lines: readonly string[]): string {
  const width = Math.max(...lines.map(displayWidth));
  const rule = '═'.repeat(width + 2);
  return [`╔${rule}╗`, ...lines.map((l) => `║ ${pad(l, width)} ║`), `╚${rule}╝`].join('\n');
}
