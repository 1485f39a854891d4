import type { ControllerEvent } from '../../controller/index.js';
import type { Issue } from '../../errors/index.js';
import type { KargoResource } from '../../model/index.js';
import { isPromotionPhaseTerminal } from '../../pipeline/index.js';
import { usageError, type CommandContext } from '../context.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import { renderJson, type Styles } from '../output.js';
import { createProgress } from '../progress.js';
import { gitCredentialsFrom, isStoreFailure, openSession, type Session } from '../session.js';
import { openCommandScope } from '../world.js';

/** One step of a Promotion as `waybill promote --json` reports it. */
export interface PromoteStepReport {
  readonly index: number;
  readonly uses: string;
  readonly alias: string;
  readonly status: string | null;
  readonly message: string | null;
}

/** The JSON that `waybill promote --json` prints. */
export interface PromoteReport {
  readonly format: 'waybill.promote/v1';
  /** The Promotion was created and, with `--run`, Succeeded. */
  readonly ok: boolean;
  readonly project: string;
  readonly stage: string;
  /** The Promotion as stored after the command, or `null` when it was refused. */
  readonly promotion: KargoResource | null;
  /** The Promotion's phase (`Pending` until it runs), or `null`. */
  readonly phase: string | null;
  readonly steps: readonly PromoteStepReport[];
  /** What the controller did, in order (with `--run`). */
  readonly events: readonly ControllerEvent[];
  readonly issues: readonly Issue[];
}

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The actor Kargo would record for a person at the command line. */
export function actorOf(env: Readonly<Record<string, string | undefined>>): string {
  const user = env['WAYBILL_ACTOR'] ?? env['USER'] ?? env['USERNAME'];
  return user === undefined || user === '' ? 'waybill' : user;
}

/** The steps of a Promotion with what its status records of each. */
export function stepsOf(promotion: KargoResource | undefined): PromoteStepReport[] {
  const spec = rec(rec(promotion)['spec']);
  const meta = rec(rec(promotion)['status'])['stepExecutionMetadata'];
  const steps = Array.isArray(spec['steps']) ? (spec['steps'] as unknown[]).map(rec) : [];
  const records = Array.isArray(meta) ? (meta as unknown[]).map(rec) : [];
  return steps.map((step, index) => {
    const record = records[index];
    const alias = typeof step['as'] === 'string' && step['as'] !== '' ? step['as'] : `step-${index + 1}`;
    return {
      index,
      uses: typeof step['uses'] === 'string' ? step['uses'] : typeof rec(step['task'])['name'] === 'string' ? `task ${String(rec(step['task'])['name'])}` : '',
      alias: typeof record?.['alias'] === 'string' ? record['alias'] : alias,
      status: typeof record?.['status'] === 'string' ? record['status'] : null,
      message: typeof record?.['message'] === 'string' ? record['message'] : null,
    };
  });
}

/**
 * Runs a Promotion to its end: reconciles the Stage (which admits Promotions one at a time), each
 * of its unfinished Promotions and the Stage again, round after round, waiting for the requeue
 * times the controller asks for. Warehouses are left alone: running a Promotion does not need
 * discovery.
 */
export async function runPromotionToEnd(session: Session, project: string, stage: string, name: string, options: { readonly maxWaitMs: number; readonly maxRounds?: number }): Promise<KargoResource | undefined> {
  const { controller, store } = session;
  const started = Date.now();
  for (let round = 0; round < (options.maxRounds ?? 200); round++) {
    const outcomes = [await controller.reconcile({ kind: 'Stage', project, name: stage })];
    const listed = await store.list('Promotion', { namespace: project });
    const pending = (listed.ok ? listed.value : []).filter((p) => p.spec.stage === stage && !isPromotionPhaseTerminal(p.status?.phase ?? ''));
    for (const p of pending) outcomes.push(await controller.reconcile({ kind: 'Promotion', project, name: p.metadata.name ?? '' }));
    outcomes.push(await controller.reconcile({ kind: 'Stage', project, name: stage }));
    const got = await store.get('Promotion', { namespace: project, name });
    const promotion = got.ok ? got.value : undefined;
    if (promotion === undefined) return undefined;
    const done = isPromotionPhaseTerminal(promotion.status?.phase ?? '');
    const changed = outcomes.some((o) => o.changed);
    if (done && !changed) return promotion as KargoResource;
    if (changed) continue;
    const waits = outcomes.map((o) => o.requeueAfterMs).filter((ms): ms is number => typeof ms === 'number' && ms > 0);
    const spent = Date.now() - started;
    if (done || waits.length === 0 || (!session.virtual && spent >= options.maxWaitMs)) return promotion as KargoResource;
    await session.waitUntil(session.clock.now().getTime() + Math.min(...waits), options.maxWaitMs - spent);
  }
  const got = await store.get('Promotion', { namespace: project, name });
  return got.ok ? (got.value as KargoResource | undefined) : undefined;
}

/**
 * `waybill promote --stage S (--freight F | --freight-alias A | --origin Warehouse/W) [--run]`:
 * creates a Promotion through the controller, as Kargo's API server does, and with `--run` runs it.
 */
export async function runPromote(ctx: CommandContext): Promise<number> {
  const { args, io, styles } = ctx;
  if (args.positionals.length > 0) return usageError(ctx, `promote takes no arguments; name the manifests with -f (got ${args.positionals.join(' ')})`, usageOf('promote'));
  const stage = args.options.get('stage');
  if (typeof stage !== 'string') return usageError(ctx, 'promote needs --stage', usageOf('promote'));
  const freight = args.options.get('freight');
  const freightAlias = args.options.get('freight-alias');
  const origin = args.options.get('origin');
  const given = [freight, freightAlias, origin].filter((v) => typeof v === 'string');
  if (given.length !== 1) return usageError(ctx, 'exactly one of --freight, --freight-alias or --origin must be given', usageOf('promote'));
  if (typeof origin === 'string' && !/^Warehouse\/[^/]+$/.test(origin)) return usageError(ctx, `--origin must be Warehouse/<name>; got ${JSON.stringify(origin)}`, usageOf('promote'));
  const started = await openCommandScope(ctx, 'promote');
  if (typeof started === 'number') return started;
  const { now, world, project } = started;
  const config = world.config;
  if (project === undefined) return usageError(ctx, 'the resources span several Projects; choose one with --project', usageOf('promote'));
  const json = args.options.has('json');
  const run = args.options.has('run');
  const progress = createProgress(io);
  let total = 0;
  const session = await openSession({
    world,
    io,
    now,
    virtual: args.options.has('now'),
    project,
    gitCredentials: gitCredentialsFrom(config.config.git, io.env),
    onStep: (p) => {
      const head = `step ${p.index + 1}/${total || '?'} ${p.uses}`;
      if (p.status === undefined) progress.status(`${head} ...`);
      else progress.line(`${head}: ${p.status}${p.message === undefined ? '' : ` (${p.message})`}`);
    },
  });
  try {
    const created = await session.controller.promote({
      project,
      stage,
      ...(typeof freight === 'string' ? { freight } : {}),
      ...(typeof freightAlias === 'string' ? { freightAlias } : {}),
      ...(typeof origin === 'string' ? { origin } : {}),
      actor: actorOf(io.env),
    });
    const base = { format: 'waybill.promote/v1', project, stage } as const;
    if (!created.ok) {
      if (json) io.stdout(renderJson({ ...base, ok: false, promotion: null, phase: null, steps: [], events: [], issues: created.issues } satisfies PromoteReport));
      else io.stderr(created.issues.map((i) => `waybill: ${i.message}\n`).join(''));
      return isStoreFailure(created.issues) ? ExitCode.portFailed : ExitCode.issues;
    }
    let promotion: KargoResource | undefined = created.value;
    const name = promotion.metadata.name ?? '';
    total = stepsOf(promotion).length;
    session.save();
    if (run) {
      try {
        promotion = (await runPromotionToEnd(session, project, stage, name, { maxWaitMs: 10 * 60_000 })) ?? promotion;
      } finally {
        progress.done();
        session.save();
      }
    }
    const phase = typeof rec(rec(promotion)['status'])['phase'] === 'string' && rec(rec(promotion)['status'])['phase'] !== '' ? String(rec(rec(promotion)['status'])['phase']) : 'Pending';
    const ok = !run || phase === 'Succeeded';
    const report: PromoteReport = { ...base, ok, promotion, phase, steps: stepsOf(promotion), events: session.events, issues: [] };
    if (json) io.stdout(renderJson(report));
    else io.stdout(formatPromotion(report, run, world.kind === 'files' ? world.stateShown : undefined, styles));
    return ok ? ExitCode.ok : ExitCode.issues;
  } finally {
    await session.close();
  }
}

/** The readable form: the Promotion created, then with `--run` each step and the outcome. */
export function formatPromotion(report: PromoteReport, run: boolean, stateFile: string | undefined, styles: Styles): string {
  const promotion = report.promotion;
  const name = promotion?.metadata.name ?? '';
  const freight = String(rec(rec(promotion)['spec'])['freight'] ?? '');
  const lines = [`Promotion ${styles.bold(name)} created: Freight ${freight.slice(0, 7)} to Stage ${report.stage} (Project ${report.project}).`];
  if (!run) {
    lines.push(`It is Pending until a controller runs it (waybill promote --run runs it at once)${stateFile === undefined ? '' : `; recorded in ${stateFile}`}.`);
    return `${lines.join('\n')}\n`;
  }
  for (const step of report.steps) {
    const status = step.status ?? 'not run';
    const paint = step.status === 'Succeeded' ? styles.green : step.status === 'Failed' || step.status === 'Errored' ? styles.red : styles.dim;
    lines.push(`  ${step.index + 1}/${report.steps.length} ${step.uses} (${step.alias}): ${paint(status)}${step.message === null ? '' : ` ${styles.dim(step.message)}`}`);
  }
  const message = rec(rec(promotion)['status'])['message'];
  const paint = report.phase === 'Succeeded' ? styles.green : report.phase === 'Running' || report.phase === 'Pending' ? styles.yellow : styles.red;
  lines.push(`Promotion ${name} ${paint(report.phase ?? 'Pending')}${typeof message === 'string' && message !== '' ? `: ${message}` : ''}.`);
  return `${lines.join('\n')}\n`;
}
