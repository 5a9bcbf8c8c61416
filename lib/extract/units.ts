// Unit words that may follow a number, and what each means in the units of types.ts.
// A unit word is matched only directly after the number (and its scale word), longest first, so
// 平方公里 wins over 平方 and 个百分点 over 个. A guard (negative lookahead) stops a unit word from
// being read when the characters after it make it part of another word (3处理, 5方面, 3名单).
import type { Qualifier, Unit } from './types';

export type UnitKind = 'money' | 'measure' | 'percent' | 'duration' | 'count';

export interface UnitWord {
  word: string;
  unit: Unit;
  kind: UnitKind;
  /** multiplies the number (斤 = 0.5 kg, ‰ = 0.1 percent) */
  factor?: number;
  /** added after scaling: 1年半, 两个半月 */
  addHalf?: boolean;
  /** a qualifier carried by the unit word itself (3个多月) */
  qualifier?: Qualifier;
  /** regex source of what must not follow */
  notBefore?: string;
}

const CJK = '\\u4e00-\\u9fff';

/** 成: tenths, as in 六成 (60%). */
export const PERCENT_TENTH_WORD = '成';

const MONEY: UnitWord[] = [
  { word: '元', unit: 'CNY', kind: 'money', notBefore: '[旦素宵首帅老]' },
  { word: '块钱', unit: 'CNY', kind: 'money' },
  { word: '元人民币', unit: 'CNY', kind: 'money' },
  { word: '人民币', unit: 'CNY', kind: 'money' },
  { word: '美元', unit: 'USD', kind: 'money' },
  { word: '美金', unit: 'USD', kind: 'money' },
  { word: '港元', unit: 'HKD', kind: 'money' },
  { word: '港币', unit: 'HKD', kind: 'money' },
  { word: '欧元', unit: 'EUR', kind: 'money' },
];

const MEASURES: UnitWord[] = [
  { word: '平方公里', unit: 'km2', kind: 'measure' },
  { word: '平方千米', unit: 'km2', kind: 'measure' },
  { word: 'km²', unit: 'km2', kind: 'measure' },
  { word: '平方米', unit: 'm2', kind: 'measure' },
  { word: '平米', unit: 'm2', kind: 'measure' },
  { word: '平方', unit: 'm2', kind: 'measure' },
  { word: '㎡', unit: 'm2', kind: 'measure' },
  { word: 'm²', unit: 'm2', kind: 'measure' },
  // 方 is m2 in building and demolition news and m3 of earth or water; figures.ts decides by context.
  // Before 面/案/式/法… it is another word (三方面, 方案), and 方 of parties (双方, 3方) is small.
  { word: '方', unit: 'm2', kind: 'measure', notBefore: '[面案式法向针位言阵便舱正圆]' },
  { word: '立方米', unit: 'm3', kind: 'measure' },
  { word: '立方', unit: 'm3', kind: 'measure' },
  { word: 'm³', unit: 'm3', kind: 'measure' },
  { word: '亩', unit: 'mu', kind: 'measure' },
  { word: '公顷', unit: 'ha', kind: 'measure' },
  { word: '公里', unit: 'km', kind: 'measure' },
  { word: '千米', unit: 'km', kind: 'measure' },
  { word: 'km', unit: 'km', kind: 'measure', notBefore: '[A-Za-z²2]' },
  { word: '延米', unit: 'm', kind: 'measure' },
  { word: '米', unit: 'm', kind: 'measure', notBefore: '[面粮饭线]' },
  { word: '吨', unit: 't', kind: 'measure' },
  { word: '公斤', unit: 'kg', kind: 'measure' },
  { word: '千克', unit: 'kg', kind: 'measure' },
  { word: 'kg', unit: 'kg', kind: 'measure', notBefore: '[A-Za-z]' },
  { word: '斤', unit: 'kg', kind: 'measure', factor: 0.5 },
];

const PERCENTS: UnitWord[] = [
  { word: '%', unit: 'percent', kind: 'percent' },
  { word: '‰', unit: 'percent', kind: 'percent', factor: 0.1 },
  { word: '个百分点', unit: 'percentage_point', kind: 'percent' },
  { word: '百分点', unit: 'percentage_point', kind: 'percent' },
  // 六成 = 60%. 成 ends many verbs (统一成, 一成不变, 成为), so figures.ts keeps it only where a
  // qualifier or a verb of proportion (占, 达, 超…) frames it.
  { word: PERCENT_TENTH_WORD, unit: 'percent', kind: 'percent', factor: 10, notBefore: '[为立功本果长员熟交都型效绩品不就了]' },
];

// 日 alone is a day of the month (16日), so a day count needs 天 or the 工作日 / 自然日 words.
// 月 alone is a month of the year, so a month count needs 个月.
const DURATIONS: UnitWord[] = [
  { word: '天', unit: 'day', kind: 'duration', notBefore: '[津河]' },
  { word: '个工作日', unit: 'day', kind: 'duration' },
  { word: '个自然日', unit: 'day', kind: 'duration' },
  { word: '工作日', unit: 'day', kind: 'duration' },
  { word: '小时', unit: 'hour', kind: 'duration' },
  { word: '个小时', unit: 'hour', kind: 'duration' },
  { word: '个多小时', unit: 'hour', kind: 'duration', qualifier: 'more_than' },
  { word: '个半小时', unit: 'hour', kind: 'duration', addHalf: true },
  { word: '个月', unit: 'month', kind: 'duration' },
  { word: '个多月', unit: 'month', kind: 'duration', qualifier: 'more_than' },
  { word: '个半月', unit: 'month', kind: 'duration', addHalf: true },
  // 年级, 年代, 年度 and 年份 name a grade, a decade, a year: not a length of time.
  { word: '年', unit: 'year', kind: 'duration', notBefore: '[级代度份初底末中]' },
  { word: '年半', unit: 'year', kind: 'duration', addHalf: true },
  { word: '年多', unit: 'year', kind: 'duration', qualifier: 'more_than' },
];

/** Measure words (量词) after which a number counts things. Each guard lists the characters that turn
 *  the measure word into the head of another word. */
const COUNT_WORDS: Array<[string, string?]> = [
  ['个', '[体性税别均]'], ['户', '[籍口外型主]'], ['户次'], ['家', '[庭长属乡园具电用]'], ['家次'],
  ['名', '[单称额次牌誉]'], ['人', '[民均工造员心才类]'], ['人次'], ['位', '[于居列置数]'],
  ['只'], ['件', '[事]'], ['件次'], ['项', '[目]'], ['套', '[餐]'], ['栋'], ['幢'], ['处', '[理于置长罚分级室]'],
  ['条', '[件例款]'], ['起', '[步来诉草点始]'], ['次', '[数要日年]'], ['场', '[所景地馆面合]'], ['场次'],
  ['辆'], ['所', '[有在以属谓得]'], ['座'], ['批', '[准复评示次]'], ['批次'], ['张'], ['台', '[风阶账湾]'],
  ['份', '[额]'], ['株'], ['棵'], ['块', '[钱]'], ['支', '[持付出撑部]'], ['间', '[隙距接]'], ['种', '[植类子]'],
  ['类'], ['例'], ['宗'], ['笔'], ['篇'], ['册'], ['艘'], ['架', '[构]'], ['架次'], ['车次'], ['头'],
  ['匹'], ['枚'], ['幅', '[度]'], ['盏'], ['瓶'], ['箱'], ['袋'], ['盒'], ['桶'], ['包'], ['趟'],
  ['轮', '[次流]'], ['期', '[间限刊货望待盼末]'], ['剂'], ['剂次'], ['台次'], ['辆次'], ['艘次'], ['个次'], ['人份'], ['例次'], ['班次'], ['课时'], ['组', '[织成建合]'], ['对', '[接于象口标比策照外]'],
  ['届'], ['节', '[约能日点]'], ['门', '[口]'], ['口', '[岸径罩号]'], ['根'], ['片', '[区]'], ['段', '[落]'],
  ['眼'], ['杆'], ['部', '[门分署长委]'], ['扇'], ['面', '[积临向对]'], ['顶'], ['副'], ['串'], ['束'],
  // trains and containers: 开行班列526列, 发运4.3万标箱 (列入, 列为, 列车 … are other words)
  ['列', '[入为出车席队表举明位]'], ['标箱'], ['台套'], ['床', '[位铺单头垫上]'],
];

/** 7大项目: an Arabic number + 大 + noun counts the noun (figures.ts admits it only after Arabic digits,
 *  since 四大银行, 五大品牌 with Chinese numerals are epithets). */
export const BIG_COUNT_WORD = '大';

const COUNTS: UnitWord[] = [
  ...COUNT_WORDS.map(([word, notBefore]): UnitWord => ({ word, unit: 'count', kind: 'count', notBefore })),
  { word: BIG_COUNT_WORD, unit: 'count', kind: 'count', notBefore: `[^${CJK}]|$|[学小中会于约概多量幅力]` },
];

export const UNIT_WORDS: readonly UnitWord[] = [...MONEY, ...MEASURES, ...PERCENTS, ...DURATIONS, ...COUNTS];

const UNIT_BY_WORD = new Map(UNIT_WORDS.map((u) => [u.word, u]));

export function unitWord(word: string): UnitWord | undefined {
  return UNIT_BY_WORD.get(word);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Alternation of all unit words, longest first, each with its guard. */
export const UNIT_SOURCE = [...UNIT_WORDS]
  .sort((a, b) => b.word.length - a.word.length)
  .map((u) => escapeRegExp(u.word) + (u.notBefore ? `(?!${u.notBefore})` : ''))
  .join('|');

/** Words around 方 that make it earth or water (m3) rather than floor space. */
export const CUBIC_CONTEXT_PATTERN = /土|石方|水|淤|泥|渣|混凝土|砂|沙|气|垃圾|方量/;
