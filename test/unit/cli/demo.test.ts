import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { repoRoot, run, tempProject } from './harness.js';

describe('waybill demo', () => {
  it('validates the quickstart and prints its pipeline', () => {
    const r = run(['demo']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('6 resources in 3 files: no problems found');
    expect(r.stdout).toContain('Pipeline (Mermaid)\nflowchart LR\n');
    expect(r.stdout).toContain('  st_dev --> st_staging\n');
    expect(r.stdout).toContain(
      ['Stages, in promotion order', '  dev      <- Warehouse kargo-demo (direct); auto-promotion on', '  staging  <- Stage dev', '  prod     <- Stage staging'].join('\n'),
    );
  });

  it('explains itself when the example project is not there', () => {
    const r = run(['demo'], { packageRoot: tempProject({ 'package.json': '{}' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the demo runs from a clone of the waybill repository');
  });

  it('runs as `npm run demo` does, through tsx and src/cli/main.ts, from another directory', () => {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const stdout = execFileSync(process.execPath, [tsx, `${repoRoot}src/cli/main.ts`, 'demo'], { cwd: tempProject({}), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toContain('no problems found');
    expect(stdout).toContain('st_staging --> st_prod');
  });
});
