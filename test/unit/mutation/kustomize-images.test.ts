import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kustomizeImagesFromFreight, setKustomizeImages } from '../../../src/mutation/index.js';

const base = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml # the app
images:
  # the web tier
  - name: api
    newTag: "1.0"
  - name: web
    newName: ghcr.io/acme/web # mirror
    newTag: 2.0.0
namespace: prod
`;

describe('setKustomizeImages', () => {
  it('rewrites only the changed entry and keeps every other byte', () => {
    const r = setKustomizeImages(base, [{ image: 'api', tag: '1.1.0' }]);
    expect(r.ok && r.value.text).toBe(base.replace('  - name: api\n    newTag: "1.0"\n', '  - name: api\n    newTag: 1.1.0\n'));
  });
  it('keeps fields given as "*" and inserts new entries in sorted position', () => {
    const r = setKustomizeImages(base, [
      { image: 'web', newName: '*', tag: '2.1.0' },
      { image: 'db', tag: '16' },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((parse(r.value.text) as { images: unknown }).images).toEqual([
      { name: 'api', newTag: '1.0' },
      { name: 'db', newTag: '16' },
      { name: 'web', newName: 'ghcr.io/acme/web', newTag: '2.1.0' },
    ]);
    expect(r.value.text).toContain('# the web tier\n  - name: api\n    newTag: "1.0"\n  - name: db\n    newTag: "16"\n  - name: web');
    expect(r.value.text.endsWith('namespace: prod\n')).toBe(true);
    expect(r.value.changes.map((c) => [c.op, c.path])).toEqual([
      ['add', ['images', 1]],
      ['replace', ['images', 2]],
    ]);
  });
  it('changes nothing when the images are already set', () => {
    const r = setKustomizeImages(base, [{ image: 'api', tag: '1.0' }]);
    expect(r.ok && r.value).toEqual({ text: base, changes: [] });
  });
  it('appends an images list when there is none', () => {
    const r = setKustomizeImages('kind: Kustomization\nresources:\n- a.yaml\n', [{ image: 'nginx', digest: 'sha256:abc' }]);
    expect(r.ok && r.value.text).toBe('kind: Kustomization\nresources:\n- a.yaml\nimages:\n- name: nginx\n  digest: sha256:abc\n');
  });
  it('sorts an unsorted list as Kargo does', () => {
    const r = setKustomizeImages('images:\n- name: b\n  newTag: "1"\n- name: a\n  newTag: "1"\n', [{ image: 'b', tag: '2' }]);
    expect(r.ok && parse(r.value.text)).toEqual({ images: [{ name: 'a', newTag: '1' }, { name: 'b', newTag: '2' }] });
  });
  it('rewrites a flow-style list in flow style', () => {
    const r = setKustomizeImages('images: [{name: a, newTag: "1"}] # pinned\n', [{ image: 'a', tag: '2' }]);
    expect(r.ok && r.value.text).toBe('images: [{name: a, newTag: "2"}] # pinned\n');
  });
  it('refuses image updates without a tag or digest, and lists that are not lists', () => {
    const bad = setKustomizeImages(base, [{ image: 'api' }]);
    expect(!bad.ok && bad.issues[0]?.code).toBe('KUSTOMIZE_INVALID_IMAGE');
    const notList = setKustomizeImages('images: nginx\n', [{ image: 'api', tag: '1' }]);
    expect(!notList.ok && notList.issues[0]?.code).toBe('KUSTOMIZE_IMAGES_NOT_A_LIST');
  });
});

describe('kustomizeImagesFromFreight', () => {
  it('takes every image with its tag and digest', () => {
    const r = kustomizeImagesFromFreight([{ images: [{ repoURL: 'nginx', tag: '1.25', digest: 'sha256:1' }] }, { images: [{ repoURL: 'redis', tag: '7' }] }]);
    expect(r.ok && r.value).toEqual([
      { image: 'nginx', tag: '1.25', digest: 'sha256:1' },
      { image: 'redis', tag: '7' },
    ]);
  });
  it('refuses a repository carried by two pieces of Freight', () => {
    const r = kustomizeImagesFromFreight([{ images: [{ repoURL: 'nginx', tag: '1' }] }, { images: [{ repoURL: 'nginx', tag: '2' }] }]);
    expect(!r.ok && r.issues[0]?.code).toBe('KUSTOMIZE_AMBIGUOUS_IMAGES');
  });
});
