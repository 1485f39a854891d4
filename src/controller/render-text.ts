import { entryOffset, timelineEntries } from './timeline-entries.js';
import { formatOffset } from './simulation-time.js';
import type { SimulationTimeline } from './timeline-types.js';

/**
 * Formats a timeline as a readable log: one line per thing that happened, with its offset from
 * the start and the Stage it concerns, then the final state of every Stage.
 *
 * ```
 * +00:05:00  dev   Promotion dev.01jq3z4a... Succeeded (Freight shiny-otter, nginx:1.29.1)
 * ```
 */
export function formatTimeline(timeline: SimulationTimeline): string {
  const entries = timelineEntries(timeline);
  const subjects = [...entries.map((e) => e.subject), ...timeline.stages.map((s) => s.name)];
  const width = Math.max(1, ...subjects.map((s) => s.length));
  const startMs = Date.parse(timeline.start);
  const lines: string[] = [];
  lines.push(`Simulation of Project ${timeline.project} from ${timeline.start} to ${timeline.end}`);
  if (timeline.description) lines.push(timeline.description.trim());
  lines.push('');
  for (const entry of entries) {
    const offset = entryOffset(entry);
    lines.push(`${offset}  ${entry.subject.padEnd(width)}  ${entry.text}`.trimEnd());
  }
  lines.push('', `Final state at ${formatOffset(Date.parse(timeline.end) - startMs)}`);
  const byName = new Map(timeline.freight.map((f) => [f.name, f]));
  for (const state of timeline.finalState) {
    const freight = state.currentFreight.map((name) => {
      const f = byName.get(name);
      return `${f?.alias ?? name.slice(0, 7)}${f?.label ? ` (${f.label})` : ''}`;
    });
    const stageInfo = timeline.stages.find((s) => s.name === state.stage);
    const facts = stageInfo?.controlFlow
      ? ['control flow']
      : [state.health ?? 'health not assessed', state.verified ? 'verified' : 'not verified', state.ready ? 'ready' : `not ready${state.reason ? ` (${state.reason})` : ''}`];
    const current = stageInfo?.controlFlow ? '' : freight.length > 0 ? `Freight ${freight.join(', ')}` : 'no Freight';
    lines.push(`  ${state.stage.padEnd(width)}  ${[current, facts.join(', ')].filter((s) => s !== '').join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}
