import { describe, expect, it } from 'vitest';
import { compilePathSelector, matchesPathFilters } from '../../../src/discovery/index.js';

const selects = (selector: string, path: string): boolean => {
  const r = compilePathSelector(selector);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value(path);
};

describe('path selectors', () => {
  it('treats plain entries as base directories, cleaned', () => {
    expect(selects('apps/', 'apps/x.yaml')).toBe(true);
    expect(selects('apps', 'apps2/x.yaml')).toBe(false);
    expect(selects('', 'anything/at/all')).toBe(true);
    expect(selects('a/../b', 'b/c')).toBe(true);
  });
  it('rejects a file whose own name contains .., as Kargo does', () => {
    expect(selects('apps', 'apps/x..y')).toBe(false);
  });
  it('matches globs on the whole path and regexes anywhere', () => {
    expect(selects('glob:apps/*', 'apps/a/b')).toBe(false);
    expect(selects('glob:apps/**', 'apps/a/b')).toBe(true);
    expect(selects('regex:a/b', 'xa/by')).toBe(true);
    expect(selects('regexp:^a/b$', 'xa/by')).toBe(false);
  });
  it('reports bad patterns', () => {
    const r = matchesPathFilters({ includePaths: ['ok'], excludePaths: ['regexp:(?<=x)'] }, ['a']);
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'DISCOVERY_INVALID_PATH_SELECTOR', path: ['excludePaths', 0] });
  });
});

describe('matchesPathFilters', () => {
  it('needs one path that is included and not excluded', () => {
    expect(matchesPathFilters({ includePaths: ['apps'], excludePaths: ['glob:**/*.md'] }, ['apps/README.md', 'docs/a.yaml'])).toMatchObject({ ok: true, value: false });
    expect(matchesPathFilters({ includePaths: ['apps'], excludePaths: ['glob:**/*.md'] }, ['apps/README.md', 'apps/a.yaml'])).toMatchObject({ ok: true, value: true });
  });
  it('never selects a commit that changed nothing', () => {
    expect(matchesPathFilters({}, [])).toMatchObject({ ok: true, value: false });
    expect(matchesPathFilters({}, ['x'])).toMatchObject({ ok: true, value: true });
  });
});
