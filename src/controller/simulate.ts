import { createIssue, type Issue } from '../errors/index.js';
import { isKargoResource, type KargoResource } from '../model/index.js';
import { buildStageGraph, matchPromotionPolicy, parseGoDuration, topologicalOrder, type ProjectConfigLike, type StageLike } from '../pipeline/index.js';
import { err, ok, type Result } from '../result.js';
import { createController } from './create-controller.js';
import { applyEvent } from './simulation-events.js';
import { TimelineRecorder } from './simulation-recorder.js';
import { validateSimulationScript, type SimulationEvent, type SimulationScript } from './simulation-script.js';
import { DEFAULT_SIMULATION_START, formatSimulationTime, parseAbsoluteTime, resolveSimulationTime } from './simulation-time.js';
import { createSimulationWorld, nextVerificationFinish, seedWorld, type SimulationWorld } from './simulation-world.js';
import type { SimulationTimeline, TimelineEdge, TimelineStageInfo } from './timeline-types.js';
import type { Controller, ControllerOptions, ReconcilePass } from './types.js';

/** Options of {@link simulate}; each overrides the script's field of the same name. */
export interface SimulateOptions {
  /** When to stop: RFC 3339, or an offset from the start (`+2h`). Default: the script's, else an hour after the last event. */
  readonly until?: string | undefined;
  /** When the clock starts (RFC 3339). Default: the script's, else 2026-01-01T00:00:00Z. */
  readonly start?: string | undefined;
  /** The Project (namespace) to simulate. Default: the script's, else the only namespace the Stages use. */
  readonly project?: string | undefined;
  /** The most times the clock may move before the simulation gives up (default 100,000). */
  readonly maxSteps?: number | undefined;
  /**
   * Skip the controller's polling wake-ups while nothing can change by time alone (no Promotion
   * in flight, no Warehouse with an unseen push): the clock then jumps straight to the next event,
   * soak completion, verification end or Warehouse discovery. Default true; false honours every
   * requested wake-up.
   */
  readonly fastForward?: boolean | undefined;
  /** Builds the controller (default waybill's own `createController`); for tests of other controllers. */
  readonly createController?: ((options: ControllerOptions) => Controller) | undefined;
}

const DEFAULT_MAX_STEPS = 100_000;
const HOUR = 3_600_000;

interface TimedEvent {
  readonly index: number;
  readonly atMs: number;
  readonly event: SimulationEvent;
}

/**
 * Runs waybill's controller over a script of events on a virtual clock, with every port in memory:
 * a registry, Git (with workspaces for promotion steps), chart repositories, Argo CD Applications
 * that sync and become Healthy, verification, and a store seeded with `resources` (Kargo resources
 * as `parseManifests` returns them). Between events the clock jumps to each time the controller
 * (or a completing soak, or a verification due to end) asks to be woken, so soak times, intervals
 * and verification durations fire exactly. Returns what happened, as a deterministic
 * {@link SimulationTimeline}; the same input gives the same timeline byte for byte.
 */
export async function simulate(
  resources: readonly KargoResource[],
  script: SimulationScript | readonly SimulationEvent[],
  options: SimulateOptions = {},
): Promise<Result<SimulationTimeline>> {
  try {
    return await runSimulation(resources, script, options);
  } catch (e) {
    // Bad input is reported as issues on the way; a throw here is a defect, still told as data.
    return err(createIssue('SIMULATION_INTERRUPTED', `the simulation stopped: ${e instanceof Error ? e.message : String(e)}`));
  }
}

async function runSimulation(resources: readonly KargoResource[], script: SimulationScript | readonly SimulationEvent[], options: SimulateOptions): Promise<Result<SimulationTimeline>> {
  if (!Array.isArray(resources)) return err(createIssue('SIMULATION_NO_PROJECT', 'the resources must be a list of Kargo resources'));
  const checked = validateSimulationScript(Array.isArray(script) ? { events: script } : script);
  if (!checked.ok) return checked;
  const plan = planSimulation(resources, checked.value, options);
  if (!plan.ok) return plan;
  const { project, startMs, untilMs, events, warnings } = plan.value;
  const kargo = resources.filter(isKargoResource).map((r) => withNamespace(r, project));
  const inProject = kargo.filter((r) => r.metadata.namespace === project || r.kind === 'ClusterPromotionTask');

  const world = createSimulationWorld(project, inProject, checked.value, startMs);
  const setupIssues = seedWorld(world, checked.value.setup, inProject);
  if (setupIssues.length > 0) return err(setupIssues);
  const make = options.createController ?? createController;
  const controller = make({
    ports: { store: world.store, registry: world.registry, git: world.git, charts: world.charts, verification: world.verification, steps: world.steps },
    clock: world.clock,
    ids: world.ids,
    projects: [project],
  });
  const recorder = new TimelineRecorder();
  const driver = new Driver(world, controller, recorder, options.maxSteps ?? DEFAULT_MAX_STEPS, options.fastForward ?? true);
  await driver.start();

  let stopped = false;
  for (const timed of events) {
    if (!(await driver.runUntil(timed.atMs))) {
      stopped = true;
      break;
    }
    const applied = await applyEvent(timed.event, world, controller);
    if (PUSHES.has(timed.event.type) && !('notify' in timed.event && timed.event.notify === true)) driver.awaitDiscovery();
    if (applied.approved) recorder.noteApprovalActor(applied.approved.stage, applied.approved.freight, applied.approved.actor);
    recorder.events.push({
      index: timed.index,
      at: formatSimulationTime(timed.atMs),
      type: timed.event.type,
      ...(applied.stage ? { stage: applied.stage } : {}),
      summary: applied.summary,
      outcome: applied.outcome,
      ...(applied.message ? { message: applied.message } : {}),
      ...(applied.created && applied.created.length > 0 ? { created: applied.created } : {}),
      ...(timed.event.note ? { note: timed.event.note } : {}),
    });
    // An event that touched nothing (a refusal, time passing) leaves a settled world settled.
    if (driver.mustStep(timed.event.type)) await driver.step();
  }
  if (!stopped) await driver.runUntil(untilMs, true);
  const issues = [...warnings];
  if (driver.exhausted) {
    issues.push(
      createIssue('SIMULATION_STEP_LIMIT', `the simulation stopped at ${formatSimulationTime(driver.nowMs)} after ${driver.steps} steps, before ${formatSimulationTime(untilMs)}`, {
        severity: 'warning',
      }),
    );
  }
  const timeline = buildTimeline(recorder, checked.value, kargo, project, startMs, untilMs, driver.nowMs);
  return ok(timeline, issues);
}

const PUSHES = new Set(['image-pushed', 'commit-pushed', 'chart-published']);
// Events that change what the controller reads through a port rather than through the store.
const PORT_EVENTS = new Set([...PUSHES, 'verification-result', 'application-health']);
const TERMINAL_PHASES = new Set(['Succeeded', 'Failed', 'Errored', 'Aborted']);

/** Moves the clock and settles the controller, observing the store after every step. */
class Driver {
  steps = 0;
  exhausted = false;
  private wake: number | undefined;
  /** A push no Warehouse has looked at yet: Warehouse intervals matter until one does. */
  private discoveryPending = false;
  private readonly dirty = new Map<string, { kind: 'Freight' | 'Stage' | 'Promotion'; name: string }>();
  private everything = true;

  constructor(
    private readonly world: SimulationWorld,
    private readonly controller: Controller,
    private readonly recorder: TimelineRecorder,
    private readonly maxSteps: number,
    private readonly fastForward: boolean,
  ) {
    world.store.subscribe((change) => {
      if (change.namespace !== world.project) return;
      if (change.kind === 'Warehouse') this.discoveryPending = false;
      if (change.kind === 'Freight' || change.kind === 'Stage' || change.kind === 'Promotion') this.dirty.set(`${change.kind}/${change.name}`, { kind: change.kind, name: change.name });
    });
  }

  /**
   * Whether the world may have moved after an event of `type`: the store changed, the event
   * changed a port the controller reads, or a wake-up is due now.
   */
  mustStep(type: string): boolean {
    return this.dirty.size > 0 || PORT_EVENTS.has(type) || (this.wake !== undefined && this.wake <= this.nowMs);
  }

  /** Notes a push the Warehouses will only see at their next discovery. */
  awaitDiscovery(): void {
    this.discoveryPending = true;
  }

  /**
   * The earliest Warehouse discovery the pass asked for. Discoveries keep their rhythm even while
   * idle, so a push without notification is seen at the interval it would be seen at in Kargo.
   */
  private warehouseWake(pass: ReconcilePass): number | undefined {
    let next: number | undefined;
    for (const o of pass.outcomes) {
      if (o.request.kind !== 'Warehouse' || o.requeueAfterMs === undefined) continue;
      const at = this.nowMs + o.requeueAfterMs;
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  /** True when only events, soaks, verification ends and Warehouse intervals can change anything. */
  private idle(): boolean {
    if (!this.fastForward || this.discoveryPending) return false;
    return this.recorder.allPromotions().every((p) => TERMINAL_PHASES.has(p.phase));
  }

  get nowMs(): number {
    return this.world.clock.now().getTime();
  }

  async start(): Promise<void> {
    await this.step();
  }

  /** Settles at the current time and records what changed. */
  async step(): Promise<void> {
    this.steps += 1;
    const pass = await this.controller.settle();
    this.recordIssues(pass);
    await this.observe();
    const soak = this.recorder.checkAvailability(this.nowMs);
    const candidates = [this.idle() ? this.warehouseWake(pass) : pass.nextWakeAt, soak, nextVerificationFinish(this.world)].filter((t): t is number => t !== undefined && Number.isFinite(t));
    // A wake time that is not in the future would stall the clock; nudge it forward.
    this.wake = candidates.length === 0 ? undefined : Math.max(Math.min(...candidates), this.nowMs + 1);
  }

  /**
   * Advances through every wake time before `targetMs` (or up to and including it when
   * `inclusive`), then to `targetMs` itself. False when the step budget ran out first.
   */
  async runUntil(targetMs: number, inclusive = false): Promise<boolean> {
    while (this.wake !== undefined && (this.wake < targetMs || (inclusive && this.wake === targetMs))) {
      if (this.steps >= this.maxSteps) {
        this.exhausted = true;
        return false;
      }
      this.world.clock.set(this.wake);
      await this.step();
    }
    if (targetMs > this.nowMs) {
      this.world.clock.set(targetMs);
      if (inclusive) await this.step();
    }
    return true;
  }

  private recordIssues(pass: ReconcilePass): void {
    for (const outcome of pass.outcomes) {
      for (const issue of outcome.issues) this.recorder.recordIssue(this.nowMs, issue.code, `${outcome.request.kind} ${outcome.request.name}: ${issue.message}`, issue.severity);
    }
  }

  private async observe(): Promise<void> {
    const project = this.world.project;
    const now = this.nowMs;
    if (this.everything) {
      this.everything = false;
      this.dirty.clear();
      for (const kind of ['Stage', 'Freight', 'Promotion'] as const) {
        const listed = await this.world.store.list(kind, { namespace: project });
        for (const r of listed.ok ? listed.value : []) this.observeOne(kind, r, now);
      }
      return;
    }
    const pending = [...this.dirty.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.dirty.clear();
    for (const { kind, name } of pending) {
      const got = await this.world.store.get(kind, { namespace: project, name });
      if (got.ok && got.value !== undefined) this.observeOne(kind, got.value, now);
    }
  }

  private observeOne(kind: 'Freight' | 'Stage' | 'Promotion', resource: unknown, now: number): void {
    if (kind === 'Stage') this.recorder.observeStage(resource);
    else if (kind === 'Freight') this.recorder.observeFreight(resource, now);
    else this.recorder.observePromotion(resource, now);
  }
}

// Stages first, so availability checks see the Stages' current specs.
const KIND_ORDER = { Stage: 0, Freight: 1, Promotion: 2 } as const;

interface Plan {
  readonly project: string;
  readonly startMs: number;
  readonly untilMs: number;
  readonly events: readonly TimedEvent[];
  readonly warnings: readonly Issue[];
}

/** Places the script on the clock: the Project, start, end, and every event's time, in order. */
function planSimulation(resources: readonly KargoResource[], script: SimulationScript, options: SimulateOptions): Result<Plan> {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const startText = options.start ?? script.start ?? DEFAULT_SIMULATION_START;
  const start = parseAbsoluteTime(startText);
  if (!start.ok) return err(createIssue('SIMULATION_TIME_INVALID', `start: ${start.message}`, { path: ['start'] }));
  const startMs = start.ms;

  const project = options.project ?? script.project ?? onlyNamespace(resources);
  if (project === undefined) {
    const namespaces = [...new Set(resources.filter((r) => isKargoResource(r) && r.kind === 'Stage').map((r) => r.metadata.namespace ?? ''))].sort();
    return err(
      createIssue(
        'SIMULATION_NO_PROJECT',
        namespaces.length === 0 ? 'the resources hold no Stage, so there is no pipeline to simulate' : `the Stages belong to several namespaces (${namespaces.join(', ')}); name the Project to simulate`,
        { path: ['project'] },
      ),
    );
  }

  (script.setup?.verifications ?? []).forEach((v, index) => {
    if (v.after === undefined) return;
    const after = parseGoDuration(v.after);
    if (!after.ok || after.value < 0) {
      issues.push(createIssue('SIMULATION_TIME_INVALID', `after: ${JSON.stringify(v.after)} is not a duration such as 90s or 10m`, { path: ['setup', 'verifications', index, 'after'] }));
    }
  });
  const events: TimedEvent[] = [];
  (script.events ?? []).forEach((event, index) => {
    const at = resolveSimulationTime(event.at, startMs);
    if (!at.ok) issues.push(createIssue('SIMULATION_TIME_INVALID', at.message, { path: ['events', index, 'at'] }));
    else if (at.ms < startMs) issues.push(createIssue('SIMULATION_TIME_INVALID', `the event is at ${formatSimulationTime(at.ms)}, before the start (${formatSimulationTime(startMs)})`, { path: ['events', index, 'at'] }));
    else events.push({ index, atMs: at.ms, event });
  });
  // Stable: events at the same time keep their script order.
  events.sort((a, b) => a.atMs - b.atMs || a.index - b.index);

  const untilText = options.until ?? script.until;
  let untilMs = (events[events.length - 1]?.atMs ?? startMs) + HOUR;
  if (untilText !== undefined) {
    const until = resolveSimulationTime(untilText, startMs);
    if (!until.ok) issues.push(createIssue('SIMULATION_TIME_INVALID', `until: ${until.message}`, { path: ['until'] }));
    else if (until.ms < startMs) issues.push(createIssue('SIMULATION_TIME_INVALID', `until (${formatSimulationTime(until.ms)}) is before the start (${formatSimulationTime(startMs)})`, { path: ['until'] }));
    else untilMs = until.ms;
  }
  if (issues.length > 0) return err(issues);
  const kept = events.filter((e) => e.atMs <= untilMs);
  for (const e of events) {
    if (e.atMs > untilMs) warnings.push(createIssue('SIMULATION_TIME_INVALID', `the event is after until (${formatSimulationTime(untilMs)}) and is not applied`, { path: ['events', e.index, 'at'], severity: 'warning' }));
  }
  return ok({ project, startMs, untilMs, events: kept, warnings });
}

function onlyNamespace(resources: readonly KargoResource[]): string | undefined {
  const namespaces = new Set<string>();
  for (const r of resources) if (isKargoResource(r) && r.kind === 'Stage' && r.metadata.namespace) namespaces.add(r.metadata.namespace);
  if (namespaces.size === 1) return [...namespaces][0];
  if (namespaces.size === 0 && resources.some((r) => isKargoResource(r) && r.kind === 'Stage')) return 'default';
  return undefined;
}

const CLUSTER_SCOPED = new Set(['Project', 'ClusterConfig', 'ClusterPromotionTask']);

function withNamespace(resource: KargoResource, project: string): KargoResource {
  if (CLUSTER_SCOPED.has(resource.kind) || resource.metadata.namespace) return resource;
  return { ...resource, metadata: { ...resource.metadata, namespace: project } } as KargoResource;
}

function buildTimeline(
  recorder: TimelineRecorder,
  script: SimulationScript,
  resources: readonly KargoResource[],
  project: string,
  startMs: number,
  untilMs: number,
  endMs: number,
): SimulationTimeline {
  const stages = resources.filter((r) => r.kind === 'Stage' && r.metadata.namespace === project);
  const warehouses = resources.filter((r) => r.kind === 'Warehouse' && r.metadata.namespace === project);
  const config = resources.find((r) => r.kind === 'ProjectConfig' && r.metadata.namespace === project);
  const graph = buildStageGraph({ stages: stages as never, warehouses: warehouses as never });
  const names = stages.map((s) => s.metadata.name ?? '');
  const ordered = graph.ok ? topologicalOrder(graph.value).stages.filter((n) => names.includes(n)) : [];
  const order = [...ordered, ...names.filter((n) => !ordered.includes(n)).sort()];
  const edges: TimelineEdge[] = graph.ok ? graph.value.edges.map((e) => ({ from: e.from, to: e.to, origin: `${e.origin.kind}/${e.origin.name}` })) : [];
  const stageInfo: TimelineStageInfo[] = order.map((name) => {
    const stage = (recorder.stageResource(name) ?? stages.find((s) => s.metadata.name === name)) as Record<string, unknown>;
    return describeStage(stage, config as ProjectConfigLike | undefined);
  });
  const records = recorder.records();
  return {
    project,
    ...(script.description ? { description: script.description } : {}),
    start: formatSimulationTime(startMs),
    until: formatSimulationTime(untilMs),
    end: formatSimulationTime(endMs),
    warehouses: warehouses.map((w) => w.metadata.name ?? '').sort(),
    stages: stageInfo,
    edges,
    events: [...recorder.events],
    ...records,
    issues: [...recorder.issues],
    finalState: recorder.finalState(order),
  };
}

function describeStage(stage: Record<string, unknown>, config: ProjectConfigLike | undefined): TimelineStageInfo {
  const spec = (stage['spec'] ?? {}) as Record<string, unknown>;
  const metadata = (stage['metadata'] ?? {}) as Record<string, unknown>;
  const template = (spec['promotionTemplate'] ?? {}) as Record<string, unknown>;
  const steps = ((template['spec'] ?? {}) as Record<string, unknown>)['steps'];
  const requests = (Array.isArray(spec['requestedFreight']) ? spec['requestedFreight'] : []).map((r: unknown) => {
    const request = (r ?? {}) as Record<string, unknown>;
    const origin = (request['origin'] ?? {}) as Record<string, unknown>;
    const sources = (request['sources'] ?? {}) as Record<string, unknown>;
    const soak = sources['requiredSoakTime'] ?? request['requiredSoakTime'];
    return {
      origin: `${String(origin['kind'] ?? 'Warehouse')}/${String(origin['name'] ?? '')}`,
      direct: sources['direct'] === true,
      stages: Array.isArray(sources['stages']) ? sources['stages'].map(String) : [],
      ...(typeof soak === 'string' && soak !== '' ? { requiredSoakTime: soak } : {}),
      availabilityStrategy: sources['availabilityStrategy'] === 'All' ? 'All' : 'OneOf',
    };
  });
  return {
    name: String(metadata['name'] ?? ''),
    controlFlow: !Array.isArray(steps) || steps.length === 0,
    autoPromotion: matchPromotionPolicy(config, stage as StageLike).autoPromotionEnabled,
    verification: spec['verification'] !== undefined && spec['verification'] !== null,
    requests,
  };
}
