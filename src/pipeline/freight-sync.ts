import { nameOf } from './origin.js';
import { createIssue, type Issue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { listAvailableFreight } from './availability.js';
import { freightCollectionReferences } from './freight-collection.js';
import { isFreightCurrentlyIn, isFreightVerifiedIn } from './freight-soak.js';
import { markFreightCurrentIn, markFreightVerifiedIn, removeFreightCurrentIn } from './freight-status.js';
import { isVerificationPhaseTerminal } from './promotion-sync.js';
import type { FreightLike, NowOptions, StageLike, TimeInput } from './types.js';

/** The Freight a status update changed: new objects, in the order they were changed. */
export interface FreightChanges<F extends FreightLike> {
  readonly updated: readonly F[];
}

/**
 * Brings Freight's `currentlyIn` in line with a Stage's current collection, as Kargo's Stage
 * reconciler does on every pass: Freight that left the collection gets its residency closed
 * (recording its soak if it is verified there), and Freight in the collection that is not yet
 * marked gets `since: now`. Returns only the Freight that changed. A collection entry naming
 * Freight that is not given is `PIPELINE_FREIGHT_NOT_FOUND`.
 */
export function syncFreightCurrentIn<F extends FreightLike>(stage: StageLike, freight: readonly F[], opts: NowOptions): Result<FreightChanges<F>> {
  const stageName = nameOf(stage);
  const namespace = stage?.metadata?.namespace ?? '';
  const current = freightCollectionReferences(stage?.status?.freightHistory?.[0] ?? undefined);
  const currentNames = new Set(current.map((r) => r.name ?? ''));
  const byName = new Map<string, F>();
  for (const f of freight) if (f) byName.set(nameOf(f), f);
  const updated = new Map<string, F>();
  const issues: Issue[] = [];
  for (const f of freight) {
    if (!f || !isFreightCurrentlyIn(f, stageName) || currentNames.has(nameOf(f))) continue;
    const left = removeFreightCurrentIn(f, stageName, opts);
    if (!left.ok) return left;
    updated.set(nameOf(f), left.value);
  }
  for (const ref of current) {
    const name = ref.name ?? '';
    const f = byName.get(name);
    if (!f) {
      issues.push(createIssue('PIPELINE_FREIGHT_NOT_FOUND', `Freight "${name}" not found in namespace "${namespace}"`, { path: ['status', 'freightHistory', 0, 'items'] }));
      continue;
    }
    const entered = markFreightCurrentIn(f, stageName, opts);
    if (!entered.ok) return entered;
    if (entered.value !== f) updated.set(name, entered.value);
  }
  return issues.length > 0 ? err(issues) : ok({ updated: [...updated.values()] });
}

/**
 * Marks the Freight of a Stage's current collection verified in the Stage, when Kargo would: the
 * Stage is Healthy, no verification of the collection is still running, and the newest one is
 * `Successful`. Each piece not yet verified there gets `verifiedAt` = that verification's finish
 * time. Verification is never revoked by a later failure. Returns only the Freight that changed.
 */
export function markCurrentFreightVerified<F extends FreightLike>(stage: StageLike, freight: readonly F[]): Result<FreightChanges<F>> {
  const stageName = nameOf(stage);
  const current = stage?.status?.freightHistory?.[0];
  if (!current || stage?.status?.health?.status !== 'Healthy') return ok({ updated: [] });
  const history = current.verificationHistory ?? [];
  if (history.some((v) => !isVerificationPhaseTerminal(v?.phase))) return ok({ updated: [] });
  const newest = history[0] as { phase?: string; finishTime?: TimeInput | null } | undefined;
  if (!newest || newest.phase !== 'Successful') return ok({ updated: [] });
  const names = new Set(freightCollectionReferences(current).map((r) => r.name ?? ''));
  const updated: F[] = [];
  for (const f of freight) {
    if (!f || !names.has(nameOf(f)) || isFreightVerifiedIn(f, stageName)) continue;
    const marked = markFreightVerifiedIn(f, stageName, { verifiedAt: newest.finishTime ?? null });
    if (!marked.ok) return marked;
    updated.push(marked.value);
  }
  return ok({ updated });
}

/**
 * What a control-flow Stage (one without promotion steps) does on each pass: every piece of
 * Freight available to it counts as verified in it at `now`, so its downstream Stages can take
 * it. Such Stages never hold Freight, so Freight never soaks in them. Returns only the Freight
 * that changed.
 */
export function verifyControlFlowFreight<F extends FreightLike>(stage: StageLike, freight: readonly F[], opts: NowOptions): Result<FreightChanges<F>> {
  const stageName = nameOf(stage);
  const updated: F[] = [];
  for (const f of listAvailableFreight(stage, freight, opts)) {
    if (isFreightVerifiedIn(f, stageName)) continue;
    const marked = markFreightVerifiedIn(f, stageName, { verifiedAt: opts?.now });
    if (!marked.ok) return marked;
    updated.push(marked.value);
  }
  return ok({ updated });
}
