// The ONE table of export columns (GET /api/facts, /export/facts.csv, /export/facts.jsonl, `figures export`,
// the figure and article pages' data twins): each column's name, type, unit or code list, Chinese name and
// meaning, and where its value comes from. The data dictionary (README.md, /export/README), the SELECT, the
// CSV and JSONL writers and the API rows are all derived from this list: a column is added here, once.
import { DATE_PRECISION_ENTRIES } from '../vocab/dates';

export type ColumnType = 'integer' | 'number' | 'text' | 'boolean' | 'date' | 'code';

/** Where a column's value comes from. */
export type ColumnSource =
  /** a column of facts f (its name), or an expression over it */
  | { fact: string }
  /** a label of the metric in the row's `metric` column (the columns right after it) */
  | { metric: 'zh' | 'en' | 'group' }
  /** the figure's article and its source */
  | { article: 'title' | 'url' | 'source' | 'synthetic' | 'published_on' }
  /** made by the writer: the figure's sentence, cut from the article's text (the API writes a bounded window
   *  of it), or the figure's page (the base URL + /facts/ID) */
  | { computed: 'sentence' | 'fact_url' };

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  /** the unit the column is expressed in, or the code list its values come from */
  unit: string;
  zh: string;
  description: string;
  source: ColumnSource;
}

const PRECISIONS = DATE_PRECISION_ENTRIES.map((p) => p.code).join(', ');

export const COLUMNS = [
  { name: 'id', type: 'integer', unit: '—', zh: '数字编号', source: { fact: 'id' }, description: 'The figure\'s row id in this database; the cursor of GET /api/facts pages on it. Not stable across re-extraction: use uid to cite.' },
  { name: 'uid', type: 'text', unit: '—', zh: '稳定编号', source: { fact: 'uid' }, description: 'Stable id: the same figure of the same article text keeps it across re-extraction and databases (article hash + span + unit).' },
  { name: 'value', type: 'number', unit: 'unit column', zh: '数值', source: { fact: 'value' }, description: 'The value as extracted, scale words applied (8000余万元 → 80000000 CNY). For a range, its low end. Negative for a stated decrease where the extractor signs it.' },
  { name: 'low', type: 'number', unit: 'unit column', zh: '区间下限', source: { fact: 'low' }, description: 'Low end of a stated range (3至5亿元); empty when the figure is a single number.' },
  { name: 'high', type: 'number', unit: 'unit column', zh: '区间上限', source: { fact: 'high' }, description: 'High end of a stated range; empty when the figure is a single number.' },
  { name: 'unit', type: 'code', unit: 'units', zh: '单位', source: { fact: 'unit' }, description: 'The unit of value, low and high (code list "units"). Measure words such as 户, 家, 个 are count.' },
  { name: 'qualifier', type: 'code', unit: 'qualifiers', zh: '限定词', source: { fact: 'qualifier' }, description: 'How exact the figure is as written: 余/超 more_than, 约 about, 近 nearly, 不到 less_than (code list "qualifiers").' },
  { name: 'metric', type: 'code', unit: 'metrics', zh: '指标', source: { fact: 'metric' }, description: 'What the figure measures, as extracted: a key of the metric taxonomy (code list "metrics", also GET /api/metrics).' },
  { name: 'metric_zh', type: 'text', unit: '—', zh: '指标中文名', source: { metric: 'zh' }, description: 'The metric\'s Chinese label.' },
  { name: 'metric_en', type: 'text', unit: '—', zh: '指标英文名', source: { metric: 'en' }, description: 'The metric\'s English label.' },
  { name: 'metric_group', type: 'code', unit: 'metric groups', zh: '指标类别', source: { metric: 'group' }, description: 'The metric\'s group key (money, land, housing, …).' },
  { name: 'effective_value', type: 'number', unit: 'effective_unit', zh: '采用数值', source: { fact: 'effective_value' }, description: 'The value every chart, rollup and check uses: corrected_value when review_status is corrected, else value. Filters (metric, unit) select by effective_metric and effective_unit.' },
  { name: 'effective_unit', type: 'code', unit: 'units', zh: '采用单位', source: { fact: 'effective_unit' }, description: 'The unit charts use: corrected_unit when a correction set it, else unit.' },
  { name: 'effective_metric', type: 'code', unit: 'metrics', zh: '采用指标', source: { fact: 'effective_metric' }, description: 'The metric charts file the figure under: corrected_metric when a correction set it, else metric.' },
  { name: 'role', type: 'code', unit: 'roles', zh: '角色', source: { fact: 'role' }, description: 'What part the figure plays (code list "roles"): measured (charted), attribute (a size class such as 亿元以上项目: never charted or summed), plan (a target: its own series), stock (an existing level: its latest value).' },
  { name: 'district', type: 'text', unit: '—', zh: '区县', source: { fact: 'district' }, description: 'District (区/县/县级市) the figure is about, official name; empty when unknown.' },
  { name: 'district_code', type: 'code', unit: '6-digit division code', zh: '区县代码', source: { fact: 'district_code' }, description: 'Official 6-digit code of the district (national division list, 2021–2022 codes).' },
  { name: 'street', type: 'text', unit: '—', zh: '街道乡镇', source: { fact: 'street' }, description: 'Street, town or township (街道/镇/乡), official name; empty when the figure is placed at district level.' },
  { name: 'street_code', type: 'code', unit: '9-digit division code', zh: '街道代码', source: { fact: 'street_code' }, description: 'Official 9-digit code of the street.' },
  { name: 'community', type: 'text', unit: '—', zh: '社区村', source: { fact: 'community' }, description: 'Community or village (社区/村) as news text names it; empty when placed higher.' },
  { name: 'community_code', type: 'code', unit: '12-digit division code', zh: '社区代码', source: { fact: 'community_code' }, description: 'Official 12-digit code of the community.' },
  { name: 'place_provenance', type: 'code', unit: 'provenances', zh: '地点来源', source: { fact: 'place_provenance' }, description: 'Where the place came from: stated in the sentence, inherited from the paragraph or article, or the source\'s default district (code list "provenances").' },
  { name: 'date', type: 'date', unit: 'YYYY-MM-DD', zh: '日期', source: { fact: 'date' }, description: 'The day the figure refers to (an event\'s day, an "as of" day such as 截至3月31日), else the publication date. For a period (去年, 一季度) its last day: read it with date_precision, or use period.' },
  { name: 'date_precision', type: 'code', unit: 'date precisions', zh: '日期精度', source: { fact: 'date_precision' }, description: `How precisely the text dates the figure (code list "date precisions": ${PRECISIONS}).` },
  { name: 'period', type: 'text', unit: 'YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY', zh: '所属时期', source: { fact: 'period' }, description: 'The period the date names at its precision — a month (for a day or month), a quarter, a half year or a year — where charts place the figure; 去年 is the year, never its December.' },
  { name: 'date_provenance', type: 'code', unit: 'provenances', zh: '日期来源', source: { fact: 'date_provenance' }, description: 'Where the date came from: stated, inherited, or the publication date by default.' },
  { name: 'cumulative', type: 'boolean', unit: 'true/false', zh: '累计数', source: { fact: 'cumulative' }, description: 'true when the figure is a running total (累计, 截至…): charts take the latest per place and period and never add such figures across dates.' },
  { name: 'figure_text', type: 'text', unit: '—', zh: '原文数字', source: { fact: 'text' }, description: 'The figure exactly as written in the article (超8000万元).' },
  { name: 'sentence', type: 'text', unit: '—', zh: '所在句子', source: { computed: 'sentence' }, description: 'The sentence of the article the figure was read from; GET /api/facts gives at most 240 characters of it around the figure (… marks a cut), the files give it whole.' },
  { name: 'article_id', type: 'integer', unit: '—', zh: '文章编号', source: { fact: 'article_id' }, description: 'Row id of the article in this database (its page is /articles/ID).' },
  { name: 'article_title', type: 'text', unit: '—', zh: '文章标题', source: { article: 'title' }, description: 'Title of the article.' },
  { name: 'article_url', type: 'text', unit: 'URL', zh: '文章链接', source: { article: 'url' }, description: 'Where the article was published, when known.' },
  { name: 'source', type: 'text', unit: '—', zh: '来源', source: { article: 'source' }, description: 'The publication (上城报, a street office\'s news, a portal).' },
  { name: 'synthetic', type: 'boolean', unit: 'true/false', zh: '合成数据', source: { article: 'synthetic' }, description: 'true for generated benchmark data (never real figures); real exports have false throughout.' },
  { name: 'published_on', type: 'date', unit: 'YYYY-MM-DD', zh: '发布日期', source: { article: 'published_on' }, description: 'The article\'s publication day; empty when unknown (never guessed).' },
  { name: 'fact_url', type: 'text', unit: 'URL', zh: '数字页面', source: { computed: 'fact_url' }, description: 'The figure\'s page, with its sentence highlighted and its review trail (/facts/ID).' },
  { name: 'extractor_version', type: 'text', unit: '—', zh: '提取器版本', source: { fact: 'extractor_version' }, description: 'Version of the extractor that produced the row ("synthetic" for generated data).' },
  { name: 'review_status', type: 'code', unit: 'review statuses', zh: '核对状态', source: { fact: 'review_status' }, description: 'Editorial review: unreviewed, verified, corrected or rejected (code list "review statuses").' },
  { name: 'corrected_value', type: 'number', unit: 'corrected_unit (else unit)', zh: '更正数值', source: { fact: 'corrected_value' }, description: 'The value a reviewer corrected the figure to, when the correction changed it; empty otherwise. effective_value holds the value in use.' },
  { name: 'corrected_unit', type: 'code', unit: 'units', zh: '更正单位', source: { fact: 'corrected_unit' }, description: 'The corrected unit, when the correction changed it.' },
  { name: 'corrected_metric', type: 'code', unit: 'metrics', zh: '更正指标', source: { fact: 'corrected_metric' }, description: 'The corrected metric, when the correction changed it.' },
  { name: 'unit_word', type: 'text', unit: '—', zh: '量词', source: { fact: 'unit_word' }, description: 'The unit or measure word as written after the number (万元, 亩, 户, 个, 张); it tells which things a count counts.' },
  { name: 'object', type: 'text', unit: '—', zh: '计数对象', source: { fact: 'object' }, description: 'What the figure counts or measures, as the text names it (问题, 企业, 耕地); empty when the extractor found none.' },
  { name: 'object_class', type: 'code', unit: 'object classes (lib/extract)', zh: '对象类别', source: { fact: 'object_class' }, description: 'The class of that object (problem, enterprise, household, land …).' },
  { name: 'action', type: 'text', unit: '—', zh: '动作', source: { fact: 'action' }, description: 'The verb that governs the figure, as written (解决, 收集, 腾空).' },
  { name: 'action_class', type: 'code', unit: 'action classes (lib/extract)', zh: '动作类别', source: { fact: 'action_class' }, description: 'The class of that action (resolve, collect, invest …).' },
  { name: 'aspect', type: 'code', unit: 'planned, ongoing, done', zh: '时态', source: { fact: 'aspect' }, description: 'Whether the action is planned (计划, 将), ongoing (正在) or done (已, 完成).' },
  { name: 'unit_class', type: 'code', unit: 'unit classes (lib/extract)', zh: '单位类别', source: { fact: 'unit_class' }, description: 'What kind of quantity the unit measures (money, area, length, count …).' },
  { name: 'measure_class', type: 'code', unit: 'measure classes (lib/extract)', zh: '量词类别', source: { fact: 'measure_class' }, description: 'For counts, what the measure word counts (person, household, entity, visit, document …).' },
  { name: 'metric_confidence', type: 'number', unit: '0–1', zh: '指标置信度', source: { fact: 'metric_confidence' }, description: 'How sure the extractor is of the metric (0–1); empty for figures extracted before it said.' },
  { name: 'metric_source', type: 'code', unit: 'facets, fallback', zh: '指标依据', source: { fact: 'metric_source' }, description: 'What decided the metric: the figure\'s facets (object × action), or the fallback cue-word scorer.' },
] as const satisfies readonly ColumnDefinition[];

type Column = (typeof COLUMNS)[number];
type ValueOf<T extends ColumnType> = T extends 'integer' ? number : T extends 'number' ? number | null : T extends 'boolean' ? boolean : string | null;

/** One exported fact. The JSON API, JSONL and CSV carry exactly these fields, in this order. */
export type ExportRow = { [C in Column as C['name']]: ValueOf<C['type']> };

export type ColumnName = Column['name'];

export const COLUMN_NAMES: readonly ColumnName[] = COLUMNS.map((c) => c.name);

/** Columns written as bare numbers in CSV; every other column is text and is guarded against formulas. */
export const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(COLUMNS.filter((c) => c.type === 'integer' || c.type === 'number').map((c) => c.name));

// ── the raw row: what the SELECT reads, with named indices ───────────────────────────────────────

/** Columns the writers need beyond the exported ones: where the sentence and the figure are in the article's text. */
const SUPPORT = ['sentence_start', 'sentence_end', 'start', 'end'] as const;

const FACT_COLUMNS: readonly string[] = [...new Set([
  ...COLUMNS.flatMap((c) => ('fact' in c.source ? [c.source.fact] : [])), ...SUPPORT,
])];

/** The index of a facts column in a raw row (`RAW.metric`, `RAW.sentence_start`…): no bare numbers in the writers. */
export const RAW: Readonly<Record<string, number>> = Object.fromEntries(FACT_COLUMNS.map((c, i) => [c, i]));

/** A row of RAW_SELECT in raw (array) mode: arrays are much cheaper than objects at a million rows. */
export type RawFact = (string | number | null)[];

const quoteColumn = (c: string) => (c === 'end' ? 'f."end"' : `f.${c}`);

/** Every facts column of the export, in RAW order. */
export const RAW_SELECT = `SELECT ${FACT_COLUMNS.map(quoteColumn).join(', ')} FROM facts f`;

export { quoteColumn };
