// Imports a module of the build (dist/), telling the user to build first when there is none.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function fromBuild(path) {
  const file = fileURLToPath(new URL(`../dist/${path}`, import.meta.url));
  if (!existsSync(file)) {
    process.stderr.write(`${path} is not built yet: run npm run build (npm run start:all builds too)\n`);
    process.exit(1);
  }
  return import(file);
}
