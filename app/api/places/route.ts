// GET /api/places — every district, street and community facts are placed in, with codes, levels and counts (from the rollups' place table).
import { getDb } from '../../../db/client';
import { placesInData } from '../../../db/export';
import { answer } from '../../../lib/export/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const params = new URL(request.url).searchParams;
    const level = params.get('level');
    for (const key of params.keys()) if (key !== 'level') return Response.json({ error: `${key}: is not a parameter here (allowed: level)`, parameter: key }, { status: 400 });
    if (level !== null && !['district', 'street', 'community'].includes(level)) {
      return Response.json({ error: 'level: must be district, street or community', parameter: 'level' }, { status: 400 });
    }
    return Response.json({ places: await placesInData(await getDb(), (level ?? undefined) as 'district' | 'street' | 'community' | undefined) });
  });
}
