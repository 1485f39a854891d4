import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText, timeoutMs } from '../../../src/cli/config.js';
import { matchesLocation } from '../../../src/cli/config-ports.js';
import { quickstartCopy, repoRoot, runAsync, tempProject } from './harness.js';

describe('waybill.config.yaml', () => {
  it('accepts the example of docs/reference/cli.md', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'reference', 'cli.md'), 'utf8');
    const example = /<!-- config-example -->\n```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const parsed = parseConfigText(example ?? '', 'waybill.config.yaml');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.registries?.[0]).toMatchObject({ url: 'ghcr.io/acme', usernameEnv: 'GHCR_USER', passwordEnv: 'GHCR_TOKEN' });
    expect(timeoutMs(parsed.value, 'git')).toBe(120_000);
  });

  it('refuses a literal secret, pointing at the key and naming the field to use instead', () => {
    const text = 'registries:\n- url: ghcr.io\n  username: me\n  password: hunter2\n';
    const parsed = parseConfigText(text, 'waybill.config.yaml');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([
      expect.objectContaining({ code: 'CONFIG_INVALID', path: ['registries', 0, 'username'], line: 3, column: 3, message: expect.stringContaining('usernameEnv') }),
      expect.objectContaining({ code: 'CONFIG_INVALID', path: ['registries', 0, 'password'], line: 4, column: 3, message: expect.stringContaining('passwordEnv') }),
    ]);
    expect(parsed.issues.map((i) => i.message).join('\n')).not.toContain('hunter2');
  });

  it('places schema problems at the offending value', () => {
    const parsed = parseConfigText('git:\n- url: https://github.com/acme/*\n  tokenEnv: 1TOKEN\ntimeouts:\n  registry: soon\nextra: true\n', 'c.yaml');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => [i.path.join('.'), i.line, i.column])).toEqual([
      ['git.0.tokenEnv', 3, 13],
      ['timeouts.registry', 5, 13],
      ['extra', 6, 1],
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const parsed = parseConfigText('registries: [\n', 'c.yaml');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]).toMatchObject({ code: 'CONFIG_YAML', file: 'c.yaml', line: expect.any(Number) });
  });

  it('answers any text with a configuration or placed issues, never a throw', () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.json().map((j) => j),
      fc.record({ registries: fc.array(fc.dictionary(fc.constantFrom('url', 'usernameEnv', 'password', 'plainHttp', 'x'), fc.jsonValue())) }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        const parsed = parseConfigText(text, 'fuzz.yaml');
        if (!parsed.ok) {
          expect(parsed.issues.length).toBeGreaterThan(0);
          for (const issue of parsed.issues) expect(['CONFIG_YAML', 'CONFIG_INVALID']).toContain(issue.code);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a file that expands aliases without end', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]', ''].join('\n');
    const parsed = parseConfigText(bomb, 'bomb.yaml');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]?.code).toBe('CONFIG_YAML');
  });

  it('is optional: without a file the configuration is empty; a named file must exist', () => {
    const dir = tempProject({});
    expect(loadConfig(dir, undefined)).toEqual({ ok: true, value: { config: {}, file: undefined, dir } });
    expect(loadConfig(dir, 'nope.yaml')).toMatchObject({ ok: false, missing: 'nope.yaml' });
  });

  it('stops a command with exit 2 and file:line:col issues when it is wrong', async () => {
    const dir = quickstartCopy({ 'waybill.config.yaml': 'manifests: [kargo]\nregistries:\n- url: ghcr.io\n  token: abc\n' });
    const r = await runAsync(['get', 'stages'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('waybill.config.yaml:4:3 error CONFIG_INVALID "token" would put a secret in the file; name the environment variable that holds it instead (tokenEnv) (at registries[0].token)\n');
    expect((await runAsync(['get', 'stages', '--config', 'other.yaml'], { cwd: dir })).stderr).toContain('cannot read the configuration file other.yaml');
  });
});

describe('matchesLocation', () => {
  it.each([
    ['ghcr.io', 'ghcr.io/acme/app', true],
    ['ghcr.io/acme', 'ghcr.io/acme/app', true],
    ['ghcr.io/acme', 'ghcr.io/acme-other/app', false],
    ['https://github.com/acme/*', 'https://github.com/acme/config.git', true],
    ['https://github.com/acme/*', 'https://github.com/other/config.git', false],
    ['github.com/acme/config', 'https://github.com/acme/config.git', true],
    ['oci://ghcr.io/acme/charts', 'oci://ghcr.io/acme/charts/app', true],
    ['https://charts.example.com', 'https://charts.example.com.evil.io', false],
    ['*.example.com', 'charts.example.com', true],
  ])('%s covers %s: %s', (pattern, location, expected) => {
    expect(matchesLocation(pattern, location)).toBe(expected);
  });
});
