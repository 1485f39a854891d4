import { createIssue, type Issue, type PathSegment } from '../errors/index.js';
import { toResult, err, type Result } from '../result.js';
import { findCycles, type FoundCycle } from './cycles.js';
import type { GraphEdge, GraphNode, GraphNodeKind, GraphOrigin, StageGraph, StageGraphInput } from './graph-types.js';

/** The id of a node: `"<Kind>/<name>"`, the same spelling Kargo uses for origin keys. */
export function graphNodeId(kind: GraphNodeKind, name: string): string {
  return `${kind}/${name}`;
}

interface Request {
  readonly origin: GraphOrigin;
  readonly direct: boolean;
  readonly selectionPolicy: string | undefined;
  readonly upstream: readonly { readonly name: string; readonly path: readonly PathSegment[] }[];
  readonly path: readonly PathSegment[];
}

interface ReadStage {
  readonly name: string;
  readonly index: number;
  readonly requests: readonly Request[];
}

/**
 * Builds the promotion graph of one Project from its Stages (and, optionally, its Warehouses):
 * an edge from the Warehouse to each Stage that takes its Freight `direct`ly, and an edge from each
 * upstream Stage named in `sources.stages`, per origin.
 *
 * Kargo admits Stages whose upstream Stage does not exist, whose origin names an unknown
 * Warehouse, that form a cycle or name themselves, that use `MatchUpstream` without exactly one
 * upstream, or that no Warehouse can reach, so the graph is still built and these come back as
 * warnings (`GRAPH_UNKNOWN_STAGE`, `GRAPH_UNKNOWN_WAREHOUSE`, `GRAPH_CYCLE` with the loop in order,
 * `GRAPH_SELF_REFERENCE`, `GRAPH_MATCH_UPSTREAM_SOURCES`, `GRAPH_UNREACHABLE_STAGE` for the first
 * Stage cut off), with the missing nodes marked `declared: false`. The result fails only when the input cannot form a graph: a Stage or
 * Warehouse without a name or with a malformed request (`GRAPH_INVALID_NODE`), or two nodes of
 * the same kind and name (`GRAPH_DUPLICATE_NODE`). Issue paths point into the input:
 * `["stages", 2, "spec", "requestedFreight", 0, "sources", "stages", 1]`.
 */
export function buildStageGraph(input: StageGraphInput): Result<StageGraph> {
  const issues: Issue[] = [];
  const source: Record<string, unknown> = isRecord(input) ? input : {};
  const stageList = Array.isArray(source['stages']) ? (source['stages'] as unknown[]) : undefined;
  if (stageList === undefined) {
    return err(createIssue('GRAPH_INVALID_NODE', 'the graph input needs a list of Stages in `stages`', { path: ['stages'] }));
  }
  const warehouseList = source['warehouses'] === undefined ? undefined : Array.isArray(source['warehouses']) ? (source['warehouses'] as unknown[]) : null;
  if (warehouseList === null) {
    return err(createIssue('GRAPH_INVALID_NODE', '`warehouses` must be a list of Warehouses when it is given', { path: ['warehouses'] }));
  }

  const warehouseNames = warehouseList === undefined ? undefined : readWarehouses(warehouseList, issues);
  const stages = stageList.map((stage, index) => readStage(stage, index, issues)).filter((s): s is ReadStage => s !== undefined);
  reportDuplicates(stages.map((s) => ({ name: s.name, path: ['stages', s.index] })), 'Stage', issues);
  if (issues.some((i) => i.severity === 'error')) return err(issues);

  const stageNames = new Set(stages.map((s) => s.name));
  const nodes: GraphNode[] = [];
  const known = new Set<string>();
  const addNode = (kind: GraphNodeKind, name: string, declared: boolean): void => {
    const id = graphNodeId(kind, name);
    if (known.has(id)) return;
    known.add(id);
    nodes.push({ id, kind, name, declared });
  };
  for (const name of warehouseNames ?? []) addNode('Warehouse', name, true);

  const edges: GraphEdge[] = [];
  const edgeKeys = new Set<string>();
  const pending: { kind: GraphNodeKind; name: string }[] = [];
  const addEdge = (edge: GraphEdge): void => {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.origin.kind}/${edge.origin.name}\u0000${edge.source}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push(edge);
  };

  for (const stage of stages) {
    const to = graphNodeId('Stage', stage.name);
    for (const request of stage.requests) {
      if (warehouseNames !== undefined && request.origin.kind === 'Warehouse' && !warehouseNames.has(request.origin.name)) {
        issues.push(
          createIssue('GRAPH_UNKNOWN_WAREHOUSE', `Stage "${stage.name}" requests Freight from Warehouse "${request.origin.name}", which is not defined`, {
            path: [...request.path, 'origin', 'name'],
            severity: 'warning',
          }),
        );
      }
      if (request.direct) {
        pending.push({ kind: 'Warehouse', name: request.origin.name });
        addEdge({ from: graphNodeId('Warehouse', request.origin.name), to, origin: request.origin, source: 'direct' });
      }
      if (request.selectionPolicy === 'MatchUpstream' && request.upstream.length !== 1) {
        issues.push(
          createIssue(
            'GRAPH_MATCH_UPSTREAM_SOURCES',
            `Stage "${stage.name}" selects Freight from Warehouse "${request.origin.name}" with MatchUpstream, which needs exactly one upstream Stage, but it names ${request.upstream.length}`,
            { path: [...request.path, 'sources', 'autoPromotionOptions', 'selectionPolicy'], severity: 'warning' },
          ),
        );
      }
      for (const upstream of request.upstream) {
        if (upstream.name === stage.name) {
          issues.push(createIssue('GRAPH_SELF_REFERENCE', `Stage "${stage.name}" lists itself as an upstream Stage`, { path: upstream.path, severity: 'warning' }));
        } else if (!stageNames.has(upstream.name)) {
          issues.push(
            createIssue('GRAPH_UNKNOWN_STAGE', `Stage "${stage.name}" requests Freight from upstream Stage "${upstream.name}", which is not defined`, {
              path: upstream.path,
              severity: 'warning',
            }),
          );
          pending.push({ kind: 'Stage', name: upstream.name });
        }
        addEdge({ from: graphNodeId('Stage', upstream.name), to, origin: request.origin, source: 'stage' });
      }
    }
  }

  for (const p of pending.filter((p) => p.kind === 'Warehouse')) addNode('Warehouse', p.name, warehouseNames?.has(p.name) ?? false);
  for (const stage of stages) addNode('Stage', stage.name, true);
  for (const p of pending.filter((p) => p.kind === 'Stage')) addNode('Stage', p.name, false);

  const cycles = findStageCycles(stages, edges);
  issues.push(...cycles.map((cycle) => cycleIssue(cycle, stages)));
  issues.push(...unreachableIssues(stages, edges, warehouseNames, cycles));
  return toResult({ nodes, edges }, issues);
}

/**
 * The cycles through upstream references, whatever the origin: Kargo wakes downstream Stages
 * through the union of all upstream names, so a loop is a loop even when it mixes origins. A Stage
 * that lists itself is reported on its own (`GRAPH_SELF_REFERENCE`), not as a cycle.
 */
function findStageCycles(stages: readonly ReadStage[], edges: readonly GraphEdge[]): FoundCycle[] {
  const ids = stages.map((s) => graphNodeId('Stage', s.name));
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.source !== 'stage' || edge.from === edge.to) continue;
    const list = next.get(edge.from) ?? [];
    if (!list.includes(edge.to)) list.push(edge.to);
    next.set(edge.from, list);
  }
  const name = (id: string): string => id.slice('Stage/'.length);
  return findCycles(ids, next).map(({ cycle, members }) => ({ cycle: cycle.map(name), members: members.map(name) }));
}

/**
 * A cycle warning that points at the upstream name closing the loop: the first Stage's reference
 * to the last. Stages tangled in the same knot but off the shortest loop are named too, so that
 * every Stage on a cycle is mentioned once.
 */
function cycleIssue({ cycle: names, members }: FoundCycle, stages: readonly ReadStage[]): Issue {
  const first = names[0] ?? '';
  const last = names[names.length - 1] ?? '';
  const owner = stages.find((s) => s.name === first);
  const closing = owner?.requests.flatMap((r) => r.upstream).find((u) => u.name === last);
  const path = closing?.path ?? ['stages', owner?.index ?? 0];
  const others = members.filter((m) => !names.includes(m)).map((m) => `"${m}"`);
  const tail = others.length === 0 ? '' : `; ${others.join(', ')} ${others.length > 1 ? 'are' : 'is'} caught in cycles with these Stages too`;
  return createIssue('GRAPH_CYCLE', `Stages form a cycle: ${[...names, first].join(' -> ')}${tail}`, { path, severity: 'warning' });
}

/**
 * Which Stages can receive Freight from some Warehouse, following edges origin by origin: a Stage
 * is reached for an origin when it takes that origin directly from an existing Warehouse, or names
 * an upstream Stage that is reached for the same origin.
 */
function reachedStages(stages: readonly ReadStage[], edges: readonly GraphEdge[], warehouseNames: ReadonlySet<string> | undefined): Set<string> {
  const reached = new Set<string>();
  const byOrigin = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    const key = `${edge.origin.kind}/${edge.origin.name}`;
    byOrigin.set(key, [...(byOrigin.get(key) ?? []), edge]);
  }
  for (const originEdges of byOrigin.values()) {
    const here = new Set<string>();
    const queue: string[] = [];
    for (const edge of originEdges) {
      if (edge.source === 'direct' && (warehouseNames === undefined || warehouseNames.has(edge.origin.name)) && !here.has(edge.to)) {
        here.add(edge.to);
        queue.push(edge.to);
      }
    }
    const next = new Map<string, string[]>();
    for (const edge of originEdges) if (edge.source === 'stage') next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
    for (let head = 0; head < queue.length; head++) {
      for (const to of next.get(queue[head] as string) ?? []) {
        if (!here.has(to)) {
          here.add(to);
          queue.push(to);
        }
      }
    }
    for (const id of here) reached.add(id);
  }
  return new Set(stages.map((s) => graphNodeId('Stage', s.name)).filter((id) => reached.has(id)));
}

/**
 * Warns about Stages no Warehouse can reach, for any origin. Only the root cause is reported: a
 * Stage whose upstream is itself unreachable, that sits on a cycle or names itself, or that names
 * an unknown upstream Stage or Warehouse is already explained by another warning; the Stages that
 * are cut off with a reported one are named in its message instead.
 */
function unreachableIssues(
  stages: readonly ReadStage[],
  edges: readonly GraphEdge[],
  warehouseNames: ReadonlySet<string> | undefined,
  cycles: readonly FoundCycle[],
): Issue[] {
  const reached = reachedStages(stages, edges, warehouseNames);
  const stageNames = new Set(stages.map((s) => s.name));
  const onCycle = new Set(cycles.flatMap((c) => c.members));
  const unreached = stages.filter((s) => !reached.has(graphNodeId('Stage', s.name)));
  const unreachedNames = new Set(unreached.map((s) => s.name));
  const explained = (stage: ReadStage): boolean =>
    onCycle.has(stage.name) ||
    stage.requests.some(
      (r) =>
        (warehouseNames !== undefined && !warehouseNames.has(r.origin.name)) ||
        r.upstream.some((u) => u.name === stage.name || !stageNames.has(u.name) || unreachedNames.has(u.name)),
    );
  const downstream = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.source !== 'stage') continue;
    const from = edge.from.slice('Stage/'.length);
    downstream.set(from, [...(downstream.get(from) ?? []), edge.to.slice('Stage/'.length)]);
  }
  return unreached
    .filter((stage) => !explained(stage))
    .map((stage) => {
      const cutOff = new Set<string>();
      const queue = [stage.name];
      for (let head = 0; head < queue.length; head++) {
        for (const to of downstream.get(queue[head] as string) ?? []) {
          if (to !== stage.name && unreachedNames.has(to) && !cutOff.has(to)) {
            cutOff.add(to);
            queue.push(to);
          }
        }
      }
      const why =
        stage.requests.length === 0
          ? `Stage "${stage.name}" requests no Freight, so no Warehouse can reach it`
          : `No Warehouse can reach Stage "${stage.name}": none of its requests takes Freight directly from an existing Warehouse or from an upstream Stage that receives the same origin, so only Freight approved for it can be promoted there`;
      const names = [...cutOff].sort(byCodeUnits).map((n) => `"${n}"`);
      const tail = names.length === 0 ? '' : `; Stage${names.length > 1 ? 's' : ''} ${names.join(', ')} downstream of it cannot be reached either`;
      const path: PathSegment[] = stage.requests.length === 0 ? ['stages', stage.index] : ['stages', stage.index, 'spec', 'requestedFreight'];
      return createIssue('GRAPH_UNREACHABLE_STAGE', `${why}${tail}`, { path, severity: 'warning' });
    });
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readWarehouses(list: readonly unknown[], issues: Issue[]): Set<string> {
  const entries: { name: string; path: PathSegment[] }[] = [];
  list.forEach((warehouse, index) => {
    const name = nameOf(warehouse);
    if (name === undefined) {
      issues.push(createIssue('GRAPH_INVALID_NODE', 'a Warehouse has no `metadata.name`', { path: ['warehouses', index, 'metadata', 'name'] }));
    } else {
      entries.push({ name, path: ['warehouses', index] });
    }
  });
  reportDuplicates(entries, 'Warehouse', issues);
  return new Set(entries.map((e) => e.name));
}

function readStage(stage: unknown, index: number, issues: Issue[]): ReadStage | undefined {
  const base: PathSegment[] = ['stages', index];
  const name = nameOf(stage);
  if (name === undefined) {
    issues.push(createIssue('GRAPH_INVALID_NODE', 'a Stage has no `metadata.name`', { path: [...base, 'metadata', 'name'] }));
    return undefined;
  }
  const spec = isRecord(stage) ? stage['spec'] : undefined;
  const raw = isRecord(spec) ? spec['requestedFreight'] : undefined;
  if (raw === undefined || raw === null) return { name, index, requests: [] };
  if (!Array.isArray(raw)) {
    issues.push(createIssue('GRAPH_INVALID_NODE', `Stage "${name}": spec.requestedFreight must be a list`, { path: [...base, 'spec', 'requestedFreight'] }));
    return undefined;
  }
  const requests: Request[] = [];
  raw.forEach((entry: unknown, j: number) => {
    const path: PathSegment[] = [...base, 'spec', 'requestedFreight', j];
    const request = readRequest(entry, path, name, issues);
    if (request) requests.push(request);
  });
  return { name, index, requests };
}

function readRequest(entry: unknown, path: PathSegment[], stage: string, issues: Issue[]): Request | undefined {
  const origin = isRecord(entry) ? entry['origin'] : undefined;
  const kind = isRecord(origin) ? origin['kind'] : undefined;
  const originName = isRecord(origin) ? origin['name'] : undefined;
  if (kind !== 'Warehouse' || typeof originName !== 'string' || originName === '') {
    issues.push(
      createIssue('GRAPH_INVALID_NODE', `Stage "${stage}": each requested Freight needs an origin of kind Warehouse with a name`, { path: [...path, 'origin'] }),
    );
    return undefined;
  }
  const sources = isRecord(entry) ? entry['sources'] : undefined;
  const direct = isRecord(sources) && sources['direct'] === true;
  const rawStages = isRecord(sources) ? sources['stages'] : undefined;
  const upstream: { name: string; path: PathSegment[] }[] = [];
  if (rawStages !== undefined && rawStages !== null) {
    if (!Array.isArray(rawStages)) {
      issues.push(createIssue('GRAPH_INVALID_NODE', `Stage "${stage}": sources.stages must be a list of Stage names`, { path: [...path, 'sources', 'stages'] }));
      return undefined;
    }
    for (const [k, value] of rawStages.entries()) {
      if (typeof value !== 'string' || value === '') {
        issues.push(createIssue('GRAPH_INVALID_NODE', `Stage "${stage}": sources.stages must hold Stage names`, { path: [...path, 'sources', 'stages', k] }));
        return undefined;
      }
      upstream.push({ name: value, path: [...path, 'sources', 'stages', k] });
    }
  }
  const options = isRecord(sources) ? sources['autoPromotionOptions'] : undefined;
  const policy = isRecord(options) ? options['selectionPolicy'] : undefined;
  return { origin: { kind, name: originName }, direct, selectionPolicy: typeof policy === 'string' ? policy : undefined, upstream, path };
}

function reportDuplicates(entries: readonly { name: string; path: readonly PathSegment[] }[], kind: GraphNodeKind, issues: Issue[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.name)) {
      issues.push(createIssue('GRAPH_DUPLICATE_NODE', `there is more than one ${kind} named "${entry.name}"`, { path: entry.path }));
    }
    seen.add(entry.name);
  }
}

function nameOf(resource: unknown): string | undefined {
  const metadata = isRecord(resource) ? resource['metadata'] : undefined;
  const name = isRecord(metadata) ? metadata['name'] : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
