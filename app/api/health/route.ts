import { getDb } from '../../../db/client';
import { totals } from '../../../db/queries';

export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ ok: true, ...totals(getDb()) });
}
