// The publication day of a document, never guessed: the editor's option, else the masthead or dateline the
// text states, else the page's metadata, else a date in the file name; none of these → undated (null).
import { basename } from 'node:path';

function realDay(y: string, m: string, d: string): string | null {
  const year = Number(y);
  if (year < 1949 || year > 2100) return null; // digits of a phone number or an id, not a year
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/** A day written in a file name: 2020-04-21, 2020_04_21, 2020.4.21, 2020年4月21日 or 20200421. */
export function dateFromFileName(fileName: string | null | undefined): string | null {
  if (!fileName) return null;
  const name = basename(fileName);
  for (const m of name.matchAll(/(?<!\d)(\d{4})[-_.年](\d{1,2})[-_.月](\d{1,2})(?!\d)/g)) {
    const day = realDay(m[1], m[2], m[3]);
    if (day) return day;
  }
  for (const m of name.matchAll(/(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/g)) {
    const day = realDay(m[1], m[2], m[3]);
    if (day) return day;
  }
  return null;
}

export interface PublishedSources {
  option?: string | null;
  fromText: () => string | null;
  fromMetadata?: string | null;
  fileName?: string | null;
}

export type PublishedProvenance = 'option' | 'text' | 'metadata' | 'file-name' | 'none';

export function resolvePublished(s: PublishedSources): { published: string | null; provenance: PublishedProvenance } {
  if (s.option) return { published: s.option, provenance: 'option' };
  const stated = s.fromText();
  if (stated) return { published: stated, provenance: 'text' };
  if (s.fromMetadata) return { published: s.fromMetadata, provenance: 'metadata' };
  const named = dateFromFileName(s.fileName);
  if (named) return { published: named, provenance: 'file-name' };
  return { published: null, provenance: 'none' };
}
