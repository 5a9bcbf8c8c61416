// The data dictionary as Markdown. README.md's "Data dictionary" section is this text and a test keeps them
// in step: after changing a column or the taxonomy, regenerate it with `npm run -s figures -- export --dictionary`.
// Metrics are listed by key, so reordering the taxonomy does not change the text.
import { COLUMNS } from './columns';
import { DATE_PRECISION_CODES, PROVENANCE_CODES, QUALIFIER_CODES, REVIEW_STATUS_CODES, UNIT_CODES, metricCodes, type Code } from './codes';

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const codeTable = (codes: Code[]) => table(['code', '中文', 'meaning'], codes.map((c) => [`\`${c.code}\``, c.zh, c.en]));

export function dataDictionaryMarkdown(): string {
  return [
    table(['column', 'type', 'unit or code list', '中文', 'meaning'], COLUMNS.map((c) => [`\`${c.name}\``, c.type, c.unit, c.zh, c.description])),
    '',
    '### Units',
    '',
    codeTable(UNIT_CODES),
    '',
    '### Qualifiers',
    '',
    codeTable(QUALIFIER_CODES),
    '',
    '### Review statuses',
    '',
    codeTable(REVIEW_STATUS_CODES),
    '',
    '### Date precisions',
    '',
    codeTable(DATE_PRECISION_CODES),
    '',
    '### Provenances (place_provenance, date_provenance)',
    '',
    codeTable(PROVENANCE_CODES),
    '',
    '### Metrics',
    '',
    table(['code', '中文', 'English', 'group', 'units'], metricCodes().sort((a, b) => a.code.localeCompare(b.code)).map((m) => [`\`${m.code}\``, m.zh, m.en, m.group, m.units.join(', ') || 'any'])),
  ].join('\n');
}
