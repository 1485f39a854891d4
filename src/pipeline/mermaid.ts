import type { GraphNode, StageGraph } from './graph-types.js';

/** Options of {@link toMermaid}. */
export interface MermaidOptions {
  /** Layout direction. Default `LR` (Warehouse on the left, production on the right). */
  direction?: 'LR' | 'TB' | 'RL' | 'BT';
  /**
   * When to label edges with the origin of their Freight: `auto` (default) labels them only when
   * the graph carries Freight of more than one origin; `always`; `never`.
   */
  edgeLabels?: 'auto' | 'always' | 'never';
}

/**
 * Prints a stage graph as a Mermaid flowchart. Warehouses are drawn as cylinders and Stages as
 * boxes; nodes that are referenced but not defined are dashed. Parallel edges (the same two nodes,
 * several origins) are drawn once, labelled with every origin.
 */
export function toMermaid(graph: StageGraph, options: MermaidOptions = {}): string {
  const ids = mermaidIds(graph.nodes);
  const origins = new Set(graph.edges.map((e) => `${e.origin.kind}/${e.origin.name}`));
  const mode = options.edgeLabels ?? 'auto';
  const labelled = mode === 'always' || (mode === 'auto' && origins.size > 1);

  const lines = [`flowchart ${options.direction ?? 'LR'}`];
  for (const node of graph.nodes) {
    const label = quoteLabel(node.name);
    lines.push(`  ${ids.get(node.id)}${node.kind === 'Warehouse' ? `[(${label})]` : `[${label}]`}`);
  }

  const grouped = new Map<string, { from: string; to: string; origins: string[] }>();
  for (const edge of graph.edges) {
    const key = `${edge.from}\u0000${edge.to}`;
    const group = grouped.get(key) ?? { from: edge.from, to: edge.to, origins: [] };
    if (!group.origins.includes(edge.origin.name)) group.origins.push(edge.origin.name);
    grouped.set(key, group);
  }
  for (const { from, to, origins: names } of grouped.values()) {
    const label = labelled ? `|${quoteLabel(names.join(', '))}|` : '';
    lines.push(`  ${ids.get(from) ?? 'unknown'} -->${label} ${ids.get(to) ?? 'unknown'}`);
  }

  const warehouses = graph.nodes.filter((n) => n.kind === 'Warehouse').map((n) => ids.get(n.id));
  const missing = graph.nodes.filter((n) => !n.declared).map((n) => ids.get(n.id));
  if (warehouses.length > 0) lines.push('  classDef warehouse fill:#eef6ff,stroke:#3b82f6', `  class ${warehouses.join(',')} warehouse`);
  if (missing.length > 0) lines.push('  classDef undeclared stroke-dasharray: 5 5', `  class ${missing.join(',')} undeclared`);
  return `${lines.join('\n')}\n`;
}

/**
 * Mermaid ids allow fewer characters than Kubernetes names (no `.` or `-` safely, and words such as
 * `end` are reserved), so ids are derived from names with a kind prefix and made unique.
 */
function mermaidIds(nodes: readonly GraphNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of nodes) {
    const base = `${node.kind === 'Warehouse' ? 'wh' : 'st'}_${node.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(node.id, id);
  }
  return ids;
}

/** Quotes a label; Mermaid has no backslash escapes, only `#quot;`-style entities. */
function quoteLabel(text: string): string {
  return `"${text.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`)}"`;
}
