// The files named on the command line: files as given, folders walked recursively (hidden entries skipped).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface FileList {
  files: string[];
  /** paths that do not exist or cannot be listed */
  missing: { label: string; message: string }[];
}

export async function listFiles(paths: readonly string[]): Promise<FileList> {
  const files: string[] = [];
  const missing: FileList['missing'] = [];
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      missing.push({ label: dir, message: `cannot list the folder: ${(error as Error).message}` });
      return;
    }
    // sorted, so a batch is stored (and reported) in the same order every time
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
      // symlinks and sockets are skipped: a link loop must not walk forever
    }
  };
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) await walk(path);
      else files.push(path);
    } catch (error) {
      missing.push({ label: path, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message });
    }
  }
  return { files, missing };
}
