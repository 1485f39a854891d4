import { forgetStageInFreight } from '../pipeline/index.js';
import { issueOfError, listDocs, Tracker, writeStatus, type ControllerContext, type Doc } from './context.js';
import type { ReconcileOutcome } from './types.js';

/** The status maps of a Freight that are keyed by Stage name. */
const STAGE_MAPS = ['verifiedIn', 'approvedFor', 'currentlyIn'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The Stage names a Freight's status mentions, in any of its Stage-keyed maps. */
function stagesNamedBy(freight: Doc): Set<string> {
  const names = new Set<string>();
  const status = freight?.status;
  if (!isRecord(status)) return names;
  for (const key of STAGE_MAPS) {
    const map = status[key];
    if (isRecord(map)) for (const name of Object.keys(map)) names.add(name);
  }
  return names;
}

/**
 * The Freight without any entry for the given Stages. The pipeline's `forgetStageInFreight`
 * removes what Kargo's Stage finalizer removes (`verifiedIn`, `approvedFor`); the `currentlyIn`
 * entry is dropped here as well, since no Stage is left to hold the Freight.
 */
function withoutStages(freight: Doc, stages: readonly string[]): Doc {
  let next: Doc = freight;
  for (const stage of stages) next = forgetStageInFreight(next, stage);
  const currentlyIn = next?.status?.currentlyIn;
  if (isRecord(currentlyIn) && stages.some((s) => Object.hasOwn(currentlyIn, s))) {
    // fromEntries defines own properties, so even a hand-written `__proto__` key is kept as data.
    const kept = Object.fromEntries(Object.entries(currentlyIn).filter(([key]) => !stages.includes(key)));
    next = { ...next, status: { ...next.status, currentlyIn: kept } };
  }
  return next;
}

/**
 * Kargo's Stage finalizer as a level rule. Kargo clears a deleted Stage's `verifiedIn` and
 * `approvedFor` entries from every Freight of its Project before the Stage goes; waybill keeps
 * no finalizers, so each pass looks instead for Freight whose status names a Stage that the
 * Project no longer has, and writes that Freight without those entries (and without its
 * `currentlyIn` entry): one write per Freight, with the `resourceVersion` it was read at.
 * A second pass finds nothing to remove and writes nothing.
 *
 * `stages` must be the Project's Stages as listed from the store: a failed list never reaches
 * here (listing throws), so a Stage missing from `stages` is truly absent. A Stage that is being
 * deleted but still stored (a `deletionTimestamp` held by a finalizer) is still present.
 *
 * One outcome is reported per absent Stage, as the reconcile of that (deleted) Stage; a Freight
 * naming several absent Stages is written once, in the outcome of the first of them by name.
 */
export async function forgetDeletedStages(ctx: ControllerContext, project: string, stages: readonly Doc[]): Promise<ReconcileOutcome[]> {
  const present = new Set<string>();
  for (const s of stages) if (typeof s?.metadata?.name === 'string') present.add(s.metadata.name);
  const freightList = await listDocs(ctx, 'Freight', project);

  const work: { freight: Doc; absent: string[] }[] = [];
  const trackers = new Map<string, Tracker>();
  for (const freight of freightList) {
    const absent = [...stagesNamedBy(freight)].filter((name) => !present.has(name)).sort();
    if (absent.length === 0) continue;
    work.push({ freight, absent });
    for (const name of absent) if (!trackers.has(name)) trackers.set(name, new Tracker());
  }

  for (const { freight, absent } of work) {
    const first = absent[0] as string;
    const tracker = trackers.get(first) as Tracker;
    const name = String(freight?.metadata?.name ?? '');
    try {
      const next = withoutStages(freight, absent);
      const before = tracker.changed;
      tracker.changed = false;
      await writeStatus(ctx, freight, next?.status ?? {}, tracker);
      const wrote = tracker.changed;
      tracker.changed ||= before;
      if (!wrote) continue;
      for (const stage of absent) {
        (trackers.get(stage) as Tracker).changed = true;
        ctx.emit({
          reason: 'FreightStageForgotten',
          kind: 'Freight',
          project,
          name,
          message: `Stage "${stage}" no longer exists: its verification, approval and current entries were removed from Freight "${name}"`,
          details: { stage },
        });
      }
    } catch (error) {
      // As for any reconcile: what the pass read may be out of date; the next pass looks again.
      ctx.reads?.clear();
      const { issue, conflict } = issueOfError(error);
      tracker.issues.push(issue);
      tracker.requeue(conflict ? 0 : 10_000);
      if (conflict) tracker.changed = true;
      break;
    }
  }

  return [...trackers.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, tracker]) => ({
      request: { kind: 'Stage' as const, project, name },
      changed: tracker.changed,
      ...(tracker.requeueAfterMs !== undefined ? { requeueAfterMs: tracker.requeueAfterMs } : {}),
      issues: tracker.issues,
    }));
}
