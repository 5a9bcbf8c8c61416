// A small segmenter for the facet finders: forward longest match over the lexicon of lexicon.ts, run
// only on windows around figures (one pass over their union, so each character is read once). Every
// token carries role flags (a word may be a noun and a verb: 检查, 投资, 培训) and its classes; runs of
// unknown characters become one X token (noun material, as most unknown words in a noun phrase are).
// Output is a set of parallel typed arrays: no object per token.
import { ACTION_CLASSES, OBJECT_CLASSES, type ActionClass, type ObjectClass } from './facet-classes';
import {
  ADVERBS, COMMA_CHARS, CONJUNCTIONS, DONE_MARKERS, HEADS, LATER_VERB_PREPOSITIONS, LIGHT_VERBS, LINKS, LIST_CHARS, MEASURE_NOUNS, NEGATIONS,
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
export const RUNNING_TOTAL = 1 << 23;  // 累计, 截至 …
export const LATER = 1 << 24;          // 对, 为, 按照 …: the verb after the phrase governs it

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

/**
 * A character trie keyed by UTF-16 codes: a longest match costs one lookup per character read. The
 * root's children sit in a flat array (most positions of a text start no word, and answer at once);
 * deeper edges in one map keyed by node and code while words are added, read through an open-addressing
 * table of typed arrays (one multiply and a probe or two, no Map lookup) once matching starts.
 */
class Trie<V> {
  // node ids fit 16 bits (a few thousand words): half the memory a text's characters touch in this table
  private readonly rootChildren = new Uint16Array(0x10000);
  private readonly edges = new Map<number, number>();
  private readonly values: (V | undefined)[] = [undefined];
  /** edges as an open-addressing table: key node·0x10000+code (never 0: node ≥ 1), child id; built on first match */
  private edgeKeys = new Uint32Array(0);
  private edgeChildren = new Uint16Array(0);
  private edgeMask = 0;

  private buildEdgeTable(): void {
    let size = 16;
    while (size < this.edges.size * 2) size *= 2;
    this.edgeKeys = new Uint32Array(size);
    this.edgeChildren = new Uint16Array(size);
    this.edgeMask = size - 1;
    for (const [key, child] of this.edges) {
      let slot = Math.imul(key, 0x9e3779b1) >>> 0 & this.edgeMask;
      while (this.edgeKeys[slot] !== 0) slot = (slot + 1) & this.edgeMask;
      this.edgeKeys[slot] = key; this.edgeChildren[slot] = child;
    }
  }

  /** The child of `node` by `code`, or 0. */
  private child(node: number, code: number): number {
    const key = node * 0x10000 + code;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> 0 & this.edgeMask; ; slot = (slot + 1) & this.edgeMask) {
      const k = this.edgeKeys[slot];
      if (k === key) return this.edgeChildren[slot];
      if (k === 0) return 0;
    }
  }

  add(word: string, value: V, reversed: boolean): void {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(reversed ? word.length - 1 - i : i);
      let child = node === 0 ? this.rootChildren[code] : this.edges.get(node * 0x10000 + code) ?? 0;
      if (child === 0) {
        child = this.values.length;
        if (child > 0xffff) throw new Error('lexicon: too many trie nodes for 16-bit ids');
        this.values.push(undefined);
        if (node === 0) this.rootChildren[code] = child; else this.edges.set(node * 0x10000 + code, child);
        this.edgeMask = 0; // the table is rebuilt before the next match
      }
      node = child;
    }
    this.values[node] = value;
  }

  /** The value and length of the last match (see matchFrom, matchEndingAt). */
  value: V | undefined = undefined;
  length = 0;

  /** Longest word starting at `from` (reading forward, not past `limit`); its length (0: none), value in `value`. */
  matchFrom(text: string, from: number, limit: number): number {
    if (this.edgeMask === 0) this.buildEdgeTable();
    let node = from < limit ? this.rootChildren[text.charCodeAt(from)] : 0;
    let bestNode = 0, bestLength = 0;
    for (let i = from + 1; node !== 0; i++) {
      if (this.values[node] !== undefined) { bestNode = node; bestLength = i - from; }
      if (i >= limit) break;
      node = this.child(node, text.charCodeAt(i));
    }
    this.value = bestNode ? this.values[bestNode] : undefined;
    return (this.length = bestLength);
  }

  /** Longest word ending at `to` (reading backward, not before `from`); its length (0: none), value in `value`. */
  matchEndingAt(text: string, from: number, to: number): number {
    if (this.edgeMask === 0) this.buildEdgeTable();
    let node = to > from ? this.rootChildren[text.charCodeAt(to - 1)] : 0;
    let bestNode = 0, bestLength = 0;
    for (let i = to - 2; node !== 0; i--) {
      if (this.values[node] !== undefined) { bestNode = node; bestLength = to - 1 - i; }
      if (i < from) break;
      node = this.child(node, text.charCodeAt(i));
    }
    this.value = bestNode ? this.values[bestNode] : undefined;
    return (this.length = bestLength);
  }
}

export interface Lexicon {
  /** every word, for the forward longest match */
  words: Trie<Entry>;
  /** head suffixes (reversed): object class index */
  heads: Trie<number>;
  measureNouns: Trie<true>;
  verbs: Trie<number>;
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
  flag([...LATER_VERB_PREPOSITIONS], LATER);
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
  // 全年目标, 年度任务: a target is also a word of planning when a verb follows (全年目标新增就业5000人)
  for (const word of HEADS.target) if (/目标|任务|计划/.test(word)) entry(word).flags |= PLAN;
  entry('被');   // the passive marker is a word of its own (被征迁群众)
  for (const e of entries.values()) if (RUNNING_TOTAL_MARKERS.some((m) => e.word.includes(m))) e.flags |= RUNNING_TOTAL;

  const lex: Lexicon = { words: new Trie(), heads: new Trie(), measureNouns: new Trie(), verbs: new Trie() };
  for (const e of entries.values()) lex.words.add(e.word, e, false);
  for (const [word, index] of heads) lex.heads.add(word, index, true);
  for (const [word, index] of verbs) lex.verbs.add(word, index, true);
  for (const word of MEASURE_NOUNS) lex.measureNouns.add(word, true, true);
  return lex;
}

/** Words that make a figure a running total (roles.ts): 累计, 截至 and the words holding them. */
const RUNNING_TOTAL_MARKERS = ['累计', '累积', '截至', '截止'];

let sharedLexicon: Lexicon | null = null;
export function lexicon(): Lexicon {
  sharedLexicon ??= compileLexicon();
  return sharedLexicon;
}

/** Tokens of the windows around an article's figures, in text order. One buffer may serve article after
 *  article (reset), so a long text allocates its arrays once. */
export class Tokens {
  length = 0;
  start = new Int32Array(0);
  end = new Int32Array(0);
  flags = new Int32Array(0);
  /** object class index for NOUN, figure index for FIG, strength for PUNCT, else -1 */
  objectClass = new Int32Array(0);
  actionClass = new Int16Array(0);
  lightClass = new Int16Array(0);
  /** index of the token of figure `figureBase + n` at n, -1 when outside every window */
  figureToken = new Int32Array(0);
  figureBase = 0;
  /** the readable tokens: [lo, hi] (see bound) */
  lo = 0;
  hi = -1;

  /** Token index of figure `i`, or -1 when it is not in this buffer. */
  tokenOf(i: number): number {
    const n = i - this.figureBase;
    return n >= 0 && n < this.figureCount ? this.figureToken[n] : -1;
  }
  private figureCount = 0;

  /** Limits reading to the tokens inside [from, to) (a figure's window). */
  bound(from: number, to: number): void {
    let lo = 0, hi = this.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.start[mid] < from) lo = mid + 1; else hi = mid; }
    this.lo = lo;
    let end = lo;
    while (end < this.length && this.end[end] <= to) end++;
    this.hi = end - 1;
  }

  reset(capacity: number, figureBase: number, figureCount: number): this {
    if (this.start.length < capacity) {
      const size = Math.max(capacity, this.start.length * 2);
      this.start = new Int32Array(size); this.end = new Int32Array(size); this.flags = new Int32Array(size);
      this.objectClass = new Int32Array(size); this.actionClass = new Int16Array(size); this.lightClass = new Int16Array(size);
    }
    if (this.figureToken.length < figureCount) this.figureToken = new Int32Array(Math.max(figureCount, this.figureToken.length * 2));
    this.figureToken.fill(-1, 0, figureCount);
    this.figureBase = figureBase;
    this.figureCount = figureCount;
    this.length = 0;
    this.lo = 0;
    this.hi = -1;
    return this;
  }

  push(start: number, end: number, flags: number, objectClass: number, actionClass: number, lightClass: number): void {
    const i = this.length++;
    this.start[i] = start; this.end[i] = end; this.flags[i] = flags;
    this.objectClass[i] = objectClass; this.actionClass[i] = actionClass; this.lightClass[i] = lightClass;
  }
}

// Character classes of the tokenizer, by UTF-16 code.
const C_LIST = P_LIST, C_COMMA = P_COMMA, C_SEMICOLON = P_SEMICOLON, C_SENTENCE = P_SENTENCE;
const C_TRANSPARENT = 8, C_DIGIT = 9, C_DATE_UNIT = 10;
const CHAR_CLASS = new Uint8Array(0x10000);
const mark = (chars: string, cls: number) => { for (const ch of chars) CHAR_CLASS[ch.charCodeAt(0)] = cls; };
mark(LIST_CHARS, C_LIST);
mark(COMMA_CHARS, C_COMMA);
mark(SEMICOLON_CHARS, C_SEMICOLON);
mark(SENTENCE_END_CHARS, C_SENTENCE);
// quotes, brackets, spaces and layout line breaks (a sentence may run across a broken line)
mark('“”‘’"\'「」『』《》〈〉（）()[]【】 \t\u3000\n\r·—-/', C_TRANSPARENT);
mark('0123456789０１２３４５６７８９', C_DIGIT);
mark('年月日号时.', C_DATE_UNIT);

/**
 * Tokenizes `ranges` (sorted, non-overlapping) of `text`; figures [firstFigure, lastFigure) of `figures`
 * (sorted), which the ranges hold, become FIG tokens. Linear in the total length of the ranges; `into` is
 * reused when given. Reading is left bounded to the whole buffer.
 */
export function tokenize(
  text: string, ranges: readonly Range[], figures: readonly FigureMatch[], firstFigure = 0, lastFigure = figures.length,
  into: Tokens = new Tokens(), lex: Lexicon = lexicon(),
): Tokens {
  let capacity = 0;
  for (const r of ranges) capacity += r.end - r.start + 1;
  const tokens = into.reset(capacity + 1, firstFigure, lastFigure - firstFigure);
  let figureIndex = firstFigure;
  for (const range of ranges) {
    while (figureIndex < lastFigure && figures[figureIndex].end <= range.start) figureIndex++;
    let unknownStart = -1;
    for (let position = range.start; position < range.end;) {
      const figure = figureIndex < lastFigure ? figures[figureIndex] : undefined;
      if (figure && position >= figure.start) {
        if (unknownStart >= 0) { tokens.push(unknownStart, position, X, -1, -1, -1); unknownStart = -1; }
        tokens.figureToken[figureIndex - firstFigure] = tokens.length;
        tokens.push(figure.start, figure.end, FIG, figureIndex, -1, -1);
        position = figure.end;
        figureIndex++;
        continue;
      }
      const limit = figure && figure.start < range.end ? figure.start : range.end;
      const cls = CHAR_CLASS[text.charCodeAt(position)];
      let end = position + 1;
      let flags = 0, objectClass = -1, actionClass = -1, lightClass = -1;
      if (cls >= C_LIST && cls <= C_SENTENCE) { flags = PUNCT; objectClass = cls; }
      else if (cls === C_TRANSPARENT) flags = QUOTE;
      else if (cls === C_DIGIT) {
        while (end < limit && (CHAR_CLASS[text.charCodeAt(end)] === C_DIGIT || CHAR_CLASS[text.charCodeAt(end)] === C_DATE_UNIT)) end++;
        flags = NUM;
      } else {
        const length = lex.words.matchFrom(text, position, limit);
        const e = lex.words.value!;
        // 固定资产: a one-character verb right after unknown characters ends their word (资产), it is no verb
        if (length === 0 || (length === 1 && unknownStart >= 0 && e.flags === VERB)) {
          if (unknownStart < 0) unknownStart = position;
          position++;
          continue;
        }
        end = position + length;
        flags = e.flags; objectClass = e.objectClass; actionClass = e.actionClass; lightClass = e.lightClass;
      }
      if (unknownStart >= 0) { tokens.push(unknownStart, position, X, -1, -1, -1); unknownStart = -1; }
      tokens.push(position, end, flags, objectClass, actionClass, lightClass);
      position = end;
    }
    if (unknownStart >= 0) tokens.push(unknownStart, range.end, X, -1, -1, -1);
    // a window boundary inside a sentence is no clause boundary, but nothing is read across it
    tokens.push(range.end, range.end, PUNCT, P_SENTENCE, -1, -1);
  }
  tokens.lo = 0;
  tokens.hi = tokens.length - 1;
  return tokens;
}

/** The longest known head at the end of the noun phrase text[from, to) and its object class index. */
export function headClassAt(text: string, from: number, to: number, lex: Lexicon = lexicon()): { index: number; head: string } | null {
  const length = lex.heads.matchEndingAt(text, from, to);
  return length ? { index: lex.heads.value!, head: text.slice(to - length, to) } : null;
}

/** The object class index of the longest head ending at `to`, or -1 (no allocation); its length in headLength(). */
export function headIndexAt(text: string, from: number, to: number, lex: Lexicon = lexicon()): number {
  return lex.heads.matchEndingAt(text, from, to) ? lex.heads.value! : -1;
}
export const headLength = (lex: Lexicon = lexicon()): number => lex.heads.length;

/** The longest measure noun (率, 面积, 额, 数 …) ending at `to`, if any. */
export function measureNounAt(text: string, from: number, to: number, lex: Lexicon = lexicon()): string | null {
  const length = lex.measureNouns.matchEndingAt(text, from, to);
  return length ? text.slice(to - length, to) : null;
}

/** Whether text[from, to) is exactly a measure noun. */
export function isMeasureNoun(text: string, from: number, to: number, lex: Lexicon = lexicon()): boolean {
  return lex.measureNouns.matchEndingAt(text, from, to) === to - from;
}

/** The longest verb ending at `to` within [from, to), if any (the action in 解决率, 拆违面积, 签约额). */
export function verbEndingAt(text: string, from: number, to: number, lex: Lexicon = lexicon()): { index: number; verb: string } | null {
  const length = lex.verbs.matchEndingAt(text, from, to);
  return length ? { index: lex.verbs.value!, verb: text.slice(to - length, to) } : null;
}
