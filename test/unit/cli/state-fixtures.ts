import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Freight of the quickstart used across the stateful command tests: alias brave-otter, in dev and verified there at 09:10. */
export const FREIGHT_NAME = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

/** A Freight of the quickstart's Warehouse. */
export function freight(overrides: { name?: string; alias?: string; discoveredAt?: string; status?: Record<string, unknown> } = {}): Record<string, unknown> {
  const name = overrides.name ?? FREIGHT_NAME;
  const alias = overrides.alias ?? 'brave-otter';
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Freight',
    metadata: { name, namespace: 'kargo-demo', labels: { 'kargo.akuity.io/alias': alias }, creationTimestamp: '2026-03-01T08:00:00Z' },
    alias,
    origin: { kind: 'Warehouse', name: 'kargo-demo' },
    images: [{ repoURL: 'ghcr.io/example/app', tag: '1.4.0', digest: `sha256:${'ab'.repeat(32)}` }],
    discoveredAt: overrides.discoveredAt ?? '2026-03-01T08:00:00Z',
    status: overrides.status ?? { currentlyIn: { dev: { since: '2026-03-01T09:00:00Z' } }, verifiedIn: { dev: { verifiedAt: '2026-03-01T09:10:00Z' } } },
  };
}

/** The dev Stage's recorded status: brave-otter current, healthy and ready. */
export function devStageStatus(): Record<string, unknown> {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'dev', namespace: 'kargo-demo', creationTimestamp: '2026-02-28T10:00:00Z' },
    spec: {},
    status: {
      freightSummary: FREIGHT_NAME.slice(0, 7),
      health: { status: 'Healthy' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'Verified', message: 'Stage is ready' }],
    },
  };
}

/** A finished Promotion of the Freight to dev. */
export function promotion(name = `dev.01jnq0000000000000000000000.${FREIGHT_NAME.slice(0, 7)}`): Record<string, unknown> {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Promotion',
    metadata: { name, namespace: 'kargo-demo', creationTimestamp: '2026-03-01T08:30:00Z' },
    spec: { stage: 'dev', freight: FREIGHT_NAME, steps: [{ uses: 'git-clone' }] },
    status: { phase: 'Succeeded' },
  };
}

/** Writes a state file holding the resources. */
export function writeState(path: string, resources: readonly unknown[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ format: 'waybill.state/v1', resources }, null, 2));
}

/** The default state file of a quickstart copy (see `quickstartCopy`). */
export function defaultStatePath(dir: string): string {
  return join(dir, 'kargo', '.waybill', 'state.json');
}
