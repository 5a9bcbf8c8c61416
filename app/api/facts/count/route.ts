// GET /api/facts/count?<filters> — how many facts a view (and so its download) holds.
import { getDb } from '../../../../db/client';
import { countFacts } from '../../../../db/export';
import { answer } from '../../../../lib/export/http';
import { parseFactQuery } from '../../../../lib/export/request';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const db = await getDb();
    return Response.json({ count: await countFacts(db, await parseFactQuery(db, new URL(request.url).searchParams)) });
  });
}
