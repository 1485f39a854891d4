import type { SimulationTimeline } from '../../../src/controller/timeline-types.js';

/**
 * A hand-built timeline of a four-Stage pipeline (dev -> staging -> gate (control flow) -> prod)
 * over two hours: two Freight, auto and manual Promotions, verifications, an approval and a soak.
 */
export function sampleTimeline(): SimulationTimeline {
  const at = (minutes: number): string => new Date(Date.parse('2026-01-01T00:00:00Z') + minutes * 60_000).toISOString().replace('.000Z', 'Z');
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);
  return {
    project: 'demo',
    description: 'A hand-built timeline',
    start: at(0),
    until: at(120),
    end: at(120),
    warehouses: ['app'],
    stages: [
      { name: 'dev', controlFlow: false, autoPromotion: true, verification: false, requests: [{ origin: 'Warehouse/app', direct: true, stages: [], availabilityStrategy: 'OneOf' }] },
      { name: 'staging', controlFlow: false, autoPromotion: true, verification: true, requests: [{ origin: 'Warehouse/app', direct: false, stages: ['dev'], requiredSoakTime: '30m', availabilityStrategy: 'OneOf' }] },
      { name: 'gate', controlFlow: true, autoPromotion: false, verification: false, requests: [{ origin: 'Warehouse/app', direct: false, stages: ['staging'], availabilityStrategy: 'OneOf' }] },
      { name: 'prod', controlFlow: false, autoPromotion: false, verification: false, requests: [{ origin: 'Warehouse/app', direct: false, stages: ['gate'], availabilityStrategy: 'OneOf' }] },
    ],
    edges: [
      { from: 'Warehouse/app', to: 'Stage/dev', origin: 'Warehouse/app' },
      { from: 'Stage/dev', to: 'Stage/staging', origin: 'Warehouse/app' },
      { from: 'Stage/staging', to: 'Stage/gate', origin: 'Warehouse/app' },
      { from: 'Stage/gate', to: 'Stage/prod', origin: 'Warehouse/app' },
    ],
    events: [
      { index: 0, at: at(5), type: 'image-pushed', summary: 'nginx:1.29.1', outcome: 'applied' },
      { index: 1, at: at(50), type: 'promote', stage: 'prod', summary: 'prod Freight shiny-otter', outcome: 'rejected', message: 'Freight is not available to Stage "prod"' },
      { index: 2, at: at(60), type: 'approve', stage: 'prod', summary: 'prod Freight shiny-otter <b>', outcome: 'applied', note: 'escape <this> & "that"' },
      { index: 3, at: at(61), type: 'promote', stage: 'prod', summary: 'prod Freight shiny-otter', outcome: 'applied', created: ['prod.01kdrj1nb0aaaaaaaaaaaaaaaa.aaaaaaa'] },
    ],
    freight: [
      { name: a, alias: 'shiny-otter', origin: 'Warehouse/app', createdAt: at(5), images: [{ repoURL: 'nginx', tag: '1.29.1' }], commits: [], charts: [], label: 'nginx:1.29.1' },
      { name: b, alias: 'brave-fox', origin: 'Warehouse/app', createdAt: at(90), images: [{ repoURL: 'nginx', tag: '1.29.2' }], commits: [], charts: [], label: 'nginx:1.29.2' },
    ],
    promotions: [
      { name: 'dev.01kdrj1nb0aaaaaaaaaaaaaaaa.aaaaaaa', stage: 'dev', freight: a, createdAt: at(5), createdBy: 'auto', startedAt: at(5), finishedAt: at(6), phase: 'Succeeded', steps: [{ alias: 'step-1', uses: 'argocd-update', status: 'Succeeded' }] },
      { name: 'staging.01kdrj1nb0bbbbbbbbbbbbbbbb.aaaaaaa', stage: 'staging', freight: a, createdAt: at(36), createdBy: 'auto', startedAt: at(36), finishedAt: at(37), phase: 'Succeeded', steps: [] },
      { name: 'prod.01kdrj1nb0aaaaaaaaaaaaaaaa.aaaaaaa', stage: 'prod', freight: a, createdAt: at(61), createdBy: 'manual', actor: 'alice', startedAt: at(61), finishedAt: at(62), phase: 'Failed', message: 'step 1 failed', steps: [] },
      { name: 'dev.01kdrj1nb0cccccccccccccccc.bbbbbbb', stage: 'dev', freight: b, createdAt: at(90), createdBy: 'auto', startedAt: at(90), finishedAt: at(91), phase: 'Succeeded', steps: [] },
    ],
    verifications: [
      { stage: 'dev', id: 'v1', freight: [a], startedAt: at(6), finishedAt: at(6), phase: 'Successful' },
      { stage: 'staging', id: 'v2', freight: [a], startedAt: at(37), finishedAt: at(47), phase: 'Successful' },
      { stage: 'dev', id: 'v3', freight: [b], startedAt: at(91), finishedAt: at(91), phase: 'Successful' },
    ],
    verified: [
      { at: at(6), stage: 'dev', freight: a },
      { at: at(47), stage: 'staging', freight: a },
      { at: at(47), stage: 'gate', freight: a },
      { at: at(91), stage: 'dev', freight: b },
    ],
    approvals: [{ at: at(60), stage: 'prod', freight: a, actor: 'alice' }],
    availability: [
      { at: at(5), stage: 'dev', freight: a, via: 'direct' },
      { at: at(36), stage: 'staging', freight: a, via: 'soaked', upstream: 'dev', requiredSoakTime: '30m' },
      { at: at(47), stage: 'gate', freight: a, via: 'verified', upstream: 'staging' },
      { at: at(60), stage: 'prod', freight: a, via: 'approved' },
    ],
    residencies: [
      { stage: 'dev', freight: a, since: at(6), until: at(91) },
      { stage: 'staging', freight: a, since: at(37) },
      { stage: 'dev', freight: b, since: at(91) },
    ],
    issues: [],
    finalState: [
      { stage: 'dev', currentFreight: [b], health: 'Healthy', verified: true, ready: true, reason: 'Verified' },
      { stage: 'staging', currentFreight: [a], health: 'Healthy', verified: true, ready: true, reason: 'Verified' },
      { stage: 'gate', currentFreight: [], verified: false, ready: true },
      { stage: 'prod', currentFreight: [], verified: false, ready: false, reason: 'LastPromotionFailed' },
    ],
  };
}
