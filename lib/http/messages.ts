// Error messages shown to clients carry no server paths: a library's message may name the file it failed
// in (/srv/figures/node_modules/…, file:///…/.next/server/chunks/…), which tells a stranger where and how
// the server is installed.

const FILE_URL = /file:\/\/[^\s'"`)]+/g;
// absolute paths under the usual roots of a server's file system (URL paths such as /api/… are left alone)
const ABSOLUTE_PATH = /(?<![\w.:/])\/(?:home|root|usr|opt|srv|var|tmp|work|app|etc|mnt|data|private|Users|nix)(?:\/[^\s'"`)]*)?|\b[A-Za-z]:\\[^\s'"`)]+/g;

function lastPart(path: string): string {
  return `…/${path.replace(/[/\\]+$/, '').split(/[/\\]/).pop()}`;
}

/** A message with file URLs, the working directory and absolute paths replaced by their last part. */
export function redactPaths(message: string): string {
  const cwd = process.cwd();
  const withoutCwd = cwd.length > 1 ? message.split(cwd).join('.') : message;
  return withoutCwd.replace(FILE_URL, lastPart).replace(ABSOLUTE_PATH, lastPart);
}

/** The message of an error (or any value), fit to show a client. */
export function publicMessage(error: unknown): string {
  return redactPaths(error instanceof Error ? error.message : String(error));
}
