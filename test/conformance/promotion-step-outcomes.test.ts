import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createStepRegistry, defineStep, promotionPhase, runPromotionToEnd } from '../../src/promotion/index.js';
import type { StepStatus } from '../../src/promotion/index.js';

interface PhaseCase {
  name: string;
  steps: { status: StepStatus; continueOnError?: boolean }[];
  expectedPhase: string;
}
interface EngineStep {
  alias: string;
  uses?: string;
  if?: string;
  retry?: { errorThreshold?: number; timeout?: string };
  result?: string;
  terminal?: boolean;
}
interface EngineCase {
  name: string;
  steps: EngineStep[];
  expectedStepStatuses: string[];
  expectedStepErrorCount?: number;
  expectedPhase: string;
  expectedCurrentStep?: number;
}

const file = JSON.parse(readFileSync(new URL('../fixtures/promotion/step_outcomes.json', import.meta.url), 'utf8')) as {
  cases: PhaseCase[];
  engineCases: EngineCase[];
};

// A step whose outcome is whatever its config says: the vectors describe runner results, not real work.
const scripted = defineStep({
  uses: 'scripted',
  configSchema: z.strictObject({ result: z.string().optional(), terminal: z.boolean().optional() }),
  run: (config) => {
    const status = config.result ?? 'Succeeded';
    if (status === 'Failed' || status === 'Errored') return { status, error: { message: `${status.toLowerCase()} on purpose`, terminal: config.terminal === true } };
    return { status };
  },
});

describe('promotionPhase over the step-outcome vectors', () => {
  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(promotionPhase(c.steps)).toBe(c.expectedPhase);
  });
});

describe('engine over the step-outcome vectors', () => {
  it.each(file.engineCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const steps = c.steps.map((s) => ({
      as: s.alias,
      uses: s.uses ?? 'scripted',
      ...(s.if === undefined ? {} : { if: s.if }),
      ...(s.retry === undefined ? {} : { retry: s.retry }),
      config: { ...(s.result === undefined ? {} : { result: s.result }), ...(s.terminal === undefined ? {} : { terminal: s.terminal }) },
    }));
    const status = await runPromotionToEnd(
      { metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'test', freight: 'abc', steps } },
      {},
      { steps: createStepRegistry([scripted]), now: '2026-01-01T00:00:00Z' },
    );
    expect(status.stepExecutionMetadata.map((m) => m.status)).toEqual(c.expectedStepStatuses);
    expect(status.phase).toBe(c.expectedPhase);
    if (c.expectedCurrentStep !== undefined) expect(status.currentStep).toBe(c.expectedCurrentStep);
    if (c.expectedStepErrorCount !== undefined) expect(status.stepExecutionMetadata[0]?.errorCount).toBe(c.expectedStepErrorCount);
  });
});
