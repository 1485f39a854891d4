import { describe, expect, it } from 'vitest';
import { explainConstraint, parseConstraint, parseVersion, type ConstraintExplanation } from '../../../src/versions/index.js';

function explained(version: string, constraint: string): ConstraintExplanation {
  const r = explainConstraint(version, constraint);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

describe('explainConstraint', () => {
  it('names the first group that accepts and lists no rejections', () => {
    expect(explained('3.1.0', '<2 || >=3')).toEqual({ satisfied: true, matchedGroup: 1, rejections: [] });
  });

  it('reports every failing comparator of every group', () => {
    const e = explained('2.1.0', '^1.2 || ~2.0, !=2.1.0');
    expect(e.satisfied).toBe(false);
    expect(e.matchedGroup).toBeNull();
    expect(e.rejections.map((r) => [r.group, r.index, r.comparator, r.reason])).toEqual([
      [0, 0, '^1.2', 'major-differs'],
      [1, 0, '~2.0', 'minor-differs'],
      [1, 1, '!=2.1.0', 'equal'],
    ]);
    expect(e.rejections[0]?.message).toContain('2.1.0');
    expect(e.rejections[0]?.message).toContain('^1.2');
  });

  it('reports the prerelease gate once per group', () => {
    const e = explained('1.5.0-rc.1', '>=1.0.0 <2.0.0 || >=3.0.0-0');
    expect(e.rejections).toEqual([
      expect.objectContaining({ group: 0, index: null, comparator: '>=1.0.0 <2.0.0', reason: 'prerelease-excluded' }),
      expect.objectContaining({ group: 1, index: 0, comparator: '>=3.0.0-0', reason: 'too-low' }),
    ]);
  });

  it.each([
    ['1.0.0', '>1.0.0', 'too-low'],
    ['1.0.0', '<1.0.0', 'too-high'],
    ['1.3.0', '<=1.2', 'too-high'],
    ['1.2.4', '=1.2.3', 'not-equal'],
    ['1.2.5', '!=1.2.x', 'equal'],
    ['0.0.4', '^0.0.3', 'patch-differs'],
    ['0.3.0', '^0.2.3', 'minor-differs'],
    ['2.0.0', '~1', 'major-differs'],
    ['0.9.0', '~1', 'too-low'],
  ] as const)('%s against %j is rejected as %s', (version, constraint, reason) => {
    const e = explained(version, constraint);
    expect(e.satisfied).toBe(false);
    expect(e.rejections.map((r) => r.reason)).toEqual([reason]);
  });

  it('agrees with satisfies on parsed inputs', () => {
    const c = parseConstraint('>=1.2 <1.5 || 2.x');
    const v = parseVersion('2.3.4');
    if (!c.ok || v === undefined) throw new Error('inputs should parse');
    expect(explainConstraint(v, c.value)).toMatchObject({ ok: true, value: { satisfied: true, matchedGroup: 1 } });
  });

  it('fails with the right code for bad input', () => {
    expect(explainConstraint('1.0.0', '&&').issues[0]?.code).toBe('VERSION_INVALID_CONSTRAINT');
    expect(explainConstraint('nope', '*').issues[0]?.code).toBe('VERSION_INVALID');
    expect(explainConstraint(3 as unknown as string, '*').issues[0]?.code).toBe('VERSION_INVALID');
    expect(explainConstraint('1.0.0', 3 as unknown as string).issues[0]?.code).toBe('VERSION_INVALID_CONSTRAINT');
  });
});
