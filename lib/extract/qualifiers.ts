// Words that make a figure approximate or a bound. Three positions, each its own grammar:
//   prefix  before the number:           约, 超过, 近, 不到 …
//   inner   between number and unit:     8000余万元, 三千多, 十几个, 20来人
//   suffix  after the unit:              以上, 左右, 以下 … (多/余 only after a duration: 两个月多)
// When several are present the prefix wins: 约180多平方米 is "about".
import type { Qualifier } from './types';

const PREFIX_QUALIFIERS: Record<string, Qualifier> = {
  大约: 'about', 大概: 'about', 约为: 'about', 约: 'about', 估计: 'about',
  // 约 before a copula or share verb still qualifies the number: 约占三成, 约有200人, 约达5亿元
  约占: 'about', 约有: 'about', 约达: 'about', 约合: 'about', 约计: 'about',
  超过: 'more_than', 超出: 'more_than', 超: 'more_than', 逾: 'more_than', 突破: 'more_than',
  多于: 'more_than', 高于: 'more_than', 不少于: 'more_than', 不低于: 'more_than', 至少: 'more_than', 上: 'more_than',
  将近: 'nearly', 接近: 'nearly', 近: 'nearly', 几近: 'nearly',
  不到: 'less_than', 不足: 'less_than', 不超过: 'less_than', 不高于: 'less_than', 不多于: 'less_than',
  少于: 'less_than', 低于: 'less_than', 最多: 'less_than',
};

const INNER_QUALIFIERS: Record<string, Qualifier> = { 余: 'more_than', 多: 'more_than', 几: 'more_than', 来: 'about' };

const SUFFIX_QUALIFIERS: Record<string, Qualifier> = {
  以上: 'more_than', 有余: 'more_than', 开外: 'more_than', 多: 'more_than', 余: 'more_than',
  左右: 'about', 上下: 'about',
  以下: 'less_than', 以内: 'less_than', 之内: 'less_than',
};

/** 上 reads "over" only before a bare magnitude (上千人, 上万元); elsewhere it is a word end (线上3场). */
export const MAGNITUDE_ONLY_PREFIXES = new Set(['上']);
/** 多 and 余 after a count word start another word (5个多部门), so as suffixes they follow only durations. */
export const DURATION_ONLY_SUFFIXES = new Set(['多', '余']);

const byLengthDesc = (words: string[]) => [...words].sort((a, b) => b.length - a.length);

/** Single-character prefixes that also end common words: 近 in 最近/附近, 约 in 签约/节约/合约,
 *  超 in 赶超; there they are not qualifiers. */
const WORD_FINAL_GUARDS: Record<string, string> = {
  近: '最附靠临亲贴逼将接几', 约: '签节预合条公制邀相违履守特誉婚践赴', 超: '赶高', 逾: '',
};
export const PREFIX_QUALIFIER_SOURCE = byLengthDesc(Object.keys(PREFIX_QUALIFIERS))
  .map((w) => (WORD_FINAL_GUARDS[w] ? `(?<![${WORD_FINAL_GUARDS[w]}])${w}` : w))
  .join('|');
/** The longest prefix qualifier: a figure starts at most this many characters before its number. */
export const MAX_PREFIX_LENGTH = Math.max(...Object.keys(PREFIX_QUALIFIERS).map((w) => w.length));
export const INNER_QUALIFIER_SOURCE = Object.keys(INNER_QUALIFIERS).join('|');
/** 上下 before 班/游/楼 … is another word (上下班, 上下游). */
export const SUFFIX_QUALIFIER_SOURCE = byLengthDesc(Object.keys(SUFFIX_QUALIFIERS))
  .map((w) => (w === '上下' ? '上下(?![班游楼级车学功联贯一同齐])' : w))
  .join('|');

export function prefixQualifier(word: string | undefined | null): Qualifier | null {
  return (word && PREFIX_QUALIFIERS[word]) || null;
}
export function innerQualifier(word: string | undefined | null): Qualifier | null {
  return (word && INNER_QUALIFIERS[word]) || null;
}
export function suffixQualifier(word: string | undefined | null): Qualifier | null {
  return (word && SUFFIX_QUALIFIERS[word]) || null;
}
