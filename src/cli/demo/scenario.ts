import { join } from 'node:path';
import type { GitWorkspace } from '../../adapters/git/index.js';
import { createManualClock, createMemoryRegistry, createMemoryStore, createMemoryVerification, createSequentialIds, type MemoryStore } from '../../adapters/memory/index.js';
import { createController, type ControllerEvent } from '../../controller/index.js';
import { formatIssues } from '../../errors/index.js';
import type { KargoResource } from '../../model/index.js';
import { explainAvailability } from '../../pipeline/index.js';
import type { Result } from '../../result.js';
import { openWorkspace, type DemoRemote } from './git-remote.js';
import { createDemoUlids } from './ids.js';
import { DEMO_ACTOR, DEMO_IMAGE, DEMO_INITIAL_TAGS, DEMO_NEW_TAG, DEMO_PROJECT, DEMO_PROMOTER, DEMO_START, DEMO_WAREHOUSE } from './world.js';

/** One line of the demo's timeline: something a person or the outside world did, or an event the controller recorded. */
export type DemoTimelineEntry =
  | { readonly type: 'action'; readonly at: string; readonly text: string }
  | { readonly type: 'event'; readonly event: ControllerEvent }
  /** A fact read from the store that no event reports (a verification that is running). */
  | { readonly type: 'status'; readonly at: string; readonly subject: string; readonly text: string };

/** A Stage at the end of the demo. */
export interface DemoStageState {
  readonly stage: string;
  /** The Freight it runs (name, alias, image tag), if any. */
  readonly freight?: { readonly name: string; readonly alias: string | undefined; readonly tag: string | undefined } | undefined;
}

/** A push a Promotion's `git-push` step made. */
export interface DemoPush {
  readonly branch: string;
  readonly commit: string;
}

/** What the demo's scenario did. */
export interface DemoRun {
  readonly timeline: readonly DemoTimelineEntry[];
  readonly stages: readonly DemoStageState[];
  /** By Promotion name: what its steps pushed (read from the step outputs in `status.state`). */
  readonly pushes: Readonly<Record<string, DemoPush>>;
}

/** What the scenario needs: the quickstart resources and the Git repository its Stages push to. */
export interface DemoScenarioOptions {
  readonly resources: readonly KargoResource[];
  readonly remote: DemoRemote;
  /** A directory for the promotions' checkouts (one sub-directory per Promotion). */
  readonly workRoot: string;
}

const MINUTE = 60_000;
/** How long the staging smoke test runs before it passes. */
const SMOKE_TEST_MS = 5 * MINUTE;

/**
 * The quickstart's story on the controller, with the clock moved by hand: discovery and the
 * automatic promotion to dev, an approval and a promotion to staging (verified by a smoke test),
 * a promotion to prod, then a new release that reaches dev on its own. Every promotion runs the
 * Stages' real template against the Git repository.
 */
export async function runDemoScenario(options: DemoScenarioOptions): Promise<DemoRun> {
  const clock = createManualClock(DEMO_START);
  const timeline: DemoTimelineEntry[] = [];
  const act = (text: string): void => void timeline.push({ type: 'action', at: isoSeconds(clock.now()), text });

  const registry = createMemoryRegistry();
  for (const image of DEMO_INITIAL_TAGS) registry.push(DEMO_IMAGE, image);
  const store = createMemoryStore({ clock });
  store.load(options.resources);
  const verification = createMemoryVerification({
    clock,
    ids: createSequentialIds('smoke-test-'),
    decide: () => ({ phase: 'Successful', afterMs: SMOKE_TEST_MS, message: 'smoke test passed' }),
  });
  const workspaces: GitWorkspace[] = [];
  const controller = createController({
    clock,
    ids: createDemoUlids(clock),
    projects: [DEMO_PROJECT],
    ports: {
      store,
      registry,
      verification,
      // Each Promotion gets its own work directory, as Kargo gives each its own.
      steps: ({ promotion }) => {
        const workspace = openWorkspace(options.remote, { workDir: join(options.workRoot, promotion), author: DEMO_PROMOTER });
        workspaces.push(workspace);
        return { git: workspace, workTree: workspace.workDirTree };
      },
    },
    onEvent: (event) => void timeline.push({ type: 'event', event }),
  });

  try {
    act(`the registry holds ${DEMO_IMAGE} ${DEMO_INITIAL_TAGS.map((t) => t.tag).join(', ')}; the controller starts`);
    await controller.settle();

    clock.advance(10 * MINUTE);
    const first = await currentFreightOf(store, 'dev');
    // Too early: staging wants the Freight to have been in dev for an hour.
    const early = await controller.promote({ project: DEMO_PROJECT, stage: 'staging', freight: first?.name, actor: DEMO_ACTOR });
    act(`${DEMO_ACTOR} asks to promote ${first?.alias ?? 'the Freight'} to staging: ${early.ok ? 'accepted' : `refused: ${await whyUnavailable(store, 'staging', first?.name, clock.now())}`}`);
    act(`${DEMO_ACTOR} approves ${first?.alias ?? 'the Freight'} for staging, so it need not soak in dev for an hour`);
    must(await controller.approve({ project: DEMO_PROJECT, stage: 'staging', freight: first?.name, actor: DEMO_ACTOR }), 'approve');
    act(`${DEMO_ACTOR} asks again`);
    must(await controller.promote({ project: DEMO_PROJECT, stage: 'staging', freight: first?.name, actor: DEMO_ACTOR }), 'promote to staging');
    await controller.settle();
    const running = await verificationOf(store, 'staging');
    if (running !== undefined) {
      timeline.push({ type: 'status', at: isoSeconds(clock.now()), subject: 'Stage/staging', text: `verifies ${first?.alias ?? 'it'}: the smoke-test analysis is ${running.phase}` });
    }

    clock.advance(SMOKE_TEST_MS);
    act('the smoke test in staging finishes');
    await controller.settle();

    clock.advance(15 * MINUTE);
    act(`${DEMO_ACTOR} promotes it to prod`);
    must(await controller.promote({ project: DEMO_PROJECT, stage: 'prod', freight: first?.name, actor: DEMO_ACTOR }), 'promote to prod');
    await controller.settle();

    clock.set(DEMO_NEW_TAG.createdAt);
    registry.push(DEMO_IMAGE, DEMO_NEW_TAG);
    act(`CI pushes ${DEMO_IMAGE}:${DEMO_NEW_TAG.tag}; a registry webhook asks the Warehouse to look again`);
    must(await controller.refresh({ kind: 'Warehouse', project: DEMO_PROJECT, name: DEMO_WAREHOUSE }), 'refresh the Warehouse');
    await controller.settle();

    const stages: DemoStageState[] = [];
    for (const stage of ['dev', 'staging', 'prod']) stages.push({ stage, freight: await currentFreightOf(store, stage) });
    return { timeline, stages, pushes: await pushesOf(store) };
  } finally {
    await Promise.all(workspaces.map((w) => w.close()));
  }
}

/** A Controller call's result, or an error that says which call failed and why. */
function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`the demo could not ${what}:\n${formatIssues(result.issues)}`);
  return result.value;
}

/** The Freight a Stage runs now (the newest entry of its Freight history), with its alias and image tag. */
async function currentFreightOf(store: MemoryStore, stage: string): Promise<DemoStageState['freight']> {
  const found = await store.get('Stage', { namespace: DEMO_PROJECT, name: stage });
  if (!found.ok || found.value === undefined) return undefined;
  const history = (found.value.status as { freightHistory?: readonly { items?: Record<string, { name?: string }> }[] } | undefined)?.freightHistory ?? [];
  const name = Object.values(history[0]?.items ?? {})[0]?.name;
  if (name === undefined) return undefined;
  const freight = await store.get('Freight', { namespace: DEMO_PROJECT, name });
  const resource = freight.ok ? freight.value : undefined;
  return { name, alias: resource?.alias, tag: resource?.images?.[0]?.tag };
}

/** Why Freight is not available to a Stage, in `explainAvailability`'s words. */
async function whyUnavailable(store: MemoryStore, stage: string, freight: string | undefined, now: Date): Promise<string> {
  const s = await store.get('Stage', { namespace: DEMO_PROJECT, name: stage });
  const f = freight === undefined ? undefined : await store.get('Freight', { namespace: DEMO_PROJECT, name: freight });
  if (!s.ok || s.value === undefined || f === undefined || !f.ok || f.value === undefined) return 'not available';
  const explanation = explainAvailability(s.value, f.value, { now });
  return explanation.reasons.filter((r) => r.effect === 'blocks').map((r) => r.message).join('; ') || 'not available';
}

/** What each Promotion pushed: the step outputs that name a branch and a commit. */
async function pushesOf(store: MemoryStore): Promise<Record<string, DemoPush>> {
  const listed = await store.list('Promotion', { namespace: DEMO_PROJECT });
  const out: Record<string, DemoPush> = {};
  for (const promotion of listed.ok ? listed.value : []) {
    const name = promotion.metadata.name ?? '';
    const state = (promotion.status as { state?: Record<string, unknown> } | undefined)?.state ?? {};
    for (const output of Object.values(state)) {
      const { branch, commit } = (output ?? {}) as { branch?: unknown; commit?: unknown };
      if (typeof branch === 'string' && typeof commit === 'string') out[name] = { branch, commit };
    }
  }
  return out;
}

/** The newest verification of a Stage's current Freight, as its status records it. */
async function verificationOf(store: MemoryStore, stage: string): Promise<{ readonly id: string; readonly phase: string } | undefined> {
  const found = await store.get('Stage', { namespace: DEMO_PROJECT, name: stage });
  if (!found.ok || found.value === undefined) return undefined;
  const history = (found.value.status as { freightHistory?: readonly { verificationHistory?: readonly { id?: string; phase?: string }[] }[] } | undefined)?.freightHistory ?? [];
  const run = history[0]?.verificationHistory?.[0];
  return run?.id === undefined ? undefined : { id: run.id, phase: run.phase ?? 'Pending' };
}

/** RFC 3339 to the second, as Kargo writes times. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

