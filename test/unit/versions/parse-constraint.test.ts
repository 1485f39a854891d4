import { describe, expect, it } from 'vitest';
import { parseConstraint, type Constraint } from '../../../src/versions/index.js';

function parsed(text: string): Constraint {
  const r = parseConstraint(text);
  if (!r.ok) throw new Error(`constraint ${text} should parse: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.value;
}

describe('parseConstraint structure', () => {
  it('splits OR-groups on || and AND-comparators on spaces and commas', () => {
    const c = parsed('>= 1.0, <2 || ^3.1 !=3.2.0');
    expect(c.groups).toHaveLength(2);
    expect(c.groups[0]?.comparators.map((x) => x.text)).toEqual(['>=1.0', '<2']);
    expect(c.groups[1]?.comparators.map((x) => [x.operator, x.kind])).toEqual([
      ['^', 'caret'],
      ['!=', 'ne'],
    ]);
    expect(c.normalized).toBe('>=1.0 <2 || ^3.1 !=3.2.0');
    expect(c.text).toBe('>= 1.0, <2 || ^3.1 !=3.2.0');
  });

  it.each([
    ['', 'eq'],
    ['=', 'eq'],
    ['!=', 'ne'],
    ['>', 'gt'],
    ['<', 'lt'],
    ['>=', 'ge'],
    ['=>', 'ge'],
    ['<=', 'le'],
    ['=<', 'le'],
    ['~', 'tilde'],
    ['~>', 'tilde'],
    ['^', 'caret'],
  ] as const)('operator %j is %s', (op, kind) => {
    const c = parsed(`${op}1.2.3`);
    expect(c.groups[0]?.comparators[0]).toMatchObject({ operator: op, kind, text: `${op}1.2.3` });
  });

  it('turns wildcards and missing parts into a zero base and records which part is open', () => {
    const cases: [string, string, string][] = [
      ['*', '0.0.0', 'major'],
      ['x.1.2', '0.0.0', 'major'],
      ['1', '1.0.0', 'minor'],
      ['1.x', '1.0.0', 'minor'],
      ['1.X.5', '1.0.0', 'minor'],
      ['1.2', '1.2.0', 'patch'],
      ['1.2.*', '1.2.0', 'patch'],
      ['1.2.3', '1.2.3', 'none'],
      ['1.2.x-rc.1+meta', '1.2.0-rc.1', 'patch'],
      ['v1.2.3+meta', '1.2.3+meta', 'none'],
    ];
    for (const [text, base, wildcard] of cases) {
      const comparator = parsed(text).groups[0]?.comparators[0];
      expect(comparator?.version.normalized, text).toBe(base);
      expect(comparator?.wildcard, text).toBe(wildcard);
    }
  });

  it('marks groups that admit prereleases', () => {
    const c = parsed('>=1.0.0-0 <2 || >=3');
    expect(c.groups.map((g) => g.includesPrerelease)).toEqual([true, false]);
  });

  it('rewrites a hyphen range with spaces around the hyphen', () => {
    expect(parsed('1.2 - 1.4.5').normalized).toBe('>=1.2 <=1.4.5');
    expect(parsed('1.0\t-\t2.0').normalized).toBe('>=1.0 <=2.0');
    expect(parsed('1.0 - 2.0, 3.0 - 4.0').normalized).toBe('>=1.0 <=2.0 >=3.0 <=4.0');
    expect(parsed('2 - 3 >=1').normalized).toBe('>=2 <=3 >=1');
    expect(parsed('1 - 2||3').normalized).toBe('>=1 <=2 || 3');
  });

  it('replaces each range text at its first occurrence, as Masterminds does', () => {
    // The rewritten "<= 2 " supplies the space that separates the next comparator.
    expect(parsed('1 - 2v5 - 6').normalized).toBe('>=1 <=2 >=v5 <=6');
    expect(parsed('1 - 5 || 5 - 5').normalized).toBe('>=1 <=5 || >=5 <=5');
    // " 5 - 5" first occurs straddling the first rewrite, which garbles the text.
    const chained = parseConstraint('1 - 5 - 5 - 5');
    expect(chained.ok).toBe(false);
    expect(chained.issues[0]?.message).toContain('>= 1, <=>= 5, <= 5  - 5');
    expect(chained.issues[0]?.column).toBeUndefined();
  });

  it('reads 1.2-1.4 as a version with a prerelease, not as a range', () => {
    const c = parsed('1.2-1.4');
    expect(c.groups[0]?.comparators[0]?.version.normalized).toBe('1.2.0-1.4');
  });

  it('accepts a wildcard major whatever follows it (Masterminds ignores the rest)', () => {
    expect(parseConstraint('x.1|2').ok).toBe(true);
    expect(parseConstraint('vx').ok).toBe(true);
  });
});

describe('parseConstraint rejects', () => {
  it.each([
    [''],
    [' '],
    ['>= 1.0.0 ||'],
    ['|| 1.2.3'],
    ['1.2.3 || '],
    ['~= 1.0'],
    ['==1.0'],
    ['!1.0'],
    ['<>1'],
    ['> =1'],
    ['V1.0.0'],
    ['latest'],
    ['1.0.0 - '],
    [' - 1.0.0'],
    ['1.0.0 -1.0'],
    ['1.0 - 2.0 - 3.0'],
    ['>=1 && <2'],
    ['1|2'],
    ['1 | 2'],
    ['1 ||| 2'],
    ['1.2.3,,1.2.3'],
    [',1.0.0'],
    ['1.0.0,'],
    ['1.2.3.4'],
    ['1x'],
    ['1.0.0-01'],
    ['1.x-01'],
    ['18446744073709551616'],
    ['\u000b>=1'],
    ['\u00a0>=1'],
    // The range swallows the space before it, gluing itself to the previous comparator.
    ['>=1 2 - 3'],
    ['>=1.0.0 1.5 - 2'],
  ])('%j', (text) => {
    const r = parseConstraint(text);
    expect(r.ok).toBe(false);
    expect(r.issues.length).toBeGreaterThan(0);
    for (const issue of r.issues) {
      expect(issue.code).toBe('VERSION_INVALID_CONSTRAINT');
      expect(issue.severity).toBe('error');
      expect(issue.message).toContain(JSON.stringify(text));
    }
  });

  it('accepts the whitespace Go counts as \\s', () => {
    expect(parseConstraint('\t>=1\n').ok).toBe(true);
    expect(parseConstraint('\r\f>=1 \t<2').ok).toBe(true);
  });

  it('points at the column where a group goes wrong', () => {
    const r = parseConstraint('>=1.0 && <2');
    expect(r.issues[0]).toMatchObject({ line: 1, column: 7 });
    expect(r.issues[0]?.message).toContain('"&&" is not an operator');
  });

  it('names the empty side of ||', () => {
    const r = parseConstraint('>=1 ||');
    expect(r.issues[0]?.message).toContain('alternative 2 is empty');
    expect(r.issues[0]?.column).toBe(7);
  });

  it('explains a segment that is neither a number nor a wildcard', () => {
    const r = parseConstraint('>=1.0 <1x');
    expect(r.issues[0]?.message).toContain('"1x"');
    expect(r.issues[0]?.message).toContain('neither a number nor a wildcard');
    expect(r.issues[0]?.column).toBe(8);
  });

  it('hints at ~= and at hyphen ranges without spaces', () => {
    expect(parseConstraint('~=1.0').issues[0]?.message).toContain('"~=" and "==" are not operators');
    expect(parseConstraint('1.0 -2.0').issues[0]?.message).toContain('needs spaces');
  });

  it('reports every bad alternative', () => {
    const r = parseConstraint('latest || >=1 || &&');
    expect(r.issues).toHaveLength(2);
  });

  it('caps the number of issues for a text with thousands of bad alternatives', () => {
    const r = parseConstraint(`>=1 ${'||'.repeat(500)}`);
    expect(r.issues).toHaveLength(21);
    expect(r.issues[20]?.message).toContain('480 more alternatives are invalid');
    expect(r.issues[0]?.message.length).toBeLessThan(400);
  });

  it('rejects non-string input with an issue', () => {
    const r = parseConstraint(7 as unknown as string);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('VERSION_INVALID_CONSTRAINT');
  });
});
