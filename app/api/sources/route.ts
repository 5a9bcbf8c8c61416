// GET /api/sources — for editors: every source the crawler reads, with its settings, article count,
// addresses by result and last crawl (the /sources page as JSON).
import { getDb } from '../../../db/client';
import { crawlSourcesOverview } from '../../../db/crawl';
import { requireEditor } from '../../../lib/auth';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const db = await getDb();
  const editor = await requireEditor(request, db);
  if (editor instanceof Response) return editor;
  return Response.json({ sources: await crawlSourcesOverview(db) }, { headers: { 'cache-control': 'no-store' } });
}
