import { defineConfig } from 'tsup';

/**
 * One entry per public subpath of `package.json#exports` (a test keeps the two in step),
 * plus the `waybill` command.
 */
export const entries: Record<string, string> = {
  index: 'src/index.ts',
  'ports/index': 'src/ports/index.ts',
  'testing/index': 'src/testing/index.ts',
  'adapters/memory/index': 'src/adapters/memory/index.ts',
  'adapters/git/index': 'src/adapters/git/index.ts',
  'adapters/registry/index': 'src/adapters/registry/index.ts',
  'adapters/helm/index': 'src/adapters/helm/index.ts',
  'adapters/kubernetes/index': 'src/adapters/kubernetes/index.ts',
  'controller/index': 'src/controller/index.ts',
};

export default defineConfig([
  {
    entry: entries,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
