/**
 * The event script of a simulation: what exists at the start (`setup`) and what happens when
 * (`events`). Strict zod schemas, so a misspelt key is an issue rather than a silently ignored
 * field, and a parser that points every issue at its line and column.
 * @packageDocumentation
 */
import * as z from 'zod';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { createIssue, type Issue, type PathSegment } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';

const nonEmpty = z.string().min(1);
/** An RFC 3339 time or an offset from the start such as `+10m`; checked when the script is placed on the clock. */
const timeText = nonEmpty.describe('RFC 3339 time (2026-01-01T09:00:00Z) or offset from the start (+10m, +1h30m, +2d)');
const note = z.string().optional().describe('A remark shown next to the event in the timeline');
const notify = z
  .boolean()
  .optional()
  .describe('Refresh the Warehouses right away, as a webhook receiver would; without it they see the push at their next discovery interval');

const platformSchema = z.strictObject({ os: nonEmpty, arch: nonEmpty, variant: z.string().optional(), digest: z.string().optional(), createdAt: z.string().optional() });

const imageFields = {
  repoURL: nonEmpty.describe('The image repository, written any way Kargo accepts (nginx, ghcr.io/org/app)'),
  tag: nonEmpty,
  digest: z.string().optional(),
  createdAt: z.string().optional().describe('RFC 3339; default the time of the event (or of the start, in setup)'),
  annotations: z.record(z.string(), z.string()).optional(),
  platforms: z.array(platformSchema).optional(),
};

const commitFields = {
  repoURL: nonEmpty,
  branch: z.string().optional(),
  id: z.string().optional().describe('The commit id; made up from the content when left out'),
  message: z.string().optional(),
  author: z.string().optional().describe('Name <email>'),
  files: z.record(z.string(), z.string().nullable()).optional().describe('Files the commit writes (null deletes one)'),
  paths: z.array(z.string()).optional().describe('Changed paths (default: the keys of files)'),
  tag: z.string().optional().describe('Also tag the new commit with this name'),
  date: z.string().optional().describe('RFC 3339; default the time of the event'),
};

const chartFields = {
  repoURL: nonEmpty.describe('https://… (classic repository) or oci://…/chart'),
  name: z.string().optional().describe('Required for classic repositories; left out for OCI'),
  version: nonEmpty,
};

const applicationSchema = z.strictObject({
  name: nonEmpty,
  namespace: z.string().optional().describe('Default argocd'),
  stage: z.string().optional().describe('The Stage allowed to update it (kargo.akuity.io/authorized-stage); default the Stage whose argocd-update step names it, else the Stage of the same name'),
  repoURL: z.string().optional(),
  targetRevision: z.string().optional(),
  path: z.string().optional(),
  health: z.string().optional().describe('The health it reports before any sync (default Healthy)'),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

/** How a Stage's verifications turn out when no `verification-result` event decides them. */
const verificationSetupSchema = z.strictObject({
  stage: nonEmpty,
  phase: z
    .enum(['Successful', 'Failed', 'Error', 'Inconclusive', 'Running'])
    .optional()
    .describe('The phase each run ends in (default Successful); Running keeps it running until a verification-result event'),
  after: z.string().optional().describe('How long each run takes, a Go duration (default 0s)'),
});

/** What exists when the simulation starts. */
export const simulationSetupSchema = z.strictObject({
  verifications: z.array(verificationSetupSchema).optional(),
  images: z.array(z.strictObject(imageFields)).optional(),
  commits: z.array(z.strictObject(commitFields)).optional(),
  charts: z.array(z.strictObject(chartFields)).optional(),
  applications: z.array(applicationSchema).optional(),
});

/** The ways to name a Freight in an event: its name, alias, or an artifact it carries. */
const freightRefFields = {
  freight: z.string().optional().describe('The Freight name (its content hash)'),
  alias: z.string().optional().describe('The Freight alias'),
  image: z.string().optional().describe('The newest Freight with this image tag (tag, or repository:tag)'),
  commit: z.string().optional().describe('The newest Freight with this commit (id prefix or Git tag)'),
  chart: z.string().optional().describe('The newest Freight with this chart version (version, or name@version)'),
};
const actor = z.string().optional().describe('Who does it (default waybill-simulation)');

const at = { at: timeText, note };
const verificationPhases = ['Successful', 'Failed', 'Error', 'Inconclusive'] as const;

/** One scripted event. */
export const simulationEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...at, type: z.literal('image-pushed'), ...imageFields, notify }),
  z.strictObject({ ...at, type: z.literal('commit-pushed'), ...commitFields, notify }),
  z.strictObject({ ...at, type: z.literal('chart-published'), ...chartFields, notify }),
  z.strictObject({ ...at, type: z.literal('verification-result'), stage: nonEmpty, phase: z.enum(verificationPhases), message: z.string().optional() }),
  z.strictObject({ ...at, type: z.literal('approve'), stage: nonEmpty, ...freightRefFields, actor }),
  z.strictObject({ ...at, type: z.literal('promote'), stage: nonEmpty, ...freightRefFields, origin: z.string().optional().describe('Warehouse/<name>: the auto-promotion candidate'), actor }),
  z.strictObject({ ...at, type: z.literal('promote-downstream'), stage: nonEmpty, ...freightRefFields, actor }),
  z.strictObject({ ...at, type: z.literal('abort-promotion'), stage: nonEmpty, ...freightRefFields, actor }),
  z.strictObject({ ...at, type: z.literal('abort-verification'), stage: nonEmpty, actor }),
  z.strictObject({ ...at, type: z.literal('reverify'), stage: nonEmpty, actor }),
  z.strictObject({ ...at, type: z.literal('refresh'), kind: z.enum(['Warehouse', 'Stage']), name: nonEmpty }),
  z.strictObject({ ...at, type: z.literal('application-health'), name: nonEmpty, namespace: z.string().optional(), health: nonEmpty, message: z.string().optional() }),
  z.strictObject({ ...at, type: z.literal('time-passes') }),
]);

/** A whole script. */
export const simulationScriptSchema = z.strictObject({
  description: z.string().optional(),
  project: z.string().optional().describe('The Project (namespace) to simulate; default the only one the resources use'),
  start: z.string().optional().describe('RFC 3339; default 2026-01-01T00:00:00Z'),
  until: z.string().optional().describe('RFC 3339 or an offset from the start; default one hour after the last event'),
  setup: simulationSetupSchema.optional(),
  events: z.array(simulationEventSchema).optional(),
});

/** What exists when a simulation starts. */
export type SimulationSetup = z.infer<typeof simulationSetupSchema>;
/** One scripted event. */
export type SimulationEvent = z.infer<typeof simulationEventSchema>;
/** The kinds of scripted event. */
export type SimulationEventType = SimulationEvent['type'];
/** A parsed simulation script. */
export type SimulationScript = z.infer<typeof simulationScriptSchema>;
/** An event of one type. */
export type SimulationEventOf<T extends SimulationEventType> = Extract<SimulationEvent, { type: T }>;

/** Options of {@link parseSimulationScript}. */
export interface ParseSimulationScriptOptions {
  /** The file name issues carry. */
  readonly file?: string | undefined;
  /** The largest text read, in UTF-16 code units (default 3 MiB). */
  readonly maxBytes?: number | undefined;
}

const DEFAULT_MAX_BYTES = 3 * 1024 * 1024;

/**
 * Parses a simulation script written as YAML or JSON (JSON is read as YAML, which it is a subset
 * of). Every issue carries the file, line and column of the offending node and its path in the
 * script. Never throws.
 */
export function parseSimulationScript(text: string, options: ParseSimulationScriptOptions = {}): Result<SimulationScript> {
  const file = options.file;
  if (typeof text !== 'string') return err(createIssue('SIMULATION_SCRIPT_SYNTAX', 'the script text must be a string', { file, line: 1, column: 1 }));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes) {
    return err(createIssue('SIMULATION_SCRIPT_SYNTAX', `the script is ${text.length} characters long, more than the limit of ${maxBytes}`, { file, line: 1, column: 1 }));
  }
  const lines = lineStarts(text);
  const at = (span: readonly [number, number] | undefined) => positionOf(lines, span ?? [0, 0], file);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true }) as Document.Parsed;
  } catch (e) {
    return err(createIssue('SIMULATION_SCRIPT_SYNTAX', e instanceof Error ? e.message : String(e), at(undefined)));
  }
  if (doc.errors.length > 0) {
    return err(doc.errors.slice(0, 20).map((e) => createIssue('SIMULATION_SCRIPT_SYNTAX', e.message, at(e.pos))));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return err(createIssue('SIMULATION_SCRIPT_SYNTAX', `the script cannot be read: ${e instanceof Error ? e.message : String(e)}`, at(spanAtPath(doc, []))));
  }
  if (value === null || value === undefined) value = {};
  const checked = validateSimulationScript(value);
  if (checked.ok) return checked;
  return err(checked.issues.map((issue) => createIssue(issue.code, issue.message, { path: issue.path, severity: issue.severity, ...at(spanAtPath(doc, issue.path)) })));
}

/**
 * Checks an already-parsed value (for example a script built in code) against the script schema.
 * Issues carry paths but no positions.
 */
export function validateSimulationScript(value: unknown): Result<SimulationScript> {
  let parsed: z.ZodSafeParseResult<SimulationScript>;
  try {
    parsed = simulationScriptSchema.safeParse(value);
  } catch (e) {
    return err(createIssue('SIMULATION_SCRIPT_INVALID', `the script cannot be checked: ${e instanceof Error ? e.message : String(e)}`));
  }
  if (parsed.success) return ok(parsed.data);
  const issues: Issue[] = parsed.error.issues.map((zi) => {
    const path = zi.path.map((p) => (typeof p === 'number' ? p : String(p)));
    return createIssue('SIMULATION_SCRIPT_INVALID', describeZodIssue(zi, path), { path });
  });
  return err(issues);
}

function describeZodIssue(zi: z.core.$ZodIssue, path: readonly PathSegment[]): string {
  const field = path[path.length - 1];
  if (zi.code === 'invalid_type' && / received undefined$/.test(zi.message)) {
    return field === undefined ? 'a value is required' : `required field ${JSON.stringify(field)} is missing`;
  }
  if (zi.code === 'unrecognized_keys') return `unknown field${zi.keys.length > 1 ? 's' : ''} ${zi.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  if (zi.code === 'invalid_union' && field === undefined) return zi.message;
  if (zi.code === 'invalid_union') {
    const types = simulationEventSchema.options.map((o) => o.shape.type.value);
    return `${zi.message}: an event's type is one of ${types.join(', ')}`;
  }
  return zi.message;
}

let cachedJsonSchema: Record<string, unknown> | undefined;

/** The JSON Schema (draft 2020-12) of a simulation script, for editors. */
export function simulationScriptJsonSchema(): Record<string, unknown> {
  cachedJsonSchema ??= z.toJSONSchema(simulationScriptSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return structuredClone(cachedJsonSchema);
}

// Positions: the offsets of the node a path leads to (or of the nearest node on the way).
function spanAtPath(doc: Document, path: readonly PathSegment[]): [number, number] | undefined {
  let node: unknown = doc.contents;
  let best = spanOf(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair === undefined) return best;
      const keySpan = spanOf(pair.key);
      if (pair.value === null || pair.value === undefined) return keySpan ?? best;
      node = pair.value;
      best = spanOf(node) ?? keySpan ?? best;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) return best;
      node = item;
      best = spanOf(node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

function spanOf(node: unknown): [number, number] | undefined {
  const range = (node as Node | null | undefined)?.range;
  return Array.isArray(range) ? [range[0], Math.max(range[0], range[1])] : undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionOf(starts: readonly number[], span: readonly [number, number], file: string | undefined) {
  const locate = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
  const from = locate(Math.max(0, span[0]));
  const to = locate(Math.max(0, span[1]));
  return { file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}
