import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1],
  );
}

/** Every (file, import) pair under a folder that matches a forbidden pattern. */
function violations(dir: string, forbidden: RegExp): string[] {
  return sourceFiles(join(root, dir)).flatMap((f) =>
    imports(f)
      .filter((i) => forbidden.test(i))
      .map((i) => `${relative(root, f)} imports ${i}`),
  );
}

const FRAMEWORKS = /^(@nestjs\/|typeorm|pg$|amqplib|amqp-connection-manager|nestjs-pino|#platform|#messaging)/;
const APPS = readdirSync(join(root, 'apps'));

describe('layer rules', () => {
  it.each(APPS)('the domain of %s knows nothing of Nest, TypeORM, PostgreSQL or RabbitMQ', (app) => {
    expect(violations(`apps/${app}/src/domain`, FRAMEWORKS)).toEqual([]);
  });

  it.each(APPS)('%s imports no other app: services share only libs/contracts', (app) => {
    const others = new RegExp(`(^|/)apps/(?!${app}/)|\\.\\./\\.\\./\\.\\./(?!libs|test)`);
    expect(violations(`apps/${app}/src`, others)).toEqual([]);
  });

  it('the back office reaches the services only over HTTP: no database, no broker, no events', () => {
    expect(
      violations(
        'apps/back-office/src',
        /^(typeorm|pg$|@nestjs\/typeorm|amqplib|amqp-connection-manager|#messaging|#contracts)/,
      ),
    ).toEqual([]);
  });

  it('the back office UI bundles only its own code, the shared permission table and browser libraries', () => {
    const ui = join(root, 'apps/back-office/ui/src');
    const shared = join(root, 'apps/back-office/src/domain');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const offenders = files(ui).flatMap((f) =>
      imports(f)
        .filter(
          (i) =>
            /^(node:|#)/.test(i) ||
            (i.startsWith('.') && ![ui, shared].some((d) => resolve(dirname(f), i).startsWith(`${d}/`))),
        )
        .map((i) => `${relative(root, f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("libs/contracts, libs/money and the partners' libs/megapay-client are plain TypeScript with no framework", () => {
    expect([
      ...violations('libs/contracts/src', FRAMEWORKS),
      ...violations('libs/money/src', FRAMEWORKS),
      ...violations('libs/megapay-client/src', FRAMEWORKS),
      ...violations('libs/megapay-client/src', /#(platform|messaging|contracts)/),
    ]).toEqual([]);
  });

  it("every body, query and route parameter goes through ZodPipe, and headers only through the platform's decorators", () => {
    // ZodPipe is where a request's texts are checked (INVALID_CHARACTERS); a part read around it is not.
    const offenders = APPS.flatMap((app) => sourceFiles(join(root, `apps/${app}/src`))).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/@(Body|Query|Param|Headers)\(([^)]*)\)/g)]
        .filter(([, part, args]) => part === 'Headers' || !args.includes('new ZodPipe('))
        .map(([use]) => `${relative(root, f)}: ${use}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no source file logs with console', () => {
    const offenders = ['apps', 'libs']
      .flatMap((d) => sourceFiles(join(root, d)))
      .filter((f) => /\bconsole\.(log|info|warn|error)\(/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
