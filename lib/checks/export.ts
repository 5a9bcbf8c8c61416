// /checks.csv and /api/checks: the checks of a filtered view, with the figures each one rests on.
import { z } from 'zod';
import type { CheckView } from '../../db/checks';
import { parseFilters, type Filters, FilterError } from '../filters';
import { CHECK_KINDS, VERDICTS, type CheckKind, type Verdict } from './types';

export const CHECK_CSV_COLUMNS = [
  'check_id', 'kind', 'verdict', 'metric', 'date', 'stated', 'expected', 'difference', 'arithmetic', 'note',
  'article_id', 'figures', 'computed_at',
] as const;

const checkParams = z.object({ kind: z.enum(CHECK_KINDS).optional(), verdict: z.enum(VERDICTS).optional() });

export interface CheckViewParams { filters: Filters; kind?: CheckKind; verdict?: Verdict }

/** The dashboard's filters plus kind and verdict; throws FilterError naming the bad parameter. */
export function parseCheckParams(params: URLSearchParams | Record<string, string | string[] | undefined>): CheckViewParams {
  const filters = parseFilters(params);
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    const one = Array.isArray(v) ? v[0] : v;
    return one === '' || one === null ? undefined : one;
  };
  const parsed = checkParams.safeParse({ kind: get('kind'), verdict: get('verdict') });
  if (!parsed.success) {
    const key = String(parsed.error.issues[0].path[0]);
    throw new FilterError(key, `must be one of ${(key === 'kind' ? CHECK_KINDS : VERDICTS).join(', ')}`);
  }
  return { filters, ...parsed.data };
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // a spreadsheet must not run text as a formula
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** "37:stated 38:part 35:whole": which figure (fact id) played which part. */
function figureList(check: CheckView): string {
  return check.figures.map((f) => `${f.factId}:${f.role}`).join(' ');
}

export function checksToCsv(checks: CheckView[]): string {
  const lines = [CHECK_CSV_COLUMNS.join(',')];
  for (const c of checks) {
    lines.push([
      c.id, c.kind, c.verdict, c.metric, c.date, c.stated, c.expected, c.difference, c.arithmetic, c.note,
      c.articleId, figureList(c), c.computedAt,
    ].map(csvCell).join(','));
  }
  // BOM: Excel opens UTF-8 Chinese text correctly only with it
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function checkToJson(c: CheckView) {
  return {
    id: c.id, kind: c.kind, verdict: c.verdict, metric: c.metric, date: c.date,
    stated: c.stated, expected: c.expected, difference: c.difference, arithmetic: c.arithmetic, note: c.note,
    articleId: c.articleId, computedAt: c.computedAt,
    figures: c.figures.map((f) => ({ factId: f.factId, role: f.role, text: f.text, value: f.value, unit: f.unit, reviewStatus: f.reviewStatus, articleId: f.articleId, articleTitle: f.articleTitle })),
  };
}
