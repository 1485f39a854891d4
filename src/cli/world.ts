import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isKargoResource, type KargoKind, type KargoResource, type ManifestResource } from '../model/index.js';
import { createKubernetesStore } from '../adapters/kubernetes/index.js';
import type { Issue } from '../errors/index.js';
import type { ClusterPort, StorePort } from '../ports/index.js';
import type { OptionSpec } from './args.js';
import { loadConfig, renderConfigIssues, type LoadedConfig } from './config.js';
import { usageError, type CommandContext } from './context.js';
import { usageOf } from './help.js';
import { ExitCode } from './io.js';
import type { LoadedProject } from './load.js';
import { renderIssues } from './output.js';
import { loadFromPaths } from './project-files.js';
import { overlayState, readStateFile } from './state.js';

/** The options of every command that reads or changes Kargo resources. */
export const worldOptions: readonly OptionSpec[] = [
  { name: 'manifests', short: 'f', value: 'path', multiple: true },
  { name: 'state', value: 'file' },
  { name: 'cluster' },
  { name: 'kubeconfig', value: 'file' },
  { name: 'context', value: 'name' },
  { name: 'config', value: 'file' },
  { name: 'project', value: 'project' },
  { name: 'now', value: 'time' },
];

/** Resources from manifests and the state file. */
export interface FilesWorld {
  readonly kind: 'files';
  readonly config: LoadedConfig;
  readonly project: LoadedProject;
  /** The state file, absolute. */
  readonly statePath: string;
  /** The same path as the user would write it, for messages. */
  readonly stateShown: string;
  readonly stateExisted: boolean;
  /** The manifests' Kargo resources. */
  readonly manifests: readonly KargoResource[];
  /** The manifests with the state laid over them. */
  readonly resources: readonly KargoResource[];
}

/** Resources in a store: a cluster, or one a program handed in. */
export interface StoreWorld {
  readonly kind: 'store';
  readonly config: LoadedConfig;
  readonly store: StorePort;
  /** The cluster's Argo CD Applications, for promotion steps, when the store is a cluster. */
  readonly cluster?: ClusterPort | undefined;
  /** Where the store is, for messages. */
  readonly label: string;
}

/** Where a command finds Kargo resources. */
export type World = FilesWorld | StoreWorld;

/** The time a command acts at: `--now`, or the current time. `undefined` when `--now` is not a time. */
export function commandNow(ctx: CommandContext): Date | undefined {
  const text = ctx.args.options.get('now');
  const now = typeof text === 'string' ? new Date(text) : new Date();
  return Number.isNaN(now.getTime()) ? undefined : now;
}

/** Reads the configuration for a command, printing its problems; a number is the exit code to stop with. */
export function readCommandConfig(ctx: CommandContext, command: string): LoadedConfig | number {
  const explicit = ctx.args.options.get('config');
  const loaded = loadConfig(ctx.io.cwd, typeof explicit === 'string' ? explicit : undefined);
  if (loaded.ok) return loaded.value;
  if (loaded.missing !== undefined) return usageError(ctx, `cannot read the configuration file ${loaded.missing}`, usageOf(command));
  ctx.io.stderr(renderConfigIssues(loaded.issues));
  ctx.io.stderr(`waybill: the configuration file has errors; see docs/reference/cli.md#configuration\n`);
  return ExitCode.usage;
}

/**
 * Opens what a command reads and changes: an injected store, the cluster (`--cluster`), or the
 * manifests (`-f`, else the configuration's `manifests`) with the state file laid over them.
 * Prints why it cannot and returns the exit code instead.
 */
export async function openWorld(ctx: CommandContext, command: string, config: LoadedConfig): Promise<World | number> {
  const { args, io } = ctx;
  if (io.ports?.store !== undefined) return { kind: 'store', config, store: io.ports.store, label: 'the given store' };
  if (args.options.has('cluster') || args.options.has('kubeconfig') || args.options.has('context')) {
    return openCluster(ctx, config);
  }
  const given = args.lists?.get('manifests');
  const paths = given !== undefined && given.length > 0 ? given.map((p) => resolveShown(io.cwd, p)) : (config.config.manifests ?? []).map((p) => resolveShown(io.cwd, resolve(config.dir, p)));
  if (paths.length === 0) {
    return usageError(ctx, `${command} needs manifests (-f <path>, or manifests: in waybill.config.yaml) or --cluster`, usageOf(command));
  }
  const project = loadFromPaths(ctx, paths);
  if (typeof project === 'number') return project;
  if (project.issues.some((i) => i.severity === 'error')) {
    io.stderr(renderIssues(project.issues, project.sources, ctx.styles));
    io.stderr('waybill: the manifests have errors; fix them first (waybill validate shows them all)\n');
    return ExitCode.issues;
  }
  const stateOption = args.options.get('state');
  const statePath =
    typeof stateOption === 'string'
      ? resolve(io.cwd, stateOption)
      : config.config.state !== undefined
        ? resolve(config.dir, config.config.state)
        : join(firstDirectory(io.cwd, paths[0] as string), '.waybill', 'state.json');
  const state = readStateFile(statePath);
  if (!state.ok) {
    io.stderr(`waybill: ${state.message}\n`);
    return ExitCode.usage;
  }
  const manifests = project.resources.map((r) => r.resource as ManifestResource).filter(isKargoResource);
  return {
    kind: 'files',
    config,
    project,
    statePath,
    stateShown: resolveShown(io.cwd, statePath),
    stateExisted: state.exists,
    manifests,
    resources: overlayState(manifests, state.resources),
  };
}

/** Resources of some kinds, or why the store could not list them. */
export type ListResult = { readonly ok: true; readonly value: readonly KargoResource[] } | { readonly ok: false; readonly message: string };

/** Lists the resources of the given kinds (in one namespace when given), sorted by namespace and name. */
export async function listResources(world: World, kinds: readonly KargoKind[], namespace?: string): Promise<ListResult> {
  if (world.kind === 'files') {
    const out = world.resources.filter((r) => kinds.includes(r.kind) && (namespace === undefined || r.kind === 'Project' || r.metadata.namespace === namespace));
    return { ok: true, value: sortResources(out) };
  }
  const out: KargoResource[] = [];
  for (const kind of kinds) {
    const listed = await world.store.list(kind, kind === 'Project' || namespace === undefined ? {} : { namespace });
    if (!listed.ok) return { ok: false, message: `cannot list ${kind} resources from ${world.label}: ${listed.failure.message}` };
    out.push(...(listed.value as readonly KargoResource[]));
  }
  return { ok: true, value: sortResources(out) };
}

function sortResources(resources: readonly KargoResource[]): KargoResource[] {
  const key = (r: KargoResource): string => `${r.metadata.namespace ?? ''}\u0000${r.metadata.name}`;
  return [...resources].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * The Project a command works in: `--project`, else the only namespace the listed resources
 * have. `undefined` when there are several and none was chosen.
 */
export function chooseProject(ctx: CommandContext, resources: readonly KargoResource[]): string | undefined {
  const asked = ctx.args.options.get('project');
  if (typeof asked === 'string') return asked;
  const namespaces = [...new Set(resources.filter((r) => r.kind === 'Stage' || r.kind === 'Warehouse').map((r) => r.metadata.namespace ?? ''))];
  return namespaces.length === 1 ? namespaces[0] : undefined;
}

/** The time and the store a command that works on a Project's state acts on. */
export interface CommandWorld {
  readonly now: Date;
  readonly world: World;
}

/** A {@link CommandWorld} with the Stages and Warehouses it holds and the Project the command is about. */
export interface CommandScope extends CommandWorld {
  /** The Stages and Warehouses, sorted by namespace and name. */
  readonly resources: readonly KargoResource[];
  /** `--project`, else the only Project the Stages and Warehouses are in; `undefined` when that is ambiguous. */
  readonly project: string | undefined;
}

/**
 * The start every command that works on a Project's state shares: the time (`--now`), the
 * configuration and the store. Prints why it cannot and returns the exit code instead.
 */
export async function openCommandWorld(ctx: CommandContext, command: string): Promise<CommandWorld | number> {
  const now = commandNow(ctx);
  if (now === undefined) return usageError(ctx, `--now ${String(ctx.args.options.get('now'))} is not a time (use RFC 3339, e.g. 2026-01-01T00:00:00Z)`, usageOf(command));
  const config = readCommandConfig(ctx, command);
  if (typeof config === 'number') return config;
  const world = await openWorld(ctx, command, config);
  if (typeof world === 'number') return world;
  return { now, world };
}

/** {@link openCommandWorld}, then the Stages and Warehouses and the Project the command is about. */
export async function openCommandScope(ctx: CommandContext, command: string): Promise<CommandScope | number> {
  const opened = await openCommandWorld(ctx, command);
  if (typeof opened === 'number') return opened;
  const listed = await listResources(opened.world, ['Stage', 'Warehouse']);
  if (!listed.ok) {
    ctx.io.stderr(`waybill: ${listed.message}\n`);
    return ExitCode.portFailed;
  }
  return { ...opened, resources: listed.value, project: chooseProject(ctx, listed.value) };
}

async function openCluster(ctx: CommandContext, config: LoadedConfig): Promise<World | number> {
  const kubeconfig = ctx.args.options.get('kubeconfig') ?? config.config.kubeconfig;
  const context = ctx.args.options.get('context') ?? config.config.context;
  try {
    // Loaded only here: the client is an optional peer dependency that manifests never need.
    const k8s = await import('@kubernetes/client-node');
    const kubeConfig = new k8s.KubeConfig();
    const file = typeof kubeconfig === 'string' ? resolve(ctx.io.cwd, kubeconfig) : ctx.io.env['KUBECONFIG'];
    if (file !== undefined && file !== '') kubeConfig.loadFromFile(file);
    else kubeConfig.loadFromDefault();
    if (typeof context === 'string') {
      if (!kubeConfig.getContexts().some((c) => c.name === context)) {
        ctx.io.stderr(`waybill: the kubeconfig has no context named ${JSON.stringify(context)}\n`);
        return ExitCode.usage;
      }
      kubeConfig.setCurrentContext(context);
    }
    const warned = new Set<string>();
    const onInvalid = (issues: readonly Issue[]): void => {
      for (const issue of issues) {
        if (issue.severity !== 'error' || warned.has(issue.message)) continue;
        warned.add(issue.message);
        ctx.io.stderr(`waybill: warning: left out a resource that does not validate: ${issue.message}\n`);
      }
    };
    const store = createKubernetesStore({ kubeConfig, loadClient: async () => k8s, onInvalid });
    return { kind: 'store', config, store, cluster: store.adapter, label: `the cluster of context ${JSON.stringify(kubeConfig.getCurrentContext())}` };
  } catch (error) {
    ctx.io.stderr(`waybill: cannot reach the cluster: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.portFailed;
  }
}

/** The directory a manifests path stands for: itself, or the directory of a file. */
function firstDirectory(cwd: string, path: string): string {
  const absolute = resolve(cwd, path);
  try {
    return statSync(absolute).isDirectory() ? absolute : dirname(absolute);
  } catch {
    return dirname(absolute);
  }
}

/** A path relative to the working directory when it is inside it, else absolute. */
function resolveShown(cwd: string, path: string): string {
  const absolute = resolve(cwd, path);
  return absolute.startsWith(`${cwd}/`) ? absolute.slice(cwd.length + 1) : absolute === cwd ? '.' : absolute;
}
