import { discover } from '../discovery/index.js';
import { createIssue, type Issue } from '../errors/index.js';
import { createFreight, deterministicAliasSource, evaluateFreightCreationCriteria, type DiscoveredArtifacts } from '../freight/index.js';
import type { KargoResource } from '../model/index.js';
import { durationToMillis, setStageCondition, toEpochMillis } from '../pipeline/index.js';
import { createDoc, getDoc, listDocs, recordOf, REFRESH_ANNOTATION, timeText, writeStatus, annotationsOf, type ControllerContext, type Doc, type Tracker } from './context.js';

/** Kargo's default discovery interval. */
export const DEFAULT_WAREHOUSE_INTERVAL = '5m0s';
/** How soon a Warehouse whose discovery failed is tried again, at most. */
export const DISCOVERY_RETRY_MS = 30_000;

function intervalOf(warehouse: Doc): number {
  const text = typeof warehouse?.spec?.interval === 'string' && warehouse.spec.interval !== '' ? warehouse.spec.interval : DEFAULT_WAREHOUSE_INTERVAL;
  const ms = durationToMillis(text);
  return ms.ok && ms.value > 0 ? ms.value : 300_000;
}

function issuesText(issues: readonly Issue[]): string {
  return issues.map((i) => i.message).join('; ');
}

/**
 * Reconciles a Warehouse: discovers artifacts when its interval has passed, its spec changed or a
 * refresh was asked for; makes Freight from what it found (unless its creation policy is Manual
 * or its criteria say no), with a deterministic alias unique in the Project; and records
 * `discoveredArtifacts`, `lastFreightID`, `lastHandledRefresh`, `observedGeneration` and its
 * conditions. A failed discovery is recorded in the conditions and retried.
 */
export async function reconcileWarehouse(ctx: ControllerContext, project: string, name: string, tracker: Tracker): Promise<void> {
  const warehouse = await getDoc(ctx, 'Warehouse', project, name);
  if (warehouse === undefined) return;
  const nowMs = ctx.clock.now().getTime();
  const now = timeText(nowMs);
  const status: Doc = recordOf(warehouse.status);
  const refresh = annotationsOf(warehouse)[REFRESH_ANNOTATION];
  const refreshPending = refresh !== undefined && refresh !== status.lastHandledRefresh;
  const interval = intervalOf(warehouse);
  const last = toEpochMillis(status.discoveredArtifacts?.discoveredAt);
  const generation = warehouse.metadata?.generation;
  const specChanged = generation !== undefined && status.observedGeneration !== generation;
  const due = refreshPending || specChanged || last === undefined || nowMs >= last + interval;
  if (!due) {
    tracker.requeue(last + interval - nowMs);
    return;
  }

  const fail = async (reason: string, issues: readonly Issue[]): Promise<void> => {
    const message = issuesText(issues);
    let conditions = setStageCondition(status.conditions, { type: 'Ready', status: 'False', reason, message }, now);
    conditions = setStageCondition(conditions, { type: 'Healthy', status: 'False', reason, message }, now);
    const next = { ...status, conditions, ...(refresh !== undefined ? { lastHandledRefresh: refresh } : {}) };
    const before = tracker.changed;
    tracker.changed = false;
    await writeStatus(ctx, warehouse, next, tracker);
    if (tracker.changed) ctx.emit({ reason, kind: 'Warehouse', project, name, message });
    tracker.changed ||= before;
    tracker.issues.push(...issues);
    tracker.requeue(Math.min(DISCOVERY_RETRY_MS, interval));
  };

  const found = await discover(warehouse, { registry: ctx.options.ports.registry, git: ctx.options.ports.git, charts: ctx.options.ports.charts }, { now: new Date(nowMs) });
  if (!found.ok) {
    await fail('DiscoveryFailed', found.issues.map((i) => createIssue('CONTROLLER_DISCOVERY_FAILED', `Warehouse "${name}": ${i.message}`)));
    return;
  }
  const discovered = found.value;
  let lastFreightID: string | undefined = status.lastFreightID;
  const policy = warehouse.spec?.freightCreationPolicy;
  if (policy !== 'Manual') {
    const criteria = evaluateFreightCreationCriteria(warehouse.spec?.freightCreationCriteria, discovered as DiscoveredArtifacts);
    if (!criteria.ok) {
      await fail('FreightCreationFailed', criteria.issues.map((i) => createIssue('CONTROLLER_FREIGHT_CREATION_FAILED', `Warehouse "${name}": ${i.message}`)));
      return;
    }
    if (criteria.value) {
      const made = createFreight(warehouse, discovered as DiscoveredArtifacts, { now: new Date(nowMs) });
      if (!made.ok) {
        await fail('FreightCreationFailed', made.issues.map((i) => createIssue('CONTROLLER_FREIGHT_CREATION_FAILED', `Warehouse "${name}": ${i.message}`)));
        return;
      }
      const id = made.value.metadata.name;
      const existing = await getDoc(ctx, 'Freight', project, id);
      if (existing === undefined) {
        const freightList = await listDocs(ctx, 'Freight', project);
        const taken = new Set<string>(freightList.map((f) => (typeof f.alias === 'string' ? f.alias : '')).filter((a) => a !== ''));
        const unique = createFreight(warehouse, discovered as DiscoveredArtifacts, { now: new Date(nowMs), aliasSource: deterministicAliasSource, isAliasTaken: (a) => taken.has(a) });
        if (!unique.ok) {
          await fail('FreightCreationFailed', unique.issues.map((i) => createIssue('CONTROLLER_FREIGHT_CREATION_FAILED', `Warehouse "${name}": ${i.message}`)));
          return;
        }
        const created = await createDoc(ctx, unique.value as unknown as KargoResource, tracker);
        if (created !== undefined) {
          ctx.emit({
            reason: 'FreightCreated',
            kind: 'Freight',
            project,
            name: id,
            message: `Freight "${id}" (alias "${unique.value.alias ?? ''}") created from Warehouse "${name}"`,
            details: { warehouse: name, alias: unique.value.alias ?? '' },
          });
        }
      }
      lastFreightID = id;
    }
  }
  let conditions = setStageCondition(status.conditions, { type: 'Ready', status: 'True', reason: 'Synced', message: 'Warehouse is synced' }, now);
  conditions = setStageCondition(conditions, { type: 'Healthy', status: 'True', reason: 'Healthy', message: 'Warehouse is healthy' }, now);
  const next: Doc = {
    ...status,
    discoveredArtifacts: discovered,
    ...(lastFreightID !== undefined ? { lastFreightID } : {}),
    ...(refresh !== undefined ? { lastHandledRefresh: refresh } : {}),
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    conditions,
  };
  await writeStatus(ctx, warehouse, next, tracker);
  tracker.requeue(interval);
}
