import * as z from 'zod';
import { parseGoDuration } from '../../pipeline/index.js';
import type { GitIdentity, GitWorkspacePort, PortFailure, PullRequestPort } from '../../ports/index.js';
import { stepErrored } from '../step-results.js';
import type { StepResult, StepRunContext } from '../types.js';

/** The Git workspace a Git step works in, or the result to return when the embedder gave none. */
export function gitOf(context: StepRunContext, uses: string): { git: GitWorkspacePort } | { result: StepResult } {
  const git = context.ports.git;
  if (git === undefined) return { result: stepErrored(`${uses} needs a Git workspace: pass ports.git (a GitWorkspacePort) to runPromotion`, { terminal: true }) };
  return { git };
}

/** The pull request service a pull request step uses, or the result to return when there is none. */
export function pullRequestsOf(context: StepRunContext, uses: string): { prs: PullRequestPort } | { result: StepResult } {
  const prs = context.ports.pullRequests;
  if (prs === undefined) return { result: stepErrored(`${uses} needs a pull request service: pass ports.pullRequests (a PullRequestPort) to runPromotion`, { terminal: true }) };
  return { prs };
}

/**
 * The result of a failed port call: an error the engine retries when the port says the call may
 * succeed later, a terminal one otherwise.
 */
export function portFailed(what: string, failure: PortFailure): StepResult {
  return stepErrored(`${what}: ${failure.message}`, { terminal: !failure.retryable });
}

/** Kargo's `author` block of the Git steps. */
export const authorSchema = z.strictObject({ name: z.string().min(1), email: z.string().min(1), signingKey: z.string().optional() });

/** The identity of an `author` block (its signing key travels separately, as the commit's `signingKey`). */
export function identityOf(author: z.output<typeof authorSchema> | undefined): GitIdentity | undefined {
  return author === undefined ? undefined : { name: author.name, email: author.email };
}

/** The Git hosting services Kargo's pull request steps know. */
export const providerSchema = z.enum(['azure', 'bitbucket', 'gitea', 'github', 'gitlab']);

/** A Go duration such as `30s` or `1m30s`, as Kargo's schemas accept. */
export const durationSchema = z.string().regex(/^(?:\d+(?:ns|us|µs|ms|s|m|h))+$/, 'must be a duration such as 30s or 5m');

/** Milliseconds of a validated duration, or `fallback`. */
export function durationMs(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const parsed = parseGoDuration(text);
  return parsed.ok ? parsed.value : fallback;
}

/**
 * The web address of a commit, when the repository's host (or the given provider) has a known
 * address scheme; `undefined` otherwise.
 */
export function commitURLOf(repoURL: string, commit: string, provider?: string): string | undefined {
  const base = webBaseOf(repoURL);
  if (base === undefined) return undefined;
  const host = new URL(base).hostname.toLowerCase();
  const kind = provider ?? (host === 'github.com' ? 'github' : host === 'gitlab.com' ? 'gitlab' : host === 'bitbucket.org' ? 'bitbucket' : host.endsWith('dev.azure.com') ? 'azure' : undefined);
  switch (kind) {
    case 'github':
    case 'gitea':
    case 'azure':
      return `${base}/commit/${commit}`;
    case 'gitlab':
      return `${base}/-/commit/${commit}`;
    case 'bitbucket':
      return `${base}/commits/${commit}`;
    default:
      return undefined;
  }
}

// The https address of a repository from its clone URL (https or scp-like ssh).
function webBaseOf(repoURL: string): string | undefined {
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/\/)(.+)$/.exec(repoURL);
  const candidate = scp !== null && !repoURL.includes('://') ? `https://${scp[1]}/${scp[2]}` : repoURL.replace(/^(ssh|git|http):\/\//, 'https://');
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'https:') return undefined;
    return `https://${url.hostname}${url.pathname.replace(/\.git$/, '').replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}
