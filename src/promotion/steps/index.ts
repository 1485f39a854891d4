import type { AnyStepDefinition } from '../registry.js';
import { composeOutputStep } from './compose-output.js';
import { copyStep } from './copy.js';
import { deleteStep } from './delete.js';
import { failStep } from './fail.js';
import { fileWriteStep } from './file-write.js';
import { helmUpdateChartStep } from './helm-update-chart.js';
import { jsonUpdateStep } from './json-update.js';
import { kustomizeSetImageStep } from './kustomize-set-image.js';
import { setMetadataStep } from './set-metadata.js';
import { yamlUpdateStep } from './yaml-update.js';

export { composeOutputStep, copyStep, deleteStep, failStep, fileWriteStep, helmUpdateChartStep, jsonUpdateStep, kustomizeSetImageStep, setMetadataStep, yamlUpdateStep };
export { KUSTOMIZATION_FILE_NAMES } from './kustomize-set-image.js';
export { compileIgnoreRules } from './ignore-rules.js';
export { DEFAULT_FILE_WRITE_MODE } from './file-write.js';

/** Every builtin step waybill has: the ones that need no Git, cluster or network. */
export const builtinSteps: readonly AnyStepDefinition[] = [
  composeOutputStep,
  copyStep,
  deleteStep,
  failStep,
  fileWriteStep,
  helmUpdateChartStep,
  jsonUpdateStep,
  kustomizeSetImageStep,
  setMetadataStep,
  yamlUpdateStep,
];

/**
 * Kargo's builtin steps that waybill does not have: they need Git, a cluster, or the network.
 * A promotion that uses one fails at that step unless the embedder registers its own.
 */
export const UNAVAILABLE_KARGO_STEPS: readonly string[] = [
  'argocd-update',
  'argocd-wait',
  'git-clear',
  'git-clone',
  'git-commit',
  'git-merge-pr',
  'git-open-pr',
  'git-push',
  'git-tag',
  'git-wait-for-pr',
  'github-push',
  'helm-template',
  'http',
  'http-download',
  'json-parse',
  'kustomize-build',
  'oci-download',
  'oci-push',
  'set-freight-alias',
  'tar',
  'toml-parse',
  'toml-update',
  'untar',
  'yaml-merge',
  'yaml-parse',
];
