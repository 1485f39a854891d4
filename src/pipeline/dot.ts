import type { StageGraph } from './graph-types.js';

/** Options of {@link toDot}. */
export interface DotOptions {
  /** Layout direction (`rankdir`). Default `LR` (Warehouse on the left, production on the right). */
  direction?: 'LR' | 'TB' | 'RL' | 'BT';
  /**
   * When to label edges with the origin of their Freight: `auto` (default) labels them only when
   * the graph carries Freight of more than one origin; `always`; `never`.
   */
  edgeLabels?: 'auto' | 'always' | 'never';
  /** Name of the digraph. Default `waybill`. */
  name?: string;
}

/**
 * Prints a stage graph in Graphviz DOT (`dot -Tsvg`). Nodes are named by their graph ids
 * (`"Stage/prod"`), Warehouses are drawn as cylinders and Stages as boxes, and nodes that are
 * referenced but not defined are dashed. Parallel edges (the same two nodes, several origins) are
 * drawn once, labelled with every origin.
 */
export function toDot(graph: StageGraph, options: DotOptions = {}): string {
  const origins = new Set(graph.edges.map((e) => `${e.origin.kind}/${e.origin.name}`));
  const mode = options.edgeLabels ?? 'auto';
  const labelled = mode === 'always' || (mode === 'auto' && origins.size > 1);

  const lines = [`digraph ${quoteId(options.name ?? 'waybill')} {`, `  rankdir=${options.direction ?? 'LR'};`, '  node [fontname="Helvetica"];'];
  for (const node of graph.nodes) {
    const styles = [...(node.kind === 'Warehouse' ? ['filled'] : []), ...(node.declared ? [] : ['dashed'])];
    const attributes = [`label=${quoteId(node.name)}`, node.kind === 'Warehouse' ? 'shape=cylinder' : 'shape=box'];
    if (styles.length > 0) attributes.push(`style=${quoteId(styles.join(','))}`);
    if (node.kind === 'Warehouse') attributes.push('fillcolor="#eef6ff"', 'color="#3b82f6"');
    lines.push(`  ${quoteId(node.id)} [${attributes.join(', ')}];`);
  }

  const grouped = new Map<string, { from: string; to: string; origins: string[] }>();
  for (const edge of graph.edges) {
    const key = `${edge.from}\u0000${edge.to}`;
    const group = grouped.get(key) ?? { from: edge.from, to: edge.to, origins: [] };
    if (!group.origins.includes(edge.origin.name)) group.origins.push(edge.origin.name);
    grouped.set(key, group);
  }
  for (const { from, to, origins: names } of grouped.values()) {
    lines.push(`  ${quoteId(from)} -> ${quoteId(to)}${labelled ? ` [label=${quoteId(names.join(', '))}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * Quotes a DOT id. Inside double quotes DOT only treats `\"` as an escape, so backslashes are
 * doubled too (a lone trailing backslash would otherwise swallow the closing quote) and line
 * breaks become `\n`.
 */
function quoteId(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n|\r/g, '\\n')}"`;
}
