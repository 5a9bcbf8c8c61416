// GET /api/metrics — the metric taxonomy in force: keys, Chinese and English labels, groups, units.
import { metricCodes } from '../../../lib/export/dictionary';
import { answer } from '../../../lib/export/http';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  return answer(() => Response.json({ metrics: metricCodes() }));
}
