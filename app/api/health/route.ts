import { getDb } from '../../../db/client';
import { latestIds } from '../../../db/queries';

export const dynamic = 'force-dynamic';

export async function GET() {
  return Response.json({ ok: true, ...(await latestIds(await getDb())) });
}
