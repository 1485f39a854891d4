/**
 * A port module for `ports:` in waybill.config.yaml: in-memory registry, Git and chart
 * repositories holding a few releases of the quickstart's image, for `waybill discover` tests.
 */
import { createMemoryChartRepository, createMemoryGit, createMemoryRegistry } from '../../../src/adapters/memory/index.js';

/** The registry: ghcr.io/example/app at 0.9.0, 1.0.0, 1.1.0 and 2.0.0 (only 1.x matches ^1.0.0). */
export const registry = createMemoryRegistry();
for (const [tag, day] of [['0.9.0', '01'], ['1.0.0', '02'], ['1.1.0', '03'], ['2.0.0', '04']] as const) {
  registry.push('ghcr.io/example/app', { tag, digest: `sha256:${tag.replaceAll('.', '').padEnd(64, '0')}`, createdAt: `2026-03-${day}T00:00:00Z` });
}

/** A Git repository with two commits on main. */
export const git = createMemoryGit();
git.commit('https://github.com/example/config.git', { id: 'c'.repeat(40), subject: 'first', date: '2026-03-01T00:00:00Z', paths: ['a.yaml'] });
git.commit('https://github.com/example/config.git', { id: 'd'.repeat(40), subject: 'second', date: '2026-03-02T00:00:00Z', paths: ['b.yaml'] });

/** A chart repository with two versions of `app`. */
export const charts = createMemoryChartRepository();
for (const version of ['0.1.0', '0.2.0']) charts.push('https://charts.example.com', { name: 'app', version });

/** Hands out the port asked for. */
export function createPort(context: { port: 'registry' | 'git' | 'charts' }): unknown {
  return { registry, git, charts }[context.port];
}
