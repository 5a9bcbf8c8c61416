// A file's bytes → its text, whatever the format (.txt, .md, .html, .docx, .pdf) and encoding. The format is
// taken from the bytes when they say it (%PDF, a zip holding word/document.xml), else from the extension.
import { extname } from 'node:path';
import { DecodeError, decodeText } from '../text/decode';
import { IngestError, tooLarge } from './errors';
import { declaredHtmlCharset, looksLikeHtml } from './html-sniff';

// The readers of HTML, .docx and PDF load on first use: a worker extracting plain text never pays for them.
const readers = {
  html: () => import('./html').then((m) => m.htmlToArticle),
  docx: () => import('./docx').then((m) => m.docxToText),
  pdf: () => import('./pdf').then((m) => m.pdfToText),
};

export type DocumentFormat = 'text' | 'markdown' | 'html' | 'docx' | 'pdf';

/** Extensions read when walking a folder; anything else found there is still tried, by its bytes. */
export const KNOWN_EXTENSIONS: Record<string, DocumentFormat> = {
  '.txt': 'text', '.text': 'text', '.md': 'markdown', '.markdown': 'markdown',
  '.html': 'html', '.htm': 'html', '.shtml': 'html', '.xhtml': 'html', '.docx': 'docx', '.pdf': 'pdf',
};

export interface ReadDocument {
  text: string;
  format: DocumentFormat;
  encoding: string | null;     // of text formats; null for .docx and PDF
  title: string | null;        // an HTML page's title
  published: string | null;    // an HTML page's PubDate metadata
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** The format of a file: its signature first, then its extension; throws for formats we do not read. */
export function formatOf(fileName: string, bytes: Uint8Array): DocumentFormat {
  const ext = extname(fileName).toLowerCase();
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // a zip: a .docx names word/document.xml in its (uncompressed) directory
    if (ext === '.docx' || Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml')) return 'docx';
    throw new IngestError('unsupported', 'a zip archive, not a .docx; unpack it and ingest the folder');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new IngestError('unsupported', 'an old Word/Excel file (.doc/.xls); save it as .docx');
  if (ext === '.docx' || ext === '.pdf') throw new IngestError('unreadable', `not a ${ext} file (its bytes do not start as one)`);
  return KNOWN_EXTENSIONS[ext] ?? 'text';
}

/** Markdown → plain prose: link targets, image references and markup characters would read as figures or noise. */
function markdownToText(md: string): string {
  return md
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/^\s*([-*_])(\s*\1){2,}\s*$/gm, '');
}

function decodeOrRefuse(bytes: Uint8Array, declared: ReturnType<typeof declaredHtmlCharset> = null) {
  try {
    return decodeText(bytes, declared);
  } catch (error) {
    if (error instanceof DecodeError) throw new IngestError(error.binary ? 'binary' : 'undecodable', error.message);
    throw error;
  }
}

/**
 * Reads one document. Throws IngestError naming why not: empty, binary, undecodable, too large,
 * unsupported, unreadable, or a PDF without a text layer.
 */
export async function readDocument(fileName: string, bytes: Uint8Array, limitBytes: number): Promise<ReadDocument> {
  if (bytes.length > limitBytes) throw tooLarge(bytes.length, limitBytes);
  if (bytes.length === 0) throw new IngestError('empty', 'an empty file');
  const format = formatOf(fileName, bytes);
  let doc: ReadDocument;
  if (format === 'pdf') {
    doc = { text: await (await readers.pdf())(bytes, limitBytes), format, encoding: null, title: null, published: null };
  } else if (format === 'docx') {
    doc = { text: await (await readers.docx())(bytes, limitBytes), format, encoding: null, title: null, published: null };
  } else {
    const declared = format === 'html' ? declaredHtmlCharset(bytes) : null;
    const { text, encoding } = decodeOrRefuse(bytes, declared);
    if (format === 'html' || (format === 'text' && !KNOWN_EXTENSIONS[extname(fileName).toLowerCase()] && looksLikeHtml(text))) {
      const page = (await readers.html())(text);
      if (!page.text) throw new IngestError('empty', 'no article text in the HTML page (only scripts, styles or menus)');
      doc = { text: page.text, format: 'html', encoding, title: page.title, published: page.published };
    } else {
      doc = { text: format === 'markdown' ? markdownToText(text) : text, format, encoding, title: null, published: null };
    }
  }
  if (!/\S/.test(doc.text)) throw new IngestError('empty', `no text in the ${doc.format === 'text' ? 'file' : doc.format} (only whitespace)`);
  // the limit is on what is stored: the text as decoded (a UTF-16 file, an HTML page) counts in UTF-8 bytes
  const textBytes = Buffer.byteLength(doc.text);
  if (textBytes > limitBytes) throw tooLarge(textBytes, limitBytes, 'its text');
  return doc;
}
