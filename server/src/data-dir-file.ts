import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface DataDirFile {
  /** Absolute path. */
  file: string;
  /** Whether this call wrote it. */
  created: boolean;
}

/**
 * A file of development secrets under DATA_DIR (keys, a service account, receipt credentials): written once,
 * readable by the owner only, and kept, so restarts find the same secrets. `content` runs only when the file is
 * absent; when another process writes it first, that one's file is kept.
 */
export async function createOnceInDataDir(dataDir: string, name: string, content: () => Promise<string> | string): Promise<DataDirFile> {
  const file = path.resolve(dataDir, name);
  const exists = await access(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    }
  );
  if (exists) return { file, created: false };
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, await content(), { mode: 0o600, flag: 'wx' });
    return { file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { file, created: false };
    throw error;
  }
}
