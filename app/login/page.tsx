import type { Metadata } from 'next';
import { safeReturnPath } from '../../lib/auth';
import { currentEditor } from '../../lib/auth/server';
import { CsrfField } from '../components/CsrfField';
import styles from './login.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '编辑登录 · 数说基层' };

const ERRORS: Record<string, string> = {
  wrong: '用户名或密码错误。',
  missing: '请输入用户名和密码。',
  rate_limited: '密码错误次数过多，请15分钟后再试。',
};

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const next = safeReturnPath(Array.isArray(params.next) ? params.next[0] : params.next);
  const error = ERRORS[String(params.error ?? '')];
  const editor = await currentEditor();
  if (editor) {
    return (
      <section className={styles.card}>
        <h1>编辑登录</h1>
        <p>已登录：<strong data-testid="signed-in-as">{editor.name}</strong></p>
        <form method="post" action="/api/auth/logout">
          <CsrfField token={editor.csrfToken} />
          <input type="hidden" name="next" value="/login" />
          <button type="submit" className={styles.button}>退出登录</button>
        </form>
      </section>
    );
  }
  return (
    <section className={styles.card}>
      <h1>编辑登录</h1>
      {error && <p role="alert" className={styles.error} data-testid="login-error">{error}</p>}
      <form method="post" action="/api/auth/login">
        <input type="hidden" name="next" value={next} />
        <label className={styles.field}>用户名<input name="name" autoComplete="username" required defaultValue="" /></label>
        <label className={styles.field}>密码<input name="password" type="password" autoComplete="current-password" required /></label>
        <button type="submit" className={styles.button}>登录</button>
      </form>
    </section>
  );
}
