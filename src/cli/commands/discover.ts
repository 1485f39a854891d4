import { stringify } from 'yaml';
import { discover, type DiscoveredArtifactsStatus, type DiscoveryPorts } from '../../discovery/index.js';
import type { Issue } from '../../errors/index.js';
import { createFreight, evaluateFreightCreationCriteria, type FreightResource } from '../../freight/index.js';
import type { KargoResource } from '../../model/index.js';
import type { ChartRepositoryPort, GitPort, RegistryPort } from '../../ports/index.js';
import { openPorts } from '../config-ports.js';
import { usageError, type CommandContext } from '../context.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import { renderIssues, renderJson, type Styles } from '../output.js';
import { createProgress, type Progress } from '../progress.js';
import { openStore } from '../session.js';
import { listResources, openCommandScope, type World } from '../world.js';

/** The JSON that `waybill discover --json` prints. */
export interface DiscoverReport {
  readonly format: 'waybill.discover/v1';
  /** `true` when discovery worked and Freight could be built from what it found. */
  readonly ok: boolean;
  readonly project: string;
  readonly warehouse: string;
  /** What discovery found, in Kargo's `status.discoveredArtifacts` shape; `null` when it failed. */
  readonly discovered: DiscoveredArtifactsStatus | null;
  /** The Freight the Warehouse would create from the newest of each subscription; `null` when none can be built. */
  readonly freight: FreightResource | null;
  /** True when Freight with that name (the same artifacts) already exists. */
  readonly exists: boolean;
  /**
   * True when the Warehouse would create the Freight by itself: it is new, the Warehouse's
   * `freightCreationPolicy` is not `Manual` and its `freightCreationCriteria` hold.
   */
  readonly wouldCreate: boolean;
  /** Why it would not, when it is new but would not be created; else `null`. */
  readonly note: string | null;
  /** True when `--create` created it. */
  readonly created: boolean;
  readonly issues: readonly Issue[];
}

/** Discovery issues that mean a repository could not be read, rather than a wrong subscription. */
const PORT_FAILURES = new Set(['DISCOVERY_REPOSITORY_NOT_FOUND', 'DISCOVERY_ACCESS_DENIED', 'DISCOVERY_TRANSPORT_FAILED']);

/** The ports, with each call shown as progress. */
function watchPorts(ports: DiscoveryPorts, progress: Progress): DiscoveryPorts {
  const show = (what: string, request: { repository?: string; repoURL?: string; tag?: string; digest?: string }): void =>
    progress.status(`${what} ${request.repository ?? request.repoURL ?? ''}${request.tag !== undefined ? `:${request.tag}` : ''}`);
  const registry = ports.registry;
  const git = ports.git;
  const charts = ports.charts;
  return {
    ...(registry === undefined
      ? {}
      : {
          registry: {
            listTags: (r) => (show('listing tags of', r), registry.listTags(r)),
            getImage: (r) => (show('reading image', r), registry.getImage(r)),
          } satisfies RegistryPort,
        }),
    ...(git === undefined
      ? {}
      : {
          git: {
            listCommits: (r) => (show('listing commits of', r), git.listCommits(r)),
            listTags: (r) => (show('listing tags of', r), git.listTags(r)),
            getChangedPaths: (r) => (show('reading changed paths in', r), git.getChangedPaths(r)),
          } satisfies GitPort,
        }),
    ...(charts === undefined ? {} : { charts: { listVersions: (r) => (show('listing chart versions of', r), charts.listVersions(r)) } satisfies ChartRepositoryPort }),
  };
}

/**
 * `waybill discover <warehouse> [--create]`: runs the Warehouse's discovery against real
 * registries, Git and chart repositories (or the ports the configuration names) and prints what
 * it found and the Freight it would create. Nothing is written unless `--create` asks for the
 * Freight to be recorded.
 */
export async function runDiscover(ctx: CommandContext): Promise<number> {
  const { args, io, styles } = ctx;
  const [name, ...extra] = args.positionals;
  if (name === undefined || extra.length > 0) return usageError(ctx, 'discover needs the name of one Warehouse', usageOf('discover'));
  const started = await openCommandScope(ctx, 'discover');
  if (typeof started === 'number') return started;
  const { now, world, project } = started;
  const config = world.config;
  const listed = { value: started.resources };
  const found = listed.value.filter((r) => r.kind === 'Warehouse' && r.metadata.name === name && (project === undefined || r.metadata.namespace === project));
  if (found.length !== 1) {
    io.stderr(
      found.length === 0
        ? `waybill: no Warehouse named ${JSON.stringify(name)}${project === undefined ? '' : ` in Project ${JSON.stringify(project)}`}\n`
        : `waybill: Warehouses named ${JSON.stringify(name)} are in several Projects (${found.map((w) => w.metadata.namespace).join(', ')}); choose one with --project\n`,
    );
    return ExitCode.issues;
  }
  const warehouse = found[0] as KargoResource & { kind: 'Warehouse' };
  const namespace = warehouse.metadata.namespace ?? '';
  const existing = await listResources(world, ['Freight']);
  if (!existing.ok) {
    io.stderr(`waybill: ${existing.message}\n`);
    return ExitCode.portFailed;
  }
  const opened = await openPorts(config, io.env, io.ports);
  if (!opened.ok) {
    io.stderr(`waybill: ${opened.message}\n`);
    return ExitCode.usage;
  }
  for (const warning of opened.value.warnings) io.stderr(`waybill: warning: ${warning}\n`);
  const progress = createProgress(io);
  let result: Awaited<ReturnType<typeof discover>>;
  try {
    progress.status(`discovering Warehouse ${name}`);
    result = await discover(warehouse, watchPorts(opened.value.ports, progress), { now });
  } finally {
    progress.done();
    await opened.value.close();
  }
  const json = args.options.has('json');
  const base = { format: 'waybill.discover/v1', project: namespace, warehouse: name } as const;
  if (!result.ok) {
    const portFailed = result.issues.some((i) => PORT_FAILURES.has(i.code));
    if (json) io.stdout(renderJson({ ...base, ok: false, discovered: null, freight: null, exists: false, wouldCreate: false, note: null, created: false, issues: result.issues } satisfies DiscoverReport));
    else io.stderr(renderIssues(result.issues, {}, styles));
    return portFailed ? ExitCode.portFailed : ExitCode.issues;
  }
  const aliases = new Set(existing.value.map((f) => f.metadata.labels?.['kargo.akuity.io/alias']).filter((a): a is string => a !== undefined));
  const built = createFreight(warehouse, result.value, { now, isAliasTaken: (a) => aliases.has(a) });
  const freight = built.ok ? built.value : null;
  const twin = freight === null ? undefined : existing.value.find((f) => f.metadata.name === freight.metadata.name && f.metadata.namespace === namespace);
  // Freight that exists already keeps its alias: show that one rather than a fresh proposal.
  const shown: FreightResource | null = freight === null ? null : twin === undefined ? freight : (twin as unknown as FreightResource);
  const spec = (warehouse as { spec?: { freightCreationPolicy?: unknown; freightCreationCriteria?: { expression?: string } } }).spec;
  const manual = spec?.freightCreationPolicy === 'Manual';
  const criteria = evaluateFreightCreationCriteria(spec?.freightCreationCriteria, result.value);
  const issues = [...result.issues, ...built.issues, ...(criteria.ok ? [] : criteria.issues)];
  let note: string | null = null;
  if (freight !== null && twin === undefined) {
    if (manual) note = 'the Warehouse has freightCreationPolicy: Manual, so Freight is only created by hand (waybill discover --create)';
    else if (criteria.ok && !criteria.value) note = `freightCreationCriteria (${JSON.stringify(spec?.freightCreationCriteria?.expression ?? '')}) is false for these artifacts`;
  }
  const wouldCreate = freight !== null && twin === undefined && !manual && criteria.ok && criteria.value;
  let created = false;
  if (args.options.has('create') && freight !== null && twin === undefined && (manual || (criteria.ok && criteria.value))) {
    const stored = await createDiscoveredFreight(world, freight, warehouse, result.value, now);
    if (typeof stored === 'string') {
      io.stderr(`waybill: ${stored}\n`);
      return ExitCode.portFailed;
    }
    created = true;
  }
  const report: DiscoverReport = { ...base, ok: freight !== null && criteria.ok, discovered: result.value, freight: shown, exists: twin !== undefined, wouldCreate, note, created, issues };
  if (json) io.stdout(renderJson(report));
  else {
    if (!criteria.ok) io.stderr(renderIssues(criteria.issues, {}, styles));
    io.stdout(formatDiscovery(report, styles, world.kind === 'files' ? world.stateShown : undefined));
  }
  return criteria.ok ? ExitCode.ok : ExitCode.issues;
}

/**
 * Records the Freight as the Warehouse reconciler would: the Freight itself, and the Warehouse's
 * `status.discoveredArtifacts` and `lastFreightID`. Returns why it could not, as text.
 */
async function createDiscoveredFreight(world: World, freight: FreightResource, warehouse: KargoResource, discovered: DiscoveredArtifactsStatus, now: Date): Promise<true | string> {
  const opened = openStore(world, { now: () => new Date(now.getTime()) });
  const made = await opened.store.create(freight as unknown as KargoResource & { kind: 'Freight' });
  if (!made.ok) return `cannot create the Freight: ${made.failure.message}`;
  const ref = { namespace: warehouse.metadata.namespace, name: warehouse.metadata.name ?? '' };
  const current = await opened.store.get('Warehouse', ref);
  if (current.ok && current.value !== undefined) {
    const status = { ...((current.value as { status?: object }).status ?? {}), discoveredArtifacts: discovered, lastFreightID: freight.metadata.name };
    const written = await opened.store.updateStatus('Warehouse', { ...ref, status, resourceVersion: current.value.metadata.resourceVersion });
    if (!written.ok) return `cannot record the Warehouse's discovery: ${written.failure.message}`;
  }
  opened.save();
  return true;
}

/** The readable form of a discovery: each subscription's findings, best first, then the Freight. */
export function formatDiscovery(report: DiscoverReport, styles: Styles, stateFile?: string): string {
  const out: string[] = [styles.bold(`Warehouse ${report.warehouse} (Project ${report.project}) discovered:`)];
  const d = report.discovered ?? {};
  for (const i of d.images ?? []) {
    out.push(`  image ${i.repoURL}${i.platform === undefined ? '' : ` (${i.platform})`}${i.subscriptionName === undefined ? '' : ` [${i.subscriptionName}]`}:${i.references.length === 0 ? ' nothing' : ''}`);
    for (const r of i.references) out.push(`    ${r.tag}  ${styles.dim(r.digest)}${r.createdAt === undefined ? '' : `  ${r.createdAt}`}`);
  }
  for (const g of d.git ?? []) {
    out.push(`  git ${g.repoURL}${g.subscriptionName === undefined ? '' : ` [${g.subscriptionName}]`}:${g.commits.length === 0 ? ' nothing' : ''}`);
    for (const c of g.commits) out.push(`    ${c.tag ?? c.branch ?? ''}${c.tag ?? c.branch ? '  ' : ''}${c.id.slice(0, 7)}${c.subject === undefined ? '' : `  ${JSON.stringify(c.subject)}`}`);
  }
  for (const c of d.charts ?? []) {
    out.push(`  chart ${c.repoURL}${c.name === undefined ? '' : ` ${c.name}`}${c.subscriptionName === undefined ? '' : ` [${c.subscriptionName}]`}: ${c.versions.length === 0 ? 'nothing' : c.versions.join(', ')}`);
  }
  out.push('');
  if (report.freight === null) {
    out.push(styles.yellow('No Freight would be created:'));
    for (const issue of report.issues) out.push(`  ${issue.message}`);
  } else {
    out.push(
      report.exists
        ? 'This Freight exists already (nothing new was found):'
        : report.created
          ? styles.green(`Created this Freight${stateFile === undefined ? '' : ` (recorded in ${stateFile})`}:`)
          : report.wouldCreate
            ? styles.green('The Warehouse would create this Freight:')
            : styles.yellow(`The Warehouse would not create this Freight by itself: ${report.note ?? 'see the issues'}.`),
    );
    out.push(
      stringify(report.freight, { lineWidth: 0 })
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  }
  return `${out.join('\n')}\n`;
}
