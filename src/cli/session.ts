import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitWorkspace, type GitWorkspace } from '../adapters/git/index.js';
import { createManualClock, createMemoryStore, type ManualClock, type MemoryStore } from '../adapters/memory/index.js';
import { createController, type Controller, type ControllerEvent, type PromotionPortsRequest } from '../controller/index.js';
import type { Issue } from '../errors/index.js';
import type { Clock, IdSource, StorePort } from '../ports/index.js';
import { builtinSteps, createStepRegistry, type StepPorts, type StepRegistry } from '../promotion/index.js';
import { matchesLocation } from './config-ports.js';
import type { CliIo } from './io.js';
import { writeStateFile } from './state.js';
import type { World } from './world.js';

/** What a step reports while a Promotion runs. */
export interface StepProgress {
  readonly promotion: string;
  /** 0-based position in the Promotion's steps. */
  readonly index: number;
  readonly alias: string;
  readonly uses: string;
  /** `undefined` when the step starts; its status when it has run. */
  readonly status?: string | undefined;
  readonly message?: string | undefined;
}

/** A controller over the command's world, and how to keep what it did. */
export interface Session {
  readonly controller: Controller;
  readonly store: StorePort;
  readonly clock: Clock;
  /** True when time is `--now` and only moves when the session moves it. */
  readonly virtual: boolean;
  readonly events: readonly ControllerEvent[];
  /** Moves the clock: to `ms` when time is virtual; otherwise waits until then (at most `maxWaitMs`). */
  waitUntil(ms: number, maxWaitMs: number): Promise<void>;
  /** Writes the state file (for manifests and a state file); does nothing for a cluster. */
  save(): void;
  /** Removes the temporary work directories of promotion runs. */
  close(): Promise<void>;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(value: number, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = (CROCKFORD[rest % 32] as string) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * ULIDs for Promotion names: the time part from the clock, the rest a counter that starts past
 * the Promotions already stored, so names sort in creation order (Kargo's Promotion queue relies
 * on it) and the same command on the same state names the same Promotion.
 */
export function createCommandIds(now: () => number, start: number): IdSource {
  let counter = start;
  let last = 0;
  return {
    next: () => {
      last = Math.max(last, Math.floor(now()));
      counter += 1;
      return `${base32(last, 10)}${base32(counter, 16)}`;
    },
  };
}

/** A step registry whose steps report when they start and finish. */
function watchSteps(registry: StepRegistry, report: (p: StepProgress) => void): StepRegistry {
  return {
    has: (uses) => registry.has(uses),
    names: () => registry.names(),
    get: (uses) => {
      const def = registry.get(uses);
      if (def === undefined) return undefined;
      return {
        ...def,
        run: async (config, context) => {
          report({ promotion: context.promotion, index: context.index, alias: context.alias, uses });
          const result = await def.run(config, context);
          report({ promotion: context.promotion, index: context.index, alias: context.alias, uses, status: result.status, message: result.message });
          return result;
        },
      };
    },
  };
}

/** Options of {@link openSession}. */
export interface SessionOptions {
  readonly world: World;
  readonly io: CliIo;
  readonly now: Date;
  /** True when `--now` was given: the clock stands still unless the session moves it. */
  readonly virtual: boolean;
  /** Only this Project. */
  readonly project: string;
  /** Git credentials for promotion steps, by repository URL. */
  readonly gitCredentials?: (repoURL: string) => { username: string; password: string } | undefined;
  readonly onStep?: ((progress: StepProgress) => void) | undefined;
}

/** A store over the world, and how to keep what was written to it. */
export interface OpenedStore {
  readonly store: StorePort;
  /** Writes the state file (for manifests and a state file); does nothing for a cluster. */
  save(): void;
}

/**
 * The store of a world: for manifests, an in-memory store loaded with the manifests and the state
 * file, saved back to the state file; for a cluster (or an injected store), that store.
 */
export function openStore(world: World, clock: Clock): OpenedStore {
  if (world.kind !== 'files') return { store: world.store, save: () => undefined };
  const memory: MemoryStore = createMemoryStore({ clock });
  memory.load(world.resources);
  return { store: memory, save: () => writeStateFile(world.statePath, memory.snapshot()) };
}

/**
 * Builds a controller over the world (see {@link openStore}). Promotion steps get a real work
 * directory and real Git (or the ports the program injected).
 */
export async function openSession(options: SessionOptions): Promise<Session> {
  const { world, io } = options;
  const manual: ManualClock | undefined = options.virtual ? createManualClock(options.now) : undefined;
  const clock: Clock = manual ?? { now: () => new Date() };
  const opened = openStore(world, clock);
  const store = opened.store;
  const existing = await store.list('Promotion', { namespace: options.project });
  const ids = createCommandIds(() => clock.now().getTime(), existing.ok ? existing.value.length : 0);
  const events: ControllerEvent[] = [];
  const workDirs: string[] = [];
  const workspaces: GitWorkspace[] = [];
  const steps = async (request: PromotionPortsRequest): Promise<StepPorts> => {
    if (io.ports?.steps !== undefined) return io.ports.steps(request);
    const workDir = await mkdtemp(join(tmpdir(), 'waybill-promotion-'));
    workDirs.push(workDir);
    const credentials = options.gitCredentials;
    const workspace = createGitWorkspace({ workDir, ...(credentials === undefined ? {} : { credentials }) });
    workspaces.push(workspace);
    return { git: workspace, workTree: workspace.workDirTree, ...(world.kind === 'store' && world.cluster !== undefined ? { cluster: world.cluster } : {}) };
  };
  const registry = createStepRegistry(builtinSteps);
  const controller = createController({
    ports: { store, steps },
    clock,
    ids,
    projects: [options.project],
    steps: options.onStep === undefined ? registry : watchSteps(registry, options.onStep),
    onEvent: (event) => void events.push(event),
  });
  return {
    controller,
    store,
    clock,
    virtual: manual !== undefined,
    events,
    waitUntil: async (ms, maxWaitMs) => {
      if (manual !== undefined) {
        manual.set(new Date(Math.max(ms, manual.now().getTime())));
        return;
      }
      const wait = Math.min(Math.max(0, ms - Date.now()), maxWaitMs);
      await new Promise((resolve) => setTimeout(resolve, wait));
    },
    save: opened.save,
    close: async () => {
      for (const w of workspaces) await w.close().catch(() => undefined);
      for (const dir of workDirs) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** Git credentials from the configuration's `git` entries and the environment. */
export function gitCredentialsFrom(entries: readonly { url: string; usernameEnv?: string | undefined; passwordEnv?: string | undefined; tokenEnv?: string | undefined }[] | undefined, env: Readonly<Record<string, string | undefined>>): (repoURL: string) => { username: string; password: string } | undefined {
  return (repoURL) => {
    const entry = (entries ?? []).find((e) => matchesLocation(e.url, repoURL));
    if (entry === undefined) return undefined;
    const read = (name: string | undefined): string | undefined => (name === undefined || env[name] === undefined || env[name] === '' ? undefined : env[name]);
    const password = read(entry.passwordEnv) ?? read(entry.tokenEnv);
    return password === undefined ? undefined : { username: read(entry.usernameEnv) ?? 'x-access-token', password };
  };
}

/** Issues that mean the store could not be read or written, rather than a refusal. */
export function isStoreFailure(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.code === 'CONTROLLER_STORE_FAILED');
}
