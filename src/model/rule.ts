import type * as z from 'zod';
import type { IssueCode } from '../errors/codes/index.js';
import type { PathSegment } from '../errors/issue.js';

/** A rule broken by a resource, found by one of the admission checks (before positions are known). */
export interface RuleViolation {
  readonly code: IssueCode;
  readonly message: string;
  readonly path: readonly PathSegment[];
}

/** The key under which a zod custom issue carries waybill's issue code. */
export const CODE_PARAM = 'waybillCode';

/** Reports rule violations into a zod refinement context, keeping their codes. */
export function reportViolations(ctx: z.RefinementCtx, violations: readonly RuleViolation[], prefix: readonly PathSegment[] = []): void {
  for (const v of violations) {
    ctx.addIssue({ code: 'custom', message: v.message, path: [...prefix, ...v.path], params: { [CODE_PARAM]: v.code } });
  }
}
