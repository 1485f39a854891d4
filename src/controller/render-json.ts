import type { SimulationTimeline } from './timeline-types.js';

/**
 * Serializes a timeline as JSON with a stable key order (object keys sorted by code unit at every
 * level, arrays kept in order, `undefined` fields left out), indented by two spaces and ending in
 * a newline: the same timeline always gives the same bytes.
 */
export function timelineToJson(timeline: SimulationTimeline): string {
  return `${JSON.stringify(sortKeys(timeline), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}
