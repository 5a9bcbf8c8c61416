// One context per article, built once and shared by the finders of facets.ts and roles.ts: the
// article's figures, its sentences, which sentence holds each figure, and the words (words.ts) of a
// bounded window around every figure. Windows are tokenized a chunk at a time (the windows of the
// next figures, up to a few KB of text) into one reused buffer, and every finder reads only inside
// its figure's window: time is linear in the article's length and memory bounded by the chunk,
// however long the article or its sentences are.
import type { FacetFinding } from './facets';
import type { FigureMatch, Range } from './types';
import { Tokens, tokenize } from './words';

/** How far before and after a figure its words are read (clipped to its sentence): what governs a figure
 *  (its verb, a plan word, 累计, a framing clause) comes before it; after it only its own phrase and verb. */
export const WINDOW_BEFORE = 60;
export const WINDOW_AFTER = 30;
/** Most characters tokenized at once. */
const CHUNK_CHARS = 4096;

export interface ArticleContext {
  text: string;
  figures: readonly FigureMatch[];
  sentences: readonly Range[];
  /** per figure: the index of its sentence in `sentences`, -1 when none holds it */
  sentenceOf: Int32Array;
  /** per figure: [start, end) of its window, at 2i and 2i + 1 */
  windows: Int32Array;
  /** the words of the current chunk (see focus) */
  tokens: Tokens;
  /** figures [chunkStart, chunkEnd) are in the current chunk */
  chunkStart: number;
  chunkEnd: number;
  /** the figure the tokens are bounded to, and its token */
  focused: number;
  focusedToken: number;
  /** per figure, filled in text order, so a finder may read the figures before it */
  findings: FacetFinding[];
}

function sentenceIndexAt(sentences: readonly Range[], pos: number, from: number): number {
  let index = Math.max(0, from);
  while (index < sentences.length && sentences[index].end <= pos) index++;
  return index < sentences.length && sentences[index].start <= pos ? index : -1;
}

/** `figures` sorted by start; `sentences` sorted and non-overlapping; `bounds` is the article. `tokens` may be
 *  a buffer reused from the article before (its contents are replaced). */
export function buildContext(
  text: string, bounds: Range, figures: readonly FigureMatch[], sentences: readonly Range[], tokens: Tokens = new Tokens(),
): ArticleContext {
  const sentenceOf = new Int32Array(figures.length);
  const windows = new Int32Array(2 * figures.length);
  let cursor = 0;
  for (let i = 0; i < figures.length; i++) {
    const figure = figures[i];
    const index = sentenceIndexAt(sentences, figure.start, cursor);
    sentenceOf[i] = index;
    if (index >= 0) cursor = index;
    const sentence = index >= 0 ? sentences[index] : bounds;
    windows[2 * i] = Math.min(figure.start, Math.max(sentence.start, bounds.start, figure.start - WINDOW_BEFORE));
    windows[2 * i + 1] = Math.max(figure.end, Math.min(sentence.end, bounds.end, figure.end + WINDOW_AFTER));
  }
  return { text, figures, sentences, sentenceOf, windows, tokens, chunkStart: 0, chunkEnd: 0, focused: -1, focusedToken: -1, findings: [] };
}

/**
 * Makes the words of figure `i`'s window readable: tokenizes the chunk holding it if needed and bounds
 * the token cursor to the window. Returns the figure's token index (-1 if it has none).
 */
export function focus(ctx: ArticleContext, i: number): number {
  const { tokens, windows } = ctx;
  if (i === ctx.focused) return ctx.focusedToken;
  if (i < ctx.chunkStart || i >= ctx.chunkEnd) {
    const ranges: Range[] = [];
    const first = i;
    let last = i;
    const chunkLimit = windows[2 * i] + CHUNK_CHARS;
    for (; last < ctx.figures.length && (last === i || windows[2 * last + 1] <= chunkLimit); last++) {
      const start = windows[2 * last], end = windows[2 * last + 1];
      const previous = ranges[ranges.length - 1];
      if (previous && start <= previous.end) previous.end = Math.max(previous.end, end);
      else ranges.push({ start, end });
    }
    tokenize(ctx.text, ranges, ctx.figures, first, last, tokens);
    ctx.chunkStart = first;
    ctx.chunkEnd = last;
  }
  const t = tokens.tokenOf(i);
  if (t >= 0) tokens.bound(windows[2 * i], windows[2 * i + 1]);
  ctx.focused = i;
  ctx.focusedToken = t;
  return t;
}
