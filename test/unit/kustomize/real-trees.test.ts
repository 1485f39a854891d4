import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildKustomization, renderKustomizeBuild } from '../../../src/kustomize/index.js';
import { fixturePath, readerOfDirectory } from './reader.js';

const expected = (root: string, dir: string) => readFileSync(fixturePath(`${root}/expected/${dir.split('/').join('_')}.yaml`), 'utf8');

async function render(root: string, dir: string): Promise<string> {
  const result = await buildKustomization(readerOfDirectory(fixturePath(root)), dir);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
  return renderKustomizeBuild(result.value);
}

describe('real repositories, byte for byte against `kubectl kustomize`', () => {
  it.each([
    'md/kustomize',
    'md/kustomize/tests/memorystore-with-all-components',
    'md/kustomize/tests/service-mesh-istio-with-all-components',
    'md/kustomize/tests/spanner-with-all-components',
    'ing/deploy/prometheus',
    'ing/deploy/static/provider/cloud',
    'flux/tenants/production',
    'flux/tenants/staging',
    'flux/infrastructure/kyverno',
    'flux/infrastructure/kyverno-policies',
  ])('%s', async (dir) => {
    expect(await render('trees', dir)).toBe(expected('trees', dir));
  });
});

describe('feature scenarios, byte for byte against `kubectl kustomize`', () => {
  it('generators with hashes, merge/replace overlays, prefix/suffix/namespace and the name references they update', async () => {
    expect(await render('scenarios', 'refs/base')).toBe(expected('scenarios', 'refs/base'));
    expect(await render('scenarios', 'refs/overlay')).toBe(expected('scenarios', 'refs/overlay'));
  });

  it('labels, annotations, images, replicas, components, patches by target and strategic merge directives', async () => {
    expect(await render('scenarios', 'transforms/app')).toBe(expected('scenarios', 'transforms/app'));
  });

  it('legacy patch fields, generator options, string styles and sortOptions fifo', async () => {
    expect(await render('scenarios', 'legacy')).toBe(expected('scenarios', 'legacy'));
  });

  it('replaces lists of custom resources whole (kustomize has no merge keys without a schema)', async () => {
    expect(await render('scenarios', 'custom-resource')).toBe(expected('scenarios', 'custom-resource'));
  });

  it('renames what name references point at, and leaves a Service name in a plain env value alone', async () => {
    const out = await render('scenarios', 'refs/overlay');
    expect(out).toContain('name: prod-app-config-v2-');
    expect(out).toContain('secretName: prod-tls-v2-');
    expect(out).toContain('serviceName: prod-backend-v2');
    expect(out).toMatch(/- name: BACKEND\n\s+value: backend\n/);
  });
});
