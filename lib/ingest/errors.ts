// Why a document was refused. Every refusal names the document and one of these reasons, so a batch can
// report it and go on, and the web API can answer with the right status code.

import { numberSetting } from '../settings.mjs';

export const REJECT_REASONS = {
  empty: 400,            // no bytes, or no text once decoded and cleaned
  binary: 415,           // an image, an archive, an executable…
  unsupported: 415,      // a format we do not read (.doc, .xls, a zip that is not a .docx)
  'too-large': 413,      // over the size limit
  undecodable: 400,      // bytes that are not UTF-8, GB18030 or Big5 text
  'no-text-layer': 400,  // a scanned PDF: pages but no text to read
  unreadable: 400,       // a corrupt .docx or PDF, an unreadable file
  'extraction-failed': 500,
  'storage-failed': 500,
  'too-slow': 422,       // extraction ran past its time budget (FIGURES_EXTRACT_SECONDS)
} as const;

export type RejectReason = keyof typeof REJECT_REASONS;

export class IngestError extends Error {
  constructor(readonly reason: RejectReason, message: string) { super(message); }

  get httpStatus(): number { return REJECT_REASONS[this.reason]; }
}

/** Any error as an IngestError, keeping the reason when it already has one. */
export function asIngestError(error: unknown, fallback: RejectReason): IngestError {
  if (error instanceof IngestError) return error;
  return new IngestError(fallback, error instanceof Error ? error.message : String(error));
}

/** Default size limit in MB for one file; FIGURES_MAX_FILE_MB overrides it. */
export const DEFAULT_MAX_FILE_MB = 20;

export function maxFileBytes(megabytes?: number): number {
  const mb = megabytes ?? numberSetting('FIGURES_MAX_FILE_MB', DEFAULT_MAX_FILE_MB);
  return Math.floor(mb * 1024 * 1024);
}

export function tooLarge(bytes: number, limit: number, what?: string): IngestError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new IngestError('too-large', `${what ? `${what}, ` : ''}${mb(bytes)} is over the ${mb(limit)} limit`);
}
