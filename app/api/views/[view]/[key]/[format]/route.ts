// The data twins of the views (/overview.json, /facts/ID.csv, …): next.config.js rewrites them here.
import { getDb } from '../../../../../../db/client';
import { answer } from '../../../../../../lib/export/http';
import { isViewName, twinResponse } from '../../../../../../lib/views/twin';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ view: string; key: string; format: string }> }): Promise<Response> {
  const { view, key, format } = await params;
  if (!isViewName(view) || (format !== 'json' && format !== 'csv')) return Response.json({ error: 'no such view' }, { status: 404 });
  return answer(async () => twinResponse(await getDb(), request, view, key, format));
}
