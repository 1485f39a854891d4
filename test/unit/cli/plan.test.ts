import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../../src/cli/commands/plan.js';
import { runCliAsync } from '../../../src/cli/run.js';
import { repoRoot, run, tempProject } from './harness.js';

const EXAMPLE = ['examples/04-dry-run-plan/kargo', '--stage', 'dev', '--freight', 'brave-otter', '--repo', 'examples/04-dry-run-plan/gitops', '--now', '2026-03-01T09:00:00Z'];

async function runAsync(argv: string[], cwd = repoRoot): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCliAsync(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {}, isTTY: false }, repoRoot);
  return { code, stdout, stderr };
}

describe('waybill plan', () => {
  it('prints the plan as text, diffs first', async () => {
    const r = await runAsync(['plan', ...EXAMPLE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Plan for Promotion dev.plan.5f1e2d3 to Stage dev (Freight 5f1e2d3c4b5a69788796a5b4c3d2e1f001122334): would end Succeeded\n')).toBe(true);
    const diff = r.stdout.indexOf('+  tag: 1.4.0 # set by Kargo');
    expect(diff).toBeGreaterThan(0);
    expect(diff).toBeLessThan(r.stdout.indexOf('Commits:'));
    expect(r.stdout).toContain('branch kargo/promotion/dev.plan.5f1e2d3 (expects head none (new branch)');
    expect(r.stdout).toContain('argocd/web-dev (assumed: no cluster was given)');
    expect(r.stdout).toContain('would wait for pull request #1 to be merged');
  });

  it('prints the same plan as JSON with --json, the same every time', async () => {
    const r = await runAsync(['plan', '--json', ...EXAMPLE]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PlanReport;
    expect(report.format).toBe('waybill.plan/v1');
    expect(report.ok).toBe(true);
    expect(report.plan?.files.map((f) => [f.path, f.change])).toEqual([['repo/env/dev/values.yaml', 'modified']]);
    expect(report.plan?.commits[0]).toMatchObject({ repoURL: 'https://github.com/acme/gitops.git', date: '2026-03-01T09:00:00Z', files: ['env/dev/values.yaml'] });
    expect(report.plan?.pullRequests[0]).toMatchObject({ action: 'open', number: 1, placeholder: true, title: 'Deploy 1.4.0 to dev' });
    expect(report.plan?.argocd[0]).toMatchObject({ namespace: 'argocd', name: 'web-dev', assumed: true });
    expect((await runAsync(['plan', '--json', ...EXAMPLE])).stdout).toBe(r.stdout);
  });

  it('finds the Freight by name as well as by alias', async () => {
    const byName = await runAsync(['plan', '--json', ...EXAMPLE.map((a) => (a === 'brave-otter' ? '5f1e2d3c4b5a69788796a5b4c3d2e1f001122334' : a))]);
    expect(byName.stdout).toBe((await runAsync(['plan', '--json', ...EXAMPLE])).stdout);
  });

  it('needs --stage and --freight', async () => {
    const r = await runAsync(['plan', 'examples/04-dry-run-plan/kargo', '--stage', 'dev']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('plan needs --stage and --freight');
  });

  it('says which Stage or Freight it cannot find', async () => {
    const stage = await runAsync(['plan', 'examples/04-dry-run-plan/kargo', '--stage', 'prod', '--freight', 'brave-otter']);
    expect(stage.code).toBe(1);
    expect(stage.stderr).toContain('no Stage named "prod"');
    const freight = await runAsync(['plan', '--json', 'examples/04-dry-run-plan/kargo', '--stage', 'dev', '--freight', 'nope']);
    expect(freight.code).toBe(1);
    expect(JSON.parse(freight.stdout)).toMatchObject({ format: 'waybill.plan/v1', ok: false, plan: null });
  });

  it('exits 1 and shows the failing step when the promotion would not succeed', async () => {
    const dir = tempProject({
      'kargo.yaml': [
        'apiVersion: kargo.akuity.io/v1alpha1',
        'kind: Freight',
        'metadata: {name: f1, namespace: demo}',
        'origin: {kind: Warehouse, name: wh}',
        'images: [{repoURL: ghcr.io/acme/web, tag: "2.0.0"}]',
        '---',
        'apiVersion: kargo.akuity.io/v1alpha1',
        'kind: Stage',
        'metadata: {name: dev, namespace: demo}',
        'spec:',
        '  requestedFreight: [{origin: {kind: Warehouse, name: wh}, sources: {direct: true}}]',
        '  promotionTemplate:',
        '    spec:',
        '      steps:',
        '      - uses: git-clone',
        '        config: {repoURL: "https://github.com/acme/gitops.git", checkout: [{branch: main, path: ./repo}]}',
        '      - uses: yaml-update',
        '        config: {path: ./repo/missing.yaml, updates: [{key: a, value: b}]}',
        '',
      ].join('\n'),
      'gitops/values.yaml': 'a: 1\n',
    });
    const r = await runAsync(['plan', '.', '--stage', 'dev', '--freight', 'f1', '--repo', 'gitops', '--now', '2026-03-01T09:00:00Z'].map((a) => (a === '.' ? 'kargo.yaml' : a)), dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/would end (Errored|Failed)/);
    expect(r.stdout).toMatch(/2\. step-2 \(yaml-update\): (Errored|Failed)/);
  });

  it('is what docs/guides/dry-run-in-ci.md shows', async () => {
    const guide = readFileSync(join(repoRoot, 'docs', 'guides', 'dry-run-in-ci.md'), 'utf8');
    const r = await runAsync(['plan', ...EXAMPLE]);
    expect(guide).toContain(r.stdout.trimEnd());
  });

  it('has a manual page', () => {
    const r = run(['help', 'plan']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('waybill-plan - show what a promotion would do');
    expect(r.stdout).toContain('--repo <path>');
    expect(run(['--help']).stdout).toContain('plan       Show what promoting');
  });
});
