import { describe, expect, it } from 'vitest';
import { cleanPath, compileBaseDir, compilePattern, compilePathPattern, compilePatterns, compileRegex, patternKindOf } from '../../../src/patterns/index.js';

function matcher(text: string, fallback?: 'exact' | 'baseDir') {
  const compiled = compilePattern(text, fallback ? { fallback } : {});
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('; '));
  return compiled.value;
}

describe('compilePattern', () => {
  it('reads text without a prefix as an exact name', () => {
    const m = matcher('fake-stage');
    expect(m.kind).toBe('exact');
    expect(m.matches('fake-stage')).toBe(true);
    expect(m.matches('fake-stage-2')).toBe(false);
  });

  it('reads glob:, regex: and regexp: prefixes', () => {
    expect(matcher('glob:fake-*').matches('fake-stage')).toBe(true);
    expect(matcher('glob:dev-*').matches('prod-dev-1')).toBe(false);
    expect(matcher('regex:test').matches('my-test-stage')).toBe(true);
    expect(matcher('regexp:^test-[0-9]+$').matches('test-12')).toBe(true);
    expect(matcher('regex:^test-[0-9]+$').matches('test-12a')).toBe(false);
    const m = matcher('regexp:a.c');
    expect(m).toMatchObject({ kind: 'regex', text: 'regexp:a.c', pattern: 'a.c' });
  });

  it('rejects unknown prefixes on names with Kargo message', () => {
    const compiled = compilePattern('foo:bar');
    expect(compiled.ok).toBe(false);
    expect(compiled.issues[0]).toMatchObject({ code: 'PATTERN_UNKNOWN_KIND', message: 'invalid pattern identifier "foo": must be "regex", "regexp" or "glob"' });
  });

  it('reads unknown prefixes literally when asked, as Kargo does at run time', () => {
    const m = compilePattern('foo:bar', { unknownPrefix: 'literal' });
    expect(m.ok && m.value.matches('foo:bar')).toBe(true);
    expect(m.ok && m.value.matches('bar')).toBe(false);
  });

  it('reports invalid regexes with the RE2 reason', () => {
    const compiled = compilePattern('regex:(');
    expect(compiled.ok).toBe(false);
    expect(compiled.issues[0]?.code).toBe('PATTERN_INVALID_REGEX');
    expect(compiled.issues[0]?.message).toContain('missing closing )');
  });

  it('refuses what RE2 does not have (lookahead, backreferences)', () => {
    expect(compileRegex('a(?=b)').ok).toBe(false);
    expect(compileRegex('(a)\\1').ok).toBe(false);
  });

  it('reports invalid globs', () => {
    const compiled = compilePattern('glob:[');
    expect(compiled.ok).toBe(false);
    expect(compiled.issues[0]?.code).toBe('PATTERN_INVALID_GLOB');
  });

  it('tells the kind without compiling', () => {
    expect(patternKindOf('glob:x')).toBe('glob');
    expect(patternKindOf('regexp:x')).toBe('regex');
    expect(patternKindOf('x')).toBe('exact');
    expect(patternKindOf('x', 'baseDir')).toBe('baseDir');
  });

  it('combines lists with OR and paths the offending index', () => {
    const any = compilePatterns(['glob:a*', 'regex:z$']);
    expect(any.ok && [any.value('abc'), any.value('xyz'), any.value('m')]).toEqual([true, true, false]);
    const bad = compilePatterns(['ok', 'regex:(']);
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]?.path).toEqual([1]);
    const none = compilePatterns([]);
    expect(none.ok && none.value('x')).toBe(false);
  });
});

describe('base-directory path patterns', () => {
  const cases: [string, string, boolean][] = [
    ['configs', 'configs/dev/database.yaml', true],
    ['configs', 'configs', true],
    ['configs', 'configurations/app.yaml', false],
    ['configs', '../configs/app.yaml', false],
    ['configs', 'app/configs/settings.yaml', false],
    ['environments/prod', 'environments', false],
    ['config/shared', 'config/shared/../private/secrets.yaml', false],
    ['valid/path', 'valid/path/../../secret.txt', false],
    ['.', 'any/file.txt', true],
    ['', 'any/file.txt', true],
    ['apps/', 'apps/a.yaml', true],
    ['path1/', 'path1/values.yaml', true],
    ['path2/*.tpl', 'path2/_helpers.tpl', false],
    ['apps', 'apps/x..y', false],
    ['/abs', '/abs/file', true],
    ['/abs', 'abs/file', false],
    ['/', '/a/b', true],
  ];
  it.each(cases)('base %j and path %j: %s', (base, path, expected) => {
    expect(compileBaseDir(base)(path)).toBe(expected);
    const m = compilePathPattern(base);
    expect(m.ok && m.value.kind).toBe('baseDir');
    expect(m.ok && m.value.matches(path)).toBe(expected);
  });

  it('keeps prefixed globs and regexes for paths', () => {
    const glob = compilePathPattern('glob:path2/*.tpl');
    expect(glob.ok && glob.value.matches('path2/_helpers.tpl')).toBe(true);
    const re = compilePathPattern('regexp:values\\.ya?ml$');
    expect(re.ok && re.value.matches('path1/values.yaml')).toBe(true);
  });

  it('cleans paths like Go path.Clean', () => {
    expect(['', '.', 'a/', 'a//b', 'a/./b', 'a/../b', '../a', '/../a', '/a/b/..', 'a/b/../../..'].map(cleanPath)).toEqual([
      '.', '.', 'a', 'a/b', 'a/b', 'b', '../a', '/a', '/a', '..',
    ]);
  });
});
