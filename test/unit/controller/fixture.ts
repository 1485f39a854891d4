import {
  createManualClock,
  createMemoryGit,
  createMemoryGitWorkspace,
  createMemoryRegistry,
  createMemoryStore,
  createMemoryVerification,
  type ManualClock,
  type MemoryGit,
  type MemoryRegistry,
  type MemoryStore,
  type MemoryVerification,
  type MemoryVerificationOutcome,
} from '../../../src/adapters/memory/index.js';
import { createController, type Controller, type ControllerEvent, type ControllerOptions } from '../../../src/controller/index.js';
import type { KargoResource } from '../../../src/model/index.js';
import type { IdSource, StartVerificationRequest, StorePort } from '../../../src/ports/index.js';
import type { StepPorts } from '../../../src/promotion/index.js';

export const PROJECT = 'kargo-demo';
export const REPO = 'https://github.com/example/kargo-demo.git';
export const IMAGE = 'ghcr.io/example/guestbook';
export const START = '2026-03-01T10:00:00Z';
const VALUES = (env: string): string => `# ${env}\nimage:\n  repository: ghcr.io/example/guestbook\n  tag: 0.0.0\nreplicas: 1\n`;

/** Ids that sort in the order they are handed out (zero-padded counters). */
export function sortedIds(prefix = ''): IdSource {
  let n = 0;
  return { next: () => `${prefix}${String(++n).padStart(6, '0')}` };
}

/** The promotion template of the quickstart shape: edit `env/<stage>/values.yaml` on main. */
export function templateSteps(): unknown[] {
  return [
    { uses: 'git-clone', config: { repoURL: REPO, checkout: [{ branch: 'main', path: './repo' }] } },
    { uses: 'yaml-update', as: 'update', config: { path: './repo/env/${{ ctx.stage }}/values.yaml', updates: [{ key: 'image.tag', value: '${{ imageFrom(vars.imageRepo).Tag }}' }] } },
    { uses: 'git-commit', as: 'commit', config: { path: './repo', message: '${{ outputs.update.commitMessage }}' } },
    { uses: 'git-push', as: 'push', config: { path: './repo', targetBranch: 'main' } },
  ];
}

interface StageOptions {
  readonly upstream?: string | undefined;
  readonly soak?: string | undefined;
  readonly verification?: unknown;
  readonly steps?: unknown[] | undefined;
}

/** A Stage of the quickstart shape: direct from the Warehouse, or from one upstream Stage. */
export function stage(name: string, options: StageOptions = {}): KargoResource {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: PROJECT },
    spec: {
      requestedFreight: [
        {
          origin: { kind: 'Warehouse', name: PROJECT },
          sources: options.upstream === undefined ? { direct: true } : { stages: [options.upstream], ...(options.soak !== undefined ? { requiredSoakTime: options.soak } : {}) },
        },
      ],
      ...(options.steps !== undefined && options.steps.length === 0
        ? {}
        : { promotionTemplate: { spec: { vars: [{ name: 'imageRepo', value: IMAGE }], steps: options.steps ?? templateSteps() } } }),
      ...(options.verification !== undefined ? { verification: options.verification } : {}),
    },
  } as unknown as KargoResource;
}

/** The quickstart's resources: Project, ProjectConfig (dev auto-promoted), Warehouse, dev, staging, prod. */
export function quickstartResources(overrides: { stages?: KargoResource[] } = {}): KargoResource[] {
  return [
    { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: PROJECT } },
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'ProjectConfig',
      metadata: { name: PROJECT, namespace: PROJECT },
      spec: { promotionPolicies: [{ stageSelector: { name: 'dev' }, autoPromotionEnabled: true }] },
    },
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: PROJECT, namespace: PROJECT },
      spec: { interval: '5m0s', subscriptions: [{ image: { repoURL: IMAGE, constraint: '^1.0.0', discoveryLimit: 5 } }] },
    },
    ...(overrides.stages ?? [stage('dev'), stage('staging', { upstream: 'dev' }), stage('prod', { upstream: 'staging' })]),
  ] as unknown as KargoResource[];
}

/** Everything a controller test works with. */
export interface World {
  readonly clock: ManualClock;
  readonly store: MemoryStore;
  readonly registry: MemoryRegistry;
  readonly git: MemoryGit;
  readonly verification: MemoryVerification;
  readonly events: ControllerEvent[];
  readonly ids: IdSource;
  /** Pushes that reached the remote, as `[branch, commit]`. */
  readonly pushes: () => number;
  readonly controller: Controller;
  /** A new controller on the same store and ports (a restart). */
  restart(store?: StorePort): Controller;
  readonly stepPorts: (request: { promotion: string }) => StepPorts;
}

/** Builds a world: a store holding `resources`, a registry with guestbook 1.0.0, a GitOps repository. */
export function world(options: { resources?: KargoResource[]; decide?: (r: StartVerificationRequest) => MemoryVerificationOutcome; controller?: Partial<ControllerOptions> } = {}): World {
  const clock = createManualClock(START);
  const store = createMemoryStore({ clock });
  store.load(options.resources ?? quickstartResources());
  const registry = createMemoryRegistry();
  registry.push(IMAGE, { tag: '1.0.0', createdAt: '2026-02-01T00:00:00Z' });
  const git = createMemoryGit();
  git.commit(REPO, { subject: 'initial', files: { 'env/dev/values.yaml': VALUES('dev'), 'env/staging/values.yaml': VALUES('staging'), 'env/prod/values.yaml': VALUES('prod') } });
  const ids = sortedIds();
  const verification = createMemoryVerification({ clock, ids: sortedIds('run-'), ...(options.decide ? { decide: options.decide } : {}) });
  const events: ControllerEvent[] = [];
  const workspaces = new Map<string, ReturnType<typeof createMemoryGitWorkspace>>();
  const stepPorts = (request: { promotion: string }): StepPorts => {
    // One work directory per Promotion, kept across runs, so a resumed run finds its checkout.
    let ws = workspaces.get(request.promotion);
    if (ws === undefined) {
      ws = createMemoryGitWorkspace(git);
      workspaces.set(request.promotion, ws);
    }
    return { workTree: ws.workDir, git: ws };
  };
  const make = (s: StorePort): Controller =>
    createController({
      ports: { store: s, registry, git, verification, steps: stepPorts },
      clock,
      ids,
      onEvent: (e) => events.push(e),
      ...(options.controller ?? {}),
    });
  const pushes = (): number => {
    // Commits on main after the initial one: each push of a promotion adds exactly one.
    let count = 0;
    let at = git.branchHead(REPO, 'main');
    while (at !== undefined) {
      const parents = git.parentsOf(REPO, at) ?? [];
      if (parents.length === 0) break;
      count++;
      at = parents[0];
    }
    return count;
  };
  return { clock, store, registry, git, verification, events, ids, pushes, controller: make(store), restart: (s = store) => make(s), stepPorts };
}

/** A stored resource, read loosely. */
export function get(w: World, kind: string, name: string): Record<string, any> {
  const found = w.store.snapshot().find((r) => r.kind === kind && r.metadata.name === name);
  return found as unknown as Record<string, any>;
}

/** Every stored resource of a kind. */
export function all(w: World, kind: string): Record<string, any>[] {
  return w.store.snapshot().filter((r) => r.kind === kind) as unknown as Record<string, any>[];
}

/** The values file of an environment on main. */
export function deployedTag(w: World, env: string): string | undefined {
  const files = w.git.readFiles(REPO, 'main');
  const text = files?.[`env/${env}/values.yaml`];
  return text?.match(/tag: (\S+)/)?.[1];
}
