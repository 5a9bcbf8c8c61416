// The columns of every fact export (GET /api/facts, /export/facts.csv, /export/facts.jsonl and
// `figures export`), in order, with what they mean. The data dictionary (README.md and /export/README)
// is written from this list, so a column cannot be added without being documented.

/** One exported fact. The JSON API, JSONL and CSV carry exactly these fields, in this order. */
export interface ExportRow {
  id: number;
  uid: string;
  value: number;
  low: number | null;
  high: number | null;
  unit: string;
  qualifier: string;
  metric: string;
  metric_zh: string | null;
  metric_en: string | null;
  metric_group: string | null;
  district: string | null;
  district_code: string | null;
  street: string | null;
  street_code: string | null;
  community: string | null;
  community_code: string | null;
  place_provenance: string;
  date: string | null;
  date_precision: string | null;
  date_provenance: string;
  cumulative: boolean;
  figure_text: string;
  sentence: string;
  article_id: number;
  article_title: string | null;
  article_url: string | null;
  source: string | null;
  synthetic: boolean;
  published_on: string | null;
  fact_url: string;
  extractor_version: string;
  review_status: string;
  corrected_value: number | null;
  corrected_unit: string | null;
  corrected_metric: string | null;
}

export type ColumnType = 'integer' | 'number' | 'text' | 'boolean' | 'date' | 'code';

export interface ColumnDefinition {
  name: keyof ExportRow;
  type: ColumnType;
  /** the unit the column is expressed in, or the code list its values come from */
  unit: string;
  description: string;
  zh: string;
}

export const COLUMNS: readonly ColumnDefinition[] = [
  { name: 'id', type: 'integer', unit: '—', zh: '数字编号', description: 'The figure\'s row id in this database; the cursor of GET /api/facts pages on it. Not stable across re-extraction: use uid to cite.' },
  { name: 'uid', type: 'text', unit: '—', zh: '稳定编号', description: 'Stable id: the same figure of the same article text keeps it across re-extraction and databases (article hash + span + unit).' },
  { name: 'value', type: 'number', unit: 'unit column', zh: '数值', description: 'The value as extracted, scale words applied (8000余万元 → 80000000 CNY). For a range, its low end. Negative for a stated decrease where the extractor signs it.' },
  { name: 'low', type: 'number', unit: 'unit column', zh: '区间下限', description: 'Low end of a stated range (3至5亿元); empty when the figure is a single number.' },
  { name: 'high', type: 'number', unit: 'unit column', zh: '区间上限', description: 'High end of a stated range; empty when the figure is a single number.' },
  { name: 'unit', type: 'code', unit: 'units', zh: '单位', description: 'The unit of value, low and high (code list "units"). Measure words such as 户, 家, 个 are count.' },
  { name: 'qualifier', type: 'code', unit: 'qualifiers', zh: '限定词', description: 'How exact the figure is as written: 余/超 more_than, 约 about, 近 nearly, 不到 less_than (code list "qualifiers").' },
  { name: 'metric', type: 'code', unit: 'metrics', zh: '指标', description: 'What the figure measures: a key of the metric taxonomy (code list "metrics", also GET /api/metrics).' },
  { name: 'metric_zh', type: 'text', unit: '—', zh: '指标中文名', description: 'The metric\'s Chinese label.' },
  { name: 'metric_en', type: 'text', unit: '—', zh: '指标英文名', description: 'The metric\'s English label.' },
  { name: 'metric_group', type: 'code', unit: 'metric groups', zh: '指标类别', description: 'The metric\'s group key (money, land, housing, …).' },
  { name: 'district', type: 'text', unit: '—', zh: '区县', description: 'District (区/县/县级市) the figure is about, official name; empty when unknown.' },
  { name: 'district_code', type: 'code', unit: '6-digit division code', zh: '区县代码', description: 'Official 6-digit code of the district (national division list, 2021–2022 codes).' },
  { name: 'street', type: 'text', unit: '—', zh: '街道乡镇', description: 'Street, town or township (街道/镇/乡), official name; empty when the figure is placed at district level.' },
  { name: 'street_code', type: 'code', unit: '9-digit division code', zh: '街道代码', description: 'Official 9-digit code of the street.' },
  { name: 'community', type: 'text', unit: '—', zh: '社区村', description: 'Community or village (社区/村) as news text names it; empty when placed higher.' },
  { name: 'community_code', type: 'code', unit: '12-digit division code', zh: '社区代码', description: 'Official 12-digit code of the community.' },
  { name: 'place_provenance', type: 'code', unit: 'provenances', zh: '地点来源', description: 'Where the place came from: stated in the sentence, inherited from the paragraph or article, or the source\'s default district (code list "provenances").' },
  { name: 'date', type: 'date', unit: 'YYYY-MM-DD', zh: '日期', description: 'The day the figure refers to (an event\'s day, an "as of" day such as 截至3月31日), else the publication date.' },
  { name: 'date_precision', type: 'code', unit: 'date precisions', zh: '日期精度', description: 'How precisely the text dates the figure (code list "date precisions").' },
  { name: 'date_provenance', type: 'code', unit: 'provenances', zh: '日期来源', description: 'Where the date came from: stated, inherited, or the publication date by default.' },
  { name: 'cumulative', type: 'boolean', unit: 'true/false', zh: '累计数', description: 'true when the figure is a running total (累计, 截至…); such figures must not be added across dates.' },
  { name: 'figure_text', type: 'text', unit: '—', zh: '原文数字', description: 'The figure exactly as written in the article (超8000万元).' },
  { name: 'sentence', type: 'text', unit: '—', zh: '所在句子', description: 'The sentence of the article the figure was read from.' },
  { name: 'article_id', type: 'integer', unit: '—', zh: '文章编号', description: 'Row id of the article in this database (its page is /articles/ID).' },
  { name: 'article_title', type: 'text', unit: '—', zh: '文章标题', description: 'Title of the article.' },
  { name: 'article_url', type: 'text', unit: 'URL', zh: '文章链接', description: 'Where the article was published, when known.' },
  { name: 'source', type: 'text', unit: '—', zh: '来源', description: 'The publication (上城报, a street office\'s news, a portal).' },
  { name: 'synthetic', type: 'boolean', unit: 'true/false', zh: '合成数据', description: 'true for generated benchmark data (never real figures); real exports have false throughout.' },
  { name: 'published_on', type: 'date', unit: 'YYYY-MM-DD', zh: '发布日期', description: 'The article\'s publication day; empty when unknown (never guessed).' },
  { name: 'fact_url', type: 'text', unit: 'URL', zh: '数字页面', description: 'The figure\'s page, with its sentence highlighted and its review trail (/facts/ID).' },
  { name: 'extractor_version', type: 'text', unit: '—', zh: '提取器版本', description: 'Version of the extractor that produced the row ("synthetic" for generated data).' },
  { name: 'review_status', type: 'code', unit: 'review statuses', zh: '核对状态', description: 'Editorial review: unreviewed, verified, corrected or rejected (code list "review statuses").' },
  { name: 'corrected_value', type: 'number', unit: 'corrected_unit (else unit)', zh: '更正数值', description: 'The value a reviewer corrected the figure to; empty unless review_status is corrected. The dashboard shows it instead of value.' },
  { name: 'corrected_unit', type: 'code', unit: 'units', zh: '更正单位', description: 'The corrected unit, when the correction changed it.' },
  { name: 'corrected_metric', type: 'code', unit: 'metrics', zh: '更正指标', description: 'The corrected metric, when the correction changed it.' },
];

export const COLUMN_NAMES = COLUMNS.map((c) => c.name);

/** Columns written as bare numbers in CSV; every other column is text and is guarded against formulas. */
export const NUMERIC_COLUMNS: ReadonlySet<keyof ExportRow> = new Set(COLUMNS.filter((c) => c.type === 'integer' || c.type === 'number').map((c) => c.name));
