import { WaybillError } from '../../errors/index.js';
import { matchesLabelSelector } from '../../promotion/index.js';
import type {
  ArgoCDApplication,
  ArgoCDApplicationSource,
  ArgoCDOperation,
  ClusterPort,
  GetApplicationRequest,
  ListApplicationsRequest,
  PatchApplicationRequest,
  PortFailure,
  PortResult,
} from '../../ports/index.js';
import { cancelledFailure, injectedFailure, type InjectedFailure } from './registry.js';

/** How a sync in a {@link MemoryCluster} ends. */
export interface MemorySyncOutcome {
  /** Default `Succeeded`. */
  readonly phase?: 'Succeeded' | 'Failed' | 'Error' | undefined;
  /** The operation's message (Argo CD's wording for a success by default). */
  readonly message?: string | undefined;
  /** The health the Application reports once the sync is over (default: `Healthy` after a success, unchanged otherwise). */
  readonly health?: string | undefined;
}

/** Options of {@link createMemoryCluster}. */
export interface MemoryClusterOptions {
  /**
   * How many reads of an Application (`getApplication` or `listApplications`) a sync takes to
   * finish after it was started: the Nth read sees it finished (default 1: the next read).
   * `'manual'`: syncs finish only through {@link MemoryCluster.completeSync}.
   */
  readonly syncAfterReads?: number | 'manual' | undefined;
  /** The times stamped on operations and refreshes (default: a logical clock from 2026-01-01T00:00:00Z, one second per event). */
  readonly now?: (() => Date | string) | undefined;
  /** The revision a source syncs to (default: its `targetRevision`, else `HEAD`). */
  readonly resolveRevision?: ((source: ArgoCDApplicationSource) => string) | undefined;
}

/** A change made through `patchApplication`, as recorded by a {@link MemoryCluster}. */
export type RecordedPatch = Omit<PatchApplicationRequest, 'signal'>;

/** A {@link ClusterPort} held in memory: Argo CD Applications you seed, whose syncs you control. */
export interface MemoryCluster extends ClusterPort {
  /** Adds an Application (replacing one with the same namespace and name). */
  addApplication(app: ArgoCDApplication): void;
  /** A copy of an Application as it is now, without counting as a read. */
  application(namespace: string, name: string): ArgoCDApplication | undefined;
  /** Sets the health an Application reports, now. */
  setHealth(namespace: string, name: string, status: string, message?: string): void;
  /** Sets how the Application's next syncs end (default: Succeeded and Healthy). */
  setSyncOutcome(namespace: string, name: string, outcome: MemorySyncOutcome): void;
  /** Ends the Application's pending or running sync now; false when there is none. */
  completeSync(namespace: string, name: string, outcome?: MemorySyncOutcome): boolean;
  /** Makes every call about the Application (or, without a name, the namespace) fail until {@link MemoryCluster.heal}. */
  fail(namespace: string, name?: string, failure?: InjectedFailure): void;
  /** Ends an injected failure. */
  heal(namespace: string, name?: string): void;
  /** Every patch applied, in order. */
  readonly patches: readonly RecordedPatch[];
  /** Every sync started, in order. */
  readonly syncs: readonly { readonly namespace: string; readonly name: string; readonly operation: ArgoCDOperation }[];
  /** Every call made, in order: `getApplication ns/name`, `listApplications ns`, `patchApplication ns/name`. */
  readonly requests: readonly string[];
}

interface MutableApp {
  app: Record<string, unknown> & ArgoCDApplication;
  /** Reads left before the running sync finishes. */
  readsLeft?: number;
  outcome: MemorySyncOutcome;
}

const SUCCESS_MESSAGE = 'successfully synced (all tasks run)';
const LOGICAL_EPOCH = Date.parse('2026-01-01T00:00:00Z');

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function timeText(value: Date | string): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new WaybillError('INTERNAL', `the memory cluster's clock gave an invalid time: ${String(value)}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Creates an in-memory Argo CD: Applications you seed with `addApplication`, label selection,
 * patches that are recorded, and syncs that finish after a set number of reads (or when you say
 * so) with the outcome and health you choose. A started sync is first pending (`operation`),
 * then running (`status.operationState`), then finished with a sync result naming the revisions
 * its sources resolve to, `Synced` status and `reconciledAt` equal to its finish time.
 */
export function createMemoryCluster(options: MemoryClusterOptions = {}): MemoryCluster {
  const apps = new Map<string, MutableApp>();
  const failures = new Map<string, InjectedFailure>();
  const patches: RecordedPatch[] = [];
  const syncs: { namespace: string; name: string; operation: ArgoCDOperation }[] = [];
  const requests: string[] = [];
  const syncAfterReads = options.syncAfterReads ?? 1;
  if (syncAfterReads !== 'manual' && (!Number.isInteger(syncAfterReads) || syncAfterReads < 0)) {
    throw new WaybillError('INTERNAL', `syncAfterReads must be a whole number of reads or 'manual', got ${String(syncAfterReads)}`);
  }
  let ticks = 0;
  const now = (): string => {
    ticks += 1;
    return options.now === undefined ? timeText(new Date(LOGICAL_EPOCH + ticks * 1000)) : timeText(options.now());
  };
  const resolveRevision = options.resolveRevision ?? ((source: ArgoCDApplicationSource) => (source.targetRevision !== undefined && source.targetRevision !== '' ? source.targetRevision : 'HEAD'));
  const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`;
  const stored = (namespace: string, name: string): MutableApp => {
    const entry = apps.get(keyOf(namespace, name));
    if (entry === undefined) throw new WaybillError('INTERNAL', `the memory cluster has no Application ${namespace}/${name}`);
    return entry;
  };
  const statusOf = (entry: MutableApp): Record<string, unknown> => {
    const current: unknown = entry.app.status;
    // A seeded status that is not an object is replaced, as Argo CD would rewrite it.
    const status = (current !== null && typeof current === 'object' && !Array.isArray(current) ? current : {}) as Record<string, unknown>;
    (entry.app as Record<string, unknown>)['status'] = status;
    return status;
  };

  const finish = (entry: MutableApp, outcome: MemorySyncOutcome): void => {
    const status = statusOf(entry);
    const state = status['operationState'] as Record<string, unknown> | undefined;
    if (state === undefined) return;
    const phase = outcome.phase ?? 'Succeeded';
    const sources = entry.app.spec.sources !== undefined && entry.app.spec.sources.length > 0 ? entry.app.spec.sources : entry.app.spec.source !== undefined ? [entry.app.spec.source] : [];
    const revisions = sources.map(resolveRevision);
    const multi = entry.app.spec.sources !== undefined && entry.app.spec.sources.length > 0;
    const syncResult = multi ? { revisions } : { revision: revisions[0] ?? '' };
    const finishedAt = now();
    status['operationState'] = { ...state, phase, message: outcome.message ?? (phase === 'Succeeded' ? SUCCESS_MESSAGE : `one or more objects failed to apply`), finishedAt, syncResult };
    status['reconciledAt'] = finishedAt;
    if (phase === 'Succeeded') {
      status['sync'] = { status: 'Synced', ...syncResult };
      status['health'] = { status: outcome.health ?? 'Healthy' };
    } else {
      status['sync'] = { ...((status['sync'] as object | undefined) ?? {}), status: 'OutOfSync' };
      if (outcome.health !== undefined) status['health'] = { status: outcome.health };
    }
    delete entry.readsLeft;
  };

  const start = (entry: MutableApp): boolean => {
    const operation = entry.app.operation;
    if (operation === undefined) return false;
    const status = statusOf(entry);
    status['operationState'] = { operation, phase: 'Running', startedAt: now() };
    delete (entry.app as Record<string, unknown>)['operation'];
    return true;
  };

  // A read is when Argo CD's progress shows: a pending operation starts, a running one may finish.
  const read = (entry: MutableApp): void => {
    if (entry.app.operation !== undefined) start(entry);
    if (entry.readsLeft === undefined) return;
    entry.readsLeft -= 1;
    if (entry.readsLeft <= 0) finish(entry, entry.outcome);
  };

  const precheck = (options: { signal?: AbortSignal | undefined }, subject: string, keys: readonly string[]): PortFailure | undefined => {
    requests.push(subject);
    const cancelled = cancelledFailure(options, subject);
    if (cancelled !== undefined) return cancelled;
    for (const key of keys) {
      const injected = failures.get(key);
      if (injected !== undefined) return injectedFailure(subject, injected);
    }
    return undefined;
  };
  const notFound = (namespace: string, name: string): { ok: false; failure: PortFailure } => ({
    ok: false,
    failure: { kind: 'not-found', message: `Argo CD Application ${namespace}/${name} not found`, retryable: false, status: 404 },
  });

  return {
    addApplication(app) {
      const name = app?.metadata?.name;
      const namespace = app?.metadata?.namespace;
      if (typeof name !== 'string' || name === '' || typeof namespace !== 'string' || namespace === '') {
        throw new WaybillError('INTERNAL', 'an Application needs metadata.name and metadata.namespace');
      }
      const copy = clone(app) as MutableApp['app'];
      const entry: MutableApp = { app: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', ...copy, spec: copy.spec ?? {} }, outcome: {} };
      apps.set(keyOf(namespace, name), entry);
    },
    application(namespace, name) {
      const entry = apps.get(keyOf(namespace, name));
      return entry === undefined ? undefined : clone(entry.app);
    },
    setHealth(namespace, name, status, message) {
      statusOf(stored(namespace, name))['health'] = { status, ...(message === undefined ? {} : { message }) };
    },
    setSyncOutcome(namespace, name, outcome) {
      stored(namespace, name).outcome = { ...outcome };
    },
    completeSync(namespace, name, outcome) {
      const entry = stored(namespace, name);
      if (entry.app.operation !== undefined) start(entry);
      const state = statusOf(entry)['operationState'] as { finishedAt?: string } | undefined;
      if (state === undefined || state.finishedAt !== undefined) return false;
      finish(entry, outcome ?? entry.outcome);
      return true;
    },
    fail(namespace, name, failure = {}) {
      failures.set(name === undefined ? `${namespace}/*` : keyOf(namespace, name), failure);
    },
    heal(namespace, name) {
      failures.delete(name === undefined ? `${namespace}/*` : keyOf(namespace, name));
    },
    get patches() {
      return patches;
    },
    get syncs() {
      return syncs;
    },
    get requests() {
      return requests;
    },
    async getApplication(request: GetApplicationRequest): Promise<PortResult<ArgoCDApplication>> {
      const failure = precheck(request, `getApplication ${request.namespace}/${request.name}`, [`${request.namespace}/*`, keyOf(request.namespace, request.name)]);
      if (failure !== undefined) return { ok: false, failure };
      const entry = apps.get(keyOf(request.namespace, request.name));
      if (entry === undefined) return notFound(request.namespace, request.name);
      read(entry);
      return { ok: true, value: clone(entry.app) };
    },
    async listApplications(request: ListApplicationsRequest): Promise<PortResult<readonly ArgoCDApplication[]>> {
      const failure = precheck(request, `listApplications ${request.namespace}`, [`${request.namespace}/*`]);
      if (failure !== undefined) return { ok: false, failure };
      const found: ArgoCDApplication[] = [];
      for (const entry of apps.values()) {
        if (entry.app.metadata.namespace !== request.namespace || !matchesLabelSelector(request.selector ?? {}, entry.app.metadata.labels)) continue;
        read(entry);
        found.push(clone(entry.app));
      }
      found.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
      return { ok: true, value: found };
    },
    async patchApplication(request: PatchApplicationRequest): Promise<PortResult<ArgoCDApplication>> {
      const failure = precheck(request, `patchApplication ${request.namespace}/${request.name}`, [`${request.namespace}/*`, keyOf(request.namespace, request.name)]);
      if (failure !== undefined) return { ok: false, failure };
      const entry = apps.get(keyOf(request.namespace, request.name));
      if (entry === undefined) return notFound(request.namespace, request.name);
      const { signal: _signal, ...recorded } = request;
      patches.push(clone(recorded));
      const app = entry.app as Record<string, unknown> & { spec: Record<string, unknown> };
      if (request.sources !== undefined) {
        const multi = Array.isArray(app.spec['sources']) && (app.spec['sources'] as unknown[]).length > 0;
        if (multi) app.spec['sources'] = clone(request.sources);
        else if (request.sources[0] !== undefined) app.spec['source'] = clone(request.sources[0]);
      }
      if (request.refresh !== undefined) {
        // Argo CD picks the refresh up and drops the annotation; the memory cluster does so at once.
        statusOf(entry)['reconciledAt'] = now();
      }
      if (request.operation !== undefined) {
        app['operation'] = clone(request.operation);
        delete statusOf(entry)['operationState'];
        syncs.push({ namespace: request.namespace, name: request.name, operation: clone(request.operation) });
        if (syncAfterReads === 'manual') delete entry.readsLeft;
        else if (syncAfterReads === 0) {
          start(entry);
          finish(entry, entry.outcome);
        } else entry.readsLeft = syncAfterReads;
      }
      return { ok: true, value: clone(entry.app) };
    },
  };
}
