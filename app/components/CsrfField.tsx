import { CSRF_FIELD } from '../../lib/auth';

/** The hidden field every editor form posts: its route handler reads the small form, then checks the token (lib/auth csrfProblem). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}
