/**
 * Config-file edits that change only the values asked for: YAML (`updateYaml`), JSON
 * (`updateJson`), kustomization images (`setKustomizeImages`) and Chart.yaml dependency
 * versions (`updateChartDependencies`), with change records, JSON Patch and unified diffs.
 */
export { updateYaml } from './update-yaml.js';
export { updateJson } from './update-json.js';
export { setKustomizeImages, kustomizeImagesFromFreight } from './kustomize-images.js';
export type { KustomizeImage, KustomizeImageEntry, FreightImageRef } from './kustomize-merge.js';
export { updateChartDependencies } from './chart-dependencies.js';
export type { ChartDependencyUpdate } from './chart-dependencies.js';
export { toJsonPatch, toJsonPointer } from './json-patch.js';
export type { JsonPatchOperation } from './json-patch.js';
export { renderDiff } from './diff.js';
export type { RenderDiffOptions } from './diff.js';
export { splitKey } from './key-path.js';
export type { KeyPart } from './key-path.js';
export { isPlainSafe, readsAsNonString } from './yaml-plain.js';
export type { Change, ChangeOp, ValueUpdate, EditResult, UpdateYamlOptions } from './types.js';
export { updateToml, readTomlData } from './toml-update.js';
export { renderTomlValue } from './toml-render.js';
export type { TomlNodeKind } from './toml-index.js';
