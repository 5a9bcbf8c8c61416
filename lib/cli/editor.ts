// `figures editor NAME`: adds an editor, or sets an existing editor's password (which ends every session
// of theirs). The password is FIGURES_EDITOR_PASSWORD when set, else generated and printed once (only its
// scrypt hash is stored). `figures editor NAME --sign-out` ends the editor's sessions and changes nothing else.
import { openDb } from '../../db/client';
import { generatePassword } from '../auth/password';
import { setEditorPassword, signOutEverywhere } from '../auth/users';
import { CliError, parseCommandArgs } from './args';

export async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(argv, { 'sign-out': { type: 'boolean' } });
  if (positionals.length !== 1) throw new CliError('editor takes one NAME');
  const name = positionals[0];
  const db = await openDb();
  try {
    if (values['sign-out']) {
      const ended = await signOutEverywhere(db, name);
      console.log(`editor "${name}": ${ended} session${ended === 1 ? '' : 's'} ended`);
      return 0;
    }
    const fromEnv = process.env.FIGURES_EDITOR_PASSWORD;
    const password = fromEnv || generatePassword();
    const outcome = await setEditorPassword(db, name, password);
    console.log(`editor "${name}" ${outcome}${fromEnv ? ' with the password of FIGURES_EDITOR_PASSWORD' : ` — password (shown this once): ${password}`}${outcome === 'updated' ? '; every session of theirs is ended' : ''}`);
  } catch (error) {
    throw new CliError((error as Error).message);
  } finally {
    await db.close();
  }
  return 0;
}
