// Segmentation: a newspaper page → its articles; an article → sentences.
//
// A page (text with 本报讯-style datelines) is read line by line:
//   - the masthead at the top (热线, phone numbers, 编辑出版, the date line, 第N期, 扫一扫…) and a 导读 block
//     are not articles and are left out;
//   - a dateline paragraph (本报讯（…）, 新京报讯（…）, 新华社…电) opens an article; the headline lines right
//     above it are its title. A headline printed after its article's body (the layout puts it there)
//     sits just above the next article's title: it becomes the title of the article before, if that one
//     has none;
//   - a lone headline between body paragraphs of a dateline's region opens an article without a
//     dateline; two or more are sub-headlines (化“危”为“机” 防疫复工双战双赢 …) of the article they sit in;
//   - a line that ends without sentence-final punctuation was broken by the layout: the paragraph (and
//     the sentence) continues on the next line, across blank lines.
// A text without datelines is one article (its title: a headline line at its top, if any).
import type { ArticleSegment, Range } from './types';
import { UnitBytes } from './scan';

interface Line { start: number; end: number; text: string; kind: LineKind }
type LineKind = 'blank' | 'noise' | 'daodu' | 'anchor' | 'head' | 'body';

const WS = /[\s\u3000\u00a0\ufeff]/;
const FINAL = new Set([...'。！？；!?;…”’」』）)：:】']);
const HEAD_FORBIDDEN = /[，。；！？、：,;!?:]/;
const CJK = /[\u4e00-\u9fff]/;

/** A dateline opening an article: 本报讯（…）, 新京报讯（记者…）, 荆楚网（湖北日报网）讯（…）, 新华社杭州4月20日电（…）. */
const RE_ANCHOR = /^(?:本报讯|本报[\u4e00-\u9fa5]{1,6}讯|[\u4e00-\u9fa5A-Za-z（）()]{1,16}?讯\s*[（(]|新华社[\u4e00-\u9fa5\d]{0,14}电)/;
/** The dateline prefix itself, skipped to reach the body. */
const RE_DATELINE = /^(?:本报讯|本报[\u4e00-\u9fa5]{1,6}讯|[\u4e00-\u9fa5A-Za-z（）()]{1,16}?讯|新华社[\u4e00-\u9fa5\d]{0,14}电)\s*(?:[（(][^（()）\n]{0,40}[）)])?\s*/;
/** Masthead furniture near the top of a page. */
const RE_MASTHEAD = /新闻热线|热线|电话|编辑出版|主办|出版|星期[一二三四五六日天]|农历|第\s*\d+\s*期|本期\s*\d+\s*版|^\s*第?\s*\d+\s*版|扫一扫|二维码|关注|APP|微信|微博|邮箱|mail|国内统一刊号|刊号|CN\s*\d|邮发代号|社址|广告|^[\d\s\-—()（）+]+$|^[A-Za-z\s.·'-]+$|^[\u4e00-\u9fa5]{1,6}报$|^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/;
/** Furniture anywhere: bylines and editors on their own line, "详见第2版", links. */
const RE_NOISE = /^(?:责任编辑|责编|编辑|校对|审核|来源|作者|摄影|记者)[：:\s]|^>>>|详见第|返回搜狐|查看更多/;
const RE_DAODU = /^(?:本期|今日|要闻)?导读$/;

function trimBounds(text: string, start: number, end: number): [number, number] {
  while (start < end && WS.test(text[start])) start++;
  while (end > start && WS.test(text[end - 1])) end--;
  return [start, end];
}

const HEAD_FUNCTION_WORD_END = /[的和与及了]$/;
function isHeadlineLike(t: string): boolean {
  return t.length >= 2 && t.length <= 40 && !HEAD_FORBIDDEN.test(t) && CJK.test(t) && !HEAD_FUNCTION_WORD_END.test(t);
}

function endsBroken(t: string): boolean {
  return t.length > 0 && !FINAL.has(t[t.length - 1]);
}

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const [s, e] = trimBounds(text, pos, nl);
    const t = text.slice(s, e);
    let kind: LineKind;
    if (!t) kind = 'blank';
    else if (RE_DAODU.test(t)) kind = 'daodu';
    else if (RE_ANCHOR.test(t)) kind = 'anchor';
    else if (RE_NOISE.test(t)) kind = 'noise';
    else if (isHeadlineLike(t)) kind = 'head';
    else kind = 'body';
    lines.push({ start: s, end: e, text: t, kind });
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  // the masthead: short lines at the top, before the first dateline or body line
  for (const line of lines) {
    if (line.kind === 'blank' || line.kind === 'noise') continue;
    if (line.kind === 'anchor' || line.kind === 'daodu') break;
    if (line.text.length <= 40 && RE_MASTHEAD.test(line.text)) { line.kind = 'noise'; continue; }
    if (line.kind === 'body') break;
  }
  return lines;
}

type Unit =
  | { kind: 'head'; lines: Line[] }
  | { kind: 'para'; anchor: boolean; start: number; end: number; text: string }
  | { kind: 'noise' }
  | { kind: 'daodu' };

/** The most lines a headline (with its kicker and subtitle) takes. */
const MAX_HEAD_LINES = 6;

function nextNonBlank(lines: Line[], i: number): number {
  let j = i + 1;
  while (j < lines.length && lines[j].kind === 'blank') j++;
  return j;
}

function buildUnits(lines: Line[]): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    switch (line.kind) {
      case 'blank': i++; break;
      case 'noise': units.push({ kind: 'noise' }); i++; break;
      case 'daodu': {
        units.push({ kind: 'daodu' });
        // the block: short headline-like lines and "详见…" up to the next body text or dateline title
        i++;
        while (i < lines.length) {
          const l = lines[i];
          if (l.kind === 'blank' || l.kind === 'noise') { i++; continue; }
          if (l.kind !== 'head') break;
          const n = nextNonBlank(lines, i);
          if (n < lines.length && lines[n].kind === 'anchor') break;
          i++;
        }
        break;
      }
      case 'head': {
        const group: Line[] = [line];
        let lastIdx = i;
        let j = nextNonBlank(lines, i);
        while (j < lines.length && lines[j].kind === 'head') { group.push(lines[j]); lastIdx = j; j = nextNonBlank(lines, j); }
        // a run of more short lines than a headline has (a list, a table flattened to lines) is body text;
        // only its last lines can be a headline
        const body = group.length - MAX_HEAD_LINES;
        for (let k = 0; k < body; k++) units.push({ kind: 'para', anchor: false, start: group[k].start, end: group[k].end, text: '' });
        units.push({ kind: 'head', lines: body > 0 ? group.slice(body) : group });
        i = lastIdx + 1;
        break;
      }
      default: {
        // a paragraph: lines broken by the layout continue across line breaks
        let end = line.end;
        let last = line;
        let j = i;
        for (;;) {
          const n = nextNonBlank(lines, j);
          if (!endsBroken(last.text) || n >= lines.length) break;
          const next = lines[n];
          if (next.kind !== 'body' && next.kind !== 'head') break;
          last = next; end = next.end; j = n;
        }
        units.push({ kind: 'para', anchor: line.kind === 'anchor', start: line.start, end, text: '' });
        i = j + 1;
      }
    }
  }
  return units;
}

interface Draft { titleLines: Line[]; paras: Range[]; anchored: boolean }

function joinTitle(lines: Line[]): string | null {
  return lines.length ? lines.map((l) => l.text).join(' ') : null;
}

/** A page → its articles. The masthead and the 导读 block are left out. */
export function segmentPage(text: string): ArticleSegment[] {
  const lines = readLines(text);
  const units = buildUnits(lines);
  const pageMode = units.some((u) => u.kind === 'para' && u.anchor);

  // Which headline units between body paragraphs open an article (page mode: a lone one in its region)?
  const opens = new Set<number>();
  if (pageMode) {
    let region: number[] = [];
    let bodySeen = false;
    const flush = () => { if (region.length === 1) opens.add(region[0]); region = []; };
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      if (u.kind === 'para' && u.anchor) { flush(); bodySeen = true; continue; }
      if (u.kind === 'daodu') { flush(); bodySeen = false; continue; }
      if (u.kind === 'head') {
        const next = units[k + 1];
        if (bodySeen && next && next.kind === 'para' && !next.anchor) region.push(k);
        continue;
      }
      if (u.kind === 'para') bodySeen = true;
    }
    flush();
  }

  const drafts: Draft[] = [];
  let cur: Draft | null = null;
  let pending: Line[] | null = null;
  let inDaodu = false;
  const close = () => { if (cur && cur.paras.length) drafts.push(cur); cur = null; };
  const orphan = () => {
    // a headline left after an article's body: that article's title if it has none
    if (pending && cur && cur.titleLines.length === 0) cur.titleLines = pending;
    pending = null;
  };

  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (u.kind === 'noise') continue;
    if (u.kind === 'daodu') { orphan(); close(); inDaodu = true; continue; }
    if (u.kind === 'head') {
      if (inDaodu) continue;
      if (pending) orphan();
      pending = u.lines;
      if (opens.has(k)) { close(); cur = { titleLines: pending, paras: [], anchored: false }; pending = null; }
      continue;
    }
    // a paragraph
    if (u.anchor) {
      let title: Line[] = pending ?? [];
      const prev = cur as Draft | null;
      if (pending && prev && prev.titleLines.length === 0 && prev.paras.length && pending.length >= 2) {
        prev.titleLines = pending.slice(0, -1);
        title = pending.slice(-1);
      }
      pending = null;
      close();
      inDaodu = false;
      cur = { titleLines: title, paras: [{ start: u.start, end: u.end }], anchored: true };
      continue;
    }
    if (inDaodu) continue;
    if (!cur) {
      cur = { titleLines: pending ?? [], paras: [], anchored: false };
      pending = null;
    } else if (pending) {
      // sub-headlines: paragraphs of the article
      for (const l of pending) cur.paras.push({ start: l.start, end: l.end });
      pending = null;
    }
    cur.paras.push({ start: u.start, end: u.end });
  }
  orphan();
  close();

  const out: ArticleSegment[] = [];
  for (const d of drafts) {
    const paragraphs = d.paras.slice();
    let bodyStart = paragraphs[0].start;
    if (d.anchored) {
      const first = paragraphs[0];
      const m = RE_DATELINE.exec(text.slice(first.start, first.end));
      if (m) {
        bodyStart = first.start + m[0].length;
        if (bodyStart >= first.end) {
          paragraphs.shift();
          bodyStart = paragraphs.length ? paragraphs[0].start : first.end;
        } else paragraphs[0] = { start: bodyStart, end: first.end };
      }
    }
    let titleStart = Infinity, titleEnd = -Infinity;
    for (const l of d.titleLines) { titleStart = Math.min(titleStart, l.start); titleEnd = Math.max(titleEnd, l.end); }
    out.push({
      start: Math.min(d.paras[0].start, titleStart), end: Math.max(d.paras[d.paras.length - 1].end, titleEnd),
      title: joinTitle(d.titleLines), bodyStart, paragraphs,
      titleRange: d.titleLines.length ? { start: titleStart, end: titleEnd } : null,
    });
  }
  if (!out.length) {
    const [s, e] = trimBounds(text, 0, text.length);
    if (e > s) out.push({ start: s, end: e, title: null, titleRange: null, bodyStart: s, paragraphs: [{ start: s, end: e }] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Sentences

// character classes by UTF-16 code unit
const C_END = 1, C_CLOSER = 2, C_SPACE = 4, C_OPENQ = 8, C_CLOSEQ = 16, C_NL = 32;
const CLASS = new UnitBytes();
const addClass = (code: number, cls: number): void => CLASS.set(code, CLASS.get(code) | cls);
for (const ch of '。！？；!?;') addClass(ch.charCodeAt(0), C_END);
for (const ch of '”’」』）)】') addClass(ch.charCodeAt(0), C_CLOSER);
for (const ch of '“「') addClass(ch.charCodeAt(0), C_OPENQ);
for (const ch of '”」') addClass(ch.charCodeAt(0), C_CLOSEQ);
for (let c = 0; c <= 32; c++) addClass(c, C_SPACE);
for (const c of [0x3000, 0xa0, 0xfeff]) addClass(c, C_SPACE);
CLASS.set(10, C_NL);

/**
 * The longest sentence handed to the later stages. Real sentences of district news stay far below it
 * (the longest in our sets is under 250 characters); a longer run is text without punctuation (OCR,
 * a table flattened into one line, an attack), and every per-figure look-up of the later stages is
 * bounded by the sentence, so the cap keeps the whole extractor linear in the text's length.
 */
export const MAX_SENTENCE = 400;
/** A piece of a cut sentence is at least this long, so a cut never leaves a crumb of a clause. */
const MIN_PIECE = MAX_SENTENCE / 4;

// where a long run may be cut, best first: a clause boundary, a list comma, a space or a closing bracket
const CUT_RANK = new Uint8Array(65536);
for (const ch of '，,：:') CUT_RANK[ch.charCodeAt(0)] = 3;
for (const ch of '、') CUT_RANK[ch.charCodeAt(0)] = 2;
for (const ch of ' \t\u3000）)」』】') CUT_RANK[ch.charCodeAt(0)] = 1;

/**
 * Cuts [s, e) into pieces of at most MAX_SENTENCE characters, each ending after the best-ranked cut
 * character of its last three quarters (the latest of that rank), else at the fixed length. O(e - s).
 */
function cutLongSentence(text: string, s: number, e: number, out: Range[]): void {
  let from = s;
  while (e - from > MAX_SENTENCE) {
    const limit = from + MAX_SENTENCE;
    let cut = limit, bestRank = 0;
    for (let i = limit - 1; i >= from + MIN_PIECE && bestRank < 3; i--) {
      const rank = CUT_RANK[text.charCodeAt(i)];
      if (rank > bestRank) { bestRank = rank; cut = i + 1; }
    }
    const [ps, pe] = trimBounds(text, from, cut);
    if (pe > ps) out.push({ start: ps, end: pe });
    from = cut;
  }
  const [ps, pe] = trimBounds(text, from, e);
  if (pe > ps) out.push({ start: ps, end: pe });
}

const BLANK = /^[\s\u3000\u00a0]*$/;
const LINE_EDGE_SPACE = /^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g;

/**
 * Sentence ranges of text[range): split after 。！？；!? (with the closing quotes or brackets that follow),
 * at blank lines, and at line breaks after a headline-like line; a line broken by the layout (ending
 * without punctuation) continues. A quotation “…” stays whole: a 。 inside it does not split, but a
 * quotation ending a sentence (“……为准。”) splits after its closing mark. A run longer than MAX_SENTENCE
 * is cut at clause-like boundaries (，：、 spaces), failing those at the fixed length.
 */
export function splitSentences(text: string, range: Range): Range[] {
  const start = Math.max(0, range.start), end = Math.min(text.length, range.end);
  // matching quotes (a quote left open is not a quote; quotes do not run across a blank line)
  const closeOf = new Map<number, number>();
  const stack: number[] = [];
  let lastNl = -2;
  for (let i = start; i < end; i++) {
    const k = CLASS.get(text.charCodeAt(i));
    if (k === 0) continue;
    if (k & C_OPENQ) stack.push(i);
    else if (k & C_CLOSEQ) {
      if (stack.length) { const open = stack.pop()!; if (i - open <= 500) closeOf.set(open, i); }
    } else if (k & C_NL) {
      if (lastNl >= 0 && BLANK.test(text.slice(lastNl + 1, i))) stack.length = 0;
      lastNl = i;
    }
  }

  const out: Range[] = [];
  let sStart = -1;           // first non-space char of the current sentence
  let lastNonSpace = -1;
  let lineStart = start;
  let quoteUntil = -1;
  const push = (to: number) => {
    if (sStart >= 0) {
      const [s, e] = trimBounds(text, sStart, to);
      if (e - s > MAX_SENTENCE) cutLongSentence(text, s, e, out);
      else if (e > s) out.push({ start: s, end: e });
    }
    sStart = -1;
  };

  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const k = CLASS.get(code);
    if (k & C_NL) {
      if (sStart >= 0) {
        const line = text.slice(lineStart, i).replace(LINE_EDGE_SPACE, '');
        // a line broken by the layout continues (even across blank lines); a headline-like line ends
        if (line.length > 0 && (!endsBroken(line) || isHeadlineLike(line))) { push(lastNonSpace + 1); quoteUntil = -1; }
      }
      lineStart = i + 1;
      continue;
    }
    if (k & C_SPACE) continue;
    if (sStart < 0) sStart = i;
    lastNonSpace = i;
    if (i < quoteUntil) continue;
    if (i === quoteUntil) {
      // a quotation closing a sentence: “……。”
      if (CLASS.get(text.charCodeAt(i - 1)) & C_END) {
        let j = i + 1;
        while (j < end && CLASS.get(text.charCodeAt(j)) & C_CLOSER) j++;
        push(j); i = j - 1; lastNonSpace = i;
      }
      quoteUntil = -1;
      continue;
    }
    if (k & C_OPENQ) {
      const close = closeOf.get(i);
      if (close !== undefined) { quoteUntil = close; continue; }
    }
    if (k & C_END) {
      let j = i + 1;
      while (j < end && CLASS.get(text.charCodeAt(j)) & (C_CLOSER | C_END)) j++;
      push(j); i = j - 1; lastNonSpace = i;
    }
  }
  push(lastNonSpace + 1);
  return out;
}
