import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder with package.json (test support also runs compiled, from dist/test/support, in the benchmark). */
export const repositoryRoot = (() => {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  while (!existsSync(`${dir}/package.json`) && dirname(dir) !== dir) dir = dirname(dir);
  return dir.replace(/\/+$/, '');
})();
