// One context per article, built once and shared by the finders of facets.ts and roles.ts: the
// article's figures, its sentences, which sentence holds each figure, and the words (words.ts) of a
// bounded window around every figure. Every stage reads only its figure's window, so an article costs
// time linear in its length, however long its sentences are.
import type { FacetFinding } from './facets';
import type { FigureMatch, Range } from './types';
import { tokenize, type Tokens } from './words';

/** How far around a figure its words are read (clipped to its sentence). */
export const WINDOW_CHARS = 80;

export interface ArticleContext {
  text: string;
  figures: readonly FigureMatch[];
  sentences: readonly Range[];
  /** per figure: the index of its sentence in `sentences`, -1 when none holds it */
  sentenceOf: Int32Array;
  tokens: Tokens;
  /** per figure, filled in text order, so a finder may read the figures before it */
  findings: FacetFinding[];
}

function sentenceIndexAt(sentences: readonly Range[], pos: number, from: number): number {
  let index = Math.max(0, from);
  while (index < sentences.length && sentences[index].end <= pos) index++;
  return index < sentences.length && sentences[index].start <= pos ? index : -1;
}

/** `figures` sorted by start; `sentences` sorted and non-overlapping; `bounds` is the article. */
export function buildContext(text: string, bounds: Range, figures: readonly FigureMatch[], sentences: readonly Range[]): ArticleContext {
  const sentenceOf = new Int32Array(figures.length);
  const windows: Range[] = [];
  let cursor = 0;
  for (let i = 0; i < figures.length; i++) {
    const figure = figures[i];
    const index = sentenceIndexAt(sentences, figure.start, cursor);
    sentenceOf[i] = index;
    if (index >= 0) cursor = index;
    const sentence = index >= 0 ? sentences[index] : bounds;
    const start = Math.max(sentence.start, bounds.start, figure.start - WINDOW_CHARS);
    const end = Math.min(sentence.end, bounds.end, figure.end + WINDOW_CHARS);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start: Math.min(start, figure.start), end: Math.max(end, figure.end) });
  }
  return { text, figures, sentences, sentenceOf, tokens: tokenize(text, windows, figures), findings: [] };
}
