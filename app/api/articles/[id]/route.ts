// DELETE /api/articles/:id — an editor removes an article with its figures and checks (review trails stay).
import { getDb } from '../../../../db/client';
import { requireEditor } from '../../../../lib/auth';
import { removeArticle } from '../../../../lib/review';

export const dynamic = 'force-dynamic';

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const db = await getDb();
  const editor = await requireEditor(request, db);
  if (editor instanceof Response) return editor;
  const { id } = await params;
  if (!/^\d{1,15}$/.test(id) || !await removeArticle(db, Number(id))) return Response.json({ error: `there is no article ${id.slice(0, 40)}` }, { status: 404 });
  return Response.json({ deleted: Number(id), by: editor.name }, { headers: { 'cache-control': 'no-store' } });
}
