import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSimulationScript } from '../../src/controller/simulation-script.js';

const valid = `until: +2h
setup:
  images: [{repoURL: nginx, tag: 1.0.0}]
events:
- at: +10m
  type: image-pushed
  repoURL: nginx
  tag: 1.0.1
- at: +20m
  type: promote
  stage: prod
  image: 1.0.1
`;

describe('parseSimulationScript on broken input', () => {
  it('never throws on arbitrary text, and explains every refusal with a positioned issue', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseSimulationScript(text, { file: 'fuzz.yaml' });
        if (parsed.ok) return;
        expect(parsed.issues.length).toBeGreaterThan(0);
        for (const issue of parsed.issues) {
          expect(issue.code).toMatch(/^SIMULATION_SCRIPT_/);
          expect(issue.file).toBe('fuzz.yaml');
          expect(issue.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws when a valid script is cut, spliced or has characters replaced', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length }), fc.integer({ min: 0, max: valid.length }), fc.string({ maxLength: 8 }), (a, b, insert) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const text = valid.slice(0, from) + insert + valid.slice(to);
        const parsed = parseSimulationScript(text);
        expect(parsed.ok || parsed.issues.length > 0).toBe(true);
        for (const issue of parsed.issues) expect(issue.line).toBeLessThanOrEqual(text.split('\n').length + 1);
      }),
      { numRuns: 500 },
    );
  });
});
