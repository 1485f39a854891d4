import { describe, expect, it } from 'vitest';
import { parseSimulationScript, simulationScriptJsonSchema, validateSimulationScript } from '../../../src/controller/simulation-script.js';
import { formatOffset, resolveSimulationTime } from '../../../src/controller/simulation-time.js';

const every = `
description: every kind of event
project: demo
start: 2026-01-01T00:00:00Z
until: +1d
setup:
  images: [{repoURL: nginx, tag: 1.29.0}]
  commits: [{repoURL: https://git.example.com/app.git, branch: main, files: {a.txt: hi}, tag: v1}]
  charts: [{repoURL: https://charts.example.com, name: app, version: 1.0.0}]
  applications: [{name: dev, health: Healthy}]
  verifications: [{stage: dev, phase: Running}, {stage: prod, after: 10m}]
events:
- {at: +1m, type: image-pushed, repoURL: nginx, tag: 1.29.1, notify: true}
- {at: +2m, type: commit-pushed, repoURL: https://git.example.com/app.git, message: fix}
- {at: +3m, type: chart-published, repoURL: oci://ghcr.io/example/app, version: 1.0.1}
- {at: +4m, type: verification-result, stage: dev, phase: Successful}
- {at: +5m, type: approve, stage: prod, alias: shiny-otter, actor: alice}
- {at: +6m, type: promote, stage: prod, origin: Warehouse/app}
- {at: +7m, type: promote-downstream, stage: dev, image: nginx:1.29.1}
- {at: +8m, type: abort-promotion, stage: prod}
- {at: +9m, type: abort-verification, stage: dev}
- {at: +10m, type: reverify, stage: dev}
- {at: +11m, type: refresh, kind: Warehouse, name: app}
- {at: +12m, type: application-health, name: dev, health: Degraded}
- {at: 2026-01-01T01:00:00Z, type: time-passes, note: an hour later}
`;

describe('parseSimulationScript', () => {
  it('reads every kind of event from YAML', () => {
    const parsed = parseSimulationScript(every, { file: 'every.yaml' });
    expect(parsed.issues).toEqual([]);
    expect(parsed.ok && parsed.value.events?.map((e) => e.type)).toEqual([
      'image-pushed', 'commit-pushed', 'chart-published', 'verification-result', 'approve', 'promote', 'promote-downstream',
      'abort-promotion', 'abort-verification', 'reverify', 'refresh', 'application-health', 'time-passes',
    ]);
    expect(parsed.ok && parsed.value.start).toBe('2026-01-01T00:00:00Z');
  });

  it('reads JSON too', () => {
    const parsed = parseSimulationScript(JSON.stringify({ until: '+1h', events: [{ at: '+1m', type: 'time-passes' }] }));
    expect(parsed.ok && parsed.value).toEqual({ until: '+1h', events: [{ at: '+1m', type: 'time-passes' }] });
  });

  it('points at an unknown field with its line and column', () => {
    const parsed = parseSimulationScript('events:\n- at: +1m\n  type: promote\n  stage: prod\n  freigth: abc\n', { file: 's.yaml' });
    expect(parsed.ok).toBe(false);
    expect(parsed.issues).toEqual([
      expect.objectContaining({ code: 'SIMULATION_SCRIPT_INVALID', message: 'unknown field "freigth"', path: ['events', 0], file: 's.yaml', line: 2, column: 3 }),
    ]);
  });

  it('points at a missing field and a wrongly typed one', () => {
    const parsed = parseSimulationScript('events:\n- type: approve\n  stage: prod\n- at: +1m\n  type: refresh\n  kind: Stage\n  name: 7\n');
    expect(parsed.issues.map((i) => [i.path, i.line, i.message])).toEqual([
      [['events', 0, 'at'], 2, 'required field "at" is missing'],
      [['events', 1, 'name'], 7, expect.stringContaining('string')],
    ]);
  });

  it('names the event types when the type is unknown', () => {
    const parsed = parseSimulationScript('events:\n- at: +1m\n  type: deploy\n');
    expect(parsed.issues[0]).toMatchObject({ code: 'SIMULATION_SCRIPT_INVALID', path: ['events', 0, 'type'], line: 3 });
    expect(parsed.issues[0]?.message).toContain('image-pushed');
  });

  it('reports YAML syntax errors and repeated keys with positions', () => {
    const broken = parseSimulationScript('events:\n  - at: "+1m\n', { file: 'b.yaml' });
    expect(broken.issues[0]).toMatchObject({ code: 'SIMULATION_SCRIPT_SYNTAX', file: 'b.yaml' });
    // The parser notices the unclosed quote where the text ends.
    expect(broken.issues[0]?.line).toBeGreaterThanOrEqual(2);
    const repeated = parseSimulationScript('until: +1h\nuntil: +2h\n');
    expect(repeated.issues[0]).toMatchObject({ code: 'SIMULATION_SCRIPT_SYNTAX', line: 2 });
  });

  it('takes an empty text as an empty script and refuses what is not a script', () => {
    expect(parseSimulationScript('').ok).toBe(true);
    expect(parseSimulationScript('- a\n- b\n').issues[0]?.code).toBe('SIMULATION_SCRIPT_INVALID');
    expect(parseSimulationScript(42 as unknown as string).issues[0]?.code).toBe('SIMULATION_SCRIPT_SYNTAX');
    expect(parseSimulationScript('x'.repeat(20), { maxBytes: 10 }).issues[0]?.code).toBe('SIMULATION_SCRIPT_SYNTAX');
  });

  it('validates scripts built in code', () => {
    expect(validateSimulationScript({ events: [{ at: '+1m', type: 'time-passes' }] }).ok).toBe(true);
    expect(validateSimulationScript({ events: 'none' }).issues[0]?.path).toEqual(['events']);
  });

  it('exports a JSON Schema that lists every event type', () => {
    const schema = simulationScriptJsonSchema();
    const text = JSON.stringify(schema);
    for (const type of ['image-pushed', 'promote-downstream', 'verification-result', 'time-passes']) expect(text).toContain(`"${type}"`);
    expect((schema['properties'] as Record<string, unknown>)['events']).toBeDefined();
    (schema as Record<string, unknown>)['changed'] = true;
    expect(simulationScriptJsonSchema()['changed']).toBeUndefined();
  });
});

describe('simulation times', () => {
  const start = Date.parse('2026-01-01T00:00:00Z');
  it('reads offsets, days included, and RFC 3339 times', () => {
    expect(resolveSimulationTime('+90s', start)).toEqual({ ok: true, ms: start + 90_000 });
    expect(resolveSimulationTime('+1h30m', start)).toEqual({ ok: true, ms: start + 5_400_000 });
    expect(resolveSimulationTime('+2d', start)).toEqual({ ok: true, ms: start + 172_800_000 });
    expect(resolveSimulationTime('+1d12h', start)).toEqual({ ok: true, ms: start + 129_600_000 });
    expect(resolveSimulationTime('2026-01-01T02:00:00+01:00', start)).toEqual({ ok: true, ms: start + 3_600_000 });
  });
  it('refuses anything else', () => {
    for (const text of ['', '10m', '+', '+-5m', '+5 minutes', '2026-01-01', '2026-01-01T00:00:00', 'tomorrow']) expect(resolveSimulationTime(text, start).ok, text).toBe(false);
  });
  it('formats offsets for the log', () => {
    expect(formatOffset(0)).toBe('+00:00:00');
    expect(formatOffset(5 * 60_000)).toBe('+00:05:00');
    expect(formatOffset(26 * 3_600_000 + 1500)).toBe('+1d 02:00:01.500');
  });
});
