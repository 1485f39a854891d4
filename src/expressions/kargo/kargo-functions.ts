import type { ExprFunction } from '../functions.js';
import { dataFunctions } from './data-functions.js';
import { artifactFromFunction, chartFromFunction, commitFromFunction, imageFromFunction, warehouseFunction } from './freight-functions.js';
import { semverDiffFunction, semverParseFunction } from './semver-functions.js';
import { alwaysFunction, failureFunction, statusFunction, successFunction } from './status-functions.js';
import type { KargoExpressionContext } from './types.js';

/** Options of {@link kargoFunctions}. */
export interface KargoFunctionOptions {
  /**
   * Include `always()`, `success()`, `failure()` and `status()`. Kargo offers them in a step's `if`
   * and config, not in variables. Default `true`.
   */
  readonly status?: boolean;
}

/**
 * Builds Kargo's expression functions over one step's context, to pass as `functions` to
 * `evaluateTemplate` / `evaluateConfig`: freight functions (`warehouse`, `commitFrom`, `imageFrom`,
 * `chartFrom`, `artifactFrom`), data functions (`configMap`, `sharedConfigMap`, `secret`,
 * `sharedSecret`, `freightMetadata`, `stageMetadata`, `freightStatus`), utilities (`semverParse`,
 * `semverDiff`) and, unless turned off, the status functions.
 */
export function kargoFunctions(context: KargoExpressionContext = {}, options: KargoFunctionOptions = {}): Record<string, ExprFunction> {
  const functions: Record<string, ExprFunction> = {
    warehouse: warehouseFunction,
    commitFrom: commitFromFunction(context),
    imageFrom: imageFromFunction(context),
    chartFrom: chartFromFunction(context),
    artifactFrom: artifactFromFunction(context),
    ...dataFunctions(context.lookups),
    semverParse: semverParseFunction,
    semverDiff: semverDiffFunction,
  };
  if (options.status !== false) {
    functions['always'] = alwaysFunction(context);
    functions['success'] = successFunction(context);
    functions['failure'] = failureFunction(context);
    functions['status'] = statusFunction(context);
  }
  return functions;
}
