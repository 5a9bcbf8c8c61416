import type { Metadata } from 'next';
import { safeReturnPath } from '../../lib/auth';
import { currentEditor } from '../../lib/auth/server';
import { strings } from '../../lib/i18n';
import { requestLang } from '../../lib/i18n-server';
import { CsrfField } from '../components/CsrfField';
import styles from './login.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '编辑登录 · 数说基层' };

const ERRORS = { wrong: 'login_wrong', missing: 'login_missing', rate_limited: 'login_rate_limited' } as const;

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const s = strings(await requestLang(params));
  const next = safeReturnPath(Array.isArray(params.next) ? params.next[0] : params.next);
  const errorKey = ERRORS[String(params.error ?? '') as keyof typeof ERRORS] as (typeof ERRORS)[keyof typeof ERRORS] | undefined;
  const error = errorKey ? s[errorKey] : undefined;
  const editor = await currentEditor();
  if (editor) {
    return (
      <section className={styles.card}>
        <h1>{s.login_title}</h1>
        <p>{s.login_signed_in_as}<strong data-testid="signed-in-as">{editor.name}</strong></p>
        <form method="post" action="/api/auth/logout">
          <CsrfField token={editor.csrfToken} />
          <input type="hidden" name="next" value="/login" />
          <button type="submit" className={styles.button}>{s.editor_sign_out}</button>
        </form>
      </section>
    );
  }
  return (
    <section className={styles.card}>
      <h1>{s.login_title}</h1>
      {error && <p role="alert" className={styles.error} data-testid="login-error">{error}</p>}
      <form method="post" action="/api/auth/login">
        <input type="hidden" name="next" value={next} />
        <label className={styles.field}>{s.login_name}<input name="name" autoComplete="username" required defaultValue="" /></label>
        <label className={styles.field}>{s.login_password}<input name="password" type="password" autoComplete="current-password" required /></label>
        <button type="submit" className={styles.button}>{s.login_submit}</button>
      </form>
    </section>
  );
}
