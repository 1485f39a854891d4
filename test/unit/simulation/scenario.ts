import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { simulate, type SimulateOptions } from '../../../src/controller/simulate.js';
import { parseSimulationScript } from '../../../src/controller/simulation-script.js';
import type { SimulationTimeline, TimelineFreight } from '../../../src/controller/timeline-types.js';
import { parseManifests, type KargoResource } from '../../../src/model/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/simulation/', import.meta.url));

/** The Kargo resources of a fixture scenario. */
export function scenarioResources(name: string): KargoResource[] {
  const parsed = parseManifests(readFileSync(`${FIXTURES}${name}/resources.yaml`, 'utf8'), { file: `${name}/resources.yaml` });
  if (!parsed.ok) throw new Error(`fixture ${name} does not parse: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return parsed.value as KargoResource[];
}

/** Runs a fixture scenario (resources.yaml + script.yaml) and returns its timeline. */
export async function runScenario(name: string, options: SimulateOptions = {}): Promise<SimulationTimeline> {
  const script = parseSimulationScript(readFileSync(`${FIXTURES}${name}/script.yaml`, 'utf8'), { file: `${name}/script.yaml` });
  if (!script.ok) throw new Error(`fixture ${name} script does not parse: ${script.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('; ')}`);
  const result = await simulate(scenarioResources(name), script.value, options);
  if (!result.ok) throw new Error(`fixture ${name} does not simulate: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.value;
}

/** Milliseconds from the start of the timeline to `at`. */
export function offsetOf(timeline: SimulationTimeline, at: string | undefined): number {
  if (at === undefined) throw new Error('no time');
  return Date.parse(at) - Date.parse(timeline.start);
}

/** The Freight carrying an image tag. */
export function freightWithTag(timeline: SimulationTimeline, tag: string): TimelineFreight {
  const found = timeline.freight.find((f) => f.images.some((i) => i.tag === tag));
  if (found === undefined) throw new Error(`no Freight with tag ${tag}`);
  return found;
}

export const MINUTE = 60_000;
