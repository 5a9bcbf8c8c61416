// GET /export/facts.csv?<filters>[&unit=][&include_rejected=1][&bom=0] — every fact of a view, streamed.
import { exportResponse } from '../../../lib/export/download';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return exportResponse(request, 'csv');
}
