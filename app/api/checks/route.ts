// GET /api/checks?metric=…&district=…&kind=rate&verdict=off — the checks of a view as JSON: /checks.json by its older name.
import { getDb } from '../../../db/client';
import { answer } from '../../../lib/export/http';
import { twinResponse } from '../../../lib/views/twin';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return answer(async () => twinResponse(await getDb(), request, 'checks', '-', 'json'));
}
