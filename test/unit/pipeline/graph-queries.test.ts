import { describe, expect, it } from 'vitest';
import {
  buildStageGraph,
  findDownstreamStages,
  originsOf,
  rootStages,
  stagesSubscribedTo,
  topologicalOrder,
  upstreamStages,
  type GraphStageInput,
  type StageGraph,
} from '../../../src/pipeline/index.js';

const stage = (name: string, ...requests: { origin?: string; direct?: boolean; stages?: string[] }[]): GraphStageInput => ({
  metadata: { name },
  spec: {
    requestedFreight: requests.map((r) => ({
      origin: { kind: 'Warehouse', name: r.origin ?? 'wh' },
      sources: { ...(r.direct === undefined ? {} : { direct: r.direct }), ...(r.stages ? { stages: r.stages } : {}) },
    })),
  },
});

function graphOf(stages: GraphStageInput[]): StageGraph {
  const result = buildStageGraph({ stages });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

// app: test -> uat-east, uat-west -> prod; config: direct into test and prod; w3: test -> prod.
const shapes = graphOf([
  stage('prod', { origin: 'app', stages: ['uat-west', 'uat-east'] }, { origin: 'config', direct: true }, { origin: 'w3', stages: ['test'] }),
  stage('uat-west', { origin: 'app', stages: ['test'] }),
  stage('uat-east', { origin: 'app', stages: ['test'] }),
  stage('test', { origin: 'app', direct: true }, { origin: 'config', direct: true }, { origin: 'w3', direct: true }),
]);

describe('topologicalOrder', () => {
  it('puts upstream Stages first and breaks ties by name, whatever the input order', () => {
    expect(topologicalOrder(shapes)).toEqual({ stages: ['test', 'uat-east', 'uat-west', 'prod'], cyclic: [] });
  });

  it('keeps the Stages of a cycle as one block where it belongs, and reports them', () => {
    const graph = graphOf([
      stage('dev', { direct: true }),
      stage('b', { stages: ['a'] }),
      stage('a', { stages: ['dev', 'b'] }),
      stage('prod', { stages: ['b'] }),
      stage('alone', { direct: true }),
    ]);
    expect(topologicalOrder(graph)).toEqual({ stages: ['alone', 'dev', 'a', 'b', 'prod'], cyclic: ['a', 'b'] });
  });

  it('reports a Stage that lists itself as cyclic, and orders undeclared upstream Stages too', () => {
    const graph = graphOf([stage('self', { direct: true, stages: ['self'] }), stage('prod', { stages: ['ghost'] })]);
    expect(topologicalOrder(graph)).toEqual({ stages: ['ghost', 'prod', 'self'], cyclic: ['self'] });
  });

  it('orders an empty graph as nothing', () => {
    expect(topologicalOrder({ nodes: [], edges: [] })).toEqual({ stages: [], cyclic: [] });
  });
});

describe('neighbour queries', () => {
  it('lists upstream Stages sorted and unique, per origin or for all', () => {
    expect(upstreamStages(shapes, 'prod')).toEqual(['test', 'uat-east', 'uat-west']);
    expect(upstreamStages(shapes, 'prod', 'app')).toEqual(['uat-east', 'uat-west']);
    expect(upstreamStages(shapes, 'prod', 'Warehouse/w3')).toEqual(['test']);
    expect(upstreamStages(shapes, 'prod', { kind: 'Warehouse', name: 'config' })).toEqual([]);
    expect(upstreamStages(shapes, 'test')).toEqual([]);
    expect(upstreamStages(shapes, 'nope')).toEqual([]);
  });

  it('finds the direct downstream Stages for an origin, as promote-downstream does', () => {
    expect(findDownstreamStages(shapes, 'test', 'app')).toEqual(['uat-east', 'uat-west']);
    expect(findDownstreamStages(shapes, 'test', 'w3')).toEqual(['prod']);
    expect(findDownstreamStages(shapes, 'test', 'config')).toEqual([]);
    expect(findDownstreamStages(shapes, 'test')).toEqual(['prod', 'uat-east', 'uat-west']);
    expect(findDownstreamStages(shapes, 'prod')).toEqual([]);
  });

  it('finds root Stages, subscribers of a Warehouse and the origins reaching a Stage', () => {
    expect(rootStages(shapes)).toEqual(['test']);
    expect(stagesSubscribedTo(shapes, 'config')).toEqual(['prod', 'test']);
    expect(stagesSubscribedTo(shapes, 'Warehouse/app')).toEqual(['test']);
    expect(stagesSubscribedTo(shapes, 'nope')).toEqual([]);
    expect(originsOf(shapes, 'prod')).toEqual(['app', 'config', 'w3']);
  });

  it('does not count undeclared Stages as roots', () => {
    expect(rootStages(graphOf([stage('prod', { stages: ['ghost'] })]))).toEqual([]);
  });
});
