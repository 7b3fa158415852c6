import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RULES = join(root, 'deploy/prometheus/alerts.yml');
const RULE_TESTS = join(root, 'deploy/prometheus/alerts.test.yml');
const DASHBOARD = join(root, 'deploy/grafana/dashboards/dostek-payments.json');

const promtool = spawnSync('promtool', ['--version']).status === 0;
// CI installs promtool (.ci/run); elsewhere the rule checks are skipped with a note rather than failing a laptop.
const required = !!process.env.CI || process.env.REQUIRE_PROMTOOL === '1';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

/** Every metric name the code registers (a `'dostek_…'` literal) and prom-client's process metrics. */
function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  for (const f of [...sources(join(root, 'apps')), ...sources(join(root, 'libs'))]) {
    for (const m of readFileSync(f, 'utf8').matchAll(/'(dostek_[a-z0-9_]+)'/g)) names.add(m[1]);
  }
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  for (const m of defaults.getMetricsAsArray()) names.add(m.name);
  names.add('up');
  return names;
}

/** Metric names an expression reads (a histogram's _bucket, _count and _sum are its own name). */
function metricsIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  return [...withoutStrings.matchAll(/\b((?:dostek|process|nodejs)_[a-z0-9_]+|up)\b/g)].map((m) => m[1]);
}

const baseName = (n: string, known: Set<string>) => (known.has(n) ? n : n.replace(/_(bucket|count|sum)$/, ''));

describe('dashboards and alert rules as code (deploy/)', () => {
  (promtool ? it : it.skip)('promtool check rules: the alert rules are valid', () => {
    expect(execFileSync('promtool', ['check', 'rules', RULES], { encoding: 'utf8' })).toContain('SUCCESS');
  });

  (promtool ? it : it.skip)('promtool test rules: each alert fires when it should and not before', () => {
    const out = spawnSync('promtool', ['test', 'rules', RULE_TESTS], { encoding: 'utf8' });
    expect(`${out.stdout}${out.stderr}`).toContain('SUCCESS');
    expect(out.status).toBe(0);
  });

  it('has promtool where the rules must be checked (CI)', () => {
    if (required) expect(promtool).toBe(true);
  });

  it('every alert has a unit test, and both read only metrics the services export', () => {
    const rules = parse(readFileSync(RULES, 'utf8')).groups.flatMap(
      (g: { rules: { alert: string; expr: string }[] }) => g.rules,
    );
    const tested = new Set(
      parse(readFileSync(RULE_TESTS, 'utf8')).tests.flatMap(
        (t: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }) =>
          (t.alert_rule_test ?? []).filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname),
      ),
    );
    expect(rules.map((r: { alert: string }) => r.alert).filter((a: string) => !tested.has(a))).toEqual([]);
    const known = registeredMetrics();
    const unknown = rules
      .flatMap((r: { expr: string }) => metricsIn(r.expr))
      .map((n: string) => baseName(n, known))
      .filter((n: string) => !known.has(n));
    expect(unknown).toEqual([]);
  });

  it('the Grafana dashboard is valid JSON whose panels read only metrics the services export', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((p: { targets?: { expr: string }[] }) =>
      (p.targets ?? []).map((t) => t.expr),
    );
    expect(exprs.length).toBeGreaterThan(10);
    const known = registeredMetrics();
    expect(
      exprs
        .flatMap(metricsIn)
        .map((n) => baseName(n, known))
        .filter((n) => !known.has(n)),
    ).toEqual([]);
    expect(new Set(dashboard.panels.map((p: { id: number }) => p.id)).size).toBe(dashboard.panels.length);
  });
});
