// `figures editor NAME`: adds an editor, or sets an existing editor's password. The password is
// FIGURES_EDITOR_PASSWORD when set, else generated and printed once (only its scrypt hash is stored).
import { openDb } from '../../db/client';
import { generatePassword } from '../auth/password';
import { setEditorPassword } from '../auth/users';
import { CliError, parseCommandArgs } from './args';

export async function run(argv: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(argv, {});
  if (positionals.length !== 1) throw new CliError('editor takes one NAME');
  const fromEnv = process.env.FIGURES_EDITOR_PASSWORD;
  const password = fromEnv || generatePassword();
  const db = await openDb();
  try {
    const outcome = await setEditorPassword(db, positionals[0], password);
    console.log(`editor "${positionals[0]}" ${outcome}${fromEnv ? ' with the password of FIGURES_EDITOR_PASSWORD' : ` — password (shown this once): ${password}`}`);
  } catch (error) {
    throw new CliError((error as Error).message);
  } finally {
    await db.close();
  }
  return 0;
}
