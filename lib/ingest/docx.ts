// A Word .docx → its text (mammoth reads the paragraphs; images, styles and comments are left out).
import mammoth from 'mammoth';
import { IngestError } from './errors';

export async function docxToText(bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return result.value;
  } catch (error) {
    throw new IngestError('unreadable', `not a readable .docx (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
}
