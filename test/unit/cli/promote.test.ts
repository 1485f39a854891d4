import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApproveReport } from '../../../src/cli/commands/approve.js';
import type { PromoteReport } from '../../../src/cli/commands/promote.js';
import { createMemoryStore, createManualClock } from '../../../src/adapters/memory/index.js';
import type { KargoResource } from '../../../src/model/index.js';
import { quickstartCopy, runAsync } from './harness.js';
import { defaultStatePath, freight, FREIGHT_NAME, writeState } from './state-fixtures.js';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });

/**
 * The quickstart with its GitOps repository replaced by a local bare repository holding
 * env/<stage>/values.yaml, and brave-otter in the state file (in dev, verified there at 09:10).
 */
function pipeline(): { dir: string; remote: string } {
  const dir = quickstartCopy();
  const remote = join(dir, 'remote.git');
  git(dir, 'init', '-q', '--bare', remote);
  const seed = join(dir, 'seed');
  git(dir, 'clone', '-q', remote, seed);
  for (const stage of ['dev', 'staging', 'prod']) {
    mkdirSync(join(seed, 'env', stage), { recursive: true });
    writeFileSync(join(seed, 'env', stage, 'values.yaml'), 'image:\n  tag: 1.0.0 # set by Kargo\n');
  }
  git(seed, 'add', '.');
  git(seed, 'commit', '-qm', 'init');
  git(seed, 'push', '-q', 'origin', 'HEAD:main');
  const stages = join(dir, 'kargo', 'stages.yaml');
  writeFileSync(stages, readFileSync(stages, 'utf8').replaceAll('https://github.com/example/kargo-demo.git', `file://${remote}`));
  writeState(defaultStatePath(dir), [freight()]);
  return { dir, remote };
}

const stateOf = (dir: string): KargoResource[] => (JSON.parse(readFileSync(defaultStatePath(dir), 'utf8')) as { resources: KargoResource[] }).resources;

describe('waybill promote', () => {
  it('creates a Pending Promotion named <stage>.<ulid>.<freight[0:7]> and records it in the state file', async () => {
    const { dir } = pipeline();
    const r = await runAsync(['promote', '--stage', 'dev', '--freight-alias', 'brave-otter', '-f', 'kargo', '--now', '2026-03-01T10:00:00Z'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Promotion dev\.[0-9a-z]{26}\.a1b2c3d created: Freight a1b2c3d to Stage dev \(Project kargo-demo\)\.\n/);
    expect(r.stdout).toContain('recorded in kargo/.waybill/state.json');
    const promotions = stateOf(dir).filter((p) => p.kind === 'Promotion');
    expect(promotions).toHaveLength(1);
    expect(promotions[0]).toMatchObject({ spec: { stage: 'dev', freight: FREIGHT_NAME }, metadata: { namespace: 'kargo-demo', creationTimestamp: '2026-03-01T10:00:00Z' } });
    const listed = await runAsync(['get', 'promotions', '-f', 'kargo', '-o', 'name'], { cwd: dir });
    expect(listed.stdout).toBe(`promotion.kargo.akuity.io/${promotions[0]?.metadata.name}\n`);
  });

  it('runs the Promotion with --run: the steps push to the Git repository and the Stage takes the Freight', async () => {
    const { dir, remote } = pipeline();
    const r = await runAsync(['promote', '--stage', 'dev', '--freight', FREIGHT_NAME, '--run', '-f', 'kargo', '--now', '2026-03-01T10:00:00Z'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      ['  1/4 git-clone (step-1): Succeeded', '  2/4 yaml-update (update-image): Succeeded', '  3/4 git-commit (commit): Succeeded', '  4/4 git-push (step-4): Succeeded'].join('\n'),
    );
    expect(r.stdout).toMatch(/Promotion dev\.\S+ Succeeded\.\n$/);
    expect(git(dir, '--git-dir', remote, 'show', 'main:env/dev/values.yaml')).toBe('image:\n  tag: 1.4.0 # set by Kargo\n');
    const stages = await runAsync(['get', 'stages', 'dev', '-f', 'kargo', '--json'], { cwd: dir });
    expect(JSON.parse(stages.stdout)).toMatchObject({ status: { lastPromotion: { freight: { name: FREIGHT_NAME } } } });
  });

  it('shows each step on standard error while it runs, only on a terminal', async () => {
    const { dir } = pipeline();
    const r = await runAsync(['promote', '--stage', 'dev', '--freight-alias', 'brave-otter', '--run', '-f', 'kargo', '--now', '2026-03-01T10:00:00Z'], { cwd: dir, stderrIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('step 1/4 git-clone ...');
    expect(r.stderr).toContain('step 4/4 git-push: Succeeded\n');
  });

  it('prints a waybill.promote/v1 document with --json', async () => {
    const { dir } = pipeline();
    const r = await runAsync(['promote', '--stage', 'dev', '--origin', 'Warehouse/kargo-demo', '--run', '--json', '-f', 'kargo', '--now', '2026-03-01T10:00:00Z'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PromoteReport;
    expect(report).toMatchObject({ format: 'waybill.promote/v1', ok: true, project: 'kargo-demo', stage: 'dev', phase: 'Succeeded', issues: [] });
    expect(report.steps.map((s) => [s.uses, s.status])).toEqual([
      ['git-clone', 'Succeeded'],
      ['yaml-update', 'Succeeded'],
      ['git-commit', 'Succeeded'],
      ['git-push', 'Succeeded'],
    ]);
    expect(report.events.map((e) => e.reason)).toContain('PromotionSucceeded');
  });

  it('exits 1 when the Promotion fails, showing the failing step', async () => {
    const { dir, remote } = pipeline();
    git(dir, '--git-dir', remote, 'branch', '-m', 'main', 'trunk');
    const r = await runAsync(['promote', '--stage', 'dev', '--freight-alias', 'brave-otter', '--run', '-f', 'kargo', '--now', '2026-03-01T10:00:00Z'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1\/4 git-clone \(step-1\): (Errored|Failed)/);
    expect(r.stdout).toMatch(/Promotion dev\.\S+ (Errored|Failed)/);
  });

  it('refuses Freight that is not available to the Stage, with exit 1 and Kargo\'s message', async () => {
    const { dir } = pipeline();
    const r = await runAsync(['promote', '--stage', 'prod', '--freight-alias', 'brave-otter', '-f', 'kargo', '--now', '2026-03-01T10:00:00Z'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`waybill: Freight "${FREIGHT_NAME}" is not available to Stage "prod"\n`);
    expect(stateOf(dir).some((p) => p.kind === 'Promotion')).toBe(false);
    const json = await runAsync(['promote', '--stage', 'prod', '--freight-alias', 'brave-otter', '--json', '-f', 'kargo'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, promotion: null, issues: [{ code: 'CONTROLLER_FREIGHT_NOT_AVAILABLE' }] });
  });

  it('checks its arguments: --stage, and exactly one of --freight, --freight-alias, --origin', async () => {
    const { dir } = pipeline();
    for (const argv of [
      ['promote', '--freight', 'x', '-f', 'kargo'],
      ['promote', '--stage', 'dev', '-f', 'kargo'],
      ['promote', '--stage', 'dev', '--freight', 'x', '--freight-alias', 'y', '-f', 'kargo'],
      ['promote', '--stage', 'dev', '--origin', 'kargo-demo', '-f', 'kargo'],
      ['promote', 'kargo', '--stage', 'dev', '--freight', 'x'],
    ]) {
      const r = await runAsync(argv, { cwd: dir });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: waybill promote');
    }
  });

  it('works on a store a program hands in', async () => {
    const { dir } = pipeline();
    const store = createMemoryStore({ clock: createManualClock('2026-03-01T00:00:00Z') });
    const manifests = await runAsync(['get', 'stages', '-f', 'kargo', '-o', 'json'], { cwd: dir });
    store.load([...(JSON.parse(manifests.stdout) as { items: KargoResource[] }).items, freight() as unknown as KargoResource]);
    const r = await runAsync(['promote', '--stage', 'dev', '--freight-alias', 'brave-otter', '--now', '2026-03-01T10:00:00Z'], { cwd: dir, ports: { store } });
    expect(r.code).toBe(0);
    expect(store.snapshot().filter((x) => x.kind === 'Promotion')).toHaveLength(1);
  });
});

describe('waybill approve', () => {
  it('approves Freight for a Stage, which makes it available there', async () => {
    const { dir } = pipeline();
    const r = await runAsync(['approve', '--freight-alias', 'brave-otter', '--stage', 'prod', '-f', 'kargo', '--now', '2026-03-01T10:00:00Z'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'Freight brave-otter (a1b2c3d) approved for Stage prod (Project kargo-demo).\n' });
    const stored = stateOf(dir).find((f) => f.kind === 'Freight');
    expect(stored).toMatchObject({ status: { approvedFor: { prod: { approvedAt: '2026-03-01T10:00:00Z' } } } });
    expect((await runAsync(['explain', 'prod', 'brave-otter', '-f', 'kargo'], { cwd: dir })).code).toBe(0);
    const promoted = await runAsync(['promote', '--stage', 'prod', '--freight-alias', 'brave-otter', '-f', 'kargo', '--now', '2026-03-01T10:01:00Z'], { cwd: dir });
    expect(promoted.code).toBe(0);
  });

  it('prints a waybill.approve/v1 document with --json', async () => {
    const { dir } = pipeline();
    const r = await runAsync(['approve', '--freight', FREIGHT_NAME, '--stage', 'staging', '--json', '-f', 'kargo', '--now', '2026-03-01T10:00:00Z'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toEqual({
      format: 'waybill.approve/v1',
      ok: true,
      project: 'kargo-demo',
      stage: 'staging',
      freight: FREIGHT_NAME,
      alias: 'brave-otter',
      approvedAt: '2026-03-01T10:00:00Z',
      issues: [],
    } satisfies ApproveReport);
  });

  it('exits 1 for Freight or a Stage that does not exist, 2 for bad arguments', async () => {
    const { dir } = pipeline();
    const missing = await runAsync(['approve', '--freight-alias', 'nope', '--stage', 'prod', '-f', 'kargo'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^waybill: .*nope/);
    expect((await runAsync(['approve', '--freight-alias', 'brave-otter', '--stage', 'qa', '-f', 'kargo'], { cwd: dir })).code).toBe(1);
    expect((await runAsync(['approve', '--stage', 'prod', '-f', 'kargo'], { cwd: dir })).code).toBe(2);
    expect((await runAsync(['approve', '--freight-alias', 'brave-otter', '-f', 'kargo'], { cwd: dir })).code).toBe(2);
  });
});
