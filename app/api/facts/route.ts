// GET /api/facts?district=&street=&community=&metric=&from=&to=&qualifier=&source=&unit=&include_rejected=&limit=&cursor=
// One page of facts in id order, with the cursor of the next page (null on the last).
import { getDb } from '../../../db/client';
import { factsAfter } from '../../../db/export';
import { answer, originOf } from '../../../lib/export/http';
import { decodeCursor, encodeCursor, parseFactQuery, parseLimit } from '../../../lib/export/request';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const params = new URL(request.url).searchParams;
    const db = await getDb();
    const query = await parseFactQuery(db, params, ['limit', 'cursor']);
    const limit = parseLimit(params);
    const after = decodeCursor(params.get('cursor'), query);
    // one row more than asked tells whether another page exists, so the last page says so itself
    // the sentence as a bounded window around the figure: a thousand rows of whole sentences ran to hundreds of MB
    const rows = await factsAfter(db, query, after, limit + 1, { baseUrl: originOf(request), sentenceWindow: true });
    const more = rows.length > limit;
    if (more) rows.pop();
    const next = more ? encodeCursor(rows[rows.length - 1].id, query) : null;
    return Response.json({ rows, next_cursor: next, limit });
  });
}
