// A small segmenter for the facet finders: forward longest match over the lexicon of lexicon.ts, run
// only on windows around figures (one pass over their union, so each character is read once). Every
// token carries role flags (a word may be a noun and a verb: 检查, 投资, 培训) and its classes; runs of
// unknown characters become one X token (noun material, as most unknown words in a noun phrase are).
// Output is a set of parallel typed arrays: no object per token.
import { ACTION_CLASSES, OBJECT_CLASSES, type ActionClass, type ObjectClass } from './facet-classes';
import {
  ADVERBS, COMMA_CHARS, CONJUNCTIONS, DONE_MARKERS, HEADS, LIGHT_VERBS, LINKS, LIST_CHARS, MEASURE_NOUNS, NEGATIONS,
  NEUTRAL_WORDS, ONGOING_MARKERS, PLAN_MARKERS, PREPOSITIONS, SEMICOLON_CHARS, SENTENCE_END_CHARS, TIME_WORDS, VERBS,
} from './lexicon';
import type { FigureMatch, Range } from './types';

// Role flags of a token.
export const NOUN = 1 << 0;
export const VERB = 1 << 1;
export const LIGHT = 1 << 2;
export const PREP = 1 << 3;
export const PLAN = 1 << 4;
export const ONGOING = 1 << 5;
export const DONE = 1 << 6;
export const LINK = 1 << 7;
export const CONJ = 1 << 8;
export const DE = 1 << 9;          // 的, 之: ends a modifier
export const DENG = 1 << 10;       // 等: closes a list before its total
export const QIZHONG = 1 << 11;    // 其中: a subset of the figure before
export const FRAME = 1 << 12;      // 中 after a noun phrase: 集中开工项目中，…
export const TIME = 1 << 13;
export const NEG = 1 << 14;
export const ADV = 1 << 15;
export const NEUTRAL = 1 << 16;
export const MEASURE_NOUN = 1 << 17;
export const PUNCT = 1 << 18;
export const FIG = 1 << 19;
export const NUM = 1 << 20;
export const X = 1 << 21;          // unknown characters
export const QUOTE = 1 << 22;      // quotes, brackets, spaces: transparent

/** Token flags that may stand inside a noun phrase. */
export const MATERIAL = NOUN | X | MEASURE_NOUN | NEUTRAL;

// Punctuation strength (stored in the class slot of a PUNCT token).
export const P_LIST = 1;       // 、
export const P_COMMA = 2;      // ，
export const P_SEMICOLON = 3;  // ；：
export const P_SENTENCE = 4;   // 。！？ newline

interface Entry { word: string; flags: number; objectClass: number; actionClass: number; lightClass: number }

const objectIndex = new Map<string, number>(OBJECT_CLASSES.map((c, i) => [c.key, i]));
const actionIndex = new Map<string, number>(ACTION_CLASSES.map((c, i) => [c.key, i]));
export const objectClassAt = (index: number): ObjectClass | null => (index >= 0 ? OBJECT_CLASSES[index].key : null);
export const actionClassAt = (index: number): ActionClass | null => (index >= 0 ? ACTION_CLASSES[index].key : null);
export const objectClassIndex = (key: ObjectClass): number => objectIndex.get(key)!;
export const actionClassIndex = (key: ActionClass): number => actionIndex.get(key)!;

export interface Lexicon {
  /** entries by first character, longest first */
  byFirstChar: Map<string, Entry[]>;
  /** head suffixes: word → object class index */
  heads: Map<string, number>;
  maxHeadLength: number;
  measureNouns: Set<string>;
  maxMeasureNounLength: number;
  verbs: Map<string, number>;
  maxVerbLength: number;
}

/** Builds the lexicon once; a word listed in two verb families (or two head classes) is an error of the data. */
export function compileLexicon(): Lexicon {
  const entries = new Map<string, Entry>();
  const entry = (word: string): Entry => {
    let e = entries.get(word);
    if (!e) { e = { word, flags: 0, objectClass: -1, actionClass: -1, lightClass: -1 }; entries.set(word, e); }
    return e;
  };
  const heads = new Map<string, number>();
  for (const [cls, words] of Object.entries(HEADS)) {
    const index = objectIndex.get(cls)!;
    for (const word of words) {
      if (heads.has(word) && heads.get(word) !== index) throw new Error(`lexicon: head ${word} is listed under two classes`);
      heads.set(word, index);
      // single characters are heads only at the end of a phrase; as words they would split others
      if (word.length > 1) { const e = entry(word); e.flags |= NOUN; e.objectClass = index; }
    }
  }
  const verbs = new Map<string, number>();
  for (const [cls, words] of Object.entries(VERBS)) {
    const index = actionIndex.get(cls)!;
    for (const word of words) {
      if (verbs.has(word) && verbs.get(word) !== index) throw new Error(`lexicon: verb ${word} is listed under two families`);
      verbs.set(word, index);
      const e = entry(word); e.flags |= VERB; e.actionClass = index;
    }
  }
  for (const [word, cls] of Object.entries(LIGHT_VERBS)) {
    const e = entry(word); e.flags |= LIGHT; e.lightClass = cls ? actionIndex.get(cls)! : -1;
  }
  const flag = (words: readonly string[], f: number) => { for (const word of words) entry(word).flags |= f; };
  flag(PREPOSITIONS, PREP);
  flag(PLAN_MARKERS, PLAN);
  flag(ONGOING_MARKERS, ONGOING);
  flag(DONE_MARKERS, DONE);
  flag(LINKS, LINK);
  flag(CONJUNCTIONS, CONJ);
  flag(TIME_WORDS, TIME);
  flag(NEGATIONS, NEG);
  flag(ADVERBS, ADV);
  flag(NEUTRAL_WORDS, NEUTRAL);
  flag(['的', '之'], DE);
  flag(['等', '等等'], DENG);
  flag(['其中'], QIZHONG);
  flag(['中'], FRAME);
  for (const word of MEASURE_NOUNS) entry(word).flags |= MEASURE_NOUN;
  entry('被');   // the passive marker is a word of its own (被征迁群众)

  const byFirstChar = new Map<string, Entry[]>();
  for (const e of entries.values()) {
    const bucket = byFirstChar.get(e.word[0]) ?? [];
    bucket.push(e);
    byFirstChar.set(e.word[0], bucket);
  }
  for (const bucket of byFirstChar.values()) bucket.sort((a, b) => b.word.length - a.word.length);
  let maxHeadLength = 0;
  for (const word of heads.keys()) maxHeadLength = Math.max(maxHeadLength, word.length);
  let maxVerbLength = 0;
  for (const word of verbs.keys()) maxVerbLength = Math.max(maxVerbLength, word.length);
  return {
    byFirstChar, heads, maxHeadLength, verbs, maxVerbLength,
    measureNouns: new Set(MEASURE_NOUNS), maxMeasureNounLength: Math.max(...MEASURE_NOUNS.map((w) => w.length)),
  };
}

let sharedLexicon: Lexicon | null = null;
export function lexicon(): Lexicon {
  sharedLexicon ??= compileLexicon();
  return sharedLexicon;
}

/** Tokens of the windows around an article's figures, in text order. */
export class Tokens {
  length = 0;
  start: Int32Array;
  end: Int32Array;
  flags: Int32Array;
  /** object class index for NOUN, figure index for FIG, strength for PUNCT, else -1 */
  objectClass: Int16Array | Int32Array;
  actionClass: Int16Array;
  lightClass: Int16Array;
  /** index of the token of each figure (by figure index), -1 when outside every window */
  figureToken: Int32Array;

  constructor(capacity: number, figureCount: number) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.flags = new Int32Array(capacity);
    this.objectClass = new Int32Array(capacity);
    this.actionClass = new Int16Array(capacity);
    this.lightClass = new Int16Array(capacity);
    this.figureToken = new Int32Array(figureCount).fill(-1);
  }

  push(start: number, end: number, flags: number, objectClass: number, actionClass: number, lightClass: number): void {
    const i = this.length++;
    this.start[i] = start; this.end[i] = end; this.flags[i] = flags;
    this.objectClass[i] = objectClass; this.actionClass[i] = actionClass; this.lightClass[i] = lightClass;
  }
}

const punctStrength = (ch: string): number => {
  if (LIST_CHARS.includes(ch)) return P_LIST;
  if (COMMA_CHARS.includes(ch)) return P_COMMA;
  if (SEMICOLON_CHARS.includes(ch)) return P_SEMICOLON;
  if (SENTENCE_END_CHARS.includes(ch)) return P_SENTENCE;
  return 0;
};
/** Quotes, brackets, spaces and layout line breaks (a sentence may run across a broken line). */
const TRANSPARENT = new Set([...'“”‘’"\'「」『』《》〈〉（）()[]【】 \t\u3000\n\r·—-/']);
const isDigit = (code: number) => (code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19);

/**
 * Tokenizes `ranges` (sorted, non-overlapping) of `text`; `figures` (sorted) become FIG tokens.
 * Linear in the total length of the ranges.
 */
export function tokenize(text: string, ranges: readonly Range[], figures: readonly FigureMatch[], lex: Lexicon = lexicon()): Tokens {
  let capacity = 0;
  for (const r of ranges) capacity += r.end - r.start;
  const tokens = new Tokens(capacity + 1, figures.length);
  let figureIndex = 0;
  for (const range of ranges) {
    while (figureIndex < figures.length && figures[figureIndex].end <= range.start) figureIndex++;
    let unknownStart = -1;
    const flushUnknown = (at: number) => {
      if (unknownStart >= 0) { tokens.push(unknownStart, at, X, -1, -1, -1); unknownStart = -1; }
    };
    for (let position = range.start; position < range.end;) {
      const figure = figures[figureIndex];
      if (figure && position >= figure.start) {
        flushUnknown(position);
        tokens.figureToken[figureIndex] = tokens.length;
        tokens.push(figure.start, figure.end, FIG, figureIndex, -1, -1);
        position = figure.end;
        figureIndex++;
        continue;
      }
      const limit = figure && figure.start < range.end ? figure.start : range.end;
      const ch = text[position];
      const strength = punctStrength(ch);
      if (strength) { flushUnknown(position); tokens.push(position, position + 1, PUNCT, strength, -1, -1); position++; continue; }
      if (TRANSPARENT.has(ch)) { flushUnknown(position); tokens.push(position, position + 1, QUOTE, -1, -1, -1); position++; continue; }
      if (isDigit(text.charCodeAt(position))) {
        flushUnknown(position);
        let end = position + 1;
        while (end < limit && (isDigit(text.charCodeAt(end)) || text[end] === '.' || '年月日号时'.includes(text[end]))) end++;
        tokens.push(position, end, NUM, -1, -1, -1);
        position = end;
        continue;
      }
      let matched: Entry | null = null;
      const bucket = lex.byFirstChar.get(ch);
      if (bucket) {
        for (const e of bucket) {
          if (position + e.word.length <= limit && text.startsWith(e.word, position)) { matched = e; break; }
        }
      }
      if (!matched) { if (unknownStart < 0) unknownStart = position; position++; continue; }
      flushUnknown(position);
      tokens.push(position, position + matched.word.length, matched.flags, matched.objectClass, matched.actionClass, matched.lightClass);
      position += matched.word.length;
    }
    flushUnknown(range.end);
    // a window boundary inside a sentence is no clause boundary, but nothing is read across it
    tokens.push(range.end, range.end, PUNCT, P_SENTENCE, -1, -1);
  }
  return tokens;
}

/** Object class index of the noun phrase text[from, to): the longest known head at its end, else -1. */
export function headClassAt(text: string, from: number, to: number, lex: Lexicon = lexicon()): { index: number; head: string } | null {
  for (let length = Math.min(lex.maxHeadLength, to - from); length >= 1; length--) {
    const word = text.slice(to - length, to);
    const index = lex.heads.get(word);
    if (index !== undefined) return { index, head: word };
  }
  return null;
}

/** The longest measure noun (率, 面积, 额, 数 …) ending at `to`, if any. */
export function measureNounAt(text: string, from: number, to: number, lex: Lexicon = lexicon()): string | null {
  for (let length = Math.min(lex.maxMeasureNounLength, to - from); length >= 1; length--) {
    const word = text.slice(to - length, to);
    if (lex.measureNouns.has(word)) return word;
  }
  return null;
}

/** The longest verb ending at `to` within [from, to), if any (the action in 解决率, 拆违面积, 签约额). */
export function verbEndingAt(text: string, from: number, to: number, lex: Lexicon = lexicon()): { index: number; verb: string } | null {
  for (let length = Math.min(lex.maxVerbLength, to - from); length >= 1; length--) {
    const word = text.slice(to - length, to);
    const index = lex.verbs.get(word);
    if (index !== undefined) return { index, verb: word };
  }
  return null;
}
