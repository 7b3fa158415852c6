// `npm run lint` step: every dependency in package.json is an exact version, and package-lock.json installs that
// version. npm audit cannot run where CI runs (no advisory endpoint; see docs/security.md), so what is installed is
// at least exactly what was reviewed, and an upgrade is a visible change to both files.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const exact = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const problems = [];
for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
  for (const [name, version] of Object.entries(manifest[field] ?? {})) {
    if (!exact.test(version)) problems.push(`${field}.${name}: "${version}" is not an exact version`);
    const locked = lock.packages?.[`node_modules/${name}`]?.version;
    if (locked !== version)
      problems.push(`${field}.${name}: package-lock.json installs ${locked ?? 'nothing'}, not ${version}`);
  }
}
for (const p of problems) console.error(p);
process.exit(problems.length > 0 ? 1 : 0);
