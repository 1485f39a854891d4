/**
 * Embedding waybill's controller in your own program: give it a store, a registry, a clock and
 * ids, and it reconciles Warehouses, Stages and Promotions as Kargo's controller does. Here the
 * store is the in-memory one wrapped in a StorePort of our own that logs every write, the clock
 * is moved by hand, and `onEvent` receives Kargo's events. Run it with
 * `npx tsx examples/08-embed-controller/main.ts`.
 */
import { readFileSync } from 'node:fs';
// In your own project: from 'waybill/controller', 'waybill/adapters/memory', 'waybill/ports' and 'waybill'.
import { createManualClock, createMemoryRegistry, createMemoryStore, createSequentialIds } from '../../src/adapters/memory/index.js';
import { createController, type ControllerEvent } from '../../src/controller/index.js';
import { isKargoResource, parseManifests, unwrap } from '../../src/index.js';
import type { StorePort } from '../../src/ports/index.js';

const resources = unwrap(parseManifests(readFileSync(new URL('project.yaml', import.meta.url), 'utf8'), { file: 'project.yaml' })).filter(isKargoResource);

const clock = createManualClock('2026-06-01T09:00:00Z');
const registry = createMemoryRegistry();
registry.push('ghcr.io/acme/checkout', { tag: '2.0.0', digest: `sha256:${'20'.repeat(32)}` });
const memory = createMemoryStore({ clock });
memory.load(resources);

/**
 * Your own StorePort: here a wrapper that logs what the controller writes. A real one would keep
 * the resources in a database, or in Kubernetes through waybill/adapters/kubernetes.
 */
const writes: string[] = [];
const store: StorePort = {
  get: (kind, ref) => memory.get(kind, ref),
  list: (kind, query) => memory.list(kind, query),
  delete: (kind, ref) => memory.delete(kind, ref),
  create: async (resource, options) => {
    writes.push(`create ${resource.kind}`);
    return memory.create(resource, options);
  },
  updateStatus: async (kind, write) => {
    writes.push(`status ${kind}`);
    return memory.updateStatus(kind, write);
  },
  updateMetadata: async (kind, write) => {
    writes.push(`metadata ${kind}`);
    return memory.updateMetadata(kind, write);
  },
};

const events: ControllerEvent[] = [];
const controller = createController({
  ports: { store, registry },
  clock,
  // Promotion names embed these ids; they must sort in creation order (real programs use ULIDs).
  ids: createSequentialIds('01jx0000000000000000000'),
  onEvent: (event) => events.push(event),
});

/** Prints the events since the last call, and what the store wrapper saw written. */
function report(title: string): void {
  console.log(`${clock.now().toISOString()}  ${title}`);
  for (const e of events.splice(0)) console.log(`  ${e.reason.padEnd(19)} ${e.message}`);
  const counts = new Map<string, number>();
  for (const w of writes.splice(0)) counts.set(w, (counts.get(w) ?? 0) + 1);
  console.log(`  store writes: ${[...counts].map(([w, n]) => `${w} x${n}`).join(', ') || 'none'}\n`);
}

// settle() reconciles until nothing changes: discovery, Freight, auto-promotion to test, its run.
await controller.settle();
report('first settle: discover, create Freight, auto-promote to test');

// Level-triggered: settling again with nothing new writes nothing.
await controller.settle();
report('settling again changes nothing');

// A person promotes to uat through the same API Kargo's CLI and UI use.
clock.advance(10 * 60_000);
const promoted = await controller.promote({ project: 'shop', stage: 'uat', origin: 'Warehouse/checkout', actor: 'sam@example.com' });
if (!promoted.ok) throw new Error(promoted.issues.map((i) => i.message).join('\n'));
await controller.settle();
report('promote to uat');

// A new release: the Warehouse sees it at its next interval (default 5m), test takes it at once.
registry.push('ghcr.io/acme/checkout', { tag: '2.1.0', digest: `sha256:${'21'.repeat(32)}` });
clock.advance(5 * 60_000);
await controller.settle();
report('2.1.0 pushed; five minutes later');

// What each Promotion's steps produced: the step outputs are kept in its status.
const promotions = await memory.list('Promotion', { namespace: 'shop' });
for (const p of promotions.ok ? promotions.value : []) {
  const state = p.status?.state as { deployed?: { tag?: string } } | undefined;
  console.log(`${p.metadata.name}: ${p.status?.phase}, deployed ${state?.deployed?.tag}`);
}
