import { describe, expect, it } from 'vitest';
import { compileGlob, isValidGlob } from '../../../src/patterns/index.js';

// [pattern, name, matches] as doublestar v4 answers them (its own table of facts).
const cases: [string, string, boolean][] = [
  ['', '', true],
  ['*', '', true],
  ['*', '/', false],
  ['/*', '/', true],
  ['/*', '/debug/', false],
  ['/*', '//', false],
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['*/', 'a/', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*/c/', 'a/b', false],
  ['a*b*c*d*e*', 'axbxcxdxe', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'ab', false],
  ['a\\*b', 'a*b', true],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a[!a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['[-]', '-', true],
  ['[x-]', 'x', true],
  ['[x-]', '-', true],
  ['[x-]', 'z', false],
  ['[-x]', 'x', true],
  ['[-x]', '-', true],
  ['[-x]', 'a', false],
  ['[a-b-d]', 'a', true],
  ['[a-b-d]', 'b', true],
  ['[a-b-d]', '-', true],
  ['[a-b-d]', 'c', false],
  ['[a-b-x]', 'x', true],
  ['*x', 'xxx', true],
  ['[abc]', 'b', true],
  ['[abc123]', '1', true],
  ['[a-z0-9]', '1', true],
  ['**', '', true],
  ['a/**', 'a', true],
  ['a/**/', 'a', true],
  ['a/**', 'a/', true],
  ['a/**/', 'a/', true],
  ['a/**', 'a/b', true],
  ['a/**', 'a/b/c', true],
  ['**/c', 'c', true],
  ['**/c', 'b/c', true],
  ['**/c', 'a/b/c', true],
  ['**/c', 'a/b', false],
  ['**/c', 'abcd', false],
  ['**/c', 'a/abc', false],
  ['a/**/b', 'a/b', true],
  ['a/**/c', 'a/b/c', true],
  ['a/**/d', 'a/b/c/d', true],
  ['a/\\**', 'a/b/c', false],
  ['a/\\[*\\]', 'a/bc', false],
  ['a/b/c', 'a/b//c', false],
  ['a/', 'a', false],
  ['ab{c,d}', 'abc', true],
  ['ab{c,d,*}', 'abcde', true],
  ['a{,bc}', 'a', true],
  ['a{,bc}', 'abc', true],
  ['a/{b/c,c/b}', 'a/b/c', true],
  ['a/{b/c,c/b}', 'a/c/b', true],
  ['a/a*{b,c}', 'a/abc', true],
  ['{a/{b,c},abc}', 'a/b', true],
  ['{a/{b,c},abc}', 'a/c', true],
  ['{a/{b,c},abc}', 'abc', true],
  ['{a/{b,c},abc}', 'a/b/c', false],
  ['{a/ab*}', 'a/abc', true],
  ['{a/*}', 'a/b', true],
  ['{a/abc}', 'a/abc', true],
  ['{a/b,a/c}', 'a/c', true],
  ['abc/**', 'abc/b', true],
  ['**/abc', 'abc', true],
  ['abc**', 'abc/b', false],
  ['**/*.txt', 'abc/【test】.txt', true],
  ['**/【*', 'abc/【test】.txt', true],
  ['**/{a,b}', 'a/b', true],
  ['a/*/*/d', 'a/b/c/d', true],
  // Kargo's own facts about path selectors.
  ['env/*/deployment.yaml', 'env/prod/nested/deployment.yaml', false],
  ['env/**/deployment.yaml', 'env/can/it/be/even/more/nested/default/apps/deployment.yaml', true],
  ['app-[a-z].yaml', 'app-A.yaml', false],
  ['*.{yaml,yml,json}', 'service.yml', true],
  ['*.{yaml,yml,json}', 'manifest.jsonnet', false],
  ['*.yaml', 'dir/a.yaml', false],
  ['path2/*.tpl', 'path2/_helpers.tpl', true],
  ['fake-*', 'fake-stage', true],
  ['dev-*', 'prod-dev-1', false],
];

describe('compileGlob (doublestar v4 rules)', () => {
  it.each(cases)('%j against %j is %s', (pattern, name, expected) => {
    const compiled = compileGlob(pattern);
    expect(compiled.ok).toBe(true);
    if (compiled.ok) expect(compiled.value(name)).toBe(expected);
  });

  it.each(['[]a]', '\\', '[', '[^', '[^bc', 'a[', 'ad[', 'ab{c,d}[', '{a', 'a}', 'a{b{c}', '[!]'])('rejects the malformed glob %j', (pattern) => {
    expect(isValidGlob(pattern)).toBe(false);
    const compiled = compileGlob(pattern);
    expect(compiled.ok).toBe(false);
    expect(compiled.issues[0]?.code).toBe('PATTERN_INVALID_GLOB');
    expect(compiled.issues[0]?.message).toContain(JSON.stringify(pattern));
  });

  it('reuses one compiled matcher for many names', () => {
    const compiled = compileGlob('apps/**/values-{dev,prod}.yaml');
    if (!compiled.ok) throw new Error('expected a valid glob');
    const match = compiled.value;
    expect(['apps/values-dev.yaml', 'apps/a/b/values-prod.yaml', 'apps/a/values-qa.yaml', 'other/values-dev.yaml'].map(match)).toEqual([true, true, false, false]);
  });

  it('stays fast on patterns that make naive backtracking explode', () => {
    const compiled = compileGlob('*a*a*a*a*a*a*a*a*a*a*b');
    if (!compiled.ok) throw new Error('expected a valid glob');
    const started = performance.now();
    expect(compiled.value('a'.repeat(2000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
