import { Suspense } from 'react';
import { strings, type Lang, type StringKey } from '../../lib/i18n';
import { currentEditor } from '../../lib/auth/server';
import { CsrfField } from './CsrfField';
import { LangText } from './LangText';

/** A header word in the URL's language, else the cookie's (`lang`: the cookie's). */
function Word({ k, lang }: { k: StringKey; lang: Lang }) {
  return (
    <Suspense fallback={strings(lang)[k]}>
      <LangText zh={strings('zh')[k]} en={strings('en')[k]} cookieLang={lang} />
    </Suspense>
  );
}

/** "Signed in as … · sign out", or a sign-in link: for the site header, in the interface language. */
export async function EditorStatus({ returnTo = '/', lang = 'zh' }: { returnTo?: string; lang?: Lang }) {
  const editor = await currentEditor();
  if (!editor) return <a href={`/login?next=${encodeURIComponent(returnTo)}`} data-testid="sign-in-link"><Word k="editor_sign_in" lang={lang} /></a>;
  return (
    <form method="post" action="/api/auth/logout" style={{ display: 'inline' }}>
      <span data-testid="signed-in-as">{editor.name}</span>{' '}
      <CsrfField token={editor.csrfToken} />
      <input type="hidden" name="next" value={returnTo} />
      <button type="submit"><Word k="editor_sign_out" lang={lang} /></button>
    </form>
  );
}
