import { describe, expect, it } from 'vitest';
import { createIssue, isWaybillError } from '../../src/errors/index.js';
import { err, hasErrors, mapResult, ok, toResult, unwrap } from '../../src/result.js';

const warning = createIssue('MANIFEST_INVALID', 'deprecated', { severity: 'warning' });
const error = createIssue('MANIFEST_INVALID', 'broken');

describe('result helpers', () => {
  it('ok carries the value and any warnings', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1, issues: [] });
    expect(ok(1, [warning]).issues).toEqual([warning]);
  });

  it('err accepts one issue or a list', () => {
    expect(err(error)).toEqual({ ok: false, issues: [error] });
    expect(err([error, warning]).issues).toHaveLength(2);
  });

  it('hasErrors only counts error severity', () => {
    expect(hasErrors([warning])).toBe(false);
    expect(hasErrors([warning, error])).toBe(true);
    expect(hasErrors([])).toBe(false);
  });

  it('toResult fails on an error and succeeds with warnings', () => {
    expect(toResult('v', [warning])).toEqual({ ok: true, value: 'v', issues: [warning] });
    expect(toResult('v', [warning, error])).toEqual({ ok: false, issues: [warning, error] });
  });

  it('unwrap returns the value or throws a WaybillError carrying the issues', () => {
    expect(unwrap(ok(5))).toBe(5);
    let thrown: unknown;
    try {
      unwrap(err(error));
    } catch (e) {
      thrown = e;
    }
    expect(isWaybillError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'MANIFEST_INVALID', message: 'broken', issues: [error] });
  });

  it('unwrap of a failed result without issues throws INTERNAL', () => {
    expect(() => unwrap({ ok: false, issues: [] })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('mapResult maps a success, keeps its warnings, and passes a failure through', () => {
    expect(mapResult(ok(2, [warning]), (n) => n * 3)).toEqual({ ok: true, value: 6, issues: [warning] });
    const failed = err(error);
    expect(mapResult(failed, (n: number) => n * 3)).toBe(failed);
  });
});
