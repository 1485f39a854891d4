import type { Styles } from '../output.js';
import type { DemoPush, DemoStageState, DemoTimelineEntry } from './scenario.js';

/**
 * The timeline as lines: the time of day (the demo runs within one day, UTC), then either what a
 * person or the outside world did (marked `*`) or an event the controller recorded (its subject
 * and Kargo's event reason, then its message). A successful Promotion also names the commit it
 * pushed, which the Git log below shows.
 */
export function formatDemoTimeline(entries: readonly DemoTimelineEntry[], pushes: Readonly<Record<string, DemoPush>>, styles: Styles): string[] {
  // Freight are named by content hashes; the timeline calls them by their aliases.
  const aliases = new Map<string, string>();
  for (const e of entries) {
    if (e.type === 'event' && e.event.reason === 'FreightCreated' && e.event.details?.['alias']) aliases.set(e.event.name, e.event.details['alias']);
  }
  const subjectOf = (e: DemoTimelineEntry): string =>
    e.type === 'event' ? (e.event.kind === 'Freight' ? `Freight/${aliases.get(e.event.name) ?? e.event.name.slice(0, 7)}` : shortSubject(`${e.event.kind}/${e.event.name}`)) : e.type === 'status' ? e.subject : '';
  const reasonOf = (e: DemoTimelineEntry): string => (e.type === 'event' ? e.event.reason : '');
  const subjectWidth = Math.max(0, ...entries.map((e) => subjectOf(e).length));
  const reasonWidth = Math.max(0, ...entries.map((e) => reasonOf(e).length));
  return entries.map((entry) => {
    if (entry.type === 'action') return `  ${timeOfDay(entry.at)}  ${styles.bold(`* ${shortenIds(entry.text)}`)}`;
    const at = entry.type === 'event' ? entry.event.at : entry.at;
    const push = entry.type === 'event' && entry.event.reason === 'PromotionSucceeded' ? pushes[entry.event.name] : undefined;
    const text = entry.type === 'event' ? `${shortenIds(oneLine(entry.event.message))}${push ? `; pushed ${push.commit.slice(0, 7)} to ${push.branch}` : ''}` : entry.text;
    return `  ${timeOfDay(at)}    ${styles.dim(subjectOf(entry).padEnd(subjectWidth))}  ${styles.cyan(reasonOf(entry).padEnd(reasonWidth))}  ${text}`.trimEnd();
  });
}

/** One line per Stage: the Freight it runs and the image tag that puts in its values file. */
export function formatStageStates(stages: readonly DemoStageState[], image: string): string[] {
  const width = Math.max(0, ...stages.map((s) => s.stage.length));
  const aliasWidth = Math.max(0, ...stages.map((s) => (s.freight?.alias ?? s.freight?.name.slice(0, 7) ?? '').length));
  return stages.map((s) => {
    if (s.freight === undefined) return `  ${s.stage.padEnd(width)}  no Freight`;
    const name = (s.freight.alias ?? s.freight.name.slice(0, 7)).padEnd(aliasWidth);
    return `  ${s.stage.padEnd(width)}  Freight ${name}  ${image}:${s.freight.tag ?? '?'}`;
  });
}

/** `git log` output with its commit ids kept and nothing else changed, indented for the report. */
export function formatGitLog(log: string, styles: Styles): string[] {
  return log
    .trimEnd()
    .split('\n')
    .map((line) => {
      if (line.startsWith('commit ')) return styles.yellow(line);
      if (line.startsWith('+') && !line.startsWith('+++')) return styles.green(line);
      if (line.startsWith('-') && !line.startsWith('---')) return styles.red(line);
      return line;
    });
}

/** `Promotion/dev.01k...` shortened to the Stage and the start of the ULID, so the columns stay narrow. */
function shortSubject(subject: string): string {
  const match = /^Promotion\/([^.]+)\.([0-9a-z]{26})\.([0-9a-f]{7})$/.exec(subject);
  return match === null ? subject : `Promotion/${match[1]}.${(match[2] as string).slice(0, 10)}...`;
}

function timeOfDay(at: string): string {
  return /T(\d\d:\d\d:\d\d)/.exec(at)?.[1] ?? at;
}

/** Freight names (40 hex digits) cut to their first 7, as Git does with commit ids. */
function shortenIds(text: string): string {
  return text.replace(/\b([0-9a-f]{7})[0-9a-f]{33}\b/g, '$1');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ');
}
