/** One cycle found by {@link findCycles}. */
export interface FoundCycle {
  /** The shortest loop from the component's smallest node back to it, without repeating the start. */
  readonly cycle: string[];
  /** Every node of the strongly connected component (each lies on some cycle), sorted. */
  readonly members: string[];
}

/**
 * Finds the cycles of a directed graph given as adjacency lists: one cycle per strongly connected
 * component that has one (a component of two or more nodes, or a node with an edge to itself).
 * Each cycle starts at the component's smallest node (by code unit order) and is the shortest way
 * back to it, and cycles are sorted by their first node, so the answer does not depend on the order
 * of the input. Iterative, so a long chain of Stages cannot overflow the stack.
 */
export function findCycles(nodes: readonly string[], next: ReadonlyMap<string, readonly string[]>): FoundCycle[] {
  const components = stronglyConnected(nodes, next);
  const cycles: FoundCycle[] = [];
  for (const component of components) {
    const members = [...component].sort(byCodeUnits);
    const start = members[0];
    if (start === undefined) continue;
    const selfLoop = (next.get(start) ?? []).includes(start);
    if (component.length === 1 && !selfLoop) continue;
    cycles.push({ cycle: selfLoop ? [start] : shortestCycle(start, new Set(component), next), members });
  }
  return cycles.sort((a, b) => byCodeUnits(a.cycle[0] ?? '', b.cycle[0] ?? ''));
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Breadth-first search from `start` back to itself, staying inside one component. */
function shortestCycle(start: string, members: ReadonlySet<string>, next: ReadonlyMap<string, readonly string[]>): string[] {
  const parent = new Map<string, string>();
  const queue: string[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    // Neighbours in name order, so that among equally short cycles the same one is always found.
    for (const to of [...(next.get(node) ?? [])].sort(byCodeUnits)) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [node];
        for (let at = node; at !== start; ) {
          at = parent.get(at) as string;
          path.push(at);
        }
        return path.reverse();
      }
      if (!parent.has(to)) {
        parent.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start];
}

/**
 * Splits a directed graph into strongly connected components (Tarjan's algorithm, with an explicit
 * stack so long chains cannot overflow). Components come out in reverse topological order: every
 * component is listed before the components that have edges into it.
 */
export function stronglyConnected(nodes: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; edge: number };
      const edges = next.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++] as string;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (;;) {
          const member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) break;
        }
        components.push(component);
      }
    }
  }
  return components;
}
