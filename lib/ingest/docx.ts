// A Word .docx → its text (mammoth reads the paragraphs; images, styles and comments are left out). The zip
// is unpacked first within the size limit (lib/ingest/zip.ts): mammoth only ever sees what fits.
import mammoth from 'mammoth';
import { IngestError } from './errors';
import { DOCX_ZIP_LIMITS, storedZip, unzipWithin } from './zip';

export async function docxToText(bytes: Uint8Array, limitBytes: number): Promise<string> {
  const entries = unzipWithin(bytes, { ...DOCX_ZIP_LIMITS, maxTotalBytes: limitBytes });
  if (!entries.some((e) => e.name === 'word/document.xml')) throw new IngestError('unreadable', 'not a readable .docx (no word/document.xml)');
  try {
    const result = await mammoth.extractRawText({ buffer: storedZip(entries) });
    return result.value;
  } catch (error) {
    throw new IngestError('unreadable', `not a readable .docx (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
}
