import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { helpTopics } from '../../../src/cli/help.js';
import { commandNames } from '../../../src/cli/run.js';
import { repoRoot, run, runAsync } from './harness.js';

const sections = ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXAMPLES'];

describe('waybill help', () => {
  it.each([['--help'], ['-h'], ['help']])('waybill %s prints the main page with every section', (flag) => {
    const r = run([flag]);
    expect(r.code).toBe(0);
    for (const s of sections) expect(r.stdout).toContain(`\n${s}\n`.trimStart());
    expect(r.stdout).toContain('validate   Check manifests');
    expect(r.stdout).toContain('EXIT STATUS');
  });

  it('has a manual page for every command, and a page only for commands', () => {
    expect([...helpTopics].sort()).toEqual([...commandNames].sort());
  });

  it.each([...commandNames])('waybill help %s and waybill %s --help print the same page, with every section', (command) => {
    const a = run(['help', command]);
    const b = run([command, '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.startsWith(`NAME\n    waybill-${command} - `)).toBe(true);
    for (const s of [...sections, 'EXIT STATUS']) expect(a.stdout).toContain(`${s}\n`);
  });

  it.each([...commandNames].filter((c) => c !== 'help'))('the main page lists %s', (command) => {
    expect(run(['--help']).stdout).toMatch(new RegExp(`\\n {8}${command} {2,}\\S`));
  });

  it('documents exit status 4 for a port that failed', () => {
    expect(run(['help', 'discover']).stdout).toContain('    4   A port failed');
  });

  it('documents every command in docs/reference/cli.md', () => {
    const doc = readFileSync(`${repoRoot}docs/reference/cli.md`, 'utf8');
    for (const command of commandNames.filter((c) => c !== 'help')) expect(doc, command).toContain(`## waybill ${command}\n`);
  });

  it('refuses a topic it does not know', () => {
    const r = run(['help', 'deploy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("waybill: no manual page for 'deploy'");
    expect(r.stderr).toContain('usage: waybill help [<command>]');
  });

  it('prints the version of the package', () => {
    const { version } = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { version: string };
    expect(run(['--version'])).toEqual({ code: 0, stdout: `waybill version ${version}\n`, stderr: '' });
  });
});

describe('usage errors exit with 2', () => {
  it('without a command, the main page goes to stderr', () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('SYNOPSIS');
  });

  it('for an unknown command', () => {
    const r = run(['deploy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("waybill: 'deploy' is not a waybill command. See 'waybill --help'.\nusage: waybill [--version] [--help] [--no-color] <command> [<args>]\n");
  });

  it('for an unknown option, with the usage of the command', () => {
    const r = run(['validate', '--fast', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("waybill: unknown option '--fast'\nusage: waybill validate [--json] [--no-color] <path>...\n");
  });

  it('for a missing argument or an extra one', async () => {
    expect(run(['validate']).code).toBe(2);
    expect(run(['graph']).code).toBe(2);
    expect((await runAsync(['demo', 'extra'])).code).toBe(2);
    expect(run(['help', 'a', 'b']).code).toBe(2);
    for (const command of ['get', 'discover', 'explain', 'promote', 'approve', 'simulate']) {
      const r = await runAsync([command]);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain(`usage: waybill ${command} `);
    }
  });
});
