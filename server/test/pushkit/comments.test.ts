import t from 'tap';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '../../src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
  );
  return nested.flat().filter((file) => file.endsWith('.ts'));
}

t.test("comments cite Huawei's pages, never a file outside the repository", async (t) => {
  const offenders: string[] = [];
  for (const file of await sourceFiles(SRC)) {
    const text = await readFile(file, 'utf8');
    text.split('\n').forEach((line, index) => {
      if (/spec §|THE SPEC|shared\/reference|\(spec\b/.test(line)) offenders.push(`${path.relative(SRC, file)}:${index + 1}`);
    });
  }
  t.same(offenders, [], 'no comment points at the reference outside the repo');
});
