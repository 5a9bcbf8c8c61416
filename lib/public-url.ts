// The address the app is reached at, for links that leave it: citations, fact_url in exports, the data
// twins' links. FIGURES_PUBLIC_URL names it (behind a proxy, or on a server whose own address readers never
// see); else it is the origin of the request itself, as the reader's browser addressed it.

/** FIGURES_PUBLIC_URL as an origin (scheme, host, port, optional path, no trailing slash); throws when malformed. */
export function configuredPublicUrl(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env.FIGURES_PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try { url = new URL(raw); } catch { throw new Error(`FIGURES_PUBLIC_URL must be an http(s) address such as https://figures.example.org, got "${raw.slice(0, 80)}"`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`FIGURES_PUBLIC_URL must start with http:// or https://, got "${raw.slice(0, 80)}"`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The origin a request addressed: the forwarded host and scheme behind a proxy, else its Host header, else its URL. */
export function requestOrigin(headers: Headers, url?: string): string {
  const host = headers.get('x-forwarded-host')?.split(',')[0].trim() || headers.get('host');
  const proto = headers.get('x-forwarded-proto')?.split(',')[0].trim() || (url ? new URL(url).protocol.replace(':', '') : 'http');
  if (host) return `${proto}://${host}`;
  return url ? new URL(url).origin : '';
}

/** The base of links that leave the app: FIGURES_PUBLIC_URL, else the request's own origin. */
export function publicBase(headers: Headers, url?: string, env: Record<string, string | undefined> = process.env): string {
  return configuredPublicUrl(env) ?? requestOrigin(headers, url);
}
