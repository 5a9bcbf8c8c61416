// The address the app is reached at, for links that leave it: citations, fact_url in exports, the data
// twins' links. FIGURES_PUBLIC_URL names it (behind a proxy, or on a server whose own address readers never
// see); else it is the origin of the request itself, as the reader's browser addressed it.
import { siteOrigin } from './http/client';

/** FIGURES_PUBLIC_URL as an origin (scheme, host, port, optional path, no trailing slash); throws when malformed. */
export function configuredPublicUrl(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env.FIGURES_PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try { url = new URL(raw); } catch { throw new Error(`FIGURES_PUBLIC_URL must be an http(s) address such as https://figures.example.org, got "${raw.slice(0, 80)}"`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`FIGURES_PUBLIC_URL must start with http:// or https://, got "${raw.slice(0, 80)}"`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The base of links that leave the app: FIGURES_PUBLIC_URL, else the site's origin as the request addressed it
 * (X-Forwarded-Host and -Proto believed only from FIGURES_TRUSTED_PROXIES: lib/http/client.ts). */
export function publicBase(request: Request, env: Record<string, string | undefined> = process.env): string {
  return configuredPublicUrl(env) ?? siteOrigin(request);
}

/** publicBase for a page, which has the request's headers but not the request. */
export function publicBaseOfHeaders(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const host = headers.get('host') ?? 'localhost';
  return publicBase(new Request(`http://${host}/`, { headers }), env);
}
