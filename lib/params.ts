// Numbers in URLs that pages turn into SQL: a page number and a row id. Anything a visitor types is read
// as something the database can take — never a float past 2^53, never an offset beyond the last page.

/** A 1-based page number, clamped to 1..pages (a missing, malformed or huge one is the nearest end). */
export function pageNumber(raw: string | undefined, pages: number): number {
  const last = Math.max(1, Math.floor(pages));
  if (!raw || !/^\s*\d+\s*$/.test(raw)) return 1;
  const n = Number(raw.trim().slice(0, 16));
  return Math.min(Math.max(1, Number.isFinite(n) ? n : last), last);
}

/** A row id from a path segment: digits only, at most 15 of them (a safe integer on every engine), else null. */
export function rowId(raw: string): number | null {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}
