// Publication days as feeds, sitemaps, page metadata and list pages write them → YYYY-MM-DD, or null.
// The day is taken as written (the publisher's own calendar day), never shifted across time zones.

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

function realDay(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/** A numeric date anywhere in the text: 2024-01-15, 2024/1/15, 2024.01.15, 2024年1月15日, 20240115T…. */
const NUMERIC = /(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)(?!\d)/;
/** RFC 822 as RSS writes it: "Mon, 15 Jan 2024 08:00:00 +0800". */
const RFC822 = /(?<!\d)(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})(?!\d)/;
const COMPACT = /^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?:T|\s|$)/;

export function dayOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = text.slice(0, 200);
  const n = NUMERIC.exec(s);
  if (n) return realDay(Number(n[1]), Number(n[2] ?? n[4]), Number(n[3] ?? n[5]));
  const r = RFC822.exec(s);
  if (r && MONTHS[r[2].toLowerCase()]) return realDay(Number(r[3]), MONTHS[r[2].toLowerCase()], Number(r[1]));
  const c = COMPACT.exec(s);
  if (c) return realDay(Number(c[1]), Number(c[2]), Number(c[3]));
  return null;
}

/** A labelled date in a page's text: "发布时间：2024-01-15", "发布日期：2024年1月15日", "日期：2024/01/15". */
const LABELLED = /(?:发布|发表|刊发|更新|成文|印发)?(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})/;

export function labelledDay(text: string): string | null {
  const m = LABELLED.exec(text);
  return m ? dayOf(m[1]) : null;
}
