// The checks of a filtered view as data (lib/views/checks.ts: /checks.json, /checks.csv, /api/checks), with the figures each one rests on.
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

/** "37:stated 38:part 35:whole": which figure (fact id) played which part. */
function figureList(check: CheckView): string {
  return check.figures.map((f) => `${f.factId}:${f.role}`).join(' ');
}

/** Decimals of stated, expected and difference in checks.csv: as many as the arithmetic column writes (JSON is exact). */
export const CHECK_CSV_DECIMALS = 4;
const rounded = (n: number | null) => (n === null ? null : Number(n.toFixed(CHECK_CSV_DECIMALS)));

/** A check's cells, in CHECK_CSV_COLUMNS order. */
export function checkRowCells(c: CheckView): unknown[] {
  return [c.id, c.kind, c.verdict, c.metric, c.date, rounded(c.stated), rounded(c.expected), rounded(c.difference), c.arithmetic, c.note, c.articleId, figureList(c), c.computedAt];
}

export function checkToJson(c: CheckView) {
  return {
    id: c.id, kind: c.kind, verdict: c.verdict, metric: c.metric, date: c.date,
    stated: c.stated, expected: c.expected, difference: c.difference, arithmetic: c.arithmetic, note: c.note,
    articleId: c.articleId, computedAt: c.computedAt,
    figures: c.figures.map((f) => ({ factId: f.factId, role: f.role, text: f.text, value: f.value, unit: f.unit, reviewStatus: f.reviewStatus, articleId: f.articleId, articleTitle: f.articleTitle })),
  };
}
