import { expect } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * A document generated from code must equal its committed copy, so that a change to the code without the document
 * (or the reverse) fails CI. With UPDATE_CONTRACT_DOCS=1 (`npm run docs:contracts`) the copy is rewritten instead.
 */
export function expectCommitted(path: string, generated: string): void {
  const file = `${root}/${path}`;
  if (process.env.UPDATE_CONTRACT_DOCS === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generated);
    return;
  }
  const committed = existsSync(file) ? readFileSync(file, 'utf8') : '(missing)';
  if (committed !== generated) {
    throw new Error(
      `${path} differs from what the code generates: run \`npm run docs:contracts\` and commit the result`,
    );
  }
  expect(committed).toBe(generated);
}
