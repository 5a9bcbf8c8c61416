// DELETE /api/articles/:id — an editor removes an article with its figures and checks (review trails stay).
import { getDb } from '../../../../db/client';
import { deleteArticle } from '../../../../db/review';
import { requireEditor } from '../../../../lib/auth';
import { runCrossChecks } from '../../../../lib/checks';

export const dynamic = 'force-dynamic';

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const db = await getDb();
  const editor = await requireEditor(request, db);
  if (editor instanceof Response) return editor;
  const { id } = await params;
  if (!/^\d+$/.test(id) || !await deleteArticle(db, Number(id))) return Response.json({ error: `there is no article ${id}` }, { status: 404 });
  // the checks across articles may have leant on its figures
  await runCrossChecks(db);
  return Response.json({ deleted: Number(id), by: editor.name }, { headers: { 'cache-control': 'no-store' } });
}
