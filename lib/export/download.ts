// The HTTP download of an export (GET /export/facts.csv and /export/facts.jsonl).
import { getDb } from '../../db/client';
import { FilterError } from '../filters';
import { answer, originOf } from './http';
import { parseFactQuery } from './request';
import { CONTENT_TYPES, exportStream } from './stream';
import { contentDisposition, exportFileName, type ExportFormat } from './urls';

export function exportResponse(request: Request, format: ExportFormat): Promise<Response> {
  return answer(async () => {
    const params = new URL(request.url).searchParams;
    const db = await getDb();
    const query = await parseFactQuery(db, params, format === 'csv' ? ['bom'] : []);
    const bom = params.get('bom');
    if (bom !== null && bom !== '0' && bom !== '1') throw new FilterError('bom', 'must be 0 or 1');
    const body = exportStream(db, query, format, { bom: bom !== '0', baseUrl: originOf(request) });
    return new Response(body, {
      headers: {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': contentDisposition(exportFileName(query, format), exportFileName(query, format, false)),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
