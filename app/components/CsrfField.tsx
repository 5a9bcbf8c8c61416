import { CSRF_FIELD } from '../../lib/auth';

/** The hidden field every editor form posts, so its route handler's requireEditor() accepts it. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}
