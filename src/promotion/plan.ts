import { createIssue, type Issue, type PathSegment } from '../errors/index.js';
import type { ArgoCDApplicationSource } from '../ports/index.js';
import { renderDiff } from '../mutation/index.js';
import { DEFAULT_ARGOCD_NAMESPACE } from './steps/index.js';
import { stepAliasOf } from './aliases.js';
import { runPromotion, withPromotionStatus } from './engine.js';
import { cloneJson } from './json-clone.js';
import { createPlanCluster, createPlanHttp, type PlanHttpSimulator } from './plan-cluster.js';
import { createPlanGit, type PlanCheckoutSource } from './plan-git.js';
import type { PlannedFileChange, PlannedHttpRequest, PlannedStep, PromotionPlan } from './plan-types.js';
import { createOverlayWorkTree } from './plan-work-tree.js';
import { predictCommitId } from './plan-ids.js';
import { createStepRegistry, type AnyStepDefinition, type StepRegistry } from './registry.js';
import type { PromotionRunContext, RunnablePromotion } from './run-context.js';
import type { NowSource, PromotionRunStatus, StepPorts, StepResult, StepRunContext, StepStatus } from './types.js';

/** Options of {@link planPromotion}. */
export interface PlanPromotionOptions {
  /** The step kinds the promotion may use, as for `runPromotion`. */
  readonly steps: StepRegistry;
  /**
   * The ports a real run would use. The plan only reads through them: the work tree is overlaid,
   * Git, pull requests, the cluster and HTTP are wrapped in recorders.
   */
  readonly ports?: StepPorts;
  readonly now: NowSource;
  /** What each `git-clone` would check out (see {@link PlanCheckoutSource}). */
  readonly checkouts?: PlanCheckoutSource;
  /** The answer to an HTTP request the plan does not send (default: an empty 200). */
  readonly simulateHttp?: PlanHttpSimulator;
  /** How many times to resume a promotion that pauses on a retried error (default 10). */
  readonly maxRuns?: number;
}

/**
 * Shows what a promotion would do without doing it: runs the same steps through the same engine
 * against recording wrappers of the ports and an overlay of the work tree, so nothing is written,
 * pushed, opened or synced. Reads (an Application, a pull request, a GET) go to the real ports;
 * pushes, pull requests, Application patches and other HTTP methods are recorded and answered
 * with simulated results (predicted commit ids, placeholder pull request numbers) so later steps
 * can go on. A step that would wait (for a pull request, a sync, a health check) is recorded as
 * waiting and counted as Succeeded. The plan is plain JSON and the same for the same input.
 * Without a cluster port, an Argo CD step's Applications are assumed to exist as it names them
 * (authorized, with the sources it updates) and their changes are marked `assumed`.
 * Ports other than the five builtin ones are passed to the steps as they are: an embedder's own
 * step that writes through its own port is not held back. `issues` holds step configs that
 * do not match their schema (errors) and, as warnings, what the plan had to simulate or could
 * not finish: a request it did not send (`PROMOTION_PLAN_HTTP_SIMULATED`; assumed Argo CD
 * Applications are marked in `argocd` instead), the merge of a pull request it did not open
 * (`PROMOTION_PLAN_MERGE_PREDICTED`), and a promotion still running when it gave up
 * (`PROMOTION_PLAN_INCOMPLETE`).
 */
export async function planPromotion(promotion: RunnablePromotion, context: PromotionRunContext, options: PlanPromotionOptions): Promise<PromotionPlan> {
  const real = options.ports ?? {};
  const overlay = createOverlayWorkTree(real.workTree);
  const git = createPlanGit(overlay, { git: real.git, pullRequests: real.pullRequests }, options.checkouts);
  const project = context.project ?? promotion.metadata?.namespace ?? '';
  const cluster = createPlanCluster(real.cluster, `${project}:${promotion.spec.stage}`);
  const http = createPlanHttp(real.http, options.simulateHttp);
  const issues: Issue[] = [];
  const ports: StepPorts = {
    ...real,
    workTree: overlay,
    git: git.git,
    pullRequests: git.pullRequests,
    cluster: cluster.cluster,
    http: http.http,
  };
  const waits = new Map<string, string>();
  const warnings: Issue[] = [];
  const steps = planRegistry(options.steps, { waits, warnings, requests: http.requests, placeholderMerge: git.placeholderMerge, assume: cluster.assume });

  let current: RunnablePromotion = promotion;
  let status: PromotionRunStatus | undefined;
  const runs = Math.max(1, Math.floor(options.maxRuns ?? 10));
  for (let n = 0; n < runs; n++) {
    for await (const snapshot of runPromotion(current, context, { steps, ports, now: options.now })) status = snapshot.status;
    if (status === undefined || status.phase !== 'Running') break;
    current = withPromotionStatus(current, status);
  }
  const final: PromotionRunStatus = status ?? { phase: 'Errored', message: 'the promotion did not run', currentStep: 0, stepExecutionMetadata: [], state: {} };

  const files: PlannedFileChange[] = (await overlay.changes()).map(({ path, before, after }) => ({
    path,
    change: before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified',
    ...(after === undefined ? {} : { after }),
    diff: renderDiff(before ?? '', after ?? '', { file: path }),
  }));
  const plannedSteps = stepsOf(promotion, final, waits);
  for (const step of plannedSteps) {
    // A config that fails its schema is a mistake in the template, worth reporting as such.
    if (step.message !== undefined && step.message.includes(`invalid ${step.uses} config:`)) {
      issues.push(createIssue('PROMOTION_STEP_CONFIG_INVALID', step.message, { path: ['spec', 'steps', step.index, 'config'] }));
    }
  }
  issues.push(...warnings);
  if (final.phase === 'Running') {
    const stopped = plannedSteps[final.currentStep];
    const detail = stopped?.message === undefined ? '' : `: ${stopped.message}`;
    issues.push(
      createIssue('PROMOTION_PLAN_INCOMPLETE', `the plan stopped after ${runs} run${runs === 1 ? '' : 's'} with step ${JSON.stringify(stopped?.alias ?? '')} still running${detail}; the steps after it were not planned`, {
        path: ['spec', 'steps', final.currentStep],
        severity: 'warning',
      }),
    );
  }
  const freight = promotion.spec.freight;
  return cloneJson({
    promotion: promotion.metadata?.name ?? '',
    stage: promotion.spec.stage,
    ...(freight === undefined || freight === '' ? {} : { freight }),
    phase: final.phase,
    ...(final.message === undefined ? {} : { message: final.message }),
    files,
    checkouts: git.checkouts,
    commits: git.commits,
    pushes: git.pushes,
    tags: git.tags,
    pullRequests: git.pullRequestsMade,
    argocd: cluster.changes,
    http: http.requests,
    steps: plannedSteps,
    outputs: final.state,
    issues,
  }) as PromotionPlan;
}

function stepsOf(promotion: RunnablePromotion, status: PromotionRunStatus, waits: ReadonlyMap<string, string>): PlannedStep[] {
  const metas = new Map(status.stepExecutionMetadata.map((m) => [m.alias, m]));
  return promotion.spec.steps.map((step, index) => {
    const alias = stepAliasOf(step, index);
    const meta = metas.get(alias);
    const wait = waits.get(alias);
    // Steps after the one the promotion stopped on never ran.
    const stepStatus = (meta?.status ?? 'Skipped') as StepStatus;
    return {
      index,
      alias,
      uses: step.uses ?? '',
      status: stepStatus,
      ...(meta?.message === undefined || meta.message === '' ? {} : { message: meta.message }),
      ...(wait === undefined ? {} : { wouldWait: wait }),
    };
  });
}

/** What the plan's step wrappers record besides the steps' own results. */
interface PlanRecorders {
  /** Step alias to what the step would wait for. */
  readonly waits: Map<string, string>;
  /** Warnings about what the plan had to assume or simulate. */
  readonly warnings: Issue[];
  /** The HTTP requests recorded so far (a step's new entries are its own). */
  readonly requests: readonly PlannedHttpRequest[];
  readonly placeholderMerge: (repoURL: string, number: number) => { commit: string; url: string } | undefined;
  readonly assume: (namespace: string, name: string, sources: readonly ArgoCDApplicationSource[]) => void;
}

/**
 * The registry the plan runs with: every step as registered, except that a step that would wait
 * (returns Running) is recorded as waiting and counted as Succeeded, and `git-wait-for-pr` on a
 * pull request the plan opened answers with the merge the plan predicts. What the plan had to
 * assume or simulate for a step becomes a warning with the step's path.
 */
function planRegistry(registry: StepRegistry, recorders: PlanRecorders): StepRegistry {
  const { waits, warnings, requests, placeholderMerge, assume } = recorders;
  const warn = (code: 'PROMOTION_PLAN_HTTP_SIMULATED' | 'PROMOTION_PLAN_MERGE_PREDICTED', message: string, path: PathSegment[]): void => {
    warnings.push(createIssue(code, message, { path, severity: 'warning' }));
  };
  const wrapped: AnyStepDefinition[] = registry.names().map((name) => {
    const definition = registry.get(name) as AnyStepDefinition;
    const run = async (config: never, context: StepRunContext): Promise<StepResult> => {
      const at: PathSegment[] = ['spec', 'steps', context.index];
      if (definition.uses === 'git-wait-for-pr') {
        const { repoURL, prNumber } = config as { repoURL: string; prNumber: number };
        const merge = placeholderMerge(repoURL, prNumber);
        if (merge !== undefined) {
          waits.set(context.alias, `pull request #${prNumber} to be merged`);
          return { status: 'Succeeded', output: { commit: merge.commit, pr: { id: prNumber, url: merge.url } } };
        }
      }
      if (definition.uses === 'argocd-update' || definition.uses === 'argocd-wait') {
        const apps = (config as { apps?: readonly AppEntry[] }).apps ?? [];
        for (const app of apps) if (app.name !== undefined) assume(app.namespace ?? DEFAULT_ARGOCD_NAMESPACE, app.name, (app.sources ?? []).map((s) => ({ repoURL: s.repoURL, ...(s.chart === undefined ? {} : { chart: s.chart }) })));
      }
      const sentBefore = requests.length;
      const result = await definition.run(config, context);
      for (const request of requests.slice(sentBefore)) {
        if (request.sent) continue;
        warn('PROMOTION_PLAN_HTTP_SIMULATED', `${request.method} ${request.url} was not sent; step ${JSON.stringify(context.alias)} got a simulated ${request.status ?? 200} answer`, at);
      }
      if (result.status !== 'Running') return result;
      waits.set(context.alias, waitText(definition.uses, result, context));
      const { retryAfter: _retry, message: _message, ...rest } = result;
      if (definition.uses === 'git-wait-for-pr' && rest.output == null) {
        // An open pull request the plan did not open: later steps still get a (predicted) merge commit.
        const { repoURL, prNumber } = config as { repoURL: string; prNumber: number };
        warn('PROMOTION_PLAN_MERGE_PREDICTED', `pull request ${prNumber} of ${repoURL} is open and was not opened by the plan: step ${JSON.stringify(context.alias)} got a predicted merge commit`, at);
        return { ...rest, status: 'Succeeded', output: { commit: predictCommitId(`merge\n${repoURL}\n${prNumber}`), pr: { id: prNumber } } };
      }
      return { ...rest, status: 'Succeeded' };
    };
    return { ...definition, run };
  });
  return createStepRegistry(wrapped);
}

interface AppEntry {
  readonly name?: string;
  readonly namespace?: string;
  readonly sources?: readonly { readonly repoURL: string; readonly chart?: string }[];
}

function waitText(uses: string, result: StepResult, context: StepRunContext): string {
  if (result.message !== undefined && result.message !== '') return result.message.replace(/^waiting for /, '');
  const apps = (result.output as { apps?: readonly { name?: string; namespace?: string }[] } | null | undefined)?.apps;
  if ((uses === 'argocd-update' || uses === 'argocd-wait') && Array.isArray(apps) && apps.length > 0) {
    const names = apps.map((a) => `${a.namespace ?? ''}/${a.name ?? ''}`).join(', ');
    return uses === 'argocd-update' ? `the sync of Argo CD Application ${names} to finish` : `Argo CD Application ${names} to be ready`;
  }
  return `step ${JSON.stringify(context.alias)} (${uses}) to finish`;
}
