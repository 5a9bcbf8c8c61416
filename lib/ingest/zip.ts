// A .docx is a zip, and a zip's size says nothing about what it inflates to: 117 KB can hold 50 MB of XML,
// 2 MB can hold gigabytes. So a .docx is unpacked here first, every entry inflated with a ceiling on its
// output (the file size limit for all entries together, and a compression-ratio cap per entry), and only
// what passed is handed to mammoth, repacked without compression, so mammoth inflates nothing itself.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { IngestError } from './errors';

export interface ZipLimits {
  /** all entries together, inflated */
  maxTotalBytes: number;
  maxEntries: number;
  /** inflated ÷ compressed, per entry, once the entry is past a megabyte */
  maxRatio: number;
}

export const DOCX_ZIP_LIMITS = { maxEntries: 2000, maxRatio: 100 } as const;

export interface ZipEntry { name: string; data: Buffer }

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const RATIO_FREE_BYTES = 1024 * 1024;

function unreadable(why: string): IngestError {
  return new IngestError('unreadable', `not a readable .docx (${why})`);
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Where the end-of-central-directory record starts (it ends the file, after a comment of up to 64 KB). */
function findEnd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  throw unreadable('no zip directory');
}

/** Every entry of a zip, inflated within the limits; throws IngestError (too-large or unreadable) past them. */
export function unzipWithin(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22) throw unreadable('too short for a zip');
  const end = findEnd(buf);
  const count = buf.readUInt16LE(end + 10);
  const directorySize = buf.readUInt32LE(end + 12);
  const directoryOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw unreadable('a ZIP64 archive');
  if (count > limits.maxEntries) throw unreadable(`${count} entries, more than a document has`);
  if (directoryOffset + directorySize > end) throw unreadable('its directory lies outside the file');

  const entries: ZipEntry[] = [];
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL) throw unreadable('a damaged directory');
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x1) throw unreadable('an encrypted file');
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) throw unreadable('a ZIP64 archive');
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) throw unreadable(`a damaged entry ${name}`);
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > buf.length) throw unreadable(`the entry ${name} runs past the end of the file`);
    if (name.endsWith('/')) continue;
    const raw = buf.subarray(dataStart, dataStart + compressedSize);

    const budget = limits.maxTotalBytes - total;
    const ratioCap = Math.max(RATIO_FREE_BYTES, compressedSize * limits.maxRatio);
    let data: Buffer | null = null;
    if (method === 0) {
      if (raw.length > budget) throw new IngestError('too-large', `the .docx unpacks to more than the ${mb(limits.maxTotalBytes)} limit`);
      data = raw;
    } else if (method === 8) {
      const cap = Math.min(budget, ratioCap);
      try {
        // stops as soon as the output passes the cap: nothing past it is ever held
        data = inflateRawSync(raw, { maxOutputLength: cap + 1 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw unreadable(`the entry ${name} does not inflate`);
      }
      if (!data || data.length > cap) {
        if (cap === budget) throw new IngestError('too-large', `the .docx unpacks to more than the ${mb(limits.maxTotalBytes)} limit`);
        throw new IngestError('too-large', `the entry ${name} inflates more than ${limits.maxRatio} times its size (a zip bomb?)`);
      }
    } else {
      throw unreadable(`the entry ${name} uses compression method ${method}`);
    }
    total += data.length;
    entries.push({ name, data });
  }
  return entries;
}

/** A zip of the entries without compression (method 0), for a reader that must not inflate anything itself. */
export function storedZip(entries: readonly ZipEntry[]): Buffer {
  return writeZip(entries, 'store');
}

/** A zip archive of the entries, each stored as it is or deflated (method 0 or 8), names in UTF-8. */
export function writeZip(entries: readonly ZipEntry[], compression: 'store' | 'deflate'): Buffer {
  const method = compression === 'deflate' ? 8 : 0;
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = compression === 'deflate' ? deflateRawSync(entry.data) : entry.data;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10); central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    directory.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directorySize = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}
