// GET /api/checks?metric=…&district=…&kind=rate&verdict=off — the checks of a view as JSON.
import { getDb } from '../../../db/client';
import { countChecks, listChecks } from '../../../lib/checks';
import { checkToJson, parseCheckParams } from '../../../lib/checks/export';
import { FilterError } from '../../../lib/filters';

export const dynamic = 'force-dynamic';

const MAX = 10_000;

export async function GET(request: Request): Promise<Response> {
  let params;
  try {
    params = parseCheckParams(new URL(request.url).searchParams);
  } catch (error) {
    if (error instanceof FilterError) return Response.json({ error: error.message, parameter: error.parameter }, { status: 400 });
    throw error;
  }
  const db = await getDb();
  const { filters, kind, verdict } = params;
  const checks = await listChecks(db, filters, { kind, verdict, limit: MAX });
  return Response.json({ filters, kind: kind ?? null, verdict: verdict ?? null, counts: await countChecks(db, filters, { kind }), checks: checks.map(checkToJson) });
}
