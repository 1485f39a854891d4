import { describe, expect, it } from 'vitest';
import { buildStageGraph, toGraphJson, toMermaid, type GraphStageInput, type StageGraph } from '../../../src/pipeline/index.js';

const stage = (name: string, ...requests: { origin?: string; direct?: boolean; stages?: string[] }[]): GraphStageInput => ({
  metadata: { name },
  spec: {
    requestedFreight: requests.map((r) => ({
      origin: { kind: 'Warehouse', name: r.origin ?? 'wh' },
      sources: { ...(r.direct === undefined ? {} : { direct: r.direct }), ...(r.stages ? { stages: r.stages } : {}) },
    })),
  },
});
const warehouse = (name: string) => ({ metadata: { name } });

const quickstart = {
  stages: [stage('dev', { direct: true }), stage('staging', { stages: ['dev'] }), stage('prod', { stages: ['staging'] })],
  warehouses: [warehouse('wh')],
};

function graphOf(input: Parameters<typeof buildStageGraph>[0]): StageGraph {
  const result = buildStageGraph(input);
  if (!result.ok) throw new Error(`expected a graph, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

describe('buildStageGraph', () => {
  it('links the Warehouse to direct Stages and upstream Stages to downstream ones', () => {
    const result = buildStageGraph(quickstart);
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([]);
    const graph = graphOf(quickstart);
    expect(graph.nodes.map((n) => n.id)).toEqual(['Warehouse/wh', 'Stage/dev', 'Stage/staging', 'Stage/prod']);
    expect(graph.nodes.every((n) => n.declared)).toBe(true);
    expect(graph.edges).toEqual([
      { from: 'Warehouse/wh', to: 'Stage/dev', origin: { kind: 'Warehouse', name: 'wh' }, source: 'direct' },
      { from: 'Stage/dev', to: 'Stage/staging', origin: { kind: 'Warehouse', name: 'wh' }, source: 'stage' },
      { from: 'Stage/staging', to: 'Stage/prod', origin: { kind: 'Warehouse', name: 'wh' }, source: 'stage' },
    ]);
  });

  it('keeps edges per origin, and a request can be both direct and from Stages', () => {
    const graph = graphOf({
      stages: [stage('a', { origin: 'w1', direct: true }, { origin: 'w2', direct: true }), stage('b', { origin: 'w1', stages: ['a'] }, { origin: 'w2', direct: true, stages: ['a'] })],
    });
    expect(graph.edges.map((e) => `${e.from}>${e.to}:${e.origin.name}:${e.source}`)).toEqual([
      'Warehouse/w1>Stage/a:w1:direct',
      'Warehouse/w2>Stage/a:w2:direct',
      'Stage/a>Stage/b:w1:stage',
      'Warehouse/w2>Stage/b:w2:direct',
      'Stage/a>Stage/b:w2:stage',
    ]);
  });

  it('without Warehouses, adds the ones direct Stages name as undeclared nodes and reports nothing', () => {
    const result = buildStageGraph({ stages: quickstart.stages });
    expect(result.issues).toEqual([]);
    expect(graphOf({ stages: quickstart.stages }).nodes[0]).toEqual({ id: 'Warehouse/wh', kind: 'Warehouse', name: 'wh', declared: false });
  });

  it('warns about an origin that names no given Warehouse, and still builds the graph', () => {
    const result = buildStageGraph({ stages: [stage('dev', { origin: 'nope', direct: true })], warehouses: [warehouse('wh')] });
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([
      {
        code: 'GRAPH_UNKNOWN_WAREHOUSE',
        message: 'Stage "dev" requests Freight from Warehouse "nope", which is not defined',
        path: ['stages', 0, 'spec', 'requestedFreight', 0, 'origin', 'name'],
        severity: 'warning',
      },
    ]);
    const graph = graphOf({ stages: [stage('dev', { origin: 'nope', direct: true })], warehouses: [warehouse('wh')] });
    expect(graph.nodes.find((n) => n.name === 'nope')?.declared).toBe(false);
  });

  it('warns about an unknown upstream Stage, pointing at the name, and adds it undeclared', () => {
    const result = buildStageGraph({ stages: [stage('prod', { stages: ['staging', 'ghost'] }), stage('staging', { direct: true })] });
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.code, i.severity, i.path])).toEqual([
      ['GRAPH_UNKNOWN_STAGE', 'warning', ['stages', 0, 'spec', 'requestedFreight', 0, 'sources', 'stages', 1]],
    ]);
    const graph = graphOf({ stages: [stage('prod', { stages: ['ghost'] })] });
    expect(graph.nodes.at(-1)).toEqual({ id: 'Stage/ghost', kind: 'Stage', name: 'ghost', declared: false });
  });

  it('reports a cycle once, as the shortest loop from its first Stage by name', () => {
    const result = buildStageGraph({
      stages: [stage('dev', { direct: true }), stage('a', { stages: ['dev', 'c'] }), stage('b', { stages: ['a'] }), stage('c', { stages: ['b'] })],
    });
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([
      {
        code: 'GRAPH_CYCLE',
        message: 'Stages form a cycle: a -> b -> c -> a',
        path: ['stages', 1, 'spec', 'requestedFreight', 0, 'sources', 'stages', 1],
        severity: 'warning',
      },
    ]);
  });

  it('reports a Stage that lists itself, and two separate cycles separately', () => {
    const result = buildStageGraph({
      stages: [stage('self', { stages: ['self'] }), stage('x', { stages: ['y'] }), stage('y', { stages: ['x'] })],
    });
    expect(result.issues.map((i) => i.message)).toEqual(['Stage "self" lists itself as an upstream Stage', 'Stages form a cycle: x -> y -> x']);
  });

  it('does not report diamonds (two paths to one Stage) as cycles', () => {
    const result = buildStageGraph({
      stages: [stage('dev', { direct: true }), stage('qa1', { stages: ['dev'] }), stage('qa2', { stages: ['dev'] }), stage('prod', { stages: ['qa1', 'qa2'] })],
    });
    expect(result.issues).toEqual([]);
  });

  it('handles a long chain without overflowing the stack', () => {
    const stages = Array.from({ length: 20_000 }, (_, i) => (i === 0 ? stage('s0', { direct: true }) : stage(`s${i}`, { stages: [`s${i - 1}`] })));
    stages[0] = stage('s0', { direct: true, stages: ['s19999'] });
    const result = buildStageGraph({ stages });
    expect(result.issues.map((i) => i.code)).toEqual(['GRAPH_CYCLE']);
  });

  it('removes repeated edges from duplicate upstream names', () => {
    const graph = graphOf({ stages: [stage('a', { direct: true }), stage('b', { stages: ['a', 'a'] })] });
    expect(graph.edges.filter((e) => e.to === 'Stage/b')).toHaveLength(1);
  });

  it('fails on Stages with the same name or without one', () => {
    const duplicate = buildStageGraph({ stages: [stage('a', { direct: true }), stage('a', { direct: true })] });
    expect(duplicate.ok).toBe(false);
    expect(duplicate.issues.map((i) => [i.code, i.path])).toEqual([['GRAPH_DUPLICATE_NODE', ['stages', 1]]]);
    const unnamed = buildStageGraph({ stages: [{ metadata: {} }] });
    expect(unnamed.issues.map((i) => [i.code, i.path])).toEqual([['GRAPH_INVALID_NODE', ['stages', 0, 'metadata', 'name']]]);
    const twoWarehouses = buildStageGraph({ stages: [], warehouses: [warehouse('w'), warehouse('w')] });
    expect(twoWarehouses.issues.map((i) => i.code)).toEqual(['GRAPH_DUPLICATE_NODE']);
  });

  it('never throws on malformed input; it returns GRAPH_INVALID_NODE', () => {
    const bad: unknown[] = [
      null,
      42,
      {},
      { stages: 'dev' },
      { stages: [null] },
      { stages: [{ metadata: { name: 'a' }, spec: { requestedFreight: 'x' } }] },
      { stages: [{ metadata: { name: 'a' }, spec: { requestedFreight: [{}] } }] },
      { stages: [{ metadata: { name: 'a' }, spec: { requestedFreight: [{ origin: { kind: 'Bucket', name: 'b' } }] } }] },
      { stages: [{ metadata: { name: 'a' }, spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: 'w' }, sources: { stages: 'b' } }] } }] },
      { stages: [{ metadata: { name: 'a' }, spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: 'w' }, sources: { stages: [3] } }] } }] },
      { stages: [], warehouses: {} },
      { stages: [], warehouses: [{ metadata: { name: '' } }] },
    ];
    for (const input of bad) {
      const result = buildStageGraph(input as never);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      expect(result.issues.every((i) => i.code === 'GRAPH_INVALID_NODE'), JSON.stringify(result.issues)).toBe(true);
    }
  });

  it('accepts Stages without requestedFreight as isolated nodes', () => {
    const graph = graphOf({ stages: [{ metadata: { name: 'lonely' } }, { metadata: { name: 'spec-less' }, spec: {} }] });
    expect(graph.nodes.map((n) => n.id)).toEqual(['Stage/lonely', 'Stage/spec-less']);
    expect(graph.edges).toEqual([]);
  });

  it('does not modify its input', () => {
    const input = structuredClone(quickstart);
    buildStageGraph(input);
    expect(input).toEqual(quickstart);
  });
});

describe('toMermaid', () => {
  it('draws the quickstart pipeline left to right, Warehouses as cylinders', () => {
    expect(toMermaid(graphOf(quickstart))).toBe(
      [
        'flowchart LR',
        '  wh_wh[("wh")]',
        '  st_dev["dev"]',
        '  st_staging["staging"]',
        '  st_prod["prod"]',
        '  wh_wh --> st_dev',
        '  st_dev --> st_staging',
        '  st_staging --> st_prod',
        '  classDef warehouse fill:#eef6ff,stroke:#3b82f6',
        '  class wh_wh warehouse',
        '',
      ].join('\n'),
    );
  });

  it('labels edges with origins when there is more than one, merging parallel edges', () => {
    const graph = graphOf({ stages: [stage('a', { origin: 'w1', direct: true }, { origin: 'w2', direct: true }), stage('b', { origin: 'w1', stages: ['a'] }, { origin: 'w2', stages: ['a'] })] });
    const text = toMermaid(graph, { direction: 'TB' });
    expect(text.startsWith('flowchart TB\n')).toBe(true);
    expect(text).toContain('  st_a -->|"w1, w2"| st_b\n');
    expect(text).toContain('  wh_w1 -->|"w1"| st_a\n');
    expect(toMermaid(graph, { edgeLabels: 'never' })).toContain('  st_a --> st_b\n');
    expect(toMermaid(graphOf(quickstart), { edgeLabels: 'always' })).toContain('  st_dev -->|"wh"| st_staging\n');
  });

  it('makes ids safe and unique, escapes labels and dashes undeclared nodes', () => {
    const graph = graphOf({ stages: [stage('my-app.prod', { stages: ['my-app-prod', 'end"x'] }), stage('my-app-prod', { direct: true })] });
    const text = toMermaid(graph);
    expect(text).toContain('  st_my_app_prod["my-app.prod"]\n');
    expect(text).toContain('  st_my_app_prod_2["my-app-prod"]\n');
    expect(text).toContain('  st_end_x["end#34;x"]\n');
    expect(text).toContain('  class wh_wh,st_end_x undeclared\n');
  });
});

describe('toGraphJson', () => {
  it('gives a tagged, plain-data form with origin keys', () => {
    const json = toGraphJson(graphOf(quickstart));
    expect(json.format).toBe('waybill.stage-graph/v1');
    expect(json.nodes[1]).toEqual({ id: 'Stage/dev', kind: 'Stage', name: 'dev', declared: true });
    expect(json.edges[0]).toEqual({ from: 'Warehouse/wh', to: 'Stage/dev', origin: 'Warehouse/wh', source: 'direct' });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
