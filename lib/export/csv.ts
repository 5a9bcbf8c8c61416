// RFC 4180 CSV, written by hand (it is small): CRLF line ends, fields quoted only when they hold a
// quote, comma, CR or LF, quotes doubled. Text cells a spreadsheet would run as a formula are
// neutralised; numeric columns stay bare numbers, so a negative value is still a number.
import { COLUMNS, type ExportRow } from './columns';

/** Excel, LibreOffice and Google Sheets evaluate a cell starting with one of these (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export const BOM = '\uFEFF';

/** A text cell: quoted when needed; a formula-like start gets a leading apostrophe, which spreadsheets show as text. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A numeric cell: the shortest text that reads back to the same double; empty for null. */
export function csvNumber(value: number | null): string {
  if (value === null) return '';
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to CSV`);
  return String(value);
}

const cellExpression = (name: keyof ExportRow, type: string): string => {
  const value = `row[${JSON.stringify(name)}]`;
  if (type === 'integer' || type === 'number') return `number(${value})`;
  if (type === 'boolean') return `(${value} ? 'true' : 'false')`;
  return `(${value} == null ? '' : text(String(${value})))`;
};

/**
 * One CSV record of a fact, CRLF-terminated. Compiled once from COLUMNS into straight-line code: a
 * generic loop over the columns reads row[name] through one megamorphic property access per cell,
 * which doubled the cost of a million-row export.
 */
export const csvRow: (row: ExportRow) => string = new Function('text', 'number',
  `return function csvRow(row) { return ${COLUMNS.map((c) => cellExpression(c.name, c.type)).join(" + ',' + ")} + '\\r\\n'; };`,
)(csvText, csvNumber);

export const CSV_HEADER = `${COLUMNS.map((c) => c.name).join(',')}\r\n`;

/** One JSON Lines record of a fact (the same fields as the CSV, typed: numbers, booleans, null). */
export function jsonlRow(row: ExportRow): string {
  return `${JSON.stringify(row)}\n`;
}
