import { describe, expect, it } from 'vitest';
import { createIssue, isWaybillError, prefixIssuePath, WaybillError } from '../../../src/errors/index.js';

describe('createIssue', () => {
  it('defaults to an error with an empty path', () => {
    expect(createIssue('INTERNAL', 'boom')).toEqual({ code: 'INTERNAL', message: 'boom', path: [], severity: 'error' });
  });

  it('keeps given positions and leaves out undefined ones', () => {
    const issue = createIssue('YAML_SYNTAX', 'bad', { file: 'a.yaml', line: 3, column: undefined, severity: 'warning', path: ['spec'] });
    expect(issue).toEqual({ code: 'YAML_SYNTAX', message: 'bad', path: ['spec'], severity: 'warning', file: 'a.yaml', line: 3 });
    expect(Object.keys(issue)).not.toContain('column');
    expect(JSON.parse(JSON.stringify(issue))).toEqual(issue);
  });
});

describe('prefixIssuePath', () => {
  it('prepends the prefix and leaves the original untouched', () => {
    const issue = createIssue('MANIFEST_INVALID', 'x', { path: ['name'] });
    expect(prefixIssuePath(issue, ['spec', 0]).path).toEqual(['spec', 0, 'name']);
    expect(issue.path).toEqual(['name']);
    expect(prefixIssuePath(issue, [])).toBe(issue);
  });
});

describe('WaybillError', () => {
  it('carries a code, issues and retryable, and is recognised', () => {
    const issue = createIssue('INTERNAL', 'x');
    const error = new WaybillError('INTERNAL', 'failed', [issue], { retryable: true, cause: 'net' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WaybillError');
    expect(error.code).toBe('INTERNAL');
    expect(error.issues).toEqual([issue]);
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe('net');
    expect(isWaybillError(error)).toBe(true);
    expect(new WaybillError('INTERNAL', 'x').retryable).toBe(false);
  });

  it('recognises a copy from another instance of the package by name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'WaybillError', code: 'INTERNAL' });
    expect(isWaybillError(foreign)).toBe(true);
    expect(isWaybillError(new Error('x'))).toBe(false);
    expect(isWaybillError('WaybillError')).toBe(false);
  });
});
