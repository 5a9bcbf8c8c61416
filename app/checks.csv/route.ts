// GET /checks.csv?… — the checks of a view as CSV (same parameters as /checks and /api/checks).
import { getDb } from '../../db/client';
import { listChecks } from '../../lib/checks';
import { checksToCsv, parseCheckParams } from '../../lib/checks/export';
import { FilterError } from '../../lib/filters';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  let params;
  try {
    params = parseCheckParams(new URL(request.url).searchParams);
  } catch (error) {
    if (error instanceof FilterError) return new Response(`${error.message}\n`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    throw error;
  }
  const { filters, kind, verdict } = params;
  const csv = checksToCsv(await listChecks(await getDb(), filters, { kind, verdict, limit: 100_000 }));
  return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="civic-figures-checks.csv"' } });
}
