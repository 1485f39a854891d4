import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickstartCopy, runAsync } from './harness.js';

const SCRIPT = [
  'description: a new image rolls into dev and is promoted on by hand',
  'start: 2026-01-01T00:00:00Z',
  'until: +3h',
  'setup:',
  '  images:',
  '  - {repoURL: ghcr.io/example/app, tag: 1.0.0}',
  '  commits:',
  '  - repoURL: https://github.com/example/kargo-demo.git',
  '    branch: main',
  '    message: initial config',
  '    files:',
  '      env/dev/values.yaml: "image:\\n  tag: 0.9.0\\n"',
  '      env/staging/values.yaml: "image:\\n  tag: 0.9.0\\n"',
  '      env/prod/values.yaml: "image:\\n  tag: 0.9.0\\n"',
  'events:',
  '- {at: +10m, type: image-pushed, repoURL: ghcr.io/example/app, tag: 1.1.0, notify: true}',
  '- {at: +30m, type: promote, stage: staging, image: 1.1.0}',
  '- {at: +1h15m, type: promote, stage: staging, image: 1.1.0, actor: alice}',
  '',
].join('\n');

function world(script = SCRIPT): string {
  return quickstartCopy({ 'events.yaml': script });
}

describe('waybill simulate', () => {
  it('prints the timeline as text: auto-promotion to dev, a refused early promotion, then staging', async () => {
    const r = await runAsync(['simulate', 'events.yaml', 'kargo'], { cwd: world() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Simulation of Project kargo-demo from 2026-01-01T00:00:00Z to 2026-01-01T03:00:00Z\n')).toBe(true);
    expect(r.stdout).toMatch(/\+00:10:00 +dev +Promotion dev\.\S+ created for Freight \S+ \(auto-promotion\)/);
    expect(r.stdout).toMatch(/\+00:30:00 +staging +promote staging .*rejected/);
    expect(r.stdout).toMatch(/\+01:15:00 +staging +Promotion staging\.\S+ Succeeded/);
  });

  it('gives the same bytes on every run', async () => {
    const dir = world();
    const a = await runAsync(['simulate', 'events.yaml', 'kargo', '--json'], { cwd: dir });
    const b = await runAsync(['simulate', 'events.yaml', 'kargo', '--format', 'json'], { cwd: dir });
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const timeline = JSON.parse(a.stdout) as { project: string; until: string; stages: { name: string }[] };
    expect(timeline.project).toBe('kargo-demo');
    expect(timeline.stages.map((s) => s.name)).toEqual(['dev', 'staging', 'prod']);
  });

  it('stops at --until, given as a duration or a time', async () => {
    const dir = world();
    const short = await runAsync(['simulate', 'events.yaml', 'kargo', '--until', '20m'], { cwd: dir });
    expect(short.stdout.split('\n')[0]).toBe('Simulation of Project kargo-demo from 2026-01-01T00:00:00Z to 2026-01-01T00:20:00Z');
    expect(short.stdout).not.toContain('+00:30:00');
    const at = await runAsync(['simulate', 'events.yaml', 'kargo', '--until', '2026-01-01T00:20:00Z'], { cwd: dir });
    expect(at.stdout).toBe(short.stdout);
  });

  it('writes an HTML page with -o', async () => {
    const dir = world();
    const r = await runAsync(['simulate', 'events.yaml', 'kargo', '--format', 'html', '-o', 'out/timeline.html'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: 'waybill: wrote the timeline to out/timeline.html\n' });
    const html = readFileSync(join(dir, 'out', 'timeline.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('kargo-demo');
  });

  it('reports a broken script with its position and exits 1', async () => {
    const r = await runAsync(['simulate', 'events.yaml', 'kargo'], { cwd: world('events:\n- {at: +10m, type: image-pushed, repoURL: ghcr.io/example/app, tag: 1.1.0, colour: red}\n') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^events\.yaml:2:\d+ error SIMULATION_/);
  });

  it('checks its arguments', async () => {
    const dir = world();
    expect((await runAsync(['simulate', 'events.yaml'], { cwd: dir })).code).toBe(2);
    expect((await runAsync(['simulate', 'missing.yaml', 'kargo'], { cwd: dir })).code).toBe(2);
    expect((await runAsync(['simulate', 'events.yaml', 'kargo', '--format', 'pdf'], { cwd: dir })).code).toBe(2);
    expect((await runAsync(['simulate', 'events.yaml', 'kargo', '--json', '--format', 'html'], { cwd: dir })).code).toBe(2);
  });
});
