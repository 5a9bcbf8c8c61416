// Reading request bodies with ceilings, for every route handler. Next.js gives route handlers no body limit,
// and a chunked body declares no length, so `request.json()`/`formData()` would buffer whatever a client
// sends. Small bodies (a sign-in, a review, a sign-out) are read whole up to a few kilobytes and parsed
// here; uploads are streamed by lib/multipart.ts.
import { readStreamCapped } from './capped-read';

/** A body that cannot be taken: the status to answer with and why. */
export class BodyError extends Error {
  constructor(readonly status: 400 | 403 | 413 | 415, message: string) { super(message); }
}

export class BodyTooLarge extends BodyError {
  constructor(readonly max: number, what = 'the body') { super(413, `${what} is over ${formatSize(max)}`); }
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The media type of a request, lowercased, without parameters. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** Refuses a body whose declared length is over `max` before a byte of it is read. */
export function refuseDeclaredOver(request: Request, max: number): void {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > max) throw new BodyTooLarge(max);
}

/** The body's bytes; throws BodyTooLarge as soon as the declared length or the bytes read pass `max`. */
export async function readBodyCapped(request: Request, max: number): Promise<Uint8Array> {
  refuseDeclaredOver(request, max);
  return readStreamCapped(request.body, max, () => new BodyTooLarge(max));
}

export type Fields = Record<string, unknown>;

/** A JSON object body of at most `max` bytes. */
export async function readJsonObject(request: Request, max: number): Promise<Fields> {
  const bytes = await readBodyCapped(request, max);
  let body: unknown;
  try { body = JSON.parse(new TextDecoder().decode(bytes)); } catch { throw new BodyError(400, 'the body is not valid JSON'); }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BodyError(400, 'the body must be a JSON object');
  return body as Fields;
}

/**
 * The fields of a small body — a JSON object, a urlencoded form, or a multipart form without files (a file
 * part is refused: nothing here takes uploads) — read whole up to `max` bytes. The first value of a
 * repeated form field wins.
 */
export async function readSmallFields(request: Request, max: number): Promise<{ json: boolean; fields: Fields }> {
  const type = mediaType(request);
  if (type === 'application/json') return { json: true, fields: await readJsonObject(request, max) };
  if (type === 'application/x-www-form-urlencoded') {
    const text = new TextDecoder().decode(await readBodyCapped(request, max));
    const fields: Fields = {};
    for (const [key, value] of new URLSearchParams(text)) if (!(key in fields)) fields[key] = value;
    return { json: false, fields };
  }
  if (type === 'multipart/form-data') {
    const bytes = await readBodyCapped(request, max);
    let form: FormData;
    try {
      form = await new Request('http://body.invalid/', { method: 'POST', headers: { 'content-type': request.headers.get('content-type') ?? '' }, body: bytes as BodyInit }).formData();
    } catch {
      throw new BodyError(400, 'the multipart body cannot be read');
    }
    const fields: Fields = {};
    for (const [key, value] of form) {
      if (typeof value !== 'string') throw new BodyError(415, 'this form takes no files');
      if (!(key in fields)) fields[key] = value;
    }
    return { json: false, fields };
  }
  throw new BodyError(415, 'send application/json, a urlencoded form or multipart/form-data');
}

/** The JSON answer to a BodyError. */
export function bodyErrorResponse(error: BodyError): Response {
  return Response.json({ error: error.message }, { status: error.status, headers: { 'cache-control': 'no-store' } });
}
