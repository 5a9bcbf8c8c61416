'use client';

// A word of the interface in server-rendered chrome (the header) that follows `lang` in the URL like
// SiteNav does; the root layout only sees the cookie.
import { useSearchParams } from 'next/navigation';
import { parseLang, type Lang } from '../../lib/i18n';

export function LangText({ zh, en, cookieLang }: { zh: string; en: string; cookieLang: Lang }) {
  const lang = parseLang(useSearchParams().get('lang')) ?? cookieLang;
  return <>{lang === 'en' ? en : zh}</>;
}
