// Addresses the crawler may request: http(s) only, without fragments, on the sites a person named.

/** An absolute http(s) address without its fragment, or null for anything else (mailto:, javascript:, ftp:, junk). */
export function crawlableUrl(href: string, base?: string): string | null {
  let url: URL;
  try { url = new URL(href.trim(), base); } catch { return null; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  url.hash = '';
  return url.href;
}

/** scheme://host[:port] — the scope of one robots.txt. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** host[:port] — what "one request at a time per host" counts. */
export function hostOf(url: string): string {
  return new URL(url).host;
}

/**
 * The sites a crawl may request: the hosts of its start addresses. http→https on the same host is the same
 * site; a sub-domain or a sibling site is not (a person names every site they want read).
 */
export class SiteScope {
  private readonly hosts: Set<string>;

  constructor(startUrls: readonly string[]) {
    this.hosts = new Set(startUrls.map(hostOf));
  }

  includes(url: string): boolean {
    try { return this.hosts.has(hostOf(url)); } catch { return false; }
  }
}
