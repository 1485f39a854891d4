import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildKustomization } from '../../../src/kustomize/index.js';
import { kustomizeCodes } from '../../../src/errors/codes/kustomize.js';
import { fixturePath, readerOf } from './reader.js';

// Kustomization files from public repositories, each built alone (the files they list are absent).
const corpus = readdirSync(fixturePath('corpus')).sort();
const outcomes = JSON.parse(readFileSync(fixturePath('corpus-outcomes.json'), 'utf8')) as Record<string, string[]>;
const fileNameOf = (f: string) => (f.includes('__Kustomization__') ? 'Kustomization' : f.endsWith('.yml') ? 'kustomization.yml' : 'kustomization.yaml');

describe('kustomization files from public repositories', () => {
  it.each(corpus)('%s gives its known outcome, with catalogued, positioned issues', async (f) => {
    const text = readFileSync(fixturePath(`corpus/${f}`), 'utf8');
    const file = `k/${fileNameOf(f)}`;
    const result = await buildKustomization(readerOf({ [file]: text }), 'k');
    const codes = result.ok ? [] : [...new Set(result.issues.map((i) => i.code))].sort();
    expect(codes).toEqual(outcomes[f]);
    for (const issue of result.issues) {
      expect(Object.keys(kustomizeCodes)).toContain(issue.code);
      expect(issue.message.length).toBeGreaterThan(0);
      if (issue.file === file) expect(issue.line).toBeGreaterThan(0);
    }
    if (/^\s*-\s*(https?:\/\/|github\.com\/)/m.test(text)) expect(codes).toContain('KUSTOMIZE_REMOTE_RESOURCE');
    if (/^(vars|configurations|replacements|helmCharts|transformers|generators):/m.test(text)) expect(codes).toContain('KUSTOMIZE_UNSUPPORTED');
    if (/^kind:\s*Component\s*$/m.test(text)) expect(codes).toEqual(['KUSTOMIZE_COMPONENT_KIND']);
  });

  it('builds every component of the corpus inside a parent kustomization', async () => {
    const components = corpus.filter((f) => /^kind:\s*Component\s*$/m.test(readFileSync(fixturePath(`corpus/${f}`), 'utf8')));
    expect(components.length).toBeGreaterThan(3);
    for (const f of components) {
      const files = { 'app/kustomization.yaml': 'components:\n- ../c\n', 'c/kustomization.yaml': readFileSync(fixturePath(`corpus/${f}`), 'utf8') };
      const result = await buildKustomization(readerOf(files), 'app');
      // Their patches target resources the parent does not have, or their files are absent: never a throw, and no kind complaint.
      expect(result.issues.map((i) => i.code)).not.toContain('KUSTOMIZE_COMPONENT_KIND');
    }
  });
});
