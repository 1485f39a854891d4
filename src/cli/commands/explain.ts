import type { KargoResource } from '../../model/index.js';
import { explainAvailability, type Explanation, type FreightLike, type StageLike } from '../../pipeline/index.js';
import { usageError, type CommandContext } from '../context.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import { renderJson, type Styles } from '../output.js';
import { listResources, openCommandScope } from '../world.js';

/** The JSON that `waybill explain --json` prints. */
export interface ExplainReport {
  readonly format: 'waybill.explain/v1';
  readonly project: string;
  readonly stage: string;
  /** The Freight's name (its id), whether it was asked for by name or alias. */
  readonly freight: string;
  readonly alias: string | null;
  /** The time the question was asked at, RFC 3339. */
  readonly now: string;
  readonly available: boolean;
  readonly autoPromotable: boolean;
  /** `Explanation.nextChange`, RFC 3339, or `null`. */
  readonly nextChange: string | null;
  readonly reasons: Explanation['reasons'];
}

const aliasOf = (f: KargoResource): string | undefined => {
  const label = f.metadata.labels?.['kargo.akuity.io/alias'];
  const alias = label ?? (f as { alias?: unknown }).alias;
  return typeof alias === 'string' && alias !== '' ? alias : undefined;
};

/** Finds Freight by name or alias among the listed Freight. */
export function findFreight(freight: readonly KargoResource[], nameOrAlias: string): KargoResource | undefined {
  return freight.find((f) => f.metadata.name === nameOrAlias) ?? freight.find((f) => aliasOf(f) === nameOrAlias);
}

/** `waybill explain <stage> <freight|alias>`: why Freight is, or is not, available to a Stage. */
export async function runExplain(ctx: CommandContext): Promise<number> {
  const { args, io, styles } = ctx;
  const [stageName, freightName, ...extra] = args.positionals;
  if (stageName === undefined || freightName === undefined || extra.length > 0) return usageError(ctx, 'explain needs a Stage and a Freight (name or alias)', usageOf('explain'));
  const started = await openCommandScope(ctx, 'explain');
  if (typeof started === 'number') return started;
  const { now, world, project } = started;
  const config = world.config;
  const all = { value: started.resources };
  const stages = all.value.filter((r) => r.kind === 'Stage' && r.metadata.name === stageName && (project === undefined || r.metadata.namespace === project));
  if (stages.length !== 1) {
    io.stderr(
      stages.length === 0
        ? `waybill: no Stage named ${JSON.stringify(stageName)}${project === undefined ? '' : ` in Project ${JSON.stringify(project)}`}\n`
        : `waybill: Stages named ${JSON.stringify(stageName)} are in several Projects (${stages.map((s) => s.metadata.namespace).join(', ')}); choose one with --project\n`,
    );
    return ExitCode.issues;
  }
  const stage = stages[0] as KargoResource;
  const namespace = stage.metadata.namespace ?? '';
  const listed = await listResources(world, ['Freight'], namespace);
  if (!listed.ok) {
    io.stderr(`waybill: ${listed.message}\n`);
    return ExitCode.portFailed;
  }
  const freight = findFreight(listed.value, freightName);
  if (freight === undefined) {
    io.stderr(`waybill: no Freight named or aliased ${JSON.stringify(freightName)} in Project ${JSON.stringify(namespace)}\n`);
    return ExitCode.issues;
  }
  const explanation = explainAvailability(stage as unknown as StageLike, freight as unknown as FreightLike, { now });
  const report: ExplainReport = {
    format: 'waybill.explain/v1',
    project: namespace,
    stage: stage.metadata.name ?? '',
    freight: freight.metadata.name ?? '',
    alias: aliasOf(freight) ?? null,
    now: now.toISOString().replace('.000Z', 'Z'),
    available: explanation.available,
    autoPromotable: explanation.autoPromotable,
    nextChange: explanation.nextChange === undefined ? null : explanation.nextChange.toISOString().replace('.000Z', 'Z'),
    reasons: explanation.reasons,
  };
  io.stdout(args.options.has('json') ? renderJson(report) : formatExplanation(report, styles));
  return explanation.available ? ExitCode.ok : ExitCode.issues;
}

/** The readable form of an explanation: a verdict, then each reason marked with what it did. */
export function formatExplanation(report: ExplainReport, styles: Styles): string {
  const name = report.alias === null ? report.freight : `${report.alias} (${report.freight.slice(0, 7)})`;
  const verdict = report.available ? styles.green('is available') : styles.red('is not available');
  const lines = [`Freight ${name} ${verdict} to Stage ${report.stage} (Project ${report.project}) at ${report.now}.`];
  for (const reason of report.reasons) {
    const mark = reason.effect === 'allows' ? styles.green('  + ') : reason.effect === 'blocks' ? styles.red('  - ') : styles.dim('  · ');
    lines.push(`${mark}${reason.message}`);
  }
  if (report.nextChange !== null) lines.push(`It becomes available at ${report.nextChange} if nothing else changes.`);
  if (report.available) lines.push(report.autoPromotable ? 'Auto-promotion may choose it.' : 'Auto-promotion would not choose it; promote it by hand.');
  return `${lines.join('\n')}\n`;
}
