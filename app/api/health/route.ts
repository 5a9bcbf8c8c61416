import { getDb } from '../../../db/client';
import { totals } from '../../../db/queries';

export const dynamic = 'force-dynamic';

export async function GET() {
  return Response.json({ ok: true, ...(await totals(await getDb())) });
}
