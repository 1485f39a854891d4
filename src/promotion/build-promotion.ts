import { createIssue, type Issue } from '../errors/index.js';
import type { Promotion } from '../model/index.js';
import type { IdSource } from '../ports/index.js';
import { generatePromotionName } from '../pipeline/index.js';
import { err, ok, type Result } from '../result.js';
import { readNow } from './engine.js';
import { inflatePromotionSteps, promotionVarsOf, type PromotionTaskLike, type TemplateStageLike } from './inflate.js';
import type { NowSource } from './types.js';

/** Options of {@link buildPromotion}. */
export interface BuildPromotionOptions {
  /** The Promotion's name; without it one is made from `ids` as Kargo names Promotions. */
  readonly name?: string;
  /**
   * Makes the unique middle of a generated name (`<stage>.<id>.<freight[0:7]>`). Kargo uses a
   * ULID, whose lexical order is creation order; schedulers rely on that, so pass a monotonic one.
   */
  readonly ids?: IdSource | (() => string);
  /** The creation time (`metadata.creationTimestamp`). */
  readonly now: NowSource;
  /** The PromotionTasks and ClusterPromotionTasks the template may reference. */
  readonly tasks?: readonly PromotionTaskLike[];
  /** Who asks for the promotion; recorded in the `kargo.akuity.io/create-actor` annotation. */
  readonly actor?: string;
}

const STAGE_KEY = 'kargo.akuity.io/stage';
const CREATE_ACTOR = 'kargo.akuity.io/create-actor';
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Builds the Promotion that moves a piece of Freight into a Stage, as Kargo's admission does: the
 * name (given, or `<stage>.<id>.<freight[0:7]>` in lower case), the Stage's namespace, the stage
 * label and annotation, an owner reference to the Stage when its `uid` is known, `vars` (Stage vars
 * then template vars) and the template's steps with tasks inflated ({@link inflatePromotionSteps}).
 * Nothing is checked against the Stage's Freight availability; that is the caller's decision.
 */
export function buildPromotion(
  stage: TemplateStageLike,
  freight: string | { readonly metadata?: { readonly name?: string | undefined } | undefined },
  options: BuildPromotionOptions,
): Result<Promotion> {
  const stageName = stage.metadata?.name ?? '';
  const namespace = stage.metadata?.namespace;
  const freightName = typeof freight === 'string' ? freight : (freight?.metadata?.name ?? '');
  const issues: Issue[] = [];
  if (stageName === '') issues.push(createIssue('PROMOTION_INVALID_INPUT', 'the Stage has no name', { path: ['metadata', 'name'] }));
  if (freightName === '') issues.push(createIssue('PROMOTION_INVALID_INPUT', 'the Freight has no name'));
  let name = options.name ?? '';
  if (name === '' && options.ids !== undefined && issues.length === 0) {
    const id = typeof options.ids === 'function' ? options.ids() : options.ids.next();
    name = generatePromotionName(stageName, freightName, id);
  }
  if (name === '' && issues.length === 0) issues.push(createIssue('PROMOTION_INVALID_INPUT', 'no Promotion name was given and no id source to make one'));
  const steps = inflatePromotionSteps(stage, options.tasks ?? []);
  if (!steps.ok || issues.length > 0) return err([...issues, ...steps.issues]);
  const vars = promotionVarsOf(stage);
  const annotations: Record<string, string> = { [STAGE_KEY]: stageName };
  if (options.actor !== undefined && options.actor !== '') annotations[CREATE_ACTOR] = options.actor;
  const labels: Record<string, string> = {};
  // Kargo shortens long Stage names for the label; waybill leaves the label out then and keeps the annotation.
  if (stageName.length <= 63 && LABEL_VALUE.test(stageName)) labels[STAGE_KEY] = stageName;
  const uid = stage.metadata?.uid;
  const promotion: Promotion = {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Promotion',
    metadata: {
      name,
      ...(namespace === undefined ? {} : { namespace }),
      creationTimestamp: readNow(options.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      labels,
      annotations,
      ...(uid === undefined || uid === '' ? {} : { ownerReferences: [{ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', name: stageName, uid }] }),
    },
    spec: {
      stage: stageName,
      freight: freightName,
      ...(vars.length === 0 ? {} : { vars }),
      steps: steps.value,
    },
  };
  return ok(promotion, steps.issues);
}
