// The code lists of the data dictionary: every value a code column of an export can hold.
import { TAXONOMY } from '../extract/taxonomy';
import { QUALIFIERS, UNITS, type DatePrecision, type Provenance, type Qualifier, type Unit } from '../extract/types';

export interface Code { code: string; zh: string; en: string }

const UNIT_LABELS: Record<Unit, [string, string]> = {
  CNY: ['元（人民币）', 'yuan (renminbi)'], USD: ['美元', 'US dollars'], HKD: ['港元', 'Hong Kong dollars'], EUR: ['欧元', 'euros'],
  m2: ['平方米（“方”在建筑、拆除语境中）', 'square metres'], mu: ['亩（≈ 666.7 平方米）', 'mu (≈ 666.7 m²)'], ha: ['公顷', 'hectares'],
  km2: ['平方公里', 'square kilometres'], m3: ['立方米（土方、水量的“方”）', 'cubic metres'], m: ['米', 'metres'], km: ['公里', 'kilometres'],
  t: ['吨', 'tonnes'], kg: ['公斤', 'kilograms'], count: ['个数（户、家、个、人、件、项、套、栋…）', 'a count (households, enterprises, items…)'],
  percent: ['百分比', 'percent'], percentage_point: ['百分点', 'percentage points'],
  hour: ['小时', 'hours'], day: ['天', 'days'], month: ['月', 'months'], year: ['年', 'years'],
};

const QUALIFIER_LABELS: Record<Qualifier, [string, string]> = {
  exact: ['确数', 'exact as written'],
  more_than: ['余、多、超、超过、逾、以上、突破', 'more than'],
  about: ['约、左右、上下', 'about'],
  nearly: ['近、将近、接近', 'nearly'],
  less_than: ['不到、不足、以下', 'less than'],
};

export const REVIEW_STATUS_CODES: Code[] = [
  { code: 'unreviewed', zh: '未核对', en: 'not reviewed yet (as extracted)' },
  { code: 'verified', zh: '已核实', en: 'an editor checked it against the article' },
  { code: 'corrected', zh: '已更正', en: 'an editor corrected it: see corrected_value, corrected_unit, corrected_metric' },
  { code: 'rejected', zh: '已否决', en: 'not a civic figure or wrongly read; left out of every view and export unless include_rejected=1' },
];

const PRECISION_LABELS: Record<DatePrecision, [string, string]> = {
  day: ['日', 'the text names the day'],
  month: ['月', 'the text names a month'],
  quarter: ['季度', 'the text names a quarter'],
  half: ['半年', 'the text names a half year (上半年, 下半年)'],
  year: ['年', 'the text names a year'],
};

const PROVENANCE_LABELS: Record<Provenance, [string, string]> = {
  stated: ['句中明示', 'stated in the figure\'s own sentence'],
  inherited: ['承自段落或文章', 'inherited from the paragraph or the article'],
  default: ['来源默认（区县或发布日期）', 'the source\'s district, or the publication date'],
};

const codes = <K extends string>(labels: Record<K, [string, string]>, order: readonly K[]): Code[] =>
  order.map((code) => ({ code, zh: labels[code][0], en: labels[code][1] }));

export const UNIT_CODES = codes(UNIT_LABELS, UNITS);
export const QUALIFIER_CODES = codes(QUALIFIER_LABELS, QUALIFIERS);
export const DATE_PRECISION_CODES = codes(PRECISION_LABELS, ['day', 'month', 'quarter', 'half', 'year']);
export const PROVENANCE_CODES = codes(PROVENANCE_LABELS, ['stated', 'inherited', 'default']);

/** The metrics of the taxonomy in force (FIGURES_TAXONOMY may add some), with their groups and units. */
export function metricCodes(): (Code & { group: string; group_zh: string; group_en: string; units: string[] })[] {
  return TAXONOMY.map((m) => ({ code: m.key, zh: m.zh, en: m.en, group: m.group.key, group_zh: m.group.zh, group_en: m.group.en, units: [...m.units] }));
}
