// What a signed-out visitor sees on a page for editors: what the page is for, and a way in.
import { strings, type Lang } from '../../lib/i18n';

export function EditorsOnly({ lang, what, next }: { lang: Lang; what: string; next: string }) {
  const s = strings(lang);
  const keepLang = lang === 'en' ? '&lang=en' : '';
  return (
    <div className="card" data-testid="editors-only">
      <p>{what}</p>
      <p>{s.editors_only} <a href={`/login?next=${encodeURIComponent(next)}${keepLang}`} data-testid="editors-sign-in">{s.editor_sign_in}</a></p>
    </div>
  );
}
