import type { CallContext, ExprFunction } from '../functions.js';
import { createMap, goTypeOf, type ExprValue } from '../values.js';
import { FreightLookupError, findArtifact, findChart, findCommit, findImage } from './find-in-freight.js';
import { makeArtifact, makeChart, makeFreightOrigin, makeGitCommit, makeImage, readFreightOrigin } from './structs.js';
import type { FreightOriginLike, KargoExpressionContext } from './types.js';

function stringArgument(value: ExprValue | undefined, what: string, ctx: CallContext): string {
  if (typeof value !== 'string') ctx.fail(`${what} must be string, got ${goTypeOf(value ?? null)}`);
  return value;
}

function originArgument(value: ExprValue | undefined, what: string, ctx: CallContext): FreightOriginLike {
  const origin = readFreightOrigin(value ?? null);
  if (origin === undefined) ctx.fail(`${what} must be FreightOrigin, got ${goTypeOf(value ?? null)}`);
  return origin;
}

function countBetween(args: readonly ExprValue[], min: number, max: number, ctx: CallContext): void {
  if (args.length < min || args.length > max) {
    ctx.fail(min === max ? `expected ${min} argument${min === 1 ? '' : 's'}, got ${args.length}` : `expected ${min}-${max} arguments, got ${args.length}`);
  }
}

function guarded<T>(ctx: CallContext, find: () => T): T {
  try {
    return find();
  } catch (e) {
    if (e instanceof FreightLookupError) return ctx.fail(e.message);
    throw e;
  }
}

/** `warehouse(name)`: the FreightOrigin of kind Warehouse with that name. */
export const warehouseFunction: ExprFunction = {
  name: 'warehouse',
  call(args, ctx) {
    countBetween(args, 1, 1, ctx);
    const name = stringArgument(args[0], 'argument', ctx);
    if (name === '') ctx.fail('name must not be empty');
    return makeFreightOrigin('Warehouse', name);
  },
};

/**
 * The shape `commitFrom` and `imageFrom` share: a repository URL and an optional origin, a lookup
 * over the Freight, and the artifact as a Kargo struct (nil when nothing matches).
 */
function repositoryLookup<T>(
  name: string,
  find: (repoURL: string, origin: FreightOriginLike | undefined) => T | undefined,
  make: (found: Record<string, unknown>) => ExprValue,
): ExprFunction {
  return {
    name,
    call(args, ctx) {
      countBetween(args, 1, 2, ctx);
      const repoURL = stringArgument(args[0], 'first argument', ctx);
      const origin = args.length === 2 ? originArgument(args[1], 'second argument', ctx) : undefined;
      const found = guarded(ctx, () => find(repoURL, origin));
      return found === undefined ? null : make(found as Record<string, unknown>);
    },
  };
}

/** Builds `commitFrom(repoURL[, origin])` over a promotion's Freight. */
export function commitFromFunction(context: KargoExpressionContext): ExprFunction {
  return repositoryLookup('commitFrom', (repoURL, origin) => findCommit(context, repoURL, origin), makeGitCommit);
}

/** Builds `imageFrom(repoURL[, origin])` over a promotion's Freight. */
export function imageFromFunction(context: KargoExpressionContext): ExprFunction {
  return repositoryLookup('imageFrom', (repoURL, origin) => findImage(context, repoURL, origin), makeImage);
}

/** Builds `chartFrom(repoURL[, chartName][, origin])` over a promotion's Freight. */
export function chartFromFunction(context: KargoExpressionContext): ExprFunction {
  return {
    name: 'chartFrom',
    call(args, ctx) {
      countBetween(args, 1, 3, ctx);
      const repoURL = stringArgument(args[0], 'first argument', ctx);
      let chartName = '';
      let origin: FreightOriginLike | undefined;
      if (args.length >= 2) {
        const second = args[1] ?? null;
        if (typeof second === 'string') chartName = second;
        else {
          const asOrigin = readFreightOrigin(second);
          if (asOrigin === undefined) ctx.fail(`second argument must be string or FreightOrigin, got ${goTypeOf(second)}`);
          origin = asOrigin;
        }
      }
      if (args.length === 3) {
        if (chartName === '') ctx.fail(`when using three arguments, second argument must be string, got ${goTypeOf(args[1] ?? null)}`);
        origin = originArgument(args[2], 'third argument', ctx);
      }
      const chart = guarded(ctx, () => findChart(context, repoURL, chartName, origin));
      return chart === undefined ? null : makeChart(chart as Record<string, unknown>);
    },
  };
}

/** Builds `artifactFrom(subscriptionName[, origin])` over a promotion's Freight. */
export function artifactFromFunction(context: KargoExpressionContext): ExprFunction {
  return {
    name: 'artifactFrom',
    call(args, ctx) {
      countBetween(args, 1, 2, ctx);
      const name = stringArgument(args[0], 'first argument', ctx);
      const origin = args.length === 2 ? originArgument(args[1], 'second argument', ctx) : undefined;
      const artifact = guarded(ctx, () => {
        try {
          return findArtifact(context, name, origin);
        } catch (e) {
          if (e instanceof FreightLookupError) throw new FreightLookupError(`error finding artifact from subscription ${name}: ${e.message}`);
          throw e;
        }
      });
      if (artifact === undefined) return null;
      const metadata = artifact.metadata;
      const map =
        metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)
          ? (metadata as Record<string, ExprValue>)
          : metadata === undefined || metadata === null
            ? createMap()
            : ctx.fail(`error unmarshaling metadata for artifact from subscription ${name}: metadata is not an object`);
      return makeArtifact(artifact.artifactType ?? '', artifact.subscriptionName, artifact.version, map);
    },
  };
}
