import type { CodeCatalog, CodeDoc } from './catalog.js';
import { generalCodes } from './general.js';
import { modelCodes } from './model.js';
import { patternCodes } from './patterns.js';
import { expressionCodes } from './expressions.js';
import { versionCodes } from './versions.js';
import { discoveryCodes } from './discovery.js';
import { freightCodes } from './freight.js';
import { pipelineCodes } from './pipeline.js';
import { mutationCodes } from './mutation.js';
import { promotionCodes } from './promotion.js';
import { kustomizeCodes } from './kustomize.js';
import { controllerCodes } from './controller.js';
import { simulationCodes } from './simulation.js';
import { cliCodes } from './cli.js';

export type { CodeCatalog, CodeDoc } from './catalog.js';

/**
 * Every issue code waybill emits, by area, with its documentation. `docs/reference/errors.md` is
 * generated from this table (`npm run docs:errors`) and a test keeps the two in step.
 */
export const issueCodeCatalog = {
  general: generalCodes,
  model: modelCodes,
  patterns: patternCodes,
  expressions: expressionCodes,
  versions: versionCodes,
  discovery: discoveryCodes,
  freight: freightCodes,
  pipeline: pipelineCodes,
  mutation: mutationCodes,
  promotion: promotionCodes,
  kustomize: kustomizeCodes,
  controller: controllerCodes,
  simulation: simulationCodes,
  cli: cliCodes,
} as const satisfies Record<string, CodeCatalog>;

type Catalog = typeof issueCodeCatalog;

/** The union of every issue code. */
export type IssueCode = { [A in keyof Catalog]: keyof Catalog[A] & string }[keyof Catalog];

/** Looks up the documentation of a code, or `undefined` for an unknown code. */
export function describeIssueCode(code: string): CodeDoc | undefined {
  for (const area of Object.values(issueCodeCatalog) as CodeCatalog[]) {
    if (Object.hasOwn(area, code)) return area[code];
  }
  return undefined;
}

/** Every code, in catalog order. */
export function listIssueCodes(): IssueCode[] {
  return Object.values(issueCodeCatalog).flatMap((area) => Object.keys(area)) as IssueCode[];
}
