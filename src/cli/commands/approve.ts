import type { Issue } from '../../errors/index.js';
import { usageError, type CommandContext } from '../context.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import { renderJson } from '../output.js';
import { isStoreFailure, openSession } from '../session.js';
import { openCommandScope } from '../world.js';
import { actorOf } from './promote.js';

/** The JSON that `waybill approve --json` prints. */
export interface ApproveReport {
  readonly format: 'waybill.approve/v1';
  readonly ok: boolean;
  readonly project: string;
  readonly stage: string;
  /** The Freight's name, or `null` when the approval was refused. */
  readonly freight: string | null;
  readonly alias: string | null;
  /** `status.approvedFor[stage].approvedAt`, or `null`. */
  readonly approvedAt: string | null;
  readonly issues: readonly Issue[];
}

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** `waybill approve (--freight F | --freight-alias A) --stage S`: approves Freight for a Stage. */
export async function runApprove(ctx: CommandContext): Promise<number> {
  const { args, io, styles } = ctx;
  if (args.positionals.length > 0) return usageError(ctx, `approve takes no arguments; name the manifests with -f (got ${args.positionals.join(' ')})`, usageOf('approve'));
  const stage = args.options.get('stage');
  if (typeof stage !== 'string') return usageError(ctx, 'approve needs --stage', usageOf('approve'));
  const freight = args.options.get('freight');
  const freightAlias = args.options.get('freight-alias');
  if ((typeof freight === 'string') === (typeof freightAlias === 'string')) return usageError(ctx, 'exactly one of --freight or --freight-alias must be given', usageOf('approve'));
  const started = await openCommandScope(ctx, 'approve');
  if (typeof started === 'number') return started;
  const { now, world, project } = started;
  const config = world.config;
  if (project === undefined) return usageError(ctx, 'the resources span several Projects; choose one with --project', usageOf('approve'));
  const session = await openSession({ world, io, now, virtual: args.options.has('now'), project });
  try {
    const approved = await session.controller.approve({
      project,
      stage,
      ...(typeof freight === 'string' ? { freight } : {}),
      ...(typeof freightAlias === 'string' ? { freightAlias } : {}),
      actor: actorOf(io.env),
    });
    const json = args.options.has('json');
    if (!approved.ok) {
      if (json) io.stdout(renderJson({ format: 'waybill.approve/v1', ok: false, project, stage, freight: null, alias: null, approvedAt: null, issues: approved.issues } satisfies ApproveReport));
      else io.stderr(approved.issues.map((i) => `waybill: ${i.message}\n`).join(''));
      return isStoreFailure(approved.issues) ? ExitCode.portFailed : ExitCode.issues;
    }
    session.save();
    const f = approved.value;
    const alias = f.metadata.labels?.['kargo.akuity.io/alias'] ?? null;
    const approvedAt = rec(rec(rec(rec(f)['status'])['approvedFor'])[stage])['approvedAt'];
    const report: ApproveReport = {
      format: 'waybill.approve/v1',
      ok: true,
      project,
      stage,
      freight: f.metadata.name ?? '',
      alias,
      approvedAt: typeof approvedAt === 'string' ? approvedAt : null,
      issues: [],
    };
    if (json) io.stdout(renderJson(report));
    else io.stdout(`Freight ${alias === null ? report.freight : `${alias} (${(report.freight ?? '').slice(0, 7)})`} ${styles.green('approved')} for Stage ${stage} (Project ${project}).\n`);
    return ExitCode.ok;
  } finally {
    await session.close();
  }
}
