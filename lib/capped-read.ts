// One reader for bodies with a ceiling, shared by request bodies (lib/body.ts) and crawled responses
// (lib/crawl/fetcher.ts): a chunked body declares no length, so only counting the bytes as they come
// keeps a large one from being buffered whole.

/**
 * All of `stream`'s bytes; as soon as more than `max` have come, the stream is cancelled and the error
 * `tooLarge()` makes is thrown.
 */
export async function readStreamCapped(
  stream: ReadableStream<Uint8Array> | null, max: number, tooLarge: () => Error,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return bytes;
}
