// The data dictionary as Markdown. README.md's "Data dictionary" section is this text and a test keeps them
// in step: after changing a column or the taxonomy, regenerate it with `npm run -s figures -- export --dictionary`.
// Columns come from lib/export/columns.ts, code lists from lib/vocab. Metrics are listed by key, so reordering
// the taxonomy does not change the text.
import { COLUMNS } from './columns';
import { MEASURE_ENTRIES, PROVENANCE_ENTRIES, QUALIFIER_ENTRIES, REVIEW_STATUS_ENTRIES, ROLE_ENTRIES } from '../vocab/codes';
import { DATE_PRECISION_ENTRIES } from '../vocab/dates';
import { metrics } from '../vocab/metrics';
import { unitDefinitions } from '../vocab/units';

export interface Code { code: string; zh: string; en: string }

const entries = (list: readonly { code: string; zhLong: string; enLong: string }[]): Code[] => list.map((e) => ({ code: e.code, zh: e.zhLong, en: e.enLong }));

/** The code lists of the dictionary, in its order: title, anchor, codes. */
export function codeLists(): { title: string; zh: string; id: string; codes: Code[] }[] {
  return [
    { title: 'Units', zh: '单位', id: 'units', codes: unitDefinitions().map((u) => ({ code: u.code, zh: u.zhLong, en: u.factor === 1 && u.base === u.code ? u.enLong : `${u.enLong} (× ${+u.factor.toPrecision(10)} = ${u.base})` })) },
    { title: 'Qualifiers', zh: '限定词', id: 'qualifiers', codes: entries(QUALIFIER_ENTRIES) },
    { title: 'Review statuses', zh: '核对状态', id: 'review-statuses', codes: entries(REVIEW_STATUS_ENTRIES) },
    { title: 'Roles', zh: '角色', id: 'roles', codes: entries(ROLE_ENTRIES) },
    { title: 'Date precisions', zh: '日期精度', id: 'date-precisions', codes: entries(DATE_PRECISION_ENTRIES) },
    { title: 'Provenances (place_provenance, date_provenance)', zh: '来源', id: 'provenances', codes: entries(PROVENANCE_ENTRIES) },
    { title: 'Measures (how charts aggregate a metric\'s figures)', zh: '汇总方式', id: 'measures', codes: entries(MEASURE_ENTRIES) },
  ];
}

export interface MetricCode extends Code { group: string; group_zh: string; group_en: string; units: string[]; aggregation: string }

/** The metrics of the taxonomy in force (FIGURES_TAXONOMY may add some), with their groups, units and aggregation rule. */
export function metricCodes(): MetricCode[] {
  return metrics().map((m) => ({ code: m.key, zh: m.zh, en: m.en, group: m.group.key, group_zh: m.group.zh, group_en: m.group.en, units: [...m.units], aggregation: m.aggregation }));
}

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const codeTable = (codes: Code[]) => table(['code', '中文', 'meaning'], codes.map((c) => [`\`${c.code}\``, c.zh, c.en]));

export function dataDictionaryMarkdown(): string {
  return [
    table(['column', 'type', 'unit or code list', '中文', 'meaning'], COLUMNS.map((c) => [`\`${c.name}\``, c.type, c.unit, c.zh, c.description])),
    ...codeLists().flatMap((list) => ['', `### ${list.title}`, '', codeTable(list.codes)]),
    '',
    '### Metrics',
    '',
    table(['code', '中文', 'English', 'group', 'units', 'aggregation'], metricCodes().sort((a, b) => a.code.localeCompare(b.code))
      .map((m) => [`\`${m.code}\``, m.zh, m.en, m.group, m.units.join(', ') || 'any', m.aggregation])),
  ].join('\n');
}
