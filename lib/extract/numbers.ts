// Numbers as Chinese news writes them: Arabic digits (half- or full-width, with thousands
// separators and decimals), Chinese numerals (小写 and 大写 financial forms, 廿/卅, 〇), and the
// scale words 万/亿 that follow either. Only the number grammar lives here; units, qualifiers and
// the decision "is this a figure" belong to units.ts, qualifiers.ts and figures.ts.

/** Arabic number on width-normalized text. A comma groups thousands only before exactly three digits,
 *  so a list written with ASCII commas (1,2,3) is not read as one number. */
export const ARABIC_NUMBER_SOURCE = String.raw`\d+(?:,\d{3}(?!\d))*(?:\.\d+)?`;

const CHINESE_DIGIT_VALUES: Record<string, number> = {
  零: 0, 〇: 0,
  一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 貳: 2, 三: 3, 叁: 3, 參: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
/** 廿 and 卅 are contractions of 二十 and 三十: they behave as a digit already multiplied by ten. */
const CHINESE_TENS_CONTRACTIONS: Record<string, number> = { 廿: 20, 卅: 30 };
const CHINESE_SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CHINESE_LARGE_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

export const CHINESE_DIGIT_CHARS = Object.keys(CHINESE_DIGIT_VALUES).join('');
export const CHINESE_MAGNITUDE_CHARS =
  Object.keys(CHINESE_TENS_CONTRACTIONS).join('') + Object.keys(CHINESE_SMALL_UNITS).join('') + Object.keys(CHINESE_LARGE_UNITS).join('');
export const CHINESE_NUMERAL_CHARS = CHINESE_DIGIT_CHARS + CHINESE_MAGNITUDE_CHARS;

/** A run of Chinese numerals, optionally with a decimal part read digit by digit (三点五). */
export const CHINESE_NUMBER_SOURCE = `[${CHINESE_NUMERAL_CHARS}]+(?:点[${CHINESE_DIGIT_CHARS}]+)?`;

/** Scale words after a number (1.2万, 4.14亿, 3千万). 千 before 米/克/瓦 is part of a unit (千米), and
 *  百 before 分 starts 百分点/百分之, so neither is a scale there. */
export const SCALE_SOURCE = '万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千(?![米克瓦帕])|百(?![分米])';

const SCALE_VALUES: Record<string, number> = {
  万亿: 1e12, 千亿: 1e11, 百亿: 1e10, 十亿: 1e9, 千万: 1e7, 百万: 1e6, 十万: 1e5, 亿: 1e8, 万: 1e4, 千: 1e3, 百: 100,
};

export function scaleValue(word: string | undefined | null): number {
  if (!word) return 1;
  return SCALE_VALUES[word] ?? 1;
}

// Full-width digits and signs map one UTF-16 unit to one, so offsets survive normalization.
/** A full-width comma between digits is a thousands separator only before exactly three digits (１２３，４％ is two numbers). */
const FULL_WIDTH_THOUSANDS_COMMA_PATTERN = /(?<=[0-9])，(?=[0-9]{3}(?![0-9]))/g;

/** The full-width digits and signs made ASCII (each maps to ASCII by subtracting 0xfee0). */
const FULL_WIDTH_SIGN = /[０-９％．－～＋]/g;

/** `text` with the full-width digits and signs made ASCII, copied only around them: news text holds few or
 *  none, and the engine's scan for them is several times faster than a replacement with a callback. */
function halfWidthOf(text: string): string {
  let parts: string[] | null = null;
  let copied = 0;
  FULL_WIDTH_SIGN.lastIndex = 0;
  for (let m = FULL_WIDTH_SIGN.exec(text); m; m = FULL_WIDTH_SIGN.exec(text)) {
    (parts ??= []).push(text.slice(copied, m.index), String.fromCharCode(text.charCodeAt(m.index) - 0xfee0));
    copied = m.index + 1;
  }
  if (!parts) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}
const isDigitCode = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** Whether FULL_WIDTH_THOUSANDS_COMMA_PATTERN matches in `text`: its comma is looked for with indexOf, and
 *  most texts hold none between digits, so the replacement (a copy of the whole text) is mostly skipped. */
function hasThousandsComma(text: string): boolean {
  for (let p = text.indexOf('，'); p >= 0; p = text.indexOf('，', p + 1)) {
    if (p > 0 && isDigitCode(text.charCodeAt(p - 1)) && isDigitCode(text.charCodeAt(p + 1)) && isDigitCode(text.charCodeAt(p + 2))
      && isDigitCode(text.charCodeAt(p + 3)) && !isDigitCode(text.charCodeAt(p + 4))) return true;
  }
  return false;
}

/** Same-length copy of `text` with full-width digits, ％ ． － ～ ＋ and thousands commas made ASCII. */
export function normalizeDigits(text: string): string {
  const halfWidth = halfWidthOf(text);
  return hasThousandsComma(halfWidth) ? halfWidth.replace(FULL_WIDTH_THOUSANDS_COMMA_PATTERN, ',') : halfWidth;
}

// Patterns of the hot paths are made once: a literal inside a function is a new RegExp object at every call.
const THOUSANDS_COMMAS = /,/g;

export function parseArabicNumber(surface: string): number {
  return Number(surface.replace(THOUSANDS_COMMAS, ''));
}

export const isChineseNumeralChar = (ch: string): boolean => CHINESE_NUMERAL_CHARS.includes(ch);

/** True when a Chinese numeral names a magnitude only (千, 百, 千亿): such words are mostly figurative
 *  (千家万户, 百年老店, 千方百计) unless a qualifier makes them a quantity (超千亿元, 百余家). */
export function isBareMagnitude(surface: string): boolean {
  for (const ch of surface) if (ch in CHINESE_DIGIT_VALUES || ch in CHINESE_TENS_CONTRACTIONS) return false;
  return true;
}

/** Reads a positional Chinese numeral (三万四千五百六十七, 一百零五, 两千, 十二, 廿三, 一万二 = 12000).
 *  Returns null for digit sequences without magnitude words (二〇二三, 三四); see parseChineseDigitSequence. */
function parseChinesePositional(surface: string): number | null {
  let total = 0;          // completed 亿 / 万 sections
  let section = 0;        // below the current 万
  let pendingDigit: number | null = null;
  let lastMagnitude = 0;  // magnitude just written, for the spoken abbreviation 一万二 / 三千五
  let previousWasZero = false;
  let sawMagnitude = false;
  for (const ch of surface) {
    if (ch in CHINESE_DIGIT_VALUES) {
      if (pendingDigit !== null) return null; // two digits in a row: not positional
      const digit = CHINESE_DIGIT_VALUES[ch];
      if (digit === 0) { previousWasZero = true; lastMagnitude = 0; continue; }
      pendingDigit = digit;
    } else if (ch in CHINESE_TENS_CONTRACTIONS) {
      if (pendingDigit !== null) return null;
      section += CHINESE_TENS_CONTRACTIONS[ch];
      lastMagnitude = 10; sawMagnitude = true; previousWasZero = false;
    } else if (ch in CHINESE_SMALL_UNITS) {
      const unit = CHINESE_SMALL_UNITS[ch];
      section += (pendingDigit ?? 1) * unit;
      pendingDigit = null; lastMagnitude = unit; sawMagnitude = true; previousWasZero = false;
    } else if (ch in CHINESE_LARGE_UNITS) {
      const unit = CHINESE_LARGE_UNITS[ch];
      section += pendingDigit ?? 0;
      pendingDigit = null;
      if (section === 0 && total === 0) section = 1; // bare 万 / 亿
      // 亿 multiplies everything before it (一万亿 = 1e12); 万 only its own section (一亿二千万).
      if (unit === 1e8) total = (total + section) * unit;
      else total += section * unit;
      section = 0; lastMagnitude = unit; sawMagnitude = true; previousWasZero = false;
    } else {
      return null;
    }
  }
  if (!sawMagnitude) return null;
  if (pendingDigit !== null) {
    const abbreviated = !previousWasZero && lastMagnitude >= 100;
    section += abbreviated ? pendingDigit * (lastMagnitude / 10) : pendingDigit;
  }
  return total + section;
}

/** 二〇二三 → 2023 (years and codes are read digit by digit). */
function parseChineseDigitSequence(surface: string): number | null {
  let value = 0;
  for (const ch of surface) {
    if (!(ch in CHINESE_DIGIT_VALUES)) return null;
    value = value * 10 + CHINESE_DIGIT_VALUES[ch];
  }
  return surface.length ? value : null;
}

/** 三四个, 七八家: two neighbouring digits mean "three or four", an estimate, not 34. */
export function parseChineseNeighbourPair(surface: string): [number, number] | null {
  if (surface.length !== 2) return null;
  const a = CHINESE_DIGIT_VALUES[surface[0]], b = CHINESE_DIGIT_VALUES[surface[1]];
  if (a === undefined || b === undefined || a === 0 || b !== a + 1) return null;
  return [a, b];
}

/** Value of a Chinese numeral, with an optional decimal part (三点五 → 3.5; the scale of 三点五亿 is a separate word). */
export function parseChineseNumber(surface: string): number | null {
  const [integerPart, fractionPart] = surface.split('点');
  if (!integerPart) return null;
  let integer = parseChinesePositional(integerPart);
  if (integer === null) integer = parseChineseDigitSequence(integerPart);
  if (integer === null) return null;
  if (fractionPart === undefined) return integer;
  const fraction = parseChineseDigitSequence(fractionPart);
  if (fraction === null) return null;
  return Number(`${integer}.${fractionPart.split('').map((c) => CHINESE_DIGIT_VALUES[c]).join('')}`);
}

export interface ParsedNumber {
  value: number;
  /** written in Chinese numerals only */
  chinese: boolean;
  /** 千, 百, 千亿: a magnitude without a digit */
  bareMagnitude: boolean;
  /** 三四 → [3, 4] */
  estimate: [number, number] | null;
}

const ARABIC_FIRST = /^[0-9]/;

/** Parses one number token as matched by ARABIC_NUMBER_SOURCE or CHINESE_NUMBER_SOURCE (no scale word). */
export function parseNumberToken(token: string): ParsedNumber | null {
  if (ARABIC_FIRST.test(token)) {
    const value = parseArabicNumber(token);
    return Number.isFinite(value) ? { value, chinese: false, bareMagnitude: false, estimate: null } : null;
  }
  const estimate = parseChineseNeighbourPair(token);
  if (estimate) return { value: estimate[0], chinese: true, bareMagnitude: false, estimate };
  const value = parseChineseNumber(token);
  if (value === null) return null;
  return { value, chinese: true, bareMagnitude: isBareMagnitude(token.split('点')[0]), estimate: null };
}

const STANDALONE_NUMBER_PATTERN = new RegExp(
  `^(?<number>${ARABIC_NUMBER_SOURCE}|${CHINESE_NUMBER_SOURCE})(?<scale>${SCALE_SOURCE})?$`,
);

/** Value of a whole number word with its scale: '1.2万' → 12000, '３４，５６７' → 34567, '三千' → 3000. */
export function parseNumber(surface: string): number | null {
  const match = STANDALONE_NUMBER_PATTERN.exec(normalizeDigits(surface.trim()));
  if (!match?.groups) return null;
  const parsed = parseNumberToken(match.groups.number);
  if (!parsed || parsed.estimate) return null;
  return roundFloat(parsed.value * scaleValue(match.groups.scale));
}

/** Removes binary noise of decimal scaling (4.14 * 1e8 = 413999999.99999994). */
export function roundFloat(value: number): number {
  // most figures are whole numbers and carry no binary noise; only fractions go through the string
  if (Number.isInteger(value)) return value;
  return Number.parseFloat(value.toPrecision(12));
}
