import { buildStageGraph, topologicalOrder } from '../pipeline/index.js';
import * as actions from './actions.js';
import { createContext, issueOfError, listDocs, listUnfinishedPromotions, Tracker, withPassReads, type ControllerContext, type Doc } from './context.js';
import { forgetDeletedStages } from './forget-deleted-stages.js';
import { createLeaderElector } from './leader-election.js';
import { reconcilePromotion } from './reconcile-promotion.js';
import { reconcileStage } from './reconcile-stage.js';
import { reconcileWarehouse } from './reconcile-warehouse.js';
import type { Controller, ControllerOptions, ReconcileOutcome, ReconcilePass, ReconcileRequest } from './types.js';

/** How many passes `settle()` makes at most by default. */
export const DEFAULT_MAX_SETTLE_PASSES = 50;
/** How long `run()` waits when nothing asked for a wake and the store cannot announce changes. */
export const IDLE_POLL_MS = 30_000;
/** How long `run()` waits at most when the store announces changes (a safety resync). */
export const IDLE_RESYNC_MS = 300_000;

async function reconcileOne(ctx: ControllerContext, request: ReconcileRequest): Promise<ReconcileOutcome> {
  const tracker = new Tracker();
  try {
    if (request.kind === 'Warehouse') await reconcileWarehouse(ctx, request.project, request.name, tracker);
    else if (request.kind === 'Stage') await reconcileStage(ctx, request.project, request.name, tracker);
    else await reconcilePromotion(ctx, request.project, request.name, tracker);
  } catch (error) {
    // What the pass read may no longer be what is stored (a write may have half happened).
    ctx.reads?.clear();
    const { issue, conflict } = issueOfError(error);
    tracker.issues.push(issue);
    // A conflict means someone else wrote: look again at once. Other failures back off a little.
    tracker.requeue(conflict ? 0 : 10_000);
    if (conflict) tracker.changed = true;
  }
  return {
    request,
    changed: tracker.changed,
    ...(tracker.requeueAfterMs !== undefined ? { requeueAfterMs: tracker.requeueAfterMs } : {}),
    issues: tracker.issues,
  };
}

async function projectsOf(ctx: ControllerContext): Promise<string[]> {
  if (ctx.options.projects !== undefined) return [...ctx.options.projects];
  const names = new Set<string>();
  for (const p of await listDocs(ctx, 'Project', undefined)) if (typeof p?.metadata?.name === 'string') names.add(p.metadata.name);
  for (const kind of ['Warehouse', 'Stage', 'Promotion'] as const) {
    for (const r of await listDocs(ctx, kind, undefined)) if (typeof r?.metadata?.namespace === 'string' && r.metadata.namespace !== '') names.add(r.metadata.namespace);
  }
  return [...names].sort();
}

function computeStageOrder(stages: readonly Doc[], warehouses: readonly Doc[]): string[] {
  const names = stages.map((s) => s.metadata.name as string);
  const graph = buildStageGraph({ stages, warehouses });
  if (!graph.ok) return [...names].sort();
  const known = new Set(names);
  const ordered = topologicalOrder(graph.value).stages.filter((n) => known.has(n));
  const placed = new Set(ordered);
  return [...ordered, ...names.filter((n) => !placed.has(n)).sort()];
}

/** What the order of a Project's Stages was computed from: Stage names and specs, Warehouse names. */
interface OrderInputs {
  readonly stages: readonly (readonly [unknown, unknown])[];
  readonly warehouses: readonly unknown[];
  readonly order: readonly string[];
}

const orderMemo = new WeakMap<ControllerOptions, Map<string, OrderInputs>>();

/**
 * The order to reconcile a Project's Stages in: upstream first. The graph reads only the Stages'
 * names and specs and the Warehouses' names, so the order of the last pass is kept while those
 * are the very same frozen objects (a status write leaves a stored spec as it was).
 */
function stageOrder(ctx: ControllerContext, project: string, stages: readonly Doc[], warehouses: readonly Doc[]): string[] {
  const stageInputs = stages.map((s) => [s?.metadata?.name, s?.spec] as const);
  const warehouseInputs = warehouses.map((w) => w?.metadata?.name);
  const frozen = stageInputs.every(([, spec]) => spec === undefined || spec === null || typeof spec !== 'object' || Object.isFrozen(spec));
  let memo = orderMemo.get(ctx.options);
  const last = memo?.get(project);
  if (
    frozen &&
    last !== undefined &&
    last.stages.length === stageInputs.length &&
    last.warehouses.length === warehouseInputs.length &&
    last.stages.every(([name, spec], i) => stageInputs[i]?.[0] === name && stageInputs[i]?.[1] === spec) &&
    last.warehouses.every((name, i) => warehouseInputs[i] === name)
  ) {
    return [...last.order];
  }
  const order = computeStageOrder(stages, warehouses);
  if (frozen) {
    if (memo === undefined) orderMemo.set(ctx.options, (memo = new Map()));
    memo.set(project, { stages: stageInputs, warehouses: warehouseInputs, order });
  }
  return order;
}

async function passOnce(controllerCtx: ControllerContext): Promise<ReconcilePass> {
  // Every reconcile of the pass shares one read of each kind (see PassReads).
  const ctx = withPassReads(controllerCtx);
  const outcomes: ReconcileOutcome[] = [];
  const nowMs = ctx.clock.now().getTime();
  try {
    await reconcileProjects(ctx, outcomes);
  } catch (error) {
    // Listing failed: report it and ask to be woken soon; what was reconciled stays reported.
    const pass = summarize(outcomes, nowMs);
    const retryAt = nowMs + 10_000;
    return { ...pass, nextWakeAt: Math.min(pass.nextWakeAt ?? retryAt, retryAt), issues: [issueOfError(error).issue] };
  }
  return summarize(outcomes, nowMs);
}

async function reconcileProjects(ctx: ControllerContext, outcomes: ReconcileOutcome[]): Promise<void> {
  for (const project of await projectsOf(ctx)) {
    const warehouses = await listDocs(ctx, 'Warehouse', project);
    for (const w of warehouses) outcomes.push(await reconcileOne(ctx, { kind: 'Warehouse', project, name: w.metadata.name }));
    const stages = await listDocs(ctx, 'Stage', project);
    // Before the Stages, so a Stage downstream of a deleted one sees the Freight as it now is.
    // Only here, after the Stages were listed: a failed list throws above and the rule is skipped.
    outcomes.push(...(await forgetDeletedStages(ctx, project, stages)));
    for (const name of stageOrder(ctx, project, stages, warehouses)) outcomes.push(await reconcileOne(ctx, { kind: 'Stage', project, name }));
    // Finished Promotions never change again: they are not reconciled (the Stages fold them in).
    const promotions = (await listUnfinishedPromotions(ctx, project)).map((p) => p.metadata.name as string).sort();
    for (const name of promotions) outcomes.push(await reconcileOne(ctx, { kind: 'Promotion', project, name }));
  }
}

function summarize(outcomes: readonly ReconcileOutcome[], nowMs: number): ReconcilePass {
  const wakes = outcomes.filter((o) => o.requeueAfterMs !== undefined).map((o) => nowMs + (o.requeueAfterMs as number));
  return {
    outcomes,
    changed: outcomes.some((o) => o.changed),
    ...(wakes.length > 0 ? { nextWakeAt: Math.min(...wakes) } : {}),
  };
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Creates a controller: Kargo's Warehouse, Stage and Promotion reconcilers over a store, built
 * from waybill's core. Every reconcile reads what is stored, decides with the core and writes
 * with the `resourceVersion` it read, so it is level-triggered (reconciling an unchanged world
 * writes nothing) and, with a manual clock and sequential ids, deterministic.
 */
export function createController(options: ControllerOptions): Controller {
  const ctx = createContext(options);
  const elector = options.leaderElection === undefined ? undefined : createLeaderElector({ ...options.leaderElection, clock: options.clock });

  // `beforePass` lets the run loop renew its Lease between passes, so a long settle never
  // outlives the leader's term; returning false stops the settle.
  const settle = async (settleOptions?: { readonly maxPasses?: number | undefined }, beforePass?: () => Promise<boolean>): Promise<ReconcilePass> => {
    const max = Math.max(1, settleOptions?.maxPasses ?? DEFAULT_MAX_SETTLE_PASSES);
    const all: ReconcileOutcome[] = [];
    let last: ReconcilePass | undefined;
    for (let n = 0; n < max; n++) {
      if (n > 0 && beforePass !== undefined && !(await beforePass())) break;
      last = await passOnce(ctx);
      all.push(...last.outcomes);
      if (!last.changed || last.issues !== undefined) break;
    }
    const pass = last ?? { outcomes: [], changed: false };
    return {
      outcomes: all,
      changed: all.some((o) => o.changed),
      ...(pass.nextWakeAt !== undefined ? { nextWakeAt: pass.nextWakeAt } : {}),
      ...(pass.issues !== undefined ? { issues: pass.issues } : {}),
    };
  };

  const run = async (runOptions: { readonly signal: AbortSignal; readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined }): Promise<void> => {
    const { signal } = runOptions;
    const sleep = runOptions.sleep ?? defaultSleep;
    const store = options.ports.store;
    let dirty = false;
    let wakeUp: (() => void) | undefined;
    const unsubscribe = store.subscribe?.(() => {
      dirty = true;
      wakeUp?.();
    });
    const renewEvery = elector === undefined ? undefined : Math.max(1000, Math.floor((options.leaderElection?.leaseDurationMs ?? 15_000) / 3));
    try {
      while (!signal.aborted) {
        let leading = true;
        if (elector !== undefined) leading = await elector.tryAcquireOrRenew();
        let wait: number;
        if (leading) {
          dirty = false;
          let renewedAt = options.clock.now().getTime();
          const keepLeading = async (): Promise<boolean> => {
            if (elector === undefined || renewEvery === undefined) return true;
            const now = options.clock.now().getTime();
            if (now - renewedAt < renewEvery) return elector.isLeader();
            renewedAt = now;
            return elector.tryAcquireOrRenew();
          };
          const pass = await settle(undefined, keepLeading);
          const now = options.clock.now().getTime();
          wait = pass.nextWakeAt !== undefined ? Math.max(0, pass.nextWakeAt - now) : unsubscribe !== undefined ? IDLE_RESYNC_MS : IDLE_POLL_MS;
          // Our own writes during the pass announced themselves; the pass already saw them.
          dirty = false;
        } else {
          wait = renewEvery ?? IDLE_POLL_MS;
        }
        if (renewEvery !== undefined) wait = Math.min(wait, renewEvery);
        if (signal.aborted) break;
        if (dirty) continue;
        const inner = new AbortController();
        const forward = (): void => inner.abort();
        signal.addEventListener('abort', forward, { once: true });
        wakeUp = () => inner.abort();
        try {
          await sleep(wait, inner.signal);
        } finally {
          wakeUp = undefined;
          signal.removeEventListener('abort', forward);
        }
      }
    } finally {
      unsubscribe?.();
      if (elector !== undefined && elector.isLeader()) await elector.release();
    }
  };

  return {
    reconcile: (request) => reconcileOne(ctx, request),
    reconcileAll: () => passOnce(ctx),
    settle: (settleOptions) => settle(settleOptions),
    promote: (request) => actions.promote(ctx, request),
    promoteDownstream: (request) => actions.promoteDownstream(ctx, request),
    approve: (request) => actions.approve(ctx, request),
    refresh: (request) => actions.refresh(ctx, request),
    reverify: (request) => actions.reverify(ctx, request),
    abortVerification: (request) => actions.abortVerification(ctx, request),
    abortPromotion: (request) => actions.abortPromotion(ctx, request),
    run,
    isLeader: () => (elector === undefined ? true : elector.isLeader()),
  };
}
