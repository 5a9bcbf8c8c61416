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

/** What a spelling of a unit carries beside its word: a guard, a factor, a half, a qualifier. */
type Extra = Pick<UnitWord, 'factor' | 'addHalf' | 'qualifier' | 'notBefore'>;

/** The unit words of one unit, in the order given: a word alone, or a word with what it carries. */
function spellings(kind: UnitKind, unit: Unit, ...words: Array<string | readonly [word: string, extra: Extra]>): UnitWord[] {
  return words.map((w) => (typeof w === 'string' ? { word: w, unit, kind } : { word: w[0], unit, kind, ...w[1] }));
}

const MONEY: UnitWord[] = [
  ...spellings('money', 'CNY', ['元', { notBefore: '[旦素宵首帅老]' }], '块钱', '元人民币', '人民币'),
  ...spellings('money', 'USD', '美元', '美金'),
  ...spellings('money', 'HKD', '港元', '港币'),
  ...spellings('money', 'EUR', '欧元'),
];

const MEASURES: UnitWord[] = [
  ...spellings('measure', 'km2', '平方公里', '平方千米', 'km²'),
  // 方 is m2 in building and demolition news and m3 of earth or water; figures.ts decides by context.
  // Before 面/案/式/法… it is another word (三方面, 方案), and 方 of parties (双方, 3方) is small.
  ...spellings('measure', 'm2', '平方米', '平米', '平方', '㎡', 'm²', ['方', { notBefore: '[面案式法向针位言阵便舱正圆]' }]),
  ...spellings('measure', 'm3', '立方米', '立方', 'm³'),
  ...spellings('measure', 'mu', '亩'),
  ...spellings('measure', 'ha', '公顷'),
  ...spellings('measure', 'km', '公里', '千米', ['km', { notBefore: '[A-Za-z²2]' }]),
  ...spellings('measure', 'm', '延米', ['米', { notBefore: '[面粮饭线]' }]),
  ...spellings('measure', 't', '吨'),
  ...spellings('measure', 'kg', '公斤', '千克', ['kg', { notBefore: '[A-Za-z]' }], ['斤', { factor: 0.5 }]),
];

const PERCENTS: UnitWord[] = [
  ...spellings('percent', 'percent', '%', ['‰', { factor: 0.1 }]),
  ...spellings('percent', 'percentage_point', '个百分点', '百分点'),
  // 六成 = 60%. 成 ends many verbs (统一成, 一成不变, 成为), so figures.ts keeps it only where a
  // qualifier or a verb of proportion (占, 达, 超…) frames it.
  ...spellings('percent', 'percent', [PERCENT_TENTH_WORD, { factor: 10, notBefore: '[为立功本果长员熟交都型效绩品不就了]' }]),
];

const MORE_THAN: Extra = { qualifier: 'more_than' };
const AND_A_HALF: Extra = { addHalf: true };

// 日 alone is a day of the month (16日), so a day count needs 天 or the 工作日 / 自然日 words.
// 月 alone is a month of the year, so a month count needs 个月.
const DURATIONS: UnitWord[] = [
  ...spellings('duration', 'day', ['天', { notBefore: '[津河]' }], '个工作日', '个自然日', '工作日'),
  ...spellings('duration', 'hour', '小时', '个小时', ['个多小时', MORE_THAN], ['个半小时', AND_A_HALF]),
  ...spellings('duration', 'month', '个月', ['个多月', MORE_THAN], ['个半月', AND_A_HALF]),
  // 年级, 年代, 年度 and 年份 name a grade, a decade, a year: not a length of time.
  ...spellings('duration', 'year', ['年', { notBefore: '[级代度份初底末中]' }], ['年半', AND_A_HALF], ['年多', MORE_THAN]),
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
