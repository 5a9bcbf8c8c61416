// POST /api/articles' body → a Submission: JSON {text, source, …} or a multipart form with files, read
// with caps on the bytes as they arrive (lib/body.ts, lib/multipart.ts). The CSRF token is decided before
// any large part is read: a JSON body needs the X-CSRF-Token header; a form may carry csrf_token as a field,
// but ahead of its files.
import { BodyError, mediaType, readJsonObject } from '../body';
import { readMultipart } from '../multipart';
import { MAX_UPLOAD_FILES, SubmissionError, parseSubmissionFields, type Submission } from './submission';
import { numberSetting } from '../settings.mjs';

/** The largest upload in one request, all files together; FIGURES_MAX_UPLOAD_MB overrides it. */
export const DEFAULT_MAX_UPLOAD_MB = 64;

export function maxUploadBytes(fileLimit: number): number {
  const mb = numberSetting('FIGURES_MAX_UPLOAD_MB', DEFAULT_MAX_UPLOAD_MB);
  // never below one file at the limit (and its form around it)
  return Math.max(Math.floor(mb * 1024 * 1024), fileLimit + 1024 * 1024);
}

const TEXT_FIELDS = ['text', 'source', 'district', 'published', 'title', 'url'] as const;

export interface SubmissionRequestOptions {
  /** the size limit of one file (and of pasted text) */
  fileLimit: number;
  /** whether a CSRF token is the session's: called once, with the header's or the form field's value */
  csrf: (submitted: string | null) => boolean;
  csrfRefused: string;
}

/** Reads a submission, or throws SubmissionError with the status to answer (400, 403, 413, 415). */
export async function readSubmissionRequest(request: Request, options: SubmissionRequestOptions): Promise<Submission> {
  const type = mediaType(request);
  const header = request.headers.get('x-csrf-token');
  try {
    if (type === 'application/json') {
      if (!options.csrf(header)) throw new BodyError(403, options.csrfRefused);
      // pasted text may take twice its bytes once JSON escapes it
      const body = await readJsonObject(request, options.fileLimit * 2 + 64 * 1024);
      return { fields: parseSubmissionFields(body), files: [] };
    }
    if (type === 'multipart/form-data') {
      let checked = false;
      const check = (fields: Readonly<Record<string, string>>) => {
        if (checked) return;
        checked = true;
        if (!options.csrf(header ?? fields.csrf_token ?? null)) throw new BodyError(403, options.csrfRefused);
      };
      const form = await readMultipart(request, {
        maxTotalBytes: maxUploadBytes(options.fileLimit), maxFileBytes: options.fileLimit, maxFiles: MAX_UPLOAD_FILES,
        maxFieldBytes: options.fileLimit, maxFields: 20,
      }, { fileFields: ['files', 'file'], beforeFirstFile: check });
      check(form.fields);
      const raw: Record<string, string> = {};
      for (const key of TEXT_FIELDS) if (typeof form.fields[key] === 'string') raw[key] = form.fields[key];
      return { fields: parseSubmissionFields(raw), files: form.files.map((f) => ({ name: f.name, bytes: f.bytes })) };
    }
  } catch (error) {
    if (error instanceof BodyError) throw new SubmissionError(error.status, error.message);
    throw error;
  }
  throw new SubmissionError(415, 'send application/json or multipart/form-data');
}
