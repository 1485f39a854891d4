import type { Issue } from '../errors/index.js';
import type { ArgoCDApplicationSource, ArgoCDOperation, GitIdentity, HttpHeader } from '../ports/index.js';
import type { PromotionRunPhase, StepStatus } from './types.js';

/** How a file changes in a plan. */
export type PlannedFileChangeKind = 'added' | 'modified' | 'deleted';

/** One file the promotion would change, relative to what its checkout held when cloned. */
export interface PlannedFileChange {
  /** The path in the promotion's work directory (`repo/env/dev/values.yaml`). */
  readonly path: string;
  readonly change: PlannedFileChangeKind;
  /** The predicted contents after the promotion; absent for a deleted file. */
  readonly after?: string;
  /** The unified diff (`--- a/path`, `+++ b/path`). */
  readonly diff: string;
}

/** A checkout the promotion would make. */
export interface PlannedCheckout {
  readonly path: string;
  readonly repoURL: string;
  readonly branch?: string;
  /** The commit checked out, when it is known. */
  readonly commit?: string;
}

/** A commit the promotion would make. */
export interface PlannedCommit {
  /** The predicted commit id (a stand-in: the real id depends on the Git server's objects). */
  readonly id: string;
  readonly path: string;
  readonly repoURL: string;
  readonly parent?: string;
  readonly message: string;
  /** The author; absent when the checkout's own identity would be used. */
  readonly author?: GitIdentity;
  readonly date: string;
  /** The files the commit changes, relative to the checkout, sorted. */
  readonly files: readonly string[];
}

/** A push the promotion would make. */
export interface PlannedPush {
  readonly repoURL: string;
  readonly path: string;
  readonly branch: string;
  /** The remote head the push expects (`null`: the branch would be created). */
  readonly expectedHead: string | null;
  /** The predicted commit pushed. */
  readonly commit: string;
  readonly force?: boolean;
  readonly tag?: string;
}

/** A tag the promotion would make in a checkout. */
export interface PlannedTag {
  readonly path: string;
  readonly tag: string;
  readonly commit: string;
  readonly message?: string;
}

/** A pull request the promotion would open or merge. */
export interface PlannedPullRequest {
  readonly action: 'open' | 'merge';
  readonly repoURL: string;
  /** A placeholder number for a pull request the plan opens; the real number for one it merges. */
  readonly number: number;
  readonly placeholder: boolean;
  readonly url?: string;
  readonly sourceBranch?: string;
  readonly targetBranch?: string;
  readonly title?: string;
  readonly description?: string;
  readonly labels?: readonly string[];
  readonly mergeMethod?: string;
}

/** A change the promotion would make to an Argo CD Application. */
export interface PlannedArgoCDChange {
  readonly namespace: string;
  readonly name: string;
  /** The sources before and after, when they would change. */
  readonly sources?: { readonly before: readonly ArgoCDApplicationSource[]; readonly after: readonly ArgoCDApplicationSource[] };
  /** The sync operation it would start. */
  readonly sync?: ArgoCDOperation;
  readonly refresh?: 'normal' | 'hard';
  /** `true` when no cluster was given and the Application was assumed to exist as the step names it. */
  readonly assumed?: boolean;
}

/** An HTTP request the promotion would send. */
export interface PlannedHttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly HttpHeader[];
  readonly body?: string;
  /** `true` for a GET or HEAD, which the plan really sends; `false` for one it only records. */
  readonly sent: boolean;
  /** The status of the answer (real when sent, simulated otherwise). */
  readonly status?: number;
}

/** What one step would do. */
export interface PlannedStep {
  readonly index: number;
  readonly alias: string;
  readonly uses: string;
  readonly status: StepStatus;
  readonly message?: string;
  /** What the step would wait for; the plan treats the wait as over and the step as Succeeded. */
  readonly wouldWait?: string;
}

/**
 * What a promotion would do, found by running its steps against recording ports: nothing is
 * written, pushed, opened or synced. Plain JSON (serializable as it is), and the same for the
 * same input.
 */
export interface PromotionPlan {
  readonly promotion: string;
  readonly stage: string;
  readonly freight?: string;
  /** The phase the promotion would end in, when every wait is over. */
  readonly phase: PromotionRunPhase;
  readonly message?: string;
  readonly files: readonly PlannedFileChange[];
  readonly checkouts: readonly PlannedCheckout[];
  readonly commits: readonly PlannedCommit[];
  readonly pushes: readonly PlannedPush[];
  readonly tags: readonly PlannedTag[];
  readonly pullRequests: readonly PlannedPullRequest[];
  readonly argocd: readonly PlannedArgoCDChange[];
  readonly http: readonly PlannedHttpRequest[];
  readonly steps: readonly PlannedStep[];
  /** The step outputs the promotion would leave (`outputs` by alias). */
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly issues: readonly Issue[];
}
