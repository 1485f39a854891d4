import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/controller/simulate.js';
import { timelineToJson } from '../../../src/controller/render-json.js';
import type { SimulationScript } from '../../../src/controller/simulation-script.js';
import { freightWithTag, MINUTE, offsetOf, runScenario, scenarioResources } from './scenario.js';

const image = (at: string, tag: string, notify = true) => ({ at, type: 'image-pushed' as const, repoURL: 'ghcr.io/example/app', tag, notify });
const setup = { images: [{ repoURL: 'ghcr.io/example/app', tag: '1.0.0' }] };

describe('simulate', () => {
  it('runs the quickstart pipeline: git-based promotion steps, manual promotions, refusals', async () => {
    const t = await runScenario('quickstart');
    expect(t.project).toBe('kargo-demo');
    expect(t.stages.map((s) => s.name)).toEqual(['dev', 'staging', 'prod']);
    expect(t.stages.map((s) => s.autoPromotion)).toEqual([true, false, false]);
    const pushed = freightWithTag(t, '1.1.0');
    expect(offsetOf(t, pushed.createdAt)).toBe(10 * MINUTE);
    expect(pushed.alias).toMatch(/^[a-z]+-[a-z]+$/);
    const [early, staging, prod] = t.events.filter((e) => e.type === 'promote');
    expect(early).toMatchObject({ outcome: 'rejected', stage: 'staging', note: 'too early, the Freight has not soaked for an hour in dev' });
    expect(staging).toMatchObject({ outcome: 'applied' });
    expect(prod).toMatchObject({ outcome: 'applied' });
    const soak = t.availability.find((a) => a.stage === 'staging' && a.freight === pushed.name);
    expect(offsetOf(t, soak?.at)).toBe(70 * MINUTE);
    const staged = t.promotions.find((p) => p.stage === 'staging');
    expect(staged).toMatchObject({ createdBy: 'manual', actor: 'alice', phase: 'Succeeded', freight: pushed.name });
    expect(staged?.steps.map((s) => [s.alias, s.uses, s.status])).toEqual([
      ['step-1', 'git-clone', 'Succeeded'],
      ['update-image', 'yaml-update', 'Succeeded'],
      ['commit', 'git-commit', 'Succeeded'],
      ['step-4', 'git-push', 'Succeeded'],
    ]);
    expect(t.finalState.map((s) => [s.stage, s.currentFreight, s.health, s.ready])).toEqual([
      ['dev', [pushed.name], 'Healthy', true],
      ['staging', [pushed.name], 'Healthy', true],
      ['prod', [pushed.name], 'Healthy', true],
    ]);
    expect(t.issues).toEqual([]);
  });

  it('gives the same timeline, byte for byte, on every run', async () => {
    const a = timelineToJson(await runScenario('soak'));
    const b = timelineToJson(await runScenario('soak'));
    expect(a).toBe(b);
  });

  it('gives the same timeline whether or not it skips polling wake-ups', async () => {
    const fast = timelineToJson(await runScenario('longest-soak'));
    const slow = timelineToJson(await runScenario('longest-soak', { fastForward: false }));
    expect(slow).toBe(fast);
  });

  it('ends verifications exactly when their configured duration has passed', async () => {
    const script: SimulationScript = { until: '+1h', setup: { ...setup, verifications: [{ stage: 'dev', after: '7m30s' }] }, events: [] };
    const result = await simulate(scenarioResources('soak'), script);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const t = result.value;
    const v = t.verifications.find((x) => x.stage === 'dev');
    expect(v).toMatchObject({ phase: 'Successful', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:07:30Z' });
  });

  it('records refusals of scripted actions and keeps going', async () => {
    const script: SimulationScript = {
      until: '+30m',
      setup,
      events: [
        { at: '+1m', type: 'verification-result', stage: 'staging', phase: 'Successful' },
        { at: '+2m', type: 'approve', stage: 'prod', image: '9.9.9' },
        { at: '+3m', type: 'promote', stage: 'prod' },
        { at: '+4m', type: 'abort-promotion', stage: 'dev' },
        { at: '+5m', type: 'time-passes', note: 'nothing happens' },
        { at: '+6m', type: 'promote', stage: 'dev', origin: 'Warehouse/app', image: '1.0.0' },
        { at: '+7m', type: 'promote', stage: 'dev', origin: 'Warehouse/nowhere' },
      ],
    };
    const result = await simulate(scenarioResources('soak'), script);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.events.map((e) => [e.type, e.outcome, e.message])).toEqual([
      ['verification-result', 'rejected', 'Stage "staging" has no running verification'],
      ['approve', 'rejected', 'no Freight matches image 9.9.9'],
      ['promote', 'rejected', 'name the Freight with freight, alias, image, commit or chart'],
      ['abort-promotion', 'rejected', 'Stage "dev" has no Promotion to abort'],
      ['time-passes', 'applied', undefined],
      ['promote', 'rejected', 'name either the origin or the Freight to promote, not both'],
      ['promote', 'rejected', expect.stringContaining('nowhere')],
    ]);
  });

  it('lets an image pushed without notification wait for the Warehouse interval', async () => {
    const script: SimulationScript = { until: '+20m', setup, events: [image('+1m', '1.0.1', false)] };
    const result = await simulate(scenarioResources('longest-soak'), script);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // The Warehouse discovered at the start and looks again every 5 minutes.
    expect(offsetOf(result.value, freightWithTag(result.value, '1.0.1').createdAt)).toBe(5 * MINUTE);
    // Hours of quiet do not break the rhythm: a push at +3h03m is seen at +3h05m.
    const later = await simulate(scenarioResources('longest-soak'), { until: '+4h', setup, events: [image('+3h3m', '1.0.1', false)] });
    expect(later.ok && offsetOf(later.value, freightWithTag(later.value, '1.0.1').createdAt)).toBe(185 * MINUTE);
  });

  it('aborts a running verification and records it as failed', async () => {
    const script: SimulationScript = {
      until: '+30m',
      setup,
      events: [{ at: '+5m', type: 'abort-verification', stage: 'dev' }, { at: '+6m', type: 'reverify', stage: 'dev' }, { at: '+8m', type: 'verification-result', stage: 'dev', phase: 'Failed', message: 'error rate too high' }],
    };
    const result = await simulate(scenarioResources('soak'), script);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const dev = result.value.verifications.filter((v) => v.stage === 'dev');
    expect(dev.map((v) => v.phase)).toEqual(['Failed', 'Failed']);
    expect(dev[1]?.message).toBe('error rate too high');
    expect(result.value.events.every((e) => e.outcome === 'applied')).toBe(true);
  });

  it('promotes the auto-promotion candidate of an origin', async () => {
    const script: SimulationScript = { until: '+1h', setup, events: [{ at: '+40m', type: 'promote', stage: 'prod', origin: 'Warehouse/app', actor: 'carol' }] };
    const result = await simulate(scenarioResources('longest-soak'), script);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const t = result.value;
    expect(t.events[0]).toMatchObject({ outcome: 'applied', summary: 'prod to the candidate of Warehouse/app' });
    expect(t.promotions.filter((p) => p.stage === 'prod').map((p) => [p.freight, p.actor, p.phase])).toEqual([[freightWithTag(t, '1.0.0').name, 'carol', 'Succeeded']]);
  });

  it('reports bad times with their path, and events after `until` as warnings', async () => {
    const bad = await simulate(scenarioResources('soak'), { start: '2026-01-01T00:00:00Z', events: [{ at: 'soon', type: 'time-passes' }, { at: '2025-12-31T23:00:00Z', type: 'time-passes' }] });
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['SIMULATION_TIME_INVALID', ['events', 0, 'at']],
      ['SIMULATION_TIME_INVALID', ['events', 1, 'at']],
    ]);
    const late = await simulate(scenarioResources('soak'), { until: '+10m', events: [{ at: '+1h', type: 'time-passes' }] });
    expect(late.ok).toBe(true);
    expect(late.issues.map((i) => [i.code, i.severity, i.path])).toEqual([['SIMULATION_TIME_INVALID', 'warning', ['events', 0, 'at']]]);
    if (late.ok) expect(late.value.events).toEqual([]);
    const duration = await simulate(scenarioResources('soak'), { setup: { verifications: [{ stage: 'dev', after: 'a while' }] } });
    expect(duration.issues.map((i) => i.path)).toEqual([['setup', 'verifications', 0, 'after']]);
  });

  it('needs to know which Project to simulate', async () => {
    const resources = [...scenarioResources('soak'), ...scenarioResources('longest-soak')];
    const result = await simulate(resources, []);
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.code).toBe('SIMULATION_NO_PROJECT');
    expect(result.issues[0]?.message).toContain('longest-soak, soak');
    const chosen = await simulate(resources, [], { project: 'longest-soak', until: '+1m' });
    expect(chosen.ok && chosen.value.stages.map((s) => s.name)).toEqual(['dev', 'prod']);
  });

  it('refuses a script that breaks the schema, without running anything', async () => {
    const result = await simulate(scenarioResources('soak'), { events: [{ at: '+1m', type: 'image-pushed', repoURL: 'x' }] } as unknown as SimulationScript);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'SIMULATION_SCRIPT_INVALID', path: ['events', 0, 'tag'] });
  });

  it('stops with a warning when the step budget runs out', async () => {
    const result = await simulate(scenarioResources('soak'), { until: '+4h', setup, events: [image('+1h', '1.0.1'), image('+2h', '1.0.2')] }, { maxSteps: 2 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.issues.map((i) => i.code)).toEqual(['SIMULATION_STEP_LIMIT']);
    expect(Date.parse(result.value.end)).toBeLessThan(Date.parse(result.value.until));
  });

  it('reports a controller that throws as an issue, never as a throw', async () => {
    const result = await simulate(scenarioResources('soak'), [], {
      createController: () => {
        throw new Error('boom');
      },
    });
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'SIMULATION_INTERRUPTED', message: 'the simulation stopped: boom' });
    const notList = await simulate('nope' as unknown as [], []);
    expect(notList.ok).toBe(false);
  });

  it('accepts a bare list of events and reports setup the adapters refuse', async () => {
    const events = await simulate(scenarioResources('longest-soak'), [image('+1m', '1.0.1')], { until: '+2m' });
    expect(events.ok && events.value.freight.map((f) => f.label)).toEqual(['app:1.0.1']);
    const refused = await simulate(scenarioResources('longest-soak'), { setup: { charts: [{ repoURL: 'https://charts.example.com', version: '1.0.0' }] } });
    expect(refused.ok).toBe(false);
    expect(refused.issues[0]).toMatchObject({ code: 'SIMULATION_SETUP_INVALID', path: ['setup', 'charts', 0] });
  });
});

describe('simulate with Git and chart subscriptions and Argo CD', () => {
  it('makes Freight from commits and chart versions, and syncs the Application to the pushed commit', async () => {
    const t = await runScenario('gitops');
    expect(t.freight.map((f) => [f.label.replace(/@[0-9a-f]{7}/, '@<commit>'), offsetOf(t, f.createdAt)])).toEqual([
      ['app@<commit>, platform@2.0.0', 0],
      ['app@<commit>, platform@2.0.0', 10 * MINUTE],
      ['app@<commit>, platform@2.1.0', 20 * MINUTE],
    ]);
    expect(t.freight[1]?.commits[0]?.id).not.toBe(t.freight[0]?.commits[0]?.id);
    expect(t.promotions.map((p) => [p.phase, p.steps.map((s) => s.status).join(',')])).toEqual(
      Array.from({ length: 3 }, () => ['Succeeded', 'Succeeded,Succeeded,Succeeded,Succeeded,Succeeded']),
    );
    expect(t.finalState).toEqual([
      expect.objectContaining({ stage: 'dev', currentFreight: [t.freight[2]?.name], health: 'Unhealthy', verified: true, ready: false }),
    ]);
  });
});
