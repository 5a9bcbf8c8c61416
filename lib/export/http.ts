// What the API and export route handlers share: a bad parameter is a 400 naming it; anything else a JSON 500.
import { FilterError } from '../filters';
import { publicBase } from '../public-url';

export function badRequest(error: FilterError): Response {
  return Response.json({ error: error.message, parameter: error.parameter }, { status: 400 });
}

/** Runs a handler; a FilterError becomes a 400, any other error a 500 with a short JSON body (and a log line). */
export async function answer(handler: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof FilterError) return badRequest(error);
    console.error(error);
    return Response.json({ error: 'internal error' }, { status: 500 });
  }
}

/** The base of fact_url links, so they work from the exported file: FIGURES_PUBLIC_URL, else the origin the client used. */
export function originOf(request: Request): string {
  return publicBase(request);
}
