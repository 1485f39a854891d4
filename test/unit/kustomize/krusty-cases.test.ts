import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildKustomization, renderKustomizeBuild } from '../../../src/kustomize/index.js';
import { fixturePath, readerOf } from './reader.js';

interface Case {
  name: string;
  dir: string;
  files: Record<string, string>;
  expected?: string;
}

const load = (file: string): Case[] => (JSON.parse(readFileSync(fixturePath(file), 'utf8')) as { cases: Case[] }).cases;

// kustomize's own tests build without reordering, so these compare in the order resources are met.
describe("kustomize's own test cases", () => {
  it.each(load('krusty-cases.json').map((c) => [c.name, c] as const))('%s builds to the output kustomize expects', async (_, c) => {
    const result = await buildKustomization(readerOf(c.files), c.dir, { order: 'fifo' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
    expect(renderKustomizeBuild(result.value).trim()).toBe((c.expected ?? '').trim());
  });
});

describe("kustomize's test cases that use features waybill refuses", () => {
  it.each(load('krusty-unsupported.json').map((c) => [c.name, c] as const))('%s fails with a positioned KUSTOMIZE_UNSUPPORTED issue', async (_, c) => {
    const result = await buildKustomization(readerOf(c.files), c.dir);
    expect(result.ok).toBe(false);
    const unsupported = result.issues.filter((i) => i.code === 'KUSTOMIZE_UNSUPPORTED');
    expect(unsupported.length).toBeGreaterThan(0);
    for (const issue of unsupported) {
      expect(issue.file).toMatch(/kustomization\.yaml$/);
      expect(issue.line).toBeGreaterThan(0);
      expect(issue.message).toMatch(/is not supported/);
    }
  });
});
