import { describe, expect, it } from 'vitest';
import type { ExplainReport } from '../../../src/cli/commands/explain.js';
import { quickstartCopy, runAsync } from './harness.js';
import { defaultStatePath, freight, FREIGHT_NAME, writeState } from './state-fixtures.js';

// staging requests the quickstart's Freight from dev with requiredSoakTime 1h; brave-otter was
// verified in dev at 09:10 and has been there since 09:00.
function world(status?: Record<string, unknown>): string {
  const dir = quickstartCopy();
  writeState(defaultStatePath(dir), [freight(status === undefined ? {} : { status })]);
  return dir;
}

describe('waybill explain', () => {
  it('says Freight still soaking is not available yet, and when it will be; exit 1', async () => {
    const r = await runAsync(['explain', 'staging', 'brave-otter', '-f', 'kargo', '--now', '2026-03-01T09:30:00Z'], { cwd: world() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Freight brave-otter (a1b2c3d) is not available to Stage staging (Project kargo-demo) at 2026-03-01T09:30:00Z.');
    expect(r.stdout).toMatch(/\n {2}- .*soak/i);
    expect(r.stdout).toContain('It becomes available at 2026-03-01T10:00:00Z if nothing else changes.\n');
  });

  it('says it is available once soaked, exit 0', async () => {
    const r = await runAsync(['explain', 'staging', FREIGHT_NAME, '-f', 'kargo', '--now', '2026-03-01T10:30:00Z'], { cwd: world() });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Freight brave-otter (a1b2c3d) is available to Stage staging (Project kargo-demo) at 2026-03-01T10:30:00Z.');
    expect(r.stdout).toMatch(/\n {2}\+ /);
  });

  it('prints the explanation as JSON', async () => {
    const r = await runAsync(['explain', 'prod', 'brave-otter', '-f', 'kargo', '--now', '2026-03-01T10:30:00Z', '--json'], { cwd: world() });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as ExplainReport;
    expect(report).toMatchObject({ format: 'waybill.explain/v1', project: 'kargo-demo', stage: 'prod', freight: FREIGHT_NAME, alias: 'brave-otter', now: '2026-03-01T10:30:00Z', available: false, nextChange: null });
    expect(report.reasons.some((reason) => reason.kind === 'not-verified' && reason.effect === 'blocks')).toBe(true);
  });

  it('counts an approval', async () => {
    const dir = world({ approvedFor: { prod: { approvedAt: '2026-03-01T09:00:00Z' } } });
    const r = await runAsync(['explain', 'prod', 'brave-otter', '-f', 'kargo', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ExplainReport).reasons.map((reason) => reason.kind)).toContain('approved');
  });

  it('colours the verdict and the marks only on a terminal without NO_COLOR', async () => {
    const dir = world();
    const argv = ['explain', 'staging', 'brave-otter', '-f', 'kargo', '--now', '2026-03-01T09:30:00Z'];
    expect((await runAsync(argv, { cwd: dir, isTTY: true })).stdout).toContain('\u001b[31mis not available\u001b[39m');
    expect((await runAsync(argv, { cwd: dir, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runAsync(argv, { cwd: dir, isTTY: false })).stdout).not.toContain('\u001b[');
  });

  it('exits 1 for a Stage or Freight it cannot find, 2 for missing arguments', async () => {
    const dir = world();
    const stage = await runAsync(['explain', 'qa', 'brave-otter', '-f', 'kargo'], { cwd: dir });
    expect(stage).toMatchObject({ code: 1, stderr: 'waybill: no Stage named "qa" in Project "kargo-demo"\n' });
    const f = await runAsync(['explain', 'prod', 'nope', '-f', 'kargo'], { cwd: dir });
    expect(f).toMatchObject({ code: 1, stderr: 'waybill: no Freight named or aliased "nope" in Project "kargo-demo"\n' });
    expect((await runAsync(['explain', 'prod', '-f', 'kargo'], { cwd: dir })).code).toBe(2);
    expect((await runAsync(['explain', 'prod', 'x', '-f', 'kargo', '--now', 'yesterday'], { cwd: dir })).code).toBe(2);
  });
});
