// Reading a request body with a ceiling. Route handlers get no body limit from Next.js, and a chunked
// body declares no content-length, so `request.json()`/`formData()` would buffer whatever a client sends.

export class BodyTooLarge extends Error {
  constructor(readonly max: number) { super(`the body is over ${formatMb(max)}`); }
}

function formatMb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The body's bytes; throws BodyTooLarge as soon as the declared length or the bytes read pass `max`. */
export async function readBodyCapped(request: Request, max: number): Promise<Uint8Array> {
  if (Number(request.headers.get('content-length') ?? 0) > max) throw new BodyTooLarge(max);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(max);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return bytes;
}

/** The same request with its (already read) body: for `formData()` on bytes read with a ceiling. */
export function withBody(request: Request, bytes: Uint8Array): Request {
  return new Request(request.url, { method: request.method, headers: request.headers, body: bytes as BodyInit });
}
