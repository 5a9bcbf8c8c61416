import { currentEditor } from '../../lib/auth/server';
import { CsrfField } from './CsrfField';

/** "Signed in as … · sign out", or a sign-in link: for the site header. */
export async function EditorStatus({ returnTo = '/' }: { returnTo?: string }) {
  const editor = await currentEditor();
  if (!editor) return <a href={`/login?next=${encodeURIComponent(returnTo)}`} data-testid="sign-in-link">编辑登录</a>;
  return (
    <form method="post" action="/api/auth/logout" style={{ display: 'inline' }}>
      <span data-testid="signed-in-as">{editor.name}</span>{' '}
      <CsrfField token={editor.csrfToken} />
      <input type="hidden" name="next" value={returnTo} />
      <button type="submit">退出登录</button>
    </form>
  );
}
