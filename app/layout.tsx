import type { Metadata, Viewport } from 'next';
import { cookies, headers } from 'next/headers';
import { Suspense, type ReactNode } from 'react';
import { LANG_COOKIE, LANG_HEADER, parseLang, strings } from '../lib/i18n';
import { EditorStatus } from './components/EditorStatus';
import { SiteNav } from './components/SiteNav';
import './globals.css';

export const metadata: Metadata = {
  title: '数说基层 Civic Figures',
  description: '从地方政务新闻中提取的基层数字：按区县、街道和日期查看、导出与核对。',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // as requestLang: the URL's `lang` (handed over by proxy.ts), then the cookie, then Chinese
  const lang = parseLang((await headers()).get(LANG_HEADER)) ?? parseLang((await cookies()).get(LANG_COOKIE)?.value) ?? 'zh';
  return (
    <html lang={lang === 'en' ? 'en' : 'zh-CN'}>
      <body>
        <a href="#content" className="skip-link">{lang === 'en' ? 'Skip to content' : '跳到正文'}</a>
        <header className="site-header">
          <a href="/" className="brand">数说基层 <span>Civic Figures</span></a>
          {/* useSearchParams needs a Suspense boundary; the fallback is the same nav in the cookie's language */}
          <Suspense fallback={<nav className="site-nav" />}>
            <SiteNav cookieLang={lang} />
          </Suspense>
          <div className="editor-status" title={strings(lang).nav_login}><EditorStatus lang={lang} /></div>
        </header>
        <main id="content">{children}</main>
      </body>
    </html>
  );
}
