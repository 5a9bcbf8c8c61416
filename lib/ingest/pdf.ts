// A PDF → the text of its text layer, page by page. A scanned PDF has pages but no text: refused, never OCRed.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IngestError, tooLarge } from './errors';

/** pdfjs' own data: the CMaps Chinese PDFs' fonts need (UniGB-UCS2-H…) and the standard fonts. */
function pdfjsDataUrls(): { cMapUrl: string; standardFontDataUrl: string } {
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  } catch {
    root = join(process.cwd(), 'node_modules', 'pdfjs-dist');
  }
  // pdfjs in Node reads these with fs, from a path written as a directory with a trailing slash
  return { cMapUrl: `${join(root, 'cmaps')}/`, standardFontDataUrl: `${join(root, 'standard_fonts')}/` };
}

interface TextItemLike { str?: string; hasEOL?: boolean }

/** The text layer of a PDF; reading stops as soon as the text passes `limitBytes` (content streams can inflate far beyond the file). */
export async function pdfToText(bytes: Uint8Array, limitBytes = Infinity): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { cMapUrl, standardFontDataUrl } = pdfjsDataUrls();
  let document;
  try {
    document = await pdfjs.getDocument({
      // pdfjs takes ownership of (and may detach) the buffer it is given: hand it a copy
      data: new Uint8Array(bytes),
      cMapUrl, cMapPacked: true, standardFontDataUrl,
      isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0,
    }).promise;
  } catch (error) {
    throw new IngestError('unreadable', `not a readable PDF (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const pages: string[] = [];
    let size = 0;
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items as TextItemLike[]) {
        if (typeof item.str !== 'string') continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
      page.cleanup();
      // a character is at most 3 bytes of UTF-8: stop once even the smallest reading is over the limit
      size += text.length;
      if (size > limitBytes) throw tooLarge(size, limitBytes, `its text (${n} of ${document.numPages} pages read)`);
    }
    // a font without a usable ToUnicode map yields control characters, never text worth storing
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    const text = pages.join('\n\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
    if (!/\S/.test(text)) {
      throw new IngestError('no-text-layer', `a PDF of ${document.numPages} page(s) without a text layer (scanned images?); run OCR first`);
    }
    return text;
  } finally {
    await document.destroy();
  }
}
