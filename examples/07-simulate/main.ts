/**
 * A whole pipeline, simulated: the quickstart Project of ../01-quickstart and a script of events
 * (script.yaml: images pushed, promotions, approvals, verification results) run through waybill's
 * controller on a virtual clock, with every port in memory. Prints the timeline as text and
 * writes it as a self-contained HTML page. Run it with `npx tsx examples/07-simulate/main.ts`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// In your own project: from 'waybill/controller' and 'waybill'.
import { formatTimeline, parseSimulationScript, renderTimelineHtml, simulate } from '../../src/controller/index.js';
import { formatIssues, isKargoResource, parseManifests, unwrap } from '../../src/index.js';

// The Project: the quickstart's manifests, as they are.
const quickstart = fileURLToPath(new URL('../01-quickstart/', import.meta.url));
const resources = readdirSync(quickstart)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .flatMap((file) => unwrap(parseManifests(readFileSync(join(quickstart, file), 'utf8'), { file })))
  .filter(isKargoResource);

// The script: problems in it are issues with a line and column, like manifest problems.
const file = 'script.yaml';
const text = readFileSync(new URL(file, import.meta.url), 'utf8');
const script = parseSimulationScript(text, { file });
if (!script.ok) {
  console.log(formatIssues(script.issues, { sources: { [file]: text } }));
  process.exit(1);
}

// The same resources and script give the same timeline, byte for byte.
const timeline = await simulate(resources, script.value);
if (!timeline.ok) {
  console.log(formatIssues(timeline.issues));
  process.exit(1);
}
console.log(formatTimeline(timeline.value));

// The HTML page: the pipeline, a lane per Stage with the Freight in it over time, the Promotions.
const dir = join(tmpdir(), 'waybill-examples', '07-simulate');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'timeline.html'), renderTimelineHtml(timeline.value));
console.log('Wrote the timeline as HTML to waybill-examples/07-simulate/timeline.html in the temporary directory.');
