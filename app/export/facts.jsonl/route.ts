// GET /export/facts.jsonl?<filters>[&unit=][&include_rejected=1] — every fact of a view as JSON Lines, streamed.
import { exportResponse } from '../../../lib/export/download';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return exportResponse(request, 'jsonl');
}
