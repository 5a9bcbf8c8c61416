import type { Sql } from '../../db/client';
import { deleteSessionsOfUser, insertUser, userByName, userCount, updatePasswordHash } from '../../db/auth';
import { generatePassword, hashPassword } from './password';

export const ADMIN_NAME = 'admin';

export type AdminSetup =
  | { created: false }
  | { created: true; name: string; password: string; passwordFrom: 'env' | 'generated' };

/**
 * On the first start (no users at all) creates the admin editor. Its password is FIGURES_ADMIN_PASSWORD
 * when set, else generated and returned so `figures init` prints it once; only its hash is stored.
 */
export async function ensureAdmin(db: Sql, env: Record<string, string | undefined> = process.env): Promise<AdminSetup> {
  if ((await userCount(db)) > 0) return { created: false };
  const fromEnv = env.FIGURES_ADMIN_PASSWORD;
  const password = fromEnv || generatePassword();
  await insertUser(db, { name: ADMIN_NAME, passwordHash: await hashPassword(password), role: 'admin' });
  return { created: true, name: ADMIN_NAME, password, passwordFrom: fromEnv ? 'env' : 'generated' };
}

export const MIN_PASSWORD_LENGTH = 10;

/**
 * Adds an editor, or sets the password of an existing one. A new password ends every session the editor
 * had (whoever knew the old one is signed out everywhere).
 */
export async function setEditorPassword(db: Sql, name: string, password: string): Promise<'created' | 'updated'> {
  if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(name)) throw new Error('a user name is 1–64 letters, digits, dots, dashes or underscores');
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`a password has at least ${MIN_PASSWORD_LENGTH} characters`);
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const existing = await userByName(tx, name);
    if (existing) {
      await updatePasswordHash(tx, existing.id, hash);
      await deleteSessionsOfUser(tx, existing.id);
      return 'updated' as const;
    }
    await insertUser(tx, { name, passwordHash: hash, role: 'editor' });
    return 'created' as const;
  });
}

/** Ends every session of an editor without changing the password; the number ended. Throws for an unknown name. */
export async function signOutEverywhere(db: Sql, name: string): Promise<number> {
  const user = await userByName(db, name);
  if (!user) throw new Error(`there is no editor "${name}"`);
  return deleteSessionsOfUser(db, user.id);
}
