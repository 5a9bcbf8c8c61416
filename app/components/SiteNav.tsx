'use client';

// The site's navigation. A client component only because the language may come from the URL
// (`lang=en`), which the root layout cannot see; the cookie's language is the fallback.
import { usePathname, useSearchParams } from 'next/navigation';
import { parseLang, strings, type Lang } from '../../lib/i18n';
import { LangSwitch } from './LangSwitch';

const LINKS = [
  { href: '/', key: 'nav_overview' },
  { href: '/search', key: 'nav_search' },
  { href: '/checks', key: 'nav_checks' },
  { href: '/ingest', key: 'nav_ingest' },
  { href: '/sources', key: 'nav_sources' },
  { href: '/export/README', key: 'nav_export' },
] as const;

export function SiteNav({ cookieLang }: { cookieLang: Lang }) {
  const pathname = usePathname();
  const lang = parseLang(useSearchParams().get('lang')) ?? cookieLang;
  const s = strings(lang);
  return (
    <nav className="site-nav" aria-label={lang === 'zh' ? '主导航' : 'Main'}>
      <ul>
        {LINKS.map((link) => {
          const current = link.href === '/' ? pathname === '/' : pathname.startsWith(link.href);
          return <li key={link.href}><a href={link.href} aria-current={current ? 'page' : undefined}>{s[link.key]}</a></li>;
        })}
      </ul>
      <LangSwitch current={lang} label={s.switch_to} title={s.switch_title} />
    </nav>
  );
}
