import { describe, expect, it } from 'vitest';
import { buildStageGraph, type GraphStageInput } from '../../../src/pipeline/index.js';

interface RequestSpec {
  origin?: string;
  direct?: boolean;
  stages?: string[];
  selectionPolicy?: string;
}

const stage = (name: string, ...requests: RequestSpec[]): GraphStageInput => ({
  metadata: { name },
  spec: {
    requestedFreight: requests.map((r) => ({
      origin: { kind: 'Warehouse', name: r.origin ?? 'wh' },
      sources: {
        ...(r.direct === undefined ? {} : { direct: r.direct }),
        ...(r.stages ? { stages: r.stages } : {}),
        ...(r.selectionPolicy ? { autoPromotionOptions: { selectionPolicy: r.selectionPolicy } } : {}),
      },
    })),
  },
});
const warehouse = (name: string) => ({ metadata: { name } });
const summary = (input: Parameters<typeof buildStageGraph>[0]) => buildStageGraph(input).issues.map((i) => [i.code, i.severity, i.path, i.message]);

describe('buildStageGraph warnings', () => {
  it('reports a self-reference at the offending upstream name, and still draws the edge', () => {
    const result = buildStageGraph({ stages: [stage('dev', { direct: true, stages: ['dev'] })] });
    expect(result.ok).toBe(true);
    expect(summary({ stages: [stage('dev', { direct: true, stages: ['dev'] })] })).toEqual([
      ['GRAPH_SELF_REFERENCE', 'warning', ['stages', 0, 'spec', 'requestedFreight', 0, 'sources', 'stages', 0], 'Stage "dev" lists itself as an upstream Stage'],
    ]);
    if (result.ok) expect(result.value.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['Warehouse/wh>Stage/dev', 'Stage/dev>Stage/dev']);
  });

  it('reports a cycle across origins, pointing at the reference that closes it', () => {
    const issues = summary({
      stages: [stage('a', { origin: 'w1', direct: true }, { origin: 'w2', stages: ['b'] }), stage('b', { origin: 'w2', direct: true }, { origin: 'w1', stages: ['a'] })],
    });
    expect(issues).toEqual([['GRAPH_CYCLE', 'warning', ['stages', 0, 'spec', 'requestedFreight', 1, 'sources', 'stages', 0], 'Stages form a cycle: a -> b -> a']]);
  });

  it('warns when MatchUpstream has no upstream Stage or several, not when it has one', () => {
    const issues = summary({
      stages: [
        stage('dev', { direct: true }),
        stage('qa', { direct: true }),
        stage('none', { direct: true, selectionPolicy: 'MatchUpstream' }),
        stage('two', { stages: ['dev', 'qa'], selectionPolicy: 'MatchUpstream' }),
        stage('one', { stages: ['dev'], selectionPolicy: 'MatchUpstream' }),
      ],
    });
    expect(issues).toEqual([
      [
        'GRAPH_MATCH_UPSTREAM_SOURCES',
        'warning',
        ['stages', 2, 'spec', 'requestedFreight', 0, 'sources', 'autoPromotionOptions', 'selectionPolicy'],
        'Stage "none" selects Freight from Warehouse "wh" with MatchUpstream, which needs exactly one upstream Stage, but it names 0',
      ],
      [
        'GRAPH_MATCH_UPSTREAM_SOURCES',
        'warning',
        ['stages', 3, 'spec', 'requestedFreight', 0, 'sources', 'autoPromotionOptions', 'selectionPolicy'],
        'Stage "two" selects Freight from Warehouse "wh" with MatchUpstream, which needs exactly one upstream Stage, but it names 2',
      ],
    ]);
  });

  it('reports the first unreachable Stage and names those cut off with it', () => {
    const issues = summary({ stages: [stage('dev', { direct: false }), stage('staging', { stages: ['dev'] }), stage('prod', { stages: ['staging'] })] });
    expect(issues).toEqual([
      [
        'GRAPH_UNREACHABLE_STAGE',
        'warning',
        ['stages', 0, 'spec', 'requestedFreight'],
        'No Warehouse can reach Stage "dev": none of its requests takes Freight directly from an existing Warehouse or from an upstream Stage that receives the same origin, so only Freight approved for it can be promoted there; Stages "prod", "staging" downstream of it cannot be reached either',
      ],
    ]);
  });

  it('follows edges origin by origin: an upstream of another origin passes nothing on', () => {
    const issues = summary({ stages: [stage('dev', { origin: 'w1', direct: true }), stage('prod', { origin: 'w2', stages: ['dev'] })] });
    expect(issues.map((i) => [i[0], i[2]])).toEqual([['GRAPH_UNREACHABLE_STAGE', ['stages', 1, 'spec', 'requestedFreight']]]);
  });

  it('counts a Stage reachable when any of its origins is, and through the right origin only', () => {
    const issues = summary({
      stages: [stage('dev', { origin: 'w1', direct: true }, { origin: 'w2', direct: true }), stage('prod', { origin: 'w1', stages: ['dev'] }, { origin: 'w3', stages: ['dev'] })],
    });
    expect(issues).toEqual([]);
  });

  it('reports a Stage that requests nothing', () => {
    expect(summary({ stages: [{ metadata: { name: 'lonely' } }] })).toEqual([
      ['GRAPH_UNREACHABLE_STAGE', 'warning', ['stages', 0], 'Stage "lonely" requests no Freight, so no Warehouse can reach it'],
    ]);
  });

  it('does not report unreachable Stages whose cause is already reported', () => {
    const issues = buildStageGraph({
      stages: [
        stage('loop-a', { stages: ['loop-b'] }),
        stage('loop-b', { stages: ['loop-a'] }),
        stage('after-loop', { stages: ['loop-a'] }),
        stage('orphan', { stages: ['ghost'] }),
        stage('lost', { origin: 'nowhere', direct: true }),
        stage('self', { stages: ['self'] }),
      ],
      warehouses: [warehouse('wh')],
    }).issues;
    expect(issues.map((i) => i.code).sort()).toEqual(['GRAPH_CYCLE', 'GRAPH_SELF_REFERENCE', 'GRAPH_UNKNOWN_STAGE', 'GRAPH_UNKNOWN_WAREHOUSE']);
  });

  it('counts a Warehouse only when it exists, when Warehouses are given', () => {
    const stages = [stage('dev', { direct: true }), stage('prod', { stages: ['dev'] })];
    expect(buildStageGraph({ stages }).issues).toEqual([]);
    expect(buildStageGraph({ stages, warehouses: [warehouse('wh')] }).issues).toEqual([]);
    // Both Stages name the missing Warehouse; neither is also reported as unreachable.
    expect(buildStageGraph({ stages, warehouses: [warehouse('other')] }).issues.map((i) => i.code)).toEqual(['GRAPH_UNKNOWN_WAREHOUSE', 'GRAPH_UNKNOWN_WAREHOUSE']);
  });

  it('draws fan-out, fan-in and several origins without a warning', () => {
    const stages = [
      stage('test', { origin: 'app', direct: true }),
      stage('uat-east', { origin: 'app', stages: ['test'] }),
      stage('uat-west', { origin: 'app', stages: ['test'] }),
      stage('prod', { origin: 'app', stages: ['uat-east', 'uat-west'] }, { origin: 'config', direct: true }),
    ];
    const result = buildStageGraph({ stages, warehouses: [warehouse('app'), warehouse('config')] });
    expect(result.issues).toEqual([]);
    if (!result.ok) return;
    expect(result.value.edges.filter((e) => e.to === 'Stage/prod').map((e) => `${e.from}@${e.origin.name}`)).toEqual([
      'Stage/uat-east@app',
      'Stage/uat-west@app',
      'Warehouse/config@config',
    ]);
  });
});

describe('buildStageGraph cycle messages', () => {
  it('names the Stages tangled in the same knot but off the shortest loop', () => {
    const issues = buildStageGraph({
      stages: [stage('a', { direct: true, stages: ['b'] }), stage('b', { stages: ['a', 'c'] }), stage('c', { stages: ['b'] })],
    }).issues;
    expect(issues.map((i) => [i.code, i.message])).toEqual([['GRAPH_CYCLE', 'Stages form a cycle: a -> b -> a; "c" is caught in cycles with these Stages too']]);
  });
});
