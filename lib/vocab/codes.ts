// The small code lists of a figure, each code with its short label (pages, charts) and its long meaning
// (the data dictionary): qualifiers, review statuses, provenances, roles. Client-safe.
import { QUALIFIERS, type FigureRole, type Provenance, type Qualifier } from '../extract/types';

export type Lang = 'zh' | 'en';

export interface CodeEntry<C extends string = string> {
  code: C;
  zh: string;
  en: string;
  /** what the code means, for the data dictionary (Chinese column) */
  zhLong: string;
  /** what the code means, for the data dictionary (English column) */
  enLong: string;
}

function table<C extends string>(rows: [C, string, string, string, string][]): readonly CodeEntry<C>[] {
  return rows.map(([code, zh, en, zhLong, enLong]) => ({ code, zh, en, zhLong, enLong }));
}

export const QUALIFIER_ENTRIES = table<Qualifier>([
  ['exact', '确数', 'exact', '确数', 'exact as written'],
  ['more_than', '超过（余、超、多）', 'more than', '余、多、超、超过、逾、以上、突破', 'more than'],
  ['about', '约数（约、左右）', 'about', '约、左右、上下', 'about'],
  ['nearly', '接近（近）', 'nearly', '近、将近、接近', 'nearly'],
  ['less_than', '不到', 'less than', '不到、不足、以下', 'less than'],
]);
if (QUALIFIER_ENTRIES.map((q) => q.code).join() !== QUALIFIERS.join()) throw new Error('lib/vocab/codes.ts: qualifiers out of step with the extractor');

/** The short word put before an approximate value (超300亿元, 约180平方米); none for an exact one. */
const QUALIFIER_MARKS: Record<string, Record<Lang, string>> = {
  more_than: { zh: '超', en: '>' }, about: { zh: '约', en: '≈' }, nearly: { zh: '近', en: '~' }, less_than: { zh: '不到', en: '<' },
};

export const REVIEW_STATUSES = ['unreviewed', 'verified', 'corrected', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_STATUS_ENTRIES = table<ReviewStatus>([
  ['unreviewed', '未审核', 'unreviewed', '未审核（按提取结果）', 'not reviewed yet (as extracted)'],
  ['verified', '已核实', 'verified', '已由编辑对照原文核实', 'an editor checked it against the article'],
  ['corrected', '已更正', 'corrected', '已由编辑更正：见 effective_value、effective_unit、effective_metric', 'an editor corrected it: see effective_value, effective_unit, effective_metric (and corrected_*)'],
  ['rejected', '已否决', 'rejected', '不是基层数字或读错；除非 include_rejected=1，不出现在任何视图与导出中', 'not a civic figure or wrongly read; left out of every view and export unless include_rejected=1'],
]);

export const PROVENANCE_ENTRIES = table<Provenance>([
  ['stated', '原句写明', 'stated in the sentence', '句中明示', 'stated in the figure\'s own sentence'],
  ['inherited', '承接上文', 'from the context', '承自段落或文章', 'inherited from the paragraph or the article'],
  ['default', '来源默认', 'the source’s default', '来源默认（区县或发布日期）', 'the source\'s district, or the publication date'],
]);

export const ROLES = ['measured', 'attribute', 'plan', 'stock'] as const satisfies readonly FigureRole[];

export const ROLE_ENTRIES = table<FigureRole>([
  ['measured', '实测', 'measured', '报道的实际数量：计入图表', 'a quantity reported as done or found: charted'],
  ['attribute', '属性', 'attribute', '名词短语中的规模或门槛（亿元以上项目）：保留，但从不计入图表或合计', 'a size class or threshold inside a noun phrase (亿元以上项目): kept, never charted or summed'],
  ['plan', '计划', 'plan', '计划或目标（计划、拟、将、目标、任务）：只作为单独的计划序列', 'a plan or target (计划, 拟, 将, 目标, 任务): charted only as a separate planned series'],
  ['stock', '存量', 'stock', '现有的存量（辖区有、现有）：按最新值计，不相加', 'an existing stock (辖区有, 现有): charted as its latest level, never added up'],
]);

const byCode = <C extends string>(entries: readonly CodeEntry<C>[]) => new Map<string, CodeEntry<C>>(entries.map((e) => [e.code, e]));
const QUALIFIER_BY_CODE = byCode(QUALIFIER_ENTRIES);
const STATUS_BY_CODE = byCode(REVIEW_STATUS_ENTRIES);
const PROVENANCE_BY_CODE = byCode(PROVENANCE_ENTRIES);
const ROLE_BY_CODE = byCode(ROLE_ENTRIES);

export function qualifierLabel(qualifier: string, lang: Lang): string {
  return QUALIFIER_BY_CODE.get(qualifier)?.[lang] ?? qualifier;
}

/** The short word put before an approximate value (超300亿元, 约180平方米); '' for an exact one. */
export function qualifierMark(qualifier: string, lang: Lang): string {
  return QUALIFIER_MARKS[qualifier]?.[lang] ?? '';
}

export function reviewStatusLabel(status: string, lang: Lang): string {
  return STATUS_BY_CODE.get(status)?.[lang] ?? status;
}

export function provenanceLabel(provenance: string, lang: Lang): string {
  return PROVENANCE_BY_CODE.get(provenance)?.[lang] ?? provenance;
}

/** A date's provenance: a default date is the publication day, and says so. */
export function dateProvenanceLabel(provenance: string, lang: Lang): string {
  if (provenance === 'default') return lang === 'zh' ? '发布日期（默认）' : 'publication date (default)';
  return provenanceLabel(provenance, lang);
}

export function roleLabel(role: string, lang: Lang): string {
  return ROLE_BY_CODE.get(role)?.[lang] ?? role;
}

/** How a figure enters a chart (lib/vocab/metrics.ts measureOf). */
export const MEASURES = ['flow', 'level', 'plan', 'distribution', 'count', 'attribute'] as const;
export type Measure = (typeof MEASURES)[number];
/** The measures a chart can draw: an attribute never is. */
export type ChartMeasure = Exclude<Measure, 'attribute'>;

/** Each measure's words: a short label for a chart's value column, a long one for the data dictionary. */
const MEASURE_WORDS: Record<Measure, Omit<CodeEntry, 'code'>> = {
  flow: { zh: '合计', en: 'total', zhLong: '本期完成量：按地点与时期相加', enLong: 'amounts done in a period: added over places and periods' },
  level: {
    zh: '最新累计', en: 'latest level', zhLong: '累计数与存量：每个地点、每个时期取最新值，只按地点相加，从不按日期相加',
    enLong: 'running totals and stocks: the latest of each place and period, added over places, never over dates',
  },
  plan: { zh: '计划', en: 'planned', zhLong: '计划与目标：单独成列，从不与已完成的相加', enLong: 'plans and targets: a series of their own, never added to what was done' },
  distribution: { zh: '中位数', en: 'median', zhLong: '比率与时长：从不相加，显示中位数与范围', enLong: 'rates and durations: never added; their median and range' },
  count: { zh: '条数', en: 'figures', zhLong: '不同事物的数字：只计条数', enLong: 'figures of unlike things: counted only' },
  attribute: { zh: '属性', en: 'attribute', zhLong: '名词短语中的规模或门槛：不计入图表', enLong: 'a size class inside a noun phrase: never charted' },
};

export const MEASURE_ENTRIES: readonly CodeEntry<Measure>[] = MEASURES.map((code) => ({ code, ...MEASURE_WORDS[code] }));
const MEASURE_BY_CODE = byCode(MEASURE_ENTRIES);

export function measureLabel(measure: string, lang: Lang): string {
  return MEASURE_BY_CODE.get(measure)?.[lang] ?? measure;
}
