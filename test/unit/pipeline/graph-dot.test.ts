import { describe, expect, it } from 'vitest';
import { buildStageGraph, toDot, type StageGraph } from '../../../src/pipeline/index.js';

function graphOf(input: Parameters<typeof buildStageGraph>[0]): StageGraph {
  const result = buildStageGraph(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('toDot', () => {
  it('draws Warehouses as cylinders, undeclared nodes dashed, and labels edges when there are several origins', () => {
    const graph = graphOf({
      stages: [
        { metadata: { name: 'dev' }, spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: 'app' }, sources: { direct: true } }] } },
        {
          metadata: { name: 'prod' },
          spec: {
            requestedFreight: [
              { origin: { kind: 'Warehouse', name: 'app' }, sources: { stages: ['dev', 'qa'] } },
              { origin: { kind: 'Warehouse', name: 'cfg' }, sources: { direct: true, stages: ['dev'] } },
            ],
          },
        },
      ],
      warehouses: [{ metadata: { name: 'app' } }],
    });
    expect(toDot(graph, { direction: 'TB' })).toBe(
      [
        'digraph "waybill" {',
        '  rankdir=TB;',
        '  node [fontname="Helvetica"];',
        '  "Warehouse/app" [label="app", shape=cylinder, style="filled", fillcolor="#eef6ff", color="#3b82f6"];',
        '  "Warehouse/cfg" [label="cfg", shape=cylinder, style="filled,dashed", fillcolor="#eef6ff", color="#3b82f6"];',
        '  "Stage/dev" [label="dev", shape=box];',
        '  "Stage/prod" [label="prod", shape=box];',
        '  "Stage/qa" [label="qa", shape=box, style="dashed"];',
        '  "Warehouse/app" -> "Stage/dev" [label="app"];',
        '  "Stage/dev" -> "Stage/prod" [label="app, cfg"];',
        '  "Stage/qa" -> "Stage/prod" [label="app"];',
        '  "Warehouse/cfg" -> "Stage/prod" [label="cfg"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('quotes names so that no name can end a string or break a line', () => {
    const graph: StageGraph = {
      nodes: [{ id: 'Stage/a"b\\', kind: 'Stage', name: 'a"b\\\nc', declared: true }],
      edges: [],
    };
    const dot = toDot(graph, { name: 'x"y', edgeLabels: 'never' });
    expect(dot).toContain('digraph "x\\"y" {');
    expect(dot).toContain('  "Stage/a\\"b\\\\" [label="a\\"b\\\\\\nc", shape=box];');
    expect(dot.split('\n')).toHaveLength(6);
  });
});
