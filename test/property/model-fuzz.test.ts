import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeIssueCode } from '../../src/errors/index.js';
import { parseManifests, validateProjectConfig, validateResource, validateStage } from '../../src/model/index.js';

const dir = new URL('../fixtures/kargo/', import.meta.url);
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(new URL(f, dir), 'utf8'));

type Mutation = (text: string) => string;

const scalarReplacements = ['42', '-1', '3.5', 'true', 'null', '~', '[]', '{}', '[1, 2]', '"x"', "'", '&a x', '*a', '!!binary aGk=', '|', '>-', '0x1F', '.inf', '2024-01-01'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // cut the text somewhere (a truncated file)
  fc.double({ min: 0, max: 1, noNaN: true }).map((at) => (t: string) => t.slice(0, Math.floor(t.length * at))),
  // insert random characters, including YAML indicators
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ unit: fc.constantFrom(...':-[]{}#&*!|>\'"%@`,? \t\n\\x0'.split('')), maxLength: 8 })).map(
    ([at, s]) =>
      (t: string) => {
        const i = Math.floor(t.length * at);
        return t.slice(0, i) + s + t.slice(i);
      },
  ),
  // insert arbitrary unicode
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ unit: 'grapheme', maxLength: 6 })).map(
    ([at, s]) =>
      (t: string) => {
        const i = Math.floor(t.length * at);
        return t.slice(0, i) + s + t.slice(i);
      },
  ),
  // swap two lines
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
    const lines = t.split('\n');
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    return lines.join('\n');
  }),
  // change the indentation of a line
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([a, delta]) => (t: string) => {
    const lines = t.split('\n');
    const i = a % lines.length;
    const line = lines[i] as string;
    lines[i] = delta >= 0 ? ' '.repeat(delta) + line : line.replace(new RegExp(`^ {0,${-delta}}`), '');
    return lines.join('\n');
  }),
  // replace a scalar value with one of another type
  fc.tuple(fc.nat(), fc.constantFrom(...scalarReplacements)).map(([a, replacement]) => (t: string) => {
    const lines = t.split('\n');
    const candidates = lines.map((l, i) => (/:\s+\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) return t;
    const i = candidates[a % candidates.length] as number;
    lines[i] = (lines[i] as string).replace(/:\s+.*$/, `: ${replacement}`);
    return lines.join('\n');
  }),
);

function checkResultShape(text: string) {
  const r = parseManifests(text, { file: 'fuzz.yaml' });
  expect(typeof r.ok).toBe('boolean');
  expect(Array.isArray(r.issues)).toBe(true);
  if (r.ok) expect(Array.isArray(r.value)).toBe(true);
  else expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
  const lines = text.split('\n');
  for (const issue of r.issues) {
    expect(describeIssueCode(issue.code), issue.code).toBeDefined();
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    expect(Array.isArray(issue.path)).toBe(true);
    expect(['error', 'warning', 'info']).toContain(issue.severity);
    expect(issue.file).toBe('fuzz.yaml');
    const line = issue.line as number;
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(lines.length);
    expect(issue.column).toBeGreaterThanOrEqual(1);
    expect(issue.column).toBeLessThanOrEqual((lines[line - 1] as string).length + 1);
  }
  return r;
}

describe('parseManifests under mutated corpus files', () => {
  it('never throws, and every issue is well-formed and positioned inside the text', () => {
    let runs = 0;
    let failed = 0;
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 4 }), (original, mutations) => {
        const text = mutations.reduce((t, m) => m(t), original);
        runs++;
        if (!checkResultShape(text).ok) failed++;
      }),
      { numRuns: 400 },
    );
    // The mutations really do break files: a good share of them must be reported.
    expect(failed / runs).toBeGreaterThan(0.2);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        checkResultShape(text);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps unmutated corpus files free of syntax errors', () => {
    for (const text of corpus) expect(checkResultShape(text).issues.filter((i) => i.code === 'YAML_SYNTAX')).toEqual([]);
  });
});

describe('validators under arbitrary objects', () => {
  it('return issues and never throw', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (value) => {
        for (const fn of [validateStage, validateProjectConfig]) {
          const issues = fn(value);
          expect(Array.isArray(issues)).toBe(true);
        }
        const stageLike = { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name: 's' }, spec: value };
        expect(validateStage(stageLike).length).toBeGreaterThanOrEqual(0);
        const r = validateResource(value);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
