// GET /api/openapi.json — the JSON API described as OpenAPI (lib/openapi.ts).
import { answer, originOf } from '../../../lib/export/http';
import { openApiDocument } from '../../../lib/openapi';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return answer(() => Response.json(openApiDocument(originOf(request)), { headers: { 'access-control-allow-origin': '*' } }));
}
