// Cheap looks at the first bytes of a file (no HTML parser loaded): is it HTML, and which charset does it declare?
import { encodingFromLabel, type TextEncodingName } from '../text/decode';

/** The charset an HTML page declares in its first bytes (<meta charset>, or http-equiv Content-Type). */
export function declaredHtmlCharset(bytes: Uint8Array): TextEncodingName | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return meta ? encodingFromLabel(meta[1]) : null;
}

/** Whether text looks like an HTML document rather than prose that mentions a tag. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)/i.test(text.slice(0, 2048));
}
