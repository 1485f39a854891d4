import { describe, expect, it } from 'vitest';
import { printKustomizeYaml, sortKustomizeKeys } from '../../../src/kustomize/index.js';

describe('printKustomizeYaml (go-yaml v2 style, as kustomize prints)', () => {
  it('sorts keys, indents maps by two and writes sequences at their key', () => {
    expect(printKustomizeYaml({ spec: { containers: [{ name: 'a', image: 'x' }], replicas: 1 }, kind: 'Deployment', apiVersion: 'apps/v1' })).toBe(
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  containers:\n  - image: x\n    name: a\n  replicas: 1\n',
    );
  });

  it('quotes strings that would read back as something else (YAML 1.1 booleans, numbers, null, dates)', () => {
    const values = ['true', 'yes', 'on', 'N', '42', '1.5', '0x1F', '1e3', '.5', '~', 'null', '', '2024-01-01', '1_000', '12:30'];
    for (const v of values) expect(printKustomizeYaml({ k: v })).toBe(`k: "${v}"\n`);
    for (const v of ['hello', 'v1.2.3', 'yes please', 'a-b', 'true-ish', '1.2.3']) expect(printKustomizeYaml({ k: v })).toBe(`k: ${v}\n`);
  });

  it('single-quotes strings the plain style cannot carry, doubling inner quotes', () => {
    expect(printKustomizeYaml({ k: 'a: b' })).toBe("k: 'a: b'\n");
    expect(printKustomizeYaml({ k: '#hash' })).toBe("k: '#hash'\n");
    expect(printKustomizeYaml({ k: ' padded ' })).toBe("k: ' padded '\n");
    expect(printKustomizeYaml({ k: "'" })).toBe("k: ''''\n");
    expect(printKustomizeYaml({ k: '- item' })).toBe("k: '- item'\n");
  });

  it('double-quotes strings with characters that need escapes', () => {
    expect(printKustomizeYaml({ k: 'tab\there' })).toBe('k: "tab\\there"\n');
    expect(printKustomizeYaml({ k: 'bell\u0007' })).toBe('k: "bell\\a"\n');
  });

  it('writes multi-line strings as literal blocks with the right chomping and indentation hints', () => {
    expect(printKustomizeYaml({ k: 'a\nb' })).toBe('k: |-\n  a\n  b\n');
    expect(printKustomizeYaml({ k: 'a\nb\n' })).toBe('k: |\n  a\n  b\n');
    expect(printKustomizeYaml({ k: 'a\n\n' })).toBe('k: |+\n  a\n\n');
    expect(printKustomizeYaml({ k: 'a\n\n', z: 1 })).toBe('k: |+\n  a\n\nz: 1\n');
    expect(printKustomizeYaml({ k: '\nlead\n' })).toBe('k: |2\n\n  lead\n');
    expect(printKustomizeYaml({ k: 'x\n\ny' })).toBe('k: |-\n  x\n\n  y\n');
    expect(printKustomizeYaml({ k: 'trailing \nspace' })).toBe('k: "trailing \\nspace"\n');
  });

  it('folds long plain strings after column 80, continuing two spaces in', () => {
    const words = Array.from({ length: 20 }, () => 'word').join(' ');
    // As kustomize prints it (checked with kubectl kustomize).
    expect(printKustomizeYaml({ data: { long: words } })).toBe(`data:\n  long: ${Array.from({ length: 15 }, () => 'word').join(' ')}\n    word word word word word\n`);
  });

  it('prints empty collections, null, numbers and nested sequences', () => {
    expect(printKustomizeYaml({ a: {}, b: [], c: null, d: 1.5, e: 1e21, f: 1234567.5, g: [[1, 2], []] })).toBe(
      'a: {}\nb: []\nc: null\nd: 1.5\ne: 1e+21\nf: 1.2345675e+06\ng:\n- - 1\n  - 2\n- []\n',
    );
  });

  it('quotes keys that need it', () => {
    expect(printKustomizeYaml({ '80': 'x', 'a b': 'w', 'x: y': 'z' })).toBe('"80": x\na b: w\n\'x: y\': z\n');
    // `y` is a YAML 1.1 boolean, so go-yaml v2 quotes it.
    expect(printKustomizeYaml({ name: 'y' })).toBe('name: "y"\n');
  });
});

describe('sortKustomizeKeys (go-yaml v2 key order)', () => {
  it('compares digit runs by value and puts other characters before letters', () => {
    expect(sortKustomizeKeys(['a10', 'a2', 'a1', 'b', 'a-b', 'ab', 'A'])).toEqual(['A', 'a-b', 'a1', 'a2', 'a10', 'ab', 'b']);
    expect(sortKustomizeKeys(['x.10', 'x.9', 'x.09'])).toEqual(['x.9', 'x.09', 'x.10']);
  });
});
