// A multipart/form-data upload read as it arrives (busboy), with every cap enforced on the bytes as they
// come in: the whole body, each file, the number of files, each field. Nothing past a cap is buffered;
// the read stops there and the caller answers 413. A check can run before the first file's bytes are
// read (the CSRF token, sent as a header or as a field ahead of the files), so a stranger's upload is
// refused after a few hundred bytes, not after the whole body.
import busboy from 'busboy';
import { BodyError, BodyTooLarge, refuseDeclaredOver } from './body';

export interface MultipartLimits {
  /** the whole body, headers of parts included */
  maxTotalBytes: number;
  maxFileBytes: number;
  maxFiles: number;
  /** each text field */
  maxFieldBytes: number;
  maxFields: number;
}

export interface UploadedFile { field: string; name: string; bytes: Uint8Array }

export interface MultipartForm {
  /** text fields, the first value of each name */
  fields: Record<string, string>;
  files: UploadedFile[];
}

export interface MultipartOptions {
  /** the fields whose files are kept (others' files are refused: nothing else takes uploads) */
  fileFields: readonly string[];
  /** called with the fields read so far when the first file part starts; throw a BodyError to refuse */
  beforeFirstFile?: (fields: Readonly<Record<string, string>>) => void;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

export async function readMultipart(request: Request, limits: MultipartLimits, options: MultipartOptions): Promise<MultipartForm> {
  refuseDeclaredOver(request, limits.maxTotalBytes);
  const contentType = request.headers.get('content-type') ?? '';
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      limits: {
        // one byte more than allowed, so a file exactly at the limit passes and one byte over is seen
        fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: limits.maxFields,
        fieldSize: limits.maxFieldBytes, parts: limits.maxFiles + limits.maxFields, headerPairs: 20,
      },
    });
  } catch {
    throw new BodyError(400, 'the multipart body cannot be read (no boundary in its content type)');
  }
  if (!request.body) throw new BodyError(400, 'the multipart body is empty');

  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  let failure: BodyError | null = null;
  let firstFile = true;
  const reader = request.body.getReader();
  const fail = (error: BodyError) => {
    if (!failure) failure = error;
  };

  const finished = new Promise<void>((resolve) => {
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new BodyTooLarge(limits.maxFieldBytes, `the field ${name}`));
      else if (!(name in fields)) fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      // a read cut short ends the part's stream with an error: the reason is already in `failure`
      stream.on('error', (error: Error) => fail(new BodyError(400, `the multipart body cannot be read (${error.message})`)));
      if (failure) { stream.resume(); return; }
      if (firstFile) {
        firstFile = false;
        try { options.beforeFirstFile?.(fields); } catch (error) {
          fail(error instanceof BodyError ? error : new BodyError(400, String(error)));
          stream.resume();
          return;
        }
      }
      if (!options.fileFields.includes(name)) {
        fail(new BodyError(400, `${name}: files are taken in the field ${options.fileFields[0]}`));
        stream.resume();
        return;
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        if (failure) return;
        size += chunk.byteLength;
        chunks.push(chunk);
      });
      stream.on('limit', () => fail(new BodyTooLarge(limits.maxFileBytes, `the file ${info.filename || name}`)));
      stream.on('end', () => {
        if (failure || size > limits.maxFileBytes) return;
        // an empty file input submits a part with no name and no bytes: not a file
        if (!info.filename && size === 0) return;
        files.push({ field: name, name: info.filename || 'upload', bytes: concat(chunks, size) });
      });
    });
    parser.on('filesLimit', () => fail(new BodyError(413, `at most ${limits.maxFiles} files at a time`)));
    parser.on('fieldsLimit', () => fail(new BodyError(413, `at most ${limits.maxFields} fields`)));
    parser.on('partsLimit', () => fail(new BodyError(413, 'too many parts in the form')));
    parser.on('error', (error: Error) => { fail(new BodyError(400, `the multipart body cannot be read (${error.message})`)); resolve(); });
    parser.on('close', () => resolve());
  });

  let total = 0;
  try {
    for (;;) {
      if (failure) break;
      const { done, value } = await reader.read();
      if (done) { parser.end(); break; }
      total += value.byteLength;
      if (total > limits.maxTotalBytes) { fail(new BodyTooLarge(limits.maxTotalBytes, 'the upload')); break; }
      if (!parser.write(value)) await new Promise<void>((resolve) => parser.once('drain', resolve));
    }
  } finally {
    if (failure) {
      await reader.cancel().catch(() => undefined);
      parser.destroy();
    }
  }
  if (!failure) await finished;
  if (failure) throw failure;
  return { fields, files };
}
