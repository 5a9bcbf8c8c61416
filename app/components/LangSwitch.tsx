'use client';

// Switches the interface language: remembers it in a cookie (so every page follows) and reloads the
// current view with `lang` in its URL (so a shared link keeps the language).
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { LANG_COOKIE, type Lang } from '../../lib/i18n';

export function LangSwitch({ current, label, title }: { current: Lang; label: string; title: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const next: Lang = current === 'zh' ? 'en' : 'zh';
  const query = new URLSearchParams(params.toString());
  query.set('lang', next);
  const href = `${pathname}?${query.toString()}`;
  return (
    <a href={href} lang={next === 'en' ? 'en' : 'zh-CN'} title={title} className="lang-switch" data-testid="lang-switch"
      onClick={(e) => {
        e.preventDefault();
        document.cookie = `${LANG_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        router.push(href, { scroll: false });
        router.refresh();
      }}>
      {label}
    </a>
  );
}
