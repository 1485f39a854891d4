import { createIssue, type Issue } from '../errors/index.js';
import type { KargoKind, KargoResource } from '../model/index.js';
import type { Clock, IdSource, StoreFailure, StorePort } from '../ports/index.js';
import { indexFreight, isPromotionPhaseTerminal, type FreightIndex } from '../pipeline/index.js';
import { builtinSteps, createStepRegistry, type StepRegistry } from '../promotion/index.js';
import type { ControllerEvent, ControllerOptions } from './types.js';

/**
 * A stored Kargo resource as the controller handles it: plain JSON, read loosely, because the
 * store may hold resources written by other tools and every field is checked where it is used.
 */
export type Doc = any;

/** The refresh annotation (RFC 3339 of the request). */
export const REFRESH_ANNOTATION = 'kargo.akuity.io/refresh';

/** A store call failed: the reconcile stops and is retried. */
export class StoreCallError extends Error {
  constructor(readonly failure: StoreFailure) {
    super(failure.message);
  }
}

/** A write met a newer version of the resource: the reconcile stops and the resource is requeued. */
export class ConflictError extends Error {}

/** What one reconcile is collecting: whether it wrote, when to look again, what went wrong. */
export class Tracker {
  changed = false;
  /**
   * The reconcile asked a port something or took an id: its outcome depends on more than what is
   * stored and the time, so it cannot be known again without running it.
   */
  external = false;
  readonly issues: Issue[] = [];
  private wake: number | undefined;

  /** Asks to be reconciled again after `ms` (the earliest request wins). */
  requeue(ms: number): void {
    const at = Math.max(0, Math.ceil(ms));
    if (this.wake === undefined || at < this.wake) this.wake = at;
  }

  get requeueAfterMs(): number | undefined {
    return this.wake;
  }
}

/** Everything a reconciler needs. */
export interface ControllerContext {
  readonly options: ControllerOptions;
  readonly store: StorePort;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly steps: StepRegistry;
  /**
   * What this pass has read, when the reconcile runs inside a pass: every kind is listed from the
   * store once per pass and the controller's own writes update it, so later reconciles of the
   * same pass see them. Without it, every read goes to the store.
   */
  readonly reads?: PassReads | undefined;
  /** What the passes of this controller listed, carried from pass to pass (see {@link PassReads}). */
  readonly listed?: Map<string, ListedKind> | undefined;
  /** The quiet Stage reconciles of this controller, by Project and Stage (see {@link QuietReconcile}). */
  readonly quiet?: Map<string, QuietReconcile> | undefined;
  emit(event: Omit<ControllerEvent, 'at'>): void;
}

/**
 * A Stage reconcile that wrote nothing, created nothing, announced nothing, asked no port and
 * took no id: what it read and what it reported. Its outcome is a function of what it read and
 * the time alone, so a reconcile at the same instant that reads the very same (frozen, hence
 * unchanged) objects has the same outcome, and is answered with it instead of being run again.
 */
export interface QuietReconcile {
  readonly nowMs: number;
  readonly reads: readonly unknown[];
  readonly issues: readonly Issue[];
  readonly requeueAfterMs: number | undefined;
}

/** True when two lists of reads hold the very same objects, in the same order. */
export function sameReads(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}


const CLUSTER_SCOPED: ReadonlySet<string> = new Set(['Project', 'ClusterConfig', 'ClusterPromotionTask']);

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function namespaceOfDoc(doc: Doc): string {
  return typeof doc?.metadata?.namespace === 'string' ? doc.metadata.namespace : '';
}

function nameOfDoc(doc: Doc): string {
  return typeof doc?.metadata?.name === 'string' ? doc.metadata.name : '';
}

/** Store order: namespace, then name. */
function compareDocs(a: Doc, b: Doc): number {
  return compareText(namespaceOfDoc(a), namespaceOfDoc(b)) || compareText(nameOfDoc(a), nameOfDoc(b));
}

/** Where `doc` goes in `sorted` (store order), and whether one of its namespace and name is there. */
function placeOf(sorted: readonly Doc[], doc: Doc): { at: number; found: boolean } {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareDocs(sorted[mid], doc) < 0) lo = mid + 1;
    else hi = mid;
  }
  return { at: lo, found: lo < sorted.length && compareDocs(sorted[lo], doc) === 0 };
}

/** Puts `doc` into a list in store order, in place of the one of its namespace and name. */
function placeInto(sorted: Doc[], doc: Doc): void {
  const { at, found } = placeOf(sorted, doc);
  if (found) sorted[at] = doc;
  else sorted.splice(at, 0, doc);
}

/**
 * Freezes a resource all through, so that a reconcile that changed what it read (instead of
 * copying) fails loudly rather than changing what the rest of the pass reads. A part that is
 * frozen already counts as frozen all through (the memory store hands out such resources).
 */
function freezeDoc<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) freezeDoc((value as Record<string, unknown>)[key]);
  return value;
}

/** One listed kind in one namespace (or every namespace): its resources and indexes, kept up to date as the controller writes. */
export class ListedKind {
  /** Bumped on every change, so derived values know when to be rebuilt. */
  version = 0;
  private freight: { version: number; index: FreightIndex } | undefined;
  private readonly groups = new Map<string, { of: (doc: Doc) => string | undefined; buckets: Map<string, Doc[]> }>();

  constructor(readonly sorted: Doc[]) {}

  find(name: string, namespace: string): Doc | undefined {
    const { at, found } = placeOf(this.sorted, { metadata: { name, ...(namespace !== '' ? { namespace } : {}) } });
    return found ? this.sorted[at] : undefined;
  }

  put(doc: Doc): void {
    const { at, found } = placeOf(this.sorted, doc);
    const old = found ? this.sorted[at] : undefined;
    if (found) this.sorted[at] = doc;
    else this.sorted.splice(at, 0, doc);
    for (const group of this.groups.values()) {
      if (old !== undefined) {
        const before = group.buckets.get(group.of(old) ?? '\u0000');
        const i = before?.indexOf(old) ?? -1;
        if (before !== undefined && i >= 0) before.splice(i, 1);
      }
      const key = group.of(doc);
      if (key === undefined) continue;
      let bucket = group.buckets.get(key);
      if (bucket === undefined) group.buckets.set(key, (bucket = []));
      placeInto(bucket, doc);
    }
    this.version++;
  }

  /** Takes a resource out (by namespace and name), from the list and from every grouping. */
  remove(doc: Doc): void {
    const { at, found } = placeOf(this.sorted, doc);
    if (!found) return;
    const old = this.sorted[at];
    this.sorted.splice(at, 1);
    for (const group of this.groups.values()) {
      const bucket = group.buckets.get(group.of(old) ?? '\u0000');
      const i = bucket?.indexOf(old) ?? -1;
      if (bucket !== undefined && i >= 0) bucket.splice(i, 1);
    }
    this.version++;
  }

  /**
   * Brings what an earlier pass listed up to what the store lists now (`docs`, in strict store
   * order): resources that are the very same object stay, and only the others are put in or taken
   * out, so the groupings need not be built again. Afterwards the list holds exactly `docs`;
   * `false` (and nothing changed) when `docs` is not in strict store order.
   */
  catchUp(docs: readonly Doc[]): boolean {
    const old = this.sorted;
    const puts: Doc[] = [];
    const removes: Doc[] = [];
    let i = 0;
    let j = 0;
    // Two neighbours that are the same objects as two neighbours here are in order already; any
    // other pair is compared, and a list out of strict order is refused (nothing is changed).
    let matchedBefore = false;
    while (i < docs.length || j < old.length) {
      const d = docs[i];
      const o = old[j];
      if (i < docs.length && j < old.length && d === o) {
        // The first of a run of the same objects is compared with what comes before it; the rest
        // of the run is in order already (it is in order here). Most of a list is one long run.
        if (i > 0 && !matchedBefore && compareDocs(docs[i - 1], d) >= 0) return false;
        i++;
        j++;
        while (i < docs.length && j < old.length && docs[i] === old[j]) {
          i++;
          j++;
        }
        matchedBefore = true;
        continue;
      }
      if (i < docs.length && i > 0 && compareDocs(docs[i - 1], d) >= 0) return false;
      matchedBefore = false;
      if (i >= docs.length) {
        removes.push(o);
        j++;
      } else if (j >= old.length) {
        puts.push(d);
        i++;
      } else {
        const c = compareDocs(d, o);
        if (c <= 0) puts.push(d);
        if (c >= 0) {
          if (c > 0) removes.push(o);
          j++;
        }
        if (c <= 0) i++;
      }
    }
    for (const doc of removes) this.remove(doc);
    for (const doc of puts) this.put(freezeDoc(doc));
    return true;
  }

  /** The resources whose `of` is `key`, in store order; the grouping is built once and kept up to date. */
  grouped(name: string, of: (doc: Doc) => string | undefined, key: string): readonly Doc[] {
    let group = this.groups.get(name);
    if (group === undefined) {
      const buckets = new Map<string, Doc[]>();
      for (const doc of this.sorted) {
        const k = of(doc);
        if (k === undefined) continue;
        const bucket = buckets.get(k);
        if (bucket === undefined) buckets.set(k, [doc]);
        else bucket.push(doc);
      }
      group = { of, buckets };
      this.groups.set(name, group);
    }
    return [...(group.buckets.get(key) ?? [])];
  }

  freightIndex(): FreightIndex {
    if (this.freight === undefined || this.freight.version !== this.version) this.freight = { version: this.version, index: indexFreight(this.sorted) };
    return this.freight.index;
  }
}

/**
 * The reads of one pass. Each kind is listed from the store the first time a reconcile of the
 * pass needs it (one list call per kind and namespace instead of one per Stage); a `get` is
 * answered from that list. Every write the controller makes goes through {@link remember}, so
 * the pass reads its own writes exactly as it would read them back from the store. Writes by
 * anyone else during the pass are seen by the next pass: the controller writes with the
 * `resourceVersion` it read, so a stale read ends in a conflict and a retry, never in a lost write.
 */
export class PassReads {
  private readonly kinds = new Map<string, Promise<ListedKind>>();

  /**
   * `carried` holds what earlier passes listed: each new list from the store is compared with it
   * object by object, so a pass pays for what changed since, not for every resource again.
   */
  constructor(
    private readonly store: StorePort,
    private readonly carried?: Map<string, ListedKind>,
  ) {}

  private slot(kind: KargoKind, namespace: string | undefined): string {
    const ns = CLUSTER_SCOPED.has(kind) ? '' : namespace;
    return `${kind}\u0000${ns ?? '\u0000*'}`;
  }

  /** The listed kind, listing it from the store the first time. */
  listed(kind: KargoKind, namespace: string | undefined): Promise<ListedKind> {
    const slot = this.slot(kind, namespace);
    let found = this.kinds.get(slot);
    if (found === undefined) {
      found = (async () => {
        const ns = CLUSTER_SCOPED.has(kind) ? undefined : namespace;
        const result = await this.store.list(kind, ns === undefined ? {} : { namespace: ns });
        if (!result.ok) throw new StoreCallError(result.failure);
        const docs = result.value as readonly Doc[];
        const earlier = this.carried?.get(slot);
        if (earlier !== undefined && earlier.catchUp(docs)) return earlier;
        const fresh = docs.map(freezeDoc);
        const inOrder = fresh.every((d, i) => i === 0 || compareDocs(fresh[i - 1], d) < 0);
        if (!inOrder) fresh.sort(compareDocs);
        const listed = new ListedKind(fresh);
        // A list with two resources of one name (a store breaking its contract) is not carried.
        if (inOrder) this.carried?.set(slot, listed);
        else this.carried?.delete(slot);
        return listed;
      })();
      this.kinds.set(slot, found);
      // A failed list is not kept: the next read asks the store again.
      found.catch(() => {
        if (this.kinds.get(slot) === found) this.kinds.delete(slot);
      });
    }
    return found;
  }

  /**
   * Records a resource as the store now holds it, after a write or a fresh read: it replaces
   * what the pass read before in every list of its kind that was read already.
   */
  async remember(doc: Doc): Promise<void> {
    if (doc === undefined || doc === null || typeof doc.kind !== 'string') return;
    freezeDoc(doc);
    const kind = doc.kind as KargoKind;
    for (const slot of [this.slot(kind, namespaceOfDoc(doc)), this.slot(kind, undefined)]) {
      const listed = this.kinds.get(slot);
      if (listed !== undefined) (await listed).put(doc);
    }
  }

  /** Forgets everything read: the next read of every kind asks the store again and starts afresh. */
  clear(): void {
    this.kinds.clear();
    this.carried?.clear();
  }
}

/** A context whose reads are shared by the reconciles of one pass (see {@link PassReads}). */
export function withPassReads(ctx: ControllerContext): ControllerContext {
  return { ...ctx, reads: new PassReads(ctx.store, ctx.listed) };
}

/** Builds the context of a controller from its options. */
export function createContext(options: ControllerOptions): ControllerContext {
  const steps = options.steps ?? createStepRegistry(builtinSteps);
  return {
    options,
    store: options.ports.store,
    clock: options.clock,
    ids: options.ids,
    steps,
    quiet: new Map(),
    listed: new Map(),
    emit(event) {
      options.onEvent?.({ at: timeText(options.clock.now().getTime()), ...event });
    },
  };
}

/** RFC 3339 with whole seconds, as Kubernetes stores times. */
export function timeText(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** JSON with object keys sorted and `undefined` dropped: equal texts mean equal resources. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The JSON text a value becomes inside an array (where `undefined`, functions and symbols become `null`). */
function inArray(value: unknown): unknown {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol' ? null : value;
}

/** True when a property with this value shows in JSON (object keys holding these are dropped). */
function showsInJson(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/**
 * True when two values have the same {@link canonicalJson} text, found without writing it: parts
 * that are the same object (a status built from the one read shares most of it) are equal at once,
 * and the walk stops at the first difference. Anything with its own `toJSON` (a Date) is compared
 * by its text.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aObject = a !== null && typeof a === 'object';
  const bObject = b !== null && typeof b === 'object';
  if (!aObject || !bObject || typeof (a as { toJSON?: unknown }).toJSON === 'function' || typeof (b as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson(a) === canonicalJson(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(inArray(a[i]), inArray(b[i]))) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let shown = 0;
  for (const key of Object.keys(x)) {
    const value = x[key];
    if (!showsInJson(value)) continue;
    shown++;
    if (!Object.prototype.hasOwnProperty.call(y, key) || !showsInJson(y[key]) || !sameJson(value, y[key])) return false;
  }
  for (const key of Object.keys(y)) if (showsInJson(y[key])) shown--;
  return shown === 0;
}

/** A deep copy of plain JSON. */
export function cloneDoc<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * Reads one resource; `undefined` when it does not exist. Inside a pass it comes from the pass's
 * reads and is frozen: copy it before changing it.
 */
export async function getDoc(ctx: ControllerContext, kind: KargoKind, namespace: string, name: string): Promise<Doc | undefined> {
  if (ctx.reads !== undefined) return (await ctx.reads.listed(kind, namespace)).find(name, CLUSTER_SCOPED.has(kind) ? '' : namespace);
  return readFresh(ctx, kind, namespace, name);
}

/** Reads one resource from the store itself, past what the pass read (and updates the pass's reads). */
async function readFresh(ctx: ControllerContext, kind: KargoKind, namespace: string, name: string): Promise<Doc | undefined> {
  const result = await ctx.store.get(kind, { namespace, name });
  if (!result.ok) throw new StoreCallError(result.failure);
  const doc = result.value as Doc | undefined;
  if (doc !== undefined) await ctx.reads?.remember(doc);
  return doc;
}

/**
 * Lists the resources of a kind in a namespace (every namespace when `undefined`), in store
 * order. Inside a pass they come from the pass's reads and are frozen.
 */
export async function listDocs(ctx: ControllerContext, kind: KargoKind, namespace: string | undefined): Promise<Doc[]> {
  if (ctx.reads !== undefined) return [...(await ctx.reads.listed(kind, namespace)).sorted];
  const result = await ctx.store.list(kind, namespace === undefined ? {} : { namespace });
  if (!result.ok) throw new StoreCallError(result.failure);
  return [...result.value] as Doc[];
}

/** The Promotions of a Project for one Stage, in store order (inside a pass, from an index kept up to date). */
export async function listStagePromotions(ctx: ControllerContext, project: string, stage: string): Promise<readonly Doc[]> {
  if (ctx.reads !== undefined) {
    const listed = await ctx.reads.listed('Promotion', project);
    return listed.grouped('stage', (p) => (typeof p?.spec?.stage === 'string' ? p.spec.stage : undefined), stage);
  }
  return (await listDocs(ctx, 'Promotion', project)).filter((p) => p?.spec?.stage === stage);
}

/** The Promotions of a Project that have not finished, in store order (inside a pass, from an index kept up to date). */
export async function listUnfinishedPromotions(ctx: ControllerContext, project: string): Promise<readonly Doc[]> {
  const unfinished = (p: Doc): string | undefined => (isPromotionPhaseTerminal(p?.status?.phase) ? undefined : '');
  if (ctx.reads !== undefined) return (await ctx.reads.listed('Promotion', project)).grouped('unfinished', unfinished, '');
  return (await listDocs(ctx, 'Promotion', project)).filter((p) => unfinished(p) !== undefined);
}

/**
 * The Freight of a Project indexed for availability questions. Inside a pass the index is built
 * once and rebuilt only after a Freight is written; otherwise it is built from `freight`.
 */
export async function freightIndexOf(ctx: ControllerContext, project: string, freight: readonly Doc[]): Promise<FreightIndex> {
  if (ctx.reads !== undefined) return (await ctx.reads.listed('Freight', project)).freightIndex();
  return indexFreight(freight);
}

/** Creates a resource; `false` when one of that name exists already. */
export async function createDoc(ctx: ControllerContext, resource: KargoResource, tracker: Tracker): Promise<Doc | undefined> {
  const result = await ctx.store.create(resource);
  if (!result.ok) {
    if (result.failure.kind === 'already-exists') {
      // Someone else made it: what this pass read is out of date.
      ctx.reads?.clear();
      return undefined;
    }
    throw new StoreCallError(result.failure);
  }
  tracker.changed = true;
  await ctx.reads?.remember(result.value);
  return result.value as Doc;
}

/**
 * Writes a resource's status when it differs from the stored one, with the `resourceVersion` it
 * was read at. On a conflict it reads the resource again: when only its metadata moved (an
 * annotation was set meanwhile) the same status is written over the new version, so no computed
 * status is lost; when the status moved too, the reconcile stops with a {@link ConflictError}.
 * Returns the resource as stored afterwards.
 */
export async function writeStatus(ctx: ControllerContext, doc: Doc, status: unknown, tracker: Tracker): Promise<Doc> {
  if (sameJson(doc.status ?? null, status ?? null)) return doc;
  const kind = doc.kind as KargoKind;
  const ref = { namespace: doc.metadata?.namespace, name: doc.metadata?.name as string };
  let resourceVersion: string | undefined = doc.metadata?.resourceVersion;
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await ctx.store.updateStatus(kind, { ...ref, status, ...(resourceVersion !== undefined ? { resourceVersion } : {}) });
    if (result.ok) {
      tracker.changed = true;
      await ctx.reads?.remember(result.value);
      return result.value as Doc;
    }
    if (result.failure.kind !== 'conflict') throw new StoreCallError(result.failure);
    const fresh = await readFresh(ctx, kind, ref.namespace ?? '', ref.name);
    if (fresh === undefined || !sameJson(fresh.status ?? null, doc.status ?? null)) throw new ConflictError(result.failure.message);
    if (sameJson(fresh.status ?? null, status ?? null)) return fresh;
    resourceVersion = fresh.metadata?.resourceVersion;
  }
  throw new ConflictError(`${kind} "${ref.name}" kept changing while its status was written`);
}

/** Sets (or with `null`, removes) annotations on a resource, whatever its version. */
export async function annotate(ctx: ControllerContext, kind: KargoKind, namespace: string, name: string, annotations: Record<string, string | null>): Promise<Doc> {
  const result = await ctx.store.updateMetadata(kind, { namespace, name, annotations });
  if (!result.ok) throw new StoreCallError(result.failure);
  await ctx.reads?.remember(result.value);
  return result.value as Doc;
}

/** Turns what a reconcile threw into an issue (and whether to retry at once). */
export function issueOfError(error: unknown): { issue: Issue; conflict: boolean } {
  if (error instanceof ConflictError) return { issue: createIssue('CONTROLLER_CONFLICT', error.message, { severity: 'warning' }), conflict: true };
  if (error instanceof StoreCallError) return { issue: createIssue('CONTROLLER_STORE_FAILED', error.message), conflict: error.failure.kind === 'conflict' };
  const message = error instanceof Error ? error.message : String(error);
  return { issue: createIssue('CONTROLLER_RECONCILE_FAILED', message), conflict: false };
}

/** The annotations of a resource. */
export function annotationsOf(doc: Doc): Record<string, string> {
  const annotations = doc?.metadata?.annotations;
  return annotations !== null && typeof annotations === 'object' ? (annotations as Record<string, string>) : {};
}

/** A copy of a plain JSON object, or an empty one for anything else (a status edited by hand may be anything). */
export function recordOf(value: unknown): Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}
