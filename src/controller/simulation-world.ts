import {
  createManualClock,
  createMemoryChartRepository,
  createMemoryCluster,
  createMemoryGit,
  createMemoryGitWorkspace,
  createMemoryHttp,
  createMemoryPullRequests,
  createMemoryRegistry,
  createMemoryStore,
  createMemoryVerification,
  type ManualClock,
  type MemoryChartRepository,
  type MemoryCluster,
  type MemoryGit,
  type MemoryRegistry,
  type MemoryStore,
  type MemoryVerification,
  type MemoryVerificationOutcome,
} from '../adapters/memory/index.js';
import { parseGoDuration } from '../pipeline/index.js';
import { createIssue, type Issue } from '../errors/index.js';
import type { KargoResource } from '../model/index.js';
import type { ArgoCDApplication, IdSource, StartVerificationRequest } from '../ports/index.js';
import type { StepPorts } from '../promotion/index.js';
import type { PromotionPortsRequest } from './types.js';
import { createSimulationIds } from './simulation-ids.js';
import type { SimulationEventOf, SimulationScript, SimulationSetup } from './simulation-script.js';
import { formatSimulationTime } from './simulation-time.js';

/** The in-memory world a simulation runs in. */
export interface SimulationWorld {
  readonly project: string;
  readonly clock: ManualClock;
  readonly ids: IdSource;
  readonly store: MemoryStore;
  readonly registry: MemoryRegistry;
  readonly git: MemoryGit;
  readonly charts: MemoryChartRepository;
  readonly cluster: MemoryCluster;
  readonly verification: MemoryVerification;
  /** The ports each Promotion's steps get: a fresh work directory over the shared Git. */
  readonly steps: (request: PromotionPortsRequest) => StepPorts;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const FINAL = new Set(['Successful', 'Failed', 'Error', 'Aborted', 'Inconclusive']);

/**
 * Builds the world: a manual clock at `startMs`, the store seeded with `resources`, and the
 * memory registry, Git, chart repositories, Argo CD and verification. Verifications of a Stage
 * that the script sends `verification-result` events for keep running until such an event; all
 * others succeed at once.
 */
export function createSimulationWorld(project: string, resources: readonly KargoResource[], script: SimulationScript, startMs: number): SimulationWorld {
  const clock = createManualClock(startMs);
  const nowMs = () => clock.now().getTime();
  const ids = createSimulationIds(nowMs);
  const store = createMemoryStore({ clock });
  store.load(resources);
  const registry = createMemoryRegistry();
  const git = createMemoryGit();
  const charts = createMemoryChartRepository();
  // Argo CD resolves a branch to the commit at its head, which is what argocd-update compares
  // with the revision it asked for.
  const cluster = createMemoryCluster({
    now: () => clock.now(),
    resolveRevision: (source) => {
      const target = source.targetRevision ?? '';
      if (/^[0-9a-f]{40}$/.test(target)) return target;
      const head = source.repoURL === undefined ? undefined : git.branchHead(source.repoURL, target === '' || target === 'HEAD' ? undefined : target);
      return head ?? (target === '' ? 'HEAD' : target);
    },
  });
  const waitsForResult = new Set((script.events ?? []).filter((e): e is SimulationEventOf<'verification-result'> => e.type === 'verification-result').map((e) => e.stage));
  const configured = new Map((script.setup?.verifications ?? []).map((v) => [v.stage, v]));
  const verification = createMemoryVerification({
    clock,
    ids: createSimulationIds(nowMs),
    decide: (request: StartVerificationRequest): MemoryVerificationOutcome => {
      const setup = configured.get(request.stage);
      if (setup === undefined) return waitsForResult.has(request.stage) ? { phase: 'Running' } : { phase: 'Successful' };
      const after = setup.after === undefined ? undefined : parseGoDuration(setup.after);
      return { phase: setup.phase ?? 'Successful', ...(after?.ok ? { afterMs: after.value } : {}) };
    },
  });
  const pullRequests = createMemoryPullRequests(git, { now: () => clock.now() });
  const http = createMemoryHttp(() => ({ status: 200, body: {} }));
  const steps = (_request: PromotionPortsRequest): StepPorts => {
    const workspace = createMemoryGitWorkspace(git);
    return { workTree: workspace.workDir, git: workspace, cluster, pullRequests, http };
  };
  return { project, clock, ids, store, registry, git, charts, cluster, verification, steps };
}

/** The newest run of a Stage's verification that is not final, if any. */
export function runningVerification(world: SimulationWorld, stage: string): string | undefined {
  const runs = world.verification.runs().filter((r) => r.request.project === world.project && r.request.stage === stage && !FINAL.has(r.phase));
  return runs[runs.length - 1]?.id;
}

/** The earliest time a running verification is expected to end by itself, if any. */
export function nextVerificationFinish(world: SimulationWorld): number | undefined {
  let next: number | undefined;
  for (const run of world.verification.runs()) {
    if (FINAL.has(run.phase) || run.expectedFinishAt === undefined) continue;
    const ms = Date.parse(run.expectedFinishAt);
    if (Number.isFinite(ms) && (next === undefined || ms < next)) next = ms;
  }
  return next;
}

/** Runs an adapter call that throws on bad input, turning the throw into an issue. */
export function tryAdapter(path: readonly (string | number)[], action: () => void): Issue | undefined {
  try {
    action();
    return undefined;
  } catch (e) {
    return createIssue('SIMULATION_SETUP_INVALID', e instanceof Error ? e.message : String(e), { path });
  }
}

/**
 * Puts what `setup` declares into the world: images, commits (and tags), charts and Argo CD
 * Applications. Applications that Stages update with `argocd-update` by a literal name are added
 * too when the setup leaves them out, so a pipeline runs without listing them.
 */
export function seedWorld(world: SimulationWorld, setup: SimulationSetup | undefined, resources: readonly KargoResource[]): Issue[] {
  const issues: Issue[] = [];
  const now = formatSimulationTime(world.clock.now().getTime());
  const push = (issue: Issue | undefined) => {
    if (issue !== undefined) issues.push(issue);
  };
  (setup?.images ?? []).forEach((image, i) => push(tryAdapter(['setup', 'images', i], () => pushImage(world, image, now))));
  (setup?.commits ?? []).forEach((commit, i) => push(tryAdapter(['setup', 'commits', i], () => pushCommit(world, commit, now))));
  (setup?.charts ?? []).forEach((chart, i) => push(tryAdapter(['setup', 'charts', i], () => world.charts.push(chart.repoURL, { ...(chart.name ? { name: chart.name } : {}), version: chart.version }))));
  const declared = new Set<string>();
  const named = argocdApplicationsOf(resources);
  (setup?.applications ?? []).forEach((app, i) => {
    const namespace = app.namespace ?? 'argocd';
    declared.add(`${namespace}/${app.name}`);
    // Without a Stage named, the one whose argocd-update step updates the Application may.
    const stage = app.stage ?? named.find((n) => n.name === app.name && n.namespace === namespace)?.stage;
    push(tryAdapter(['setup', 'applications', i], () => world.cluster.addApplication(applicationOf(world.project, { ...app, namespace, ...(stage ? { stage } : {}) }))));
  });
  for (const { stage, name, namespace, repoURL } of named) {
    if (declared.has(`${namespace}/${name}`)) continue;
    declared.add(`${namespace}/${name}`);
    world.cluster.addApplication(applicationOf(world.project, { name, namespace, stage, ...(repoURL ? { repoURL } : {}) }));
  }
  return issues;
}

/** Pushes an image as a script describes it (setup or event). */
export function pushImage(world: SimulationWorld, image: Omit<SimulationEventOf<'image-pushed'>, 'at' | 'type' | 'note' | 'notify'>, now: string): void {
  world.registry.push(image.repoURL, {
    tag: image.tag,
    createdAt: image.createdAt ?? now,
    ...(image.digest ? { digest: image.digest } : {}),
    ...(image.annotations ? { annotations: image.annotations } : {}),
    ...(image.platforms ? { platforms: image.platforms.map((p) => ({ os: p.os, arch: p.arch, ...(p.variant ? { variant: p.variant } : {}), ...(p.digest ? { digest: p.digest } : {}), ...(p.createdAt ? { createdAt: p.createdAt } : {}) })) } : {}),
  });
}

/** Adds a commit (and its tag) as a script describes it; returns the commit id. */
export function pushCommit(world: SimulationWorld, commit: Omit<SimulationEventOf<'commit-pushed'>, 'at' | 'type' | 'note' | 'notify'>, now: string): string {
  const subject = commit.message?.split('\n')[0];
  const id = world.git.commit(commit.repoURL, {
    date: commit.date ?? now,
    ...(commit.branch ? { branch: commit.branch } : {}),
    ...(commit.id ? { id: commit.id } : {}),
    ...(subject ? { subject } : {}),
    ...(commit.message ? { message: commit.message } : {}),
    ...(commit.author ? { author: commit.author } : {}),
    ...(commit.files ? { files: commit.files } : {}),
    ...(commit.paths ? { paths: commit.paths } : {}),
  });
  if (commit.tag) world.git.tag(commit.repoURL, { tag: commit.tag, commit: id });
  return id;
}

function applicationOf(
  project: string,
  app: { name: string; namespace: string; stage?: string | undefined; repoURL?: string | undefined; targetRevision?: string | undefined; path?: string | undefined; health?: string | undefined; labels?: Record<string, string> | undefined; annotations?: Record<string, string> | undefined },
): ArgoCDApplication {
  const source = { repoURL: app.repoURL ?? 'https://git.example.com/config.git', ...(app.targetRevision ? { targetRevision: app.targetRevision } : {}), ...(app.path ? { path: app.path } : {}) };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: app.name,
      namespace: app.namespace,
      ...(app.labels ? { labels: app.labels } : {}),
      annotations: { 'kargo.akuity.io/authorized-stage': `${project}:${app.stage ?? app.name}`, ...(app.annotations ?? {}) },
    },
    spec: { source },
    status: { health: { status: app.health ?? 'Healthy' }, sync: { status: 'Synced' } },
  } as ArgoCDApplication;
}

/** The Argo CD Applications Stages name literally in `argocd-update` steps. */
function argocdApplicationsOf(resources: readonly KargoResource[]): { stage: string; name: string; namespace: string; repoURL?: string }[] {
  const out: { stage: string; name: string; namespace: string; repoURL?: string }[] = [];
  for (const resource of resources) {
    if (resource.kind !== 'Stage') continue;
    const stage = String(asObj(resource.metadata)['name'] ?? '');
    const steps = asArr(asObj(asObj(asObj(asObj(resource)['spec'])['promotionTemplate'])['spec'])['steps']);
    for (const step of steps) {
      const s = asObj(step);
      if (s['uses'] !== 'argocd-update') continue;
      for (const app of asArr(asObj(s['config'])['apps'])) {
        const a = asObj(app);
        const name = a['name'];
        const namespace = a['namespace'] ?? 'argocd';
        if (typeof name !== 'string' || name.includes('${{') || typeof namespace !== 'string' || namespace.includes('${{')) continue;
        const source = asObj(asArr(a['sources'])[0]);
        const repoURL = typeof source['repoURL'] === 'string' && !source['repoURL'].includes('${{') ? source['repoURL'] : undefined;
        out.push({ stage, name, namespace, ...(repoURL ? { repoURL } : {}) });
      }
    }
  }
  return out;
}
