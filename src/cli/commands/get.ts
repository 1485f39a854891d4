import { stringify } from 'yaml';
import type { KargoKind, KargoResource } from '../../model/index.js';
import { usageError, type CommandContext } from '../context.js';
import { usageOf } from '../help.js';
import { ExitCode } from '../io.js';
import { renderJson } from '../output.js';
import { ageOf, renderTable } from '../table.js';
import { chooseProject, listResources, openCommandWorld } from '../world.js';

/** The kinds `waybill get` lists, by the words users type for them. */
const KIND_WORDS: Readonly<Record<string, KargoKind>> = {
  project: 'Project',
  projects: 'Project',
  warehouse: 'Warehouse',
  warehouses: 'Warehouse',
  freight: 'Freight',
  freights: 'Freight',
  stage: 'Stage',
  stages: 'Stage',
  promotion: 'Promotion',
  promotions: 'Promotion',
  promos: 'Promotion',
  promo: 'Promotion',
};

/** The output formats of `waybill get -o`. */
export const GET_OUTPUTS = ['table', 'json', 'yaml', 'name'] as const;

type Row = readonly string[];
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The Ready condition's status and message, `Unknown` and empty when there is none. */
function readyOf(resource: KargoResource): [string, string] {
  const conditions = rec(rec(resource)['status'])['conditions'];
  const ready = Array.isArray(conditions) ? conditions.map(rec).find((c) => c['type'] === 'Ready') : undefined;
  return ready === undefined ? ['Unknown', ''] : [str(ready['status']) || 'Unknown', str(ready['message'])];
}

/** The columns of each kind, as the Kargo CLI prints them. */
const COLUMNS: Readonly<Record<string, { readonly headers: readonly string[]; readonly row: (r: KargoResource, now: Date) => Row }>> = {
  Project: { headers: ['Name', 'Ready', 'Status', 'Age'], row: (r, now) => [r.metadata.name ?? '', ...readyOf(r), ageOf(r.metadata.creationTimestamp, now)] },
  Warehouse: { headers: ['Name', 'Shard', 'Age'], row: (r, now) => [r.metadata.name ?? '', str(rec(rec(r)['spec'])['shard']), ageOf(r.metadata.creationTimestamp, now)] },
  Freight: {
    headers: ['Name', 'Alias', 'Origin', 'Age'],
    row: (r, now) => {
      const f = rec(r);
      const origin = rec(f['origin']);
      const alias = str(rec(r.metadata.labels)['kargo.akuity.io/alias']) || str(f['alias']);
      return [r.metadata.name ?? '', alias, origin['name'] === undefined ? '' : `${str(origin['kind']) || 'Warehouse'}/${str(origin['name'])}`, ageOf(f['discoveredAt'] ?? r.metadata.creationTimestamp, now)];
    },
  },
  Stage: {
    headers: ['Name', 'Shard', 'Current Freight', 'Health', 'Ready', 'Status', 'Age'],
    row: (r, now) => {
      const status = rec(rec(r)['status']);
      return [r.metadata.name ?? '', str(rec(rec(r)['spec'])['shard']), str(status['freightSummary']), str(rec(status['health'])['status']), ...readyOf(r), ageOf(r.metadata.creationTimestamp, now)];
    },
  },
  Promotion: {
    headers: ['Name', 'Shard', 'Stage', 'Freight', 'Phase', 'Age'],
    row: (r, now) => {
      const spec = rec(rec(r)['spec']);
      return [r.metadata.name ?? '', str(rec(r.metadata.labels)['kargo.akuity.io/shard']), str(spec['stage']), str(spec['freight']), str(rec(rec(r)['status'])['phase']), ageOf(r.metadata.creationTimestamp, now)];
    },
  },
};

/**
 * `waybill get <kind> [name...] [--project P] [-o table|json|yaml|name] [--json]`: lists Kargo
 * resources from the manifests and state file, or a cluster, as the Kargo CLI does.
 */
export async function runGet(ctx: CommandContext): Promise<number> {
  const { args, io } = ctx;
  const [word, ...names] = args.positionals;
  if (word === undefined) return usageError(ctx, 'get needs a kind: projects, warehouses, freight, stages or promotions', usageOf('get'));
  const kind = Object.hasOwn(KIND_WORDS, word.toLowerCase()) ? KIND_WORDS[word.toLowerCase()] : undefined;
  if (kind === undefined) return usageError(ctx, `'${word}' is not a kind get lists; use projects, warehouses, freight, stages or promotions`, usageOf('get'));
  const output = args.options.has('json') ? 'json' : (args.options.get('output') as string | undefined) ?? 'table';
  if (args.options.has('json') && args.options.has('output') && args.options.get('output') !== 'json') {
    return usageError(ctx, `--json and -o ${String(args.options.get('output'))} ask for different outputs`, usageOf('get'));
  }
  const started = await openCommandWorld(ctx, 'get');
  if (typeof started === 'number') return started;
  const { now, world } = started;

  let project: string | undefined;
  if (kind !== 'Project') {
    const scope = await listResources(world, ['Stage', 'Warehouse']);
    if (!scope.ok) {
      io.stderr(`waybill: ${scope.message}\n`);
      return ExitCode.portFailed;
    }
    project = chooseProject(ctx, scope.value);
  }
  const listed = await listResources(world, [kind], project);
  if (!listed.ok) {
    io.stderr(`waybill: ${listed.message}\n`);
    return ExitCode.portFailed;
  }
  let items = listed.value;
  const stageFilter = args.options.get('stage');
  if (kind === 'Promotion' && typeof stageFilter === 'string') items = items.filter((p) => rec(rec(p)['spec'])['stage'] === stageFilter);
  const missing: string[] = [];
  if (names.length > 0) {
    const picked: KargoResource[] = [];
    for (const name of names) {
      // Freight is found by alias as well, as the Kargo CLI finds it.
      const found = items.filter((r) => r.metadata.name === name || (kind === 'Freight' && rec(r.metadata.labels)['kargo.akuity.io/alias'] === name));
      if (found.length === 0) missing.push(name);
      picked.push(...found.filter((f) => !picked.includes(f)));
    }
    items = picked;
  }
  const where = project === undefined ? '' : ` in Project ${JSON.stringify(project)}`;
  for (const name of missing) io.stderr(`waybill: ${kind} ${JSON.stringify(name)} not found${where}\n`);

  if (output === 'json' || output === 'yaml') {
    const single = names.length === 1 && items.length === 1;
    const doc = single ? items[0] : { apiVersion: 'v1', kind: 'List', items, metadata: {} };
    io.stdout(output === 'json' ? renderJson(doc) : stringify(doc, { lineWidth: 0 }));
  } else if (output === 'name') {
    io.stdout(items.map((r) => `${r.kind.toLowerCase()}.kargo.akuity.io/${r.metadata.name}\n`).join(''));
  } else if (items.length === 0 && missing.length === 0) {
    io.stderr(`No ${kind === 'Freight' ? 'Freight' : `${kind}s`} found${where}.\n`);
  } else if (items.length > 0) {
    const columns = COLUMNS[kind] as (typeof COLUMNS)[string];
    const several = project === undefined && kind !== 'Project' && new Set(items.map((r) => r.metadata.namespace)).size > 1;
    const headers = several ? ['Project', ...columns.headers] : columns.headers;
    const rows = items.map((r) => (several ? [r.metadata.namespace ?? '', ...columns.row(r, now)] : columns.row(r, now)));
    io.stdout(renderTable(headers, rows, { noHeaders: args.options.has('no-headers') }));
  }
  return missing.length > 0 ? ExitCode.issues : ExitCode.ok;
}
