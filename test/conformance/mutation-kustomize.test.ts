import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kustomizeImagesFromFreight, setKustomizeImages } from '../../src/mutation/index.js';
import { buildImageTargets } from '../../src/mutation/kustomize-merge.js';

type Target = { name: string; newName?: string; newTag?: string; digest?: string };
interface KustomizeCase {
  name: string;
  current?: Record<string, string>[];
  targets?: Record<string, Target>;
  expectedImages?: Record<string, string>[];
  configImages?: { image: string; tag?: string; digest?: string }[];
  freightImages?: { repoURL: string; tag?: string; digest?: string }[];
  expectedTargets?: Record<string, Target>;
  config?: { images: { image: string; tag?: string; digest?: string }[] };
  expectedError?: string;
}

const file = JSON.parse(readFileSync(new URL('../fixtures/mutation/kustomize_set_image.json', import.meta.url), 'utf8')) as { cases: KustomizeCase[] };

const mergeCases = file.cases.filter((c) => c.current && c.targets);
const targetCases = file.cases.filter((c) => c.expectedTargets);

describe('kustomize-set-image vectors: merge', () => {
  it.each(mergeCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const current = c.current ?? [];
    const list = current.map((im) => '- ' + Object.entries(im).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n  ')).join('\n');
    const text = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n' + (current.length ? `images:\n${list}\n` : '');
    const images = Object.entries(c.targets ?? {}).map(([key, t]) => ({
      image: key,
      ...(t.newName !== undefined ? { newName: t.newName } : {}),
      ...(t.newTag !== undefined ? { tag: t.newTag } : {}),
      ...(t.digest !== undefined ? { digest: t.digest } : {}),
    }));
    const r = setKustomizeImages(text, images);
    expect(r.ok).toBe(true);
    if (r.ok) expect((parse(r.value.text) as { images: unknown }).images).toEqual(c.expectedImages);
  });
});

describe('kustomize-set-image vectors: targets', () => {
  it.each(targetCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let images = c.configImages;
    if (c.freightImages) {
      const r = kustomizeImagesFromFreight(c.freightImages.map((im) => ({ images: [im] })));
      expect(r.ok).toBe(true);
      images = r.ok ? r.value : [];
    }
    expect(Object.fromEntries(buildImageTargets(images ?? []))).toEqual(c.expectedTargets);
  });

  it('refuses an image update with neither a tag nor a digest', () => {
    const c = file.cases.find((x) => x.name === 'config validation: neither tag nor digest');
    const r = setKustomizeImages('kind: Kustomization\n', c?.config?.images ?? []);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('KUSTOMIZE_INVALID_IMAGE');
  });
});
