import type { AnyStepDefinition } from '../registry.js';
import { composeOutputStep } from './compose-output.js';
import { copyStep } from './copy.js';
import { deleteStep } from './delete.js';
import { failStep } from './fail.js';
import { fileWriteStep } from './file-write.js';
import { helmUpdateChartStep } from './helm-update-chart.js';
import { jsonUpdateStep } from './json-update.js';
import { kustomizeBuildStep } from './kustomize-build.js';
import { kustomizeSetImageStep } from './kustomize-set-image.js';
import { setMetadataStep } from './set-metadata.js';
import { yamlUpdateStep } from './yaml-update.js';
import { gitClearStep } from './git-clear.js';
import { gitCloneStep } from './git-clone.js';
import { gitCommitStep } from './git-commit.js';
import { gitMergePRStep } from './git-merge-pr.js';
import { gitOpenPRStep } from './git-open-pr.js';
import { gitPushStep } from './git-push.js';
import { gitTagStep } from './git-tag.js';
import { gitWaitForPRStep } from './git-wait-for-pr.js';
import { argocdUpdateStep } from './argocd-update.js';
import { argocdWaitStep } from './argocd-wait.js';
import { httpStep } from './http.js';
import { tomlUpdateStep } from './toml-update.js';
import { tomlParseStep } from './toml-parse.js';
import { jsonParseStep } from './json-parse.js';
import { yamlParseStep } from './yaml-parse.js';
import { yamlMergeStep } from './yaml-merge.js';
import { setFreightAliasStep } from './set-freight-alias.js';
import { httpDownloadStep } from './http-download.js';

export { composeOutputStep, copyStep, deleteStep, failStep, fileWriteStep, helmUpdateChartStep, jsonUpdateStep, kustomizeBuildStep, kustomizeSetImageStep, setMetadataStep, yamlUpdateStep };
export { KUSTOMIZATION_FILE_NAMES } from './kustomize-set-image.js';
export { compileIgnoreRules } from './ignore-rules.js';
export { DEFAULT_FILE_WRITE_MODE } from './file-write.js';
export { gitClearStep, gitCloneStep, gitCommitStep, gitMergePRStep, gitOpenPRStep, gitPushStep, gitTagStep, gitWaitForPRStep };
export { DEFAULT_GIT_PUSH_ATTEMPTS, generatedTargetBranch } from './git-push.js';
export { DEFAULT_PR_POLL_INTERVAL } from './git-wait-for-pr.js';
export { commitURLOf } from './git-support.js';
export { argocdUpdateStep, argocdWaitStep, httpStep };
export { ARGOCD_STEP_TIMEOUT, ARGOCD_POLL_INTERVAL, ARGOCD_OPERATION_INITIATOR, PROMOTION_INFO_KEY, kustomizeImageText, syncOperation } from './argocd-update.js';
export { ARGOCD_WAIT_CONDITIONS, DEFAULT_ARGOCD_WAIT_FOR } from './argocd-wait.js';
export type { ArgoCDWaitCondition } from './argocd-wait.js';
export { DEFAULT_ARGOCD_NAMESPACE, AUTHORIZED_STAGE_ANNOTATION, parseAuthorizedStages, authorizationProblem } from './argocd-support.js';
export { matchesLabelSelector } from './label-selector.js';
export { HTTP_DEFAULT_TIMEOUT, HTTP_DEFAULT_POLL_INTERVAL, withQueryParams } from './http.js';
export { MAX_HTTP_BODY_BYTES, canonicalHeaderName, buildHttpResponseValue } from './http-response.js';
export { tomlUpdateStep, tomlParseStep, jsonParseStep, yamlParseStep, yamlMergeStep, setFreightAliasStep, httpDownloadStep };
export { FREIGHT_ALIAS_LABEL } from './set-freight-alias.js';
export type { FreightAliasChange } from './set-freight-alias.js';
export { HTTP_DOWNLOAD_DEFAULT_TIMEOUT, MAX_HTTP_DOWNLOAD_BYTES } from './http-download.js';

/**
 * Every builtin step waybill has. The file steps work on `ports.workTree`; `argocd-update` and
 * `argocd-wait` reach Argo CD through `ports.cluster`; `http` and `http-download` send requests
 * through `ports.http` (`http-download` writes the body into `ports.workTree`); `helm-update-chart`
 * regenerates Chart.lock through `ports.helm` when it is given;
 * the `git-*` steps work on checkouts through `ports.git` and pull requests through `ports.pullRequests`.
 */
export const builtinSteps: readonly AnyStepDefinition[] = [
  argocdUpdateStep,
  argocdWaitStep,
  composeOutputStep,
  copyStep,
  deleteStep,
  failStep,
  fileWriteStep,
  gitClearStep,
  gitCloneStep,
  gitCommitStep,
  gitMergePRStep,
  gitOpenPRStep,
  gitPushStep,
  gitTagStep,
  gitWaitForPRStep,
  helmUpdateChartStep,
  httpDownloadStep,
  httpStep,
  jsonParseStep,
  jsonUpdateStep,
  kustomizeBuildStep,
  kustomizeSetImageStep,
  setFreightAliasStep,
  setMetadataStep,
  tomlParseStep,
  tomlUpdateStep,
  yamlMergeStep,
  yamlParseStep,
  yamlUpdateStep,
];

/**
 * Kargo's builtin steps that waybill does not have.
 * A promotion that uses one fails at that step unless the embedder registers its own.
 */
export const UNAVAILABLE_KARGO_STEPS: readonly string[] = [
  'github-push',
  'helm-template',
  'oci-download',
  'oci-push',
  'tar',
  'untar',
];
