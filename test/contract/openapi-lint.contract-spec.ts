import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const SERVICES = ['payment-router', 'wallet', 'sochi-balance', 'ecp-invoicing'];

interface Finding {
  linter: 'redocly' | 'spectral';
  severity: 'error' | 'warning';
  rule: string;
  where: string;
  message: string;
}

/**
 * Warnings docs/contracts.md explains and keeps: the documents are proprietary (no licence to name), the open
 * endpoints (/health, the CA certificate) answer no 4xx, and operations without more to say than their summary.
 */
const ACCEPTED: Array<(f: Finding) => boolean> = [
  (f) => f.linter === 'redocly' && f.rule === 'info-license',
  (f) =>
    f.linter === 'redocly' &&
    f.rule === 'operation-4xx-response' &&
    ['#/paths/~1health/get/responses', '#/paths/~1v1~1ecp~1ca/get/responses'].includes(f.where),
];

// The linters' own exit codes say "problems found"; the JSON they print is what is judged.
async function output(command: string, args: string[]): Promise<string> {
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  try {
    return (await run(`${root}/node_modules/.bin/${command}`, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }))
      .stdout;
  } catch (e) {
    const stdout = (e as { stdout?: string }).stdout;
    if (!stdout) throw e;
    return stdout;
  }
}

async function redocly(file: string): Promise<Finding[]> {
  const report = JSON.parse(await output('redocly', ['lint', '--extends', 'recommended', '--format', 'json', file]));
  return report.problems.map((p: any) => ({
    linter: 'redocly',
    severity: p.severity === 'error' ? 'error' : 'warning',
    rule: p.ruleId,
    where: p.location?.[0]?.pointer ?? '',
    message: p.message,
  }));
}

async function spectral(file: string): Promise<Finding[]> {
  const report = JSON.parse(
    await output('spectral', [
      'lint',
      '--ruleset',
      'test/contract/support/spectral.yaml',
      '--format',
      'json',
      '--quiet',
      file,
    ]),
  );
  // Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
  return report
    .filter((r: any) => r.severity <= 1)
    .map((r: any) => ({
      linter: 'spectral',
      severity: r.severity === 0 ? 'error' : 'warning',
      rule: r.code,
      where: `#/${r.path.join('/')}`,
      message: r.message,
    }));
}

const show = (findings: Finding[]) =>
  findings.map((f) => `${f.linter} ${f.severity} ${f.rule} at ${f.where}: ${f.message}`);

/** Each committed OpenAPI document passes Redocly's `recommended` and Spectral's `spectral:oas` rules. */
describe('the OpenAPI documents lint clean', () => {
  it.each(SERVICES)(
    'docs/openapi/%s.json: no error, and only the warnings docs/contracts.md accepts',
    async (service) => {
      const file = `docs/openapi/${service}.json`;
      const findings = [...(await redocly(file)), ...(await spectral(file))];
      expect(show(findings.filter((f) => f.severity === 'error'))).toEqual([]);
      expect(show(findings.filter((f) => !ACCEPTED.some((accept) => accept(f))))).toEqual([]);
    },
    120_000,
  );
});
