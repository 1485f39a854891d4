import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createMemoryCluster, type MemoryCluster, type MemoryClusterOptions } from '../../../src/adapters/memory/index.js';
import type { ArgoCDApplication, ClusterPort } from '../../../src/ports/index.js';
import { builtinSteps, createStepRegistry, runPromotionToEnd, validateStepConfig, withPromotionStatus } from '../../../src/promotion/index.js';
import type { PromotionRunStatus, RunnablePromotion, StepPorts } from '../../../src/promotion/index.js';
import type { PromotionStep } from '../../../src/model/index.js';

const steps = createStepRegistry(builtinSteps);
const GIT = 'https://github.com/example/gitops.git';
const T0 = '2026-01-01T00:00:00Z';

function app(name: string, extra: { annotation?: string | null; labels?: Record<string, string>; spec?: ArgoCDApplication['spec']; status?: ArgoCDApplication['status']; namespace?: string } = {}): ArgoCDApplication {
  const annotation = extra.annotation === undefined ? 'demo:dev' : extra.annotation;
  return {
    metadata: {
      name,
      namespace: extra.namespace ?? 'argocd',
      ...(extra.labels === undefined ? {} : { labels: extra.labels }),
      ...(annotation === null ? {} : { annotations: { 'kargo.akuity.io/authorized-stage': annotation } }),
    },
    spec: extra.spec ?? { source: { repoURL: GIT, path: 'env/dev', targetRevision: 'main' } },
    ...(extra.status === undefined ? {} : { status: extra.status }),
  };
}

function clusterWith(apps: ArgoCDApplication[], options: MemoryClusterOptions = {}): MemoryCluster {
  const cluster = createMemoryCluster(options);
  for (const a of apps) cluster.addApplication(a);
  return cluster;
}

function promotion(list: PromotionStep[], annotations: Record<string, string> = {}): RunnablePromotion {
  return { metadata: { name: 'dev.01abc.f00d', namespace: 'demo', annotations }, spec: { stage: 'dev', freight: 'f00d', steps: list } };
}

function run(p: RunnablePromotion, ports: StepPorts, opts: { now?: string; maxRuns?: number } = {}): Promise<PromotionRunStatus> {
  return runPromotionToEnd(p, {}, { steps, ports, now: opts.now ?? T0, maxRuns: opts.maxRuns ?? 1 });
}

const update = (config: unknown): PromotionStep => ({ uses: 'argocd-update', as: 'update', config: config as Record<string, unknown> });
const wait = (config: unknown): PromotionStep => ({ uses: 'argocd-wait', as: 'wait', config: config as Record<string, unknown> });
const meta = (s: PromotionRunStatus, i = 0) => s.stepExecutionMetadata[i];

describe('argocd-update', () => {
  it('points an authorized Application at the desired revision, syncs it, and succeeds once the sync applied it', async () => {
    const cluster = clusterWith([app('my-app')]);
    const p = promotion([update({ apps: [{ name: 'my-app', sources: [{ repoURL: GIT, desiredRevision: 'abc123', updateTargetRevision: true }] }] })]);
    const first = await run(p, { cluster });
    expect(first.phase).toBe('Running');
    expect(meta(first)?.status).toBe('Running');
    expect(cluster.patches).toHaveLength(1);
    expect(cluster.patches[0]).toMatchObject({ namespace: 'argocd', name: 'my-app', refresh: 'hard', sources: [{ repoURL: GIT, path: 'env/dev', targetRevision: 'abc123' }] });
    expect(cluster.syncs[0]?.operation).toEqual({
      initiatedBy: { username: 'kargo-controller', automated: true },
      info: [
        { name: 'Reason', value: 'Promotion triggered a sync of this Application resource.' },
        { name: 'kargo.akuity.io/promotion', value: 'dev.01abc.f00d' },
      ],
      sync: { revisions: [] },
    });

    const done = await run(withPromotionStatus(p, first), { cluster });
    expect(done.phase).toBe('Succeeded');
    expect(cluster.syncs).toHaveLength(1);
    expect(done.state['update']).toEqual({ apps: [{ name: 'my-app', namespace: 'argocd' }] });
    expect(done.healthChecks).toEqual([{ uses: 'argocd-update', config: { apps: [{ name: 'my-app', namespace: 'argocd', desiredRevisions: ['abc123'] }] } }]);
    expect(cluster.application('argocd', 'my-app')?.status?.operationState?.phase).toBe('Succeeded');
  });

  it('suggests looking again in 10 seconds while the sync runs', async () => {
    const cluster = clusterWith([app('my-app')], { syncAfterReads: 3 });
    const p = promotion([update({ apps: [{ name: 'my-app' }] })]);
    let status = await run(p, { cluster });
    status = await run(withPromotionStatus(p, status), { cluster });
    expect(status.phase).toBe('Running');
    expect(cluster.syncs).toHaveLength(1);
    const final = await runPromotionToEnd(withPromotionStatus(p, status), {}, { steps, ports: { cluster }, now: T0, maxRuns: 5, wait: async (ms) => void expect(ms).toBe(10_000) });
    expect(final.phase).toBe('Succeeded');
    expect(cluster.syncs).toHaveLength(1);
  });

  it('starts the sync as the person who asked for the promotion, so that sync windows apply', async () => {
    const cluster = clusterWith([app('my-app', { spec: { source: { repoURL: GIT, targetRevision: 'main' }, syncPolicy: { syncOptions: ['CreateNamespace=true'], retry: { limit: 2 } } } })]);
    await run(promotion([update({ apps: [{ name: 'my-app' }] })], { 'kargo.akuity.io/create-actor': 'email:alice@example.com' }), { cluster });
    expect(cluster.syncs[0]?.operation).toMatchObject({ initiatedBy: { username: 'email:alice@example.com', automated: false }, sync: { revisions: [], syncOptions: ['CreateNamespace=true'] }, retry: { limit: 2 } });
  });

  it('refuses to touch an Application that does not name the Stage in its authorized-stage annotation', async () => {
    for (const annotation of [null, 'demo:prod', 'other:dev']) {
      const cluster = clusterWith([app('my-app', { annotation })]);
      const s = await run(promotion([update({ apps: [{ name: 'my-app' }] })]), { cluster });
      expect(s.phase).toBe('Errored');
      expect(meta(s)?.message).toContain('Argo CD Application "my-app" in namespace "argocd" is not authorized');
      expect(meta(s)?.message).toContain('does not permit mutation by Kargo Stage dev in namespace demo');
      expect(cluster.patches).toEqual([]);
    }
  });

  it('accepts a comma-separated list of Stages and refuses a glob with a clear reason', async () => {
    const listed = clusterWith([app('my-app', { annotation: ' demo:prod , demo:dev ' })]);
    const ok = await run(promotion([update({ apps: [{ name: 'my-app' }] })]), { cluster: listed }, { maxRuns: 3 });
    expect(ok.phase).toBe('Succeeded');
    const glob = clusterWith([app('my-app', { annotation: 'demo:*' })]);
    const s = await run(promotion([update({ apps: [{ name: 'my-app' }] })]), { cluster: glob });
    expect(meta(s)?.message).toContain('unable to parse value of annotation "kargo.akuity.io/authorized-stage" ("demo:*")');
    expect(glob.patches).toEqual([]);
  });

  it('with a selector updates only the authorized matches, and errors when there are none', async () => {
    const cluster = clusterWith([
      app('a', { labels: { team: 'platform' } }),
      app('b', { labels: { team: 'platform' }, annotation: 'demo:prod' }),
      app('c', { labels: { team: 'apps' } }),
    ]);
    const s = await run(promotion([update({ apps: [{ selector: { matchLabels: { team: 'platform' } } }] })]), { cluster }, { maxRuns: 3 });
    expect(s.phase).toBe('Succeeded');
    expect(cluster.syncs.map((x) => x.name)).toEqual(['a']);
    expect(s.state['update']).toEqual({ apps: [{ name: 'a', namespace: 'argocd' }] });

    const none = await run(promotion([update({ apps: [{ selector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['platform'] }], matchLabels: { tier: 'x' } } }] })]), { cluster });
    expect(meta(none)?.message).toContain('no Argo CD Applications found matching selector in namespace "argocd"');
    const unauthorized = clusterWith([app('x', { labels: { team: 'platform' }, annotation: null }), app('y', { labels: { team: 'platform' }, annotation: 'demo:prod' })]);
    const refused = await run(promotion([update({ apps: [{ selector: { matchLabels: { team: 'platform' } } }] })]), { cluster: unauthorized });
    expect(meta(refused)?.message).toContain('found 2 Application(s) matching selector in namespace "argocd", but none are authorized for Stage demo:dev');
  });

  it('errors when the sync fails, with Argo CD\'s message', async () => {
    const cluster = clusterWith([app('my-app')]);
    cluster.setSyncOutcome('argocd', 'my-app', { phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully' });
    const s = await run(promotion([update({ apps: [{ name: 'my-app' }] })]), { cluster }, { maxRuns: 3 });
    expect(s.phase).toBe('Errored');
    expect(meta(s)?.message).toContain('Argo CD Application "my-app" in namespace "argocd" failed with: one or more synchronization tasks completed unsuccessfully');
    expect(s.healthChecks).toBeUndefined();
  });

  it('times out after 5 minutes by default', async () => {
    const cluster = clusterWith([app('my-app')], { syncAfterReads: 'manual' });
    const p = promotion([update({ apps: [{ name: 'my-app' }] })]);
    const first = await run(p, { cluster });
    const later = await run(withPromotionStatus(p, first), { cluster }, { now: '2026-01-01T00:04:59Z' });
    expect(later.phase).toBe('Running');
    const late = await run(withPromotionStatus(p, later), { cluster }, { now: '2026-01-01T00:05:01Z' });
    expect(late.phase).toBe('Errored');
    expect(meta(late)?.message).toBe('step "update" timed out after 5m0s');
  });

  it('waits for an operation someone else started instead of starting its own', async () => {
    const running = { operation: { initiatedBy: { username: 'bob' } }, phase: 'Running', startedAt: T0 };
    const cluster = clusterWith([app('my-app', { status: { operationState: running } })]);
    const s = await run(promotion([update({ apps: [{ name: 'my-app' }] })]), { cluster });
    expect(s.phase).toBe('Running');
    expect(meta(s)?.message).toContain('current operation was initiated by "bob": waiting for operation to complete');
    expect(cluster.patches).toEqual([]);
  });

  it('does not start a second sync while its own is still pending in Argo CD', async () => {
    const cluster = clusterWith([app('my-app')], { syncAfterReads: 'manual' });
    const p = promotion([update({ apps: [{ name: 'my-app' }] })]);
    const first = await run(p, { cluster });
    // Looking without a read keeps the operation pending, as it is until Argo CD picks it up.
    const pending = cluster.application('argocd', 'my-app');
    expect(pending?.operation).toBeDefined();
    const patches: unknown[] = [];
    const stalled: ClusterPort = {
      getApplication: async () => ({ ok: true, value: pending as ArgoCDApplication }),
      listApplications: async () => ({ ok: true, value: [] }),
      patchApplication: async (request) => {
        patches.push(request);
        return { ok: true, value: pending as ArgoCDApplication };
      },
    };
    const again = await run(withPromotionStatus(p, first), { cluster: stalled });
    expect(again.phase).toBe('Running');
    expect(patches).toEqual([]);
    // Someone else's pending operation is waited for too, with a word about it.
    const foreign = { ...(pending as ArgoCDApplication), operation: { initiatedBy: { username: 'bob' } } };
    const waiting = await run(p, { cluster: { ...stalled, getApplication: async () => ({ ok: true, value: foreign }) } });
    expect(meta(waiting)?.message).toContain('an operation requested by "bob" is pending');
    expect(patches).toEqual([]);
  });

  it('re-syncs when a finished sync of this promotion applied another revision', async () => {
    const finished = { operation: { info: [{ name: 'kargo.akuity.io/promotion', value: 'dev.01abc.f00d' }] }, phase: 'Succeeded', finishedAt: T0, syncResult: { revision: 'old' } };
    const cluster = clusterWith([app('my-app', { status: { operationState: finished } })]);
    const p = promotion([update({ apps: [{ name: 'my-app', sources: [{ repoURL: GIT, desiredRevision: 'new', updateTargetRevision: true }] }] })]);
    const s = await run(p, { cluster }, { maxRuns: 3 });
    expect(s.phase).toBe('Succeeded');
    expect(cluster.syncs).toHaveLength(1);
    expect(cluster.application('argocd', 'my-app')?.status?.operationState?.syncResult).toEqual({ revision: 'new' });
  });

  it('sets Helm parameters and Kustomize images on the sources they match', async () => {
    const cluster = clusterWith([
      app('multi', {
        spec: {
          sources: [
            { repoURL: 'https://charts.example.com', chart: 'demo', targetRevision: '1.0.0', helm: { parameters: [{ name: 'image.tag', value: '1.0.0', forceString: true }, { name: 'keep', value: 'me' }], valueFiles: ['v.yaml'] } },
            { repoURL: 'https://github.com/example/gitops', path: 'k', targetRevision: 'main', kustomize: { images: ['old:1'], namePrefix: 'p-' } },
          ],
        },
      }),
    ]);
    const config = {
      apps: [
        {
          name: 'multi',
          sources: [
            { repoURL: 'https://charts.example.com', chart: 'demo', desiredRevision: '2.0.0', updateTargetRevision: true, helm: { images: [{ key: 'image.tag', value: '2.0.0' }, { key: 'image.repository', value: 'ghcr.io/x/y' }] } },
            { repoURL: GIT, desiredRevision: 'abc', kustomize: { images: [{ repoURL: 'nginx', newName: 'my/nginx', tag: '1.27' }, { repoURL: 'redis', digest: 'sha256:d1' }] } },
          ],
        },
      ],
    };
    const s = await run(promotion([update(config)]), { cluster }, { maxRuns: 3 });
    const sources = cluster.patches[0]?.sources;
    expect(sources?.[0]).toEqual({ repoURL: 'https://charts.example.com', chart: 'demo', targetRevision: '2.0.0', helm: { parameters: [{ name: 'image.tag', value: '2.0.0' }, { name: 'keep', value: 'me' }, { name: 'image.repository', value: 'ghcr.io/x/y' }], valueFiles: ['v.yaml'] } });
    // The Git source is written without .git and still matches; its target revision stays, as updateTargetRevision is unset.
    expect(sources?.[1]).toEqual({ repoURL: 'https://github.com/example/gitops', path: 'k', targetRevision: 'main', kustomize: { images: ['nginx=my/nginx:1.27', 'redis@sha256:d1'], namePrefix: 'p-' } });
    // The memory cluster syncs "main" to "main", not to "abc": the promotion keeps re-syncing and never succeeds.
    expect(s.phase).toBe('Running');
    expect(cluster.syncs.length).toBeGreaterThan(1);
  });

  it('errors when no source of the Application matches an update, and leaves it alone', async () => {
    const cluster = clusterWith([app('my-app')]);
    const s = await run(promotion([update({ apps: [{ name: 'my-app', sources: [{ repoURL: 'https://github.com/other/repo', desiredRevision: 'x' }] }] })]), { cluster });
    expect(meta(s)?.message).toContain('no source of Argo CD Application "my-app" in namespace "argocd" matched update for source with repoURL https://github.com/other/repo');
    expect(cluster.patches).toEqual([]);
  });

  it('checks that source updates apply to every selected Application before it changes any', async () => {
    const cluster = clusterWith([app('a', { labels: { t: 'x' } }), app('b', { labels: { t: 'x' }, spec: { source: { repoURL: 'https://github.com/other/repo' } } })]);
    const s = await run(promotion([update({ apps: [{ selector: { matchLabels: { t: 'x' } }, sources: [{ repoURL: GIT, desiredRevision: 'x' }] }] })]), { cluster });
    expect(meta(s)?.message).toContain('selected Applications must have compatible sources; 1 incompatible. No Applications were updated:\nApplication "b" in namespace "argocd"');
    expect(cluster.patches).toEqual([]);
  });

  it('errors when the Application is missing, the cluster fails, or no cluster port is given', async () => {
    const cluster = clusterWith([app('my-app')]);
    const missing = await run(promotion([update({ apps: [{ name: 'nope', namespace: 'apps' }] })]), { cluster });
    expect(meta(missing)?.message).toContain('unable to find Argo CD Application "nope" in namespace "apps"');
    cluster.fail('argocd', 'my-app', { kind: 'transport', message: 'connection reset' });
    const failing = await run(promotion([update({ apps: [{ name: 'my-app' }] })]), { cluster });
    expect(meta(failing)?.message).toContain('error finding Argo CD Application "my-app" in namespace "argocd": connection reset');
    const none = await run(promotion([update({ apps: [{ name: 'my-app' }] })]), {});
    expect(none.phase).toBe('Errored');
    expect(meta(none)?.message).toContain('argocd-update needs access to Argo CD: pass ports.cluster to runPromotion');
  });

  it('has Kargo\'s strict config', () => {
    const issues = (config: unknown) => validateStepConfig(steps, 'argocd-update', config).map((i) => i.path.join('.'));
    expect(issues({ apps: [{ name: 'a', sources: [{ repoURL: GIT, desiredRevision: 'x', updateTargetRevision: true }] }] })).toEqual([]);
    expect(issues({ apps: [] })).toEqual(['apps']);
    expect(issues({ apps: [{ name: 'a', selector: { matchLabels: { a: 'b' } } }] })).toEqual(['apps.0']);
    expect(issues({ apps: [{}] })).toEqual(['apps.0']);
    expect(issues({ apps: [{ selector: {} }] })).toEqual(['apps.0.selector']);
    expect(issues({ apps: [{ name: 'a', sources: [{ repoURL: GIT, updateTargetRevision: true }] }] })).toEqual(['apps.0.sources.0.desiredRevision']);
    expect(issues({ apps: [{ name: 'a', sources: [{ repoURL: GIT, kustomize: { images: [{ repoURL: 'r', tag: 't', digest: 'd' }] } }] }] })).toEqual(['apps.0.sources.0.kustomize.images.0']);
    expect(issues({ apps: [{ name: 'a', extra: true }] })).toEqual(['apps.0']);
    expect(issues({ apps: [{ selector: { matchExpressions: [{ key: 'k', operator: 'In' }] } }] })).toEqual(['apps.0.selector.matchExpressions.0.values']);
  });
});

describe('argocd-wait', () => {
  const healthy = { sync: { status: 'Synced' }, health: { status: 'Healthy' } };

  it('succeeds at once for a synced, healthy Application with no operation, without needing authorization', async () => {
    const cluster = clusterWith([app('my-app', { annotation: null, status: healthy })]);
    const s = await run(promotion([wait({ apps: [{ name: 'my-app' }] })]), { cluster });
    expect(s.phase).toBe('Succeeded');
    expect(s.state['wait']).toEqual({ apps: [{ name: 'my-app', namespace: 'argocd' }], healthStatus: { 'argocd/my-app': 'Healthy' } });
    expect(s.healthChecks).toBeUndefined();
  });

  it('is Running until the Application is healthy and synced, then succeeds', async () => {
    const cluster = clusterWith([app('my-app', { status: { sync: { status: 'OutOfSync' }, health: { status: 'Progressing' } } })]);
    const p = promotion([wait({ apps: [{ name: 'my-app' }] })]);
    const first = await runPromotionToEnd(p, {}, { steps, ports: { cluster }, now: T0 });
    expect(first.phase).toBe('Running');
    expect(meta(first)?.message).toBe('waiting for Argo CD Applications: argocd/my-app: health is Progressing');
    cluster.setHealth('argocd', 'my-app', 'Healthy');
    const second = await run(withPromotionStatus(p, first), { cluster });
    expect(meta(second)?.message).toBe('waiting for Argo CD Applications: argocd/my-app: sync status is OutOfSync');
    const synced = app('my-app', { status: healthy });
    cluster.addApplication(synced);
    const third = await run(withPromotionStatus(p, second), { cluster });
    expect(third.phase).toBe('Succeeded');
  });

  it('follows argocd-update to a healthy Application', async () => {
    const cluster = clusterWith([app('my-app')], { syncAfterReads: 2 });
    const s = await run(promotion([update({ apps: [{ name: 'my-app' }] }), wait({ apps: [{ name: 'my-app' }] })]), { cluster }, { maxRuns: 6 });
    expect(s.phase).toBe('Succeeded');
    expect(s.stepExecutionMetadata.map((m) => m.status)).toEqual(['Succeeded', 'Succeeded']);
  });

  it('does not trust health until Argo CD has reconciled after the last operation, and asks for a refresh', async () => {
    const state = { operation: {}, phase: 'Succeeded', finishedAt: '2026-01-01T00:00:10Z' };
    const cluster = clusterWith([app('my-app', { status: { ...healthy, operationState: state, reconciledAt: '2026-01-01T00:00:05Z' } })]);
    const s = await run(promotion([wait({ apps: [{ name: 'my-app' }] })]), { cluster });
    expect(s.phase).toBe('Running');
    expect(meta(s)?.message).toContain('health not yet assessed since the last operation');
    expect(cluster.patches).toEqual([{ namespace: 'argocd', name: 'my-app', refresh: 'hard' }]);
  });

  it('errors for good when health falls from Healthy to Degraded while waiting', async () => {
    const cluster = clusterWith([app('my-app', { status: { sync: { status: 'OutOfSync' }, health: { status: 'Healthy' } } })]);
    const p = promotion([{ ...wait({ apps: [{ name: 'my-app' }] }), retry: { errorThreshold: 5 } }]);
    const first = await run(p, { cluster });
    expect(first.phase).toBe('Running');
    cluster.setHealth('argocd', 'my-app', 'Degraded');
    const second = await run(withPromotionStatus(p, first), { cluster });
    expect(second.phase).toBe('Errored');
    expect(meta(second)?.message).toContain('Argo CD Application "my-app" in namespace "argocd" health has regressed from Healthy to Degraded');
    expect((second.state['wait'] as { healthStatus: unknown }).healthStatus).toEqual({ 'argocd/my-app': 'Degraded' });
  });

  it('errors for good on a comparison error, and can wait for Degraded or Suspended instead of Healthy', async () => {
    const broken = clusterWith([app('my-app', { status: { ...healthy, conditions: [{ type: 'ComparisonError', message: 'repo not found' }] } })]);
    const s = await run(promotion([wait({ apps: [{ name: 'my-app' }] })]), { cluster: broken });
    expect(meta(s)?.message).toContain('an unrecoverable error occurred');
    expect(meta(s)?.message).toContain('has "ComparisonError" condition: repo not found');
    const suspended = clusterWith([app('my-app', { status: { sync: { status: 'OutOfSync' }, health: { status: 'Suspended' } } })]);
    const ok = await run(promotion([wait({ apps: [{ name: 'my-app', waitFor: ['suspended', 'degraded'] }] })]), { cluster: suspended });
    expect(ok.phase).toBe('Succeeded');
  });

  it('waits for an operation in progress and times out after 5 minutes', async () => {
    const cluster = clusterWith([app('my-app', { status: { ...healthy, operationState: { operation: {}, phase: 'Running', startedAt: T0 } } })]);
    const p = promotion([wait({ apps: [{ name: 'my-app' }] })]);
    const first = await run(p, { cluster });
    expect(meta(first)?.message).toContain('an operation is in progress');
    const late = await run(withPromotionStatus(p, first), { cluster }, { now: '2026-01-01T00:06:00Z' });
    expect(meta(late)?.message).toBe('step "wait" timed out after 5m0s');
  });

  it('errors when the Application is missing or a selector matches nothing', async () => {
    const cluster = clusterWith([app('my-app', { status: healthy })]);
    const missing = await run(promotion([wait({ apps: [{ name: 'nope' }] })]), { cluster });
    expect(meta(missing)?.message).toContain('unable to find Argo CD Application "nope" in namespace "argocd"');
    const none = await run(promotion([wait({ apps: [{ selector: { matchLabels: { a: 'b' } } }] })]), { cluster });
    expect(meta(none)?.message).toContain('no Argo CD Applications found matching selector in namespace "argocd"');
    expect(validateStepConfig(steps, 'argocd-wait', { apps: [{ name: 'a', waitFor: ['health', 'health'] }] }).map((i) => i.path.join('.'))).toEqual(['apps.0.waitFor']);
  });
});

describe('the Argo CD steps in the Kargo corpus', () => {
  it('have configs that the step schemas accept', () => {
    const dir = join(import.meta.dirname, '../../fixtures/kargo');
    let seen = 0;
    for (const file of readdirSync(dir).filter((f) => f.includes('argocd'))) {
      for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
        const stepsOf = (value: unknown): unknown[] => {
          const spec = (value as { spec?: { steps?: unknown[]; promotionTemplate?: { spec?: { steps?: unknown[] } } } })?.spec;
          return spec?.steps ?? spec?.promotionTemplate?.spec?.steps ?? [];
        };
        for (const step of stepsOf(doc.toJS()) as { uses?: string; config?: unknown }[]) {
          if (step.uses !== 'argocd-update' && step.uses !== 'argocd-wait') continue;
          seen += 1;
          expect(validateStepConfig(steps, step.uses, step.config)).toEqual([]);
        }
      }
    }
    expect(seen).toBe(8);
  });
});
