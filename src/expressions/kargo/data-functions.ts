import type { CallContext, ExprFunction } from '../functions.js';
import { createMap, goTypeOf, type ExprMap, type ExprValue } from '../values.js';
import type { KargoLookups, ResourceWithStatusLike, SecretLike } from './types.js';

/** The label that marks a Secret as a credential, and the value that makes it readable by `sharedSecret()`. */
export const CREDENTIAL_TYPE_LABEL = 'kargo.akuity.io/cred-type';
/** The credential type whose shared Secrets expressions may read. */
export const GENERIC_CREDENTIAL_TYPE = 'generic';

function oneStringArgument(args: readonly ExprValue[], ctx: CallContext, what = 'argument'): string {
  if (args.length !== 1) ctx.fail(`expected 1 argument, got ${args.length}`);
  const value = args[0] ?? null;
  if (typeof value !== 'string') return ctx.fail(`${what} must be string, got ${goTypeOf(value)}`);
  return value;
}

function lookup<T>(ctx: CallContext, fn: ((name: string) => T | undefined) | undefined, name: string, failure: string): T | undefined {
  if (fn === undefined) return ctx.fail(`${ctx.name}() is not available: no lookup was supplied for it`);
  try {
    return fn(name);
  } catch (e) {
    return ctx.fail(`${failure}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function copyStrings(data: Readonly<Record<string, string>> | undefined): ExprMap {
  const out = createMap();
  for (const [k, v] of Object.entries(data ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

function configMapFunction(name: string, read: KargoLookups['configMap']): ExprFunction {
  return {
    name,
    call(args, ctx) {
      const cmName = oneStringArgument(args, ctx);
      return copyStrings(lookup(ctx, read, cmName, `failed to get configmap ${cmName}`));
    },
  };
}

function secretFunction(name: string, read: KargoLookups['secret'], directAccess: boolean): ExprFunction {
  return {
    name,
    call(args, ctx) {
      const secretName = oneStringArgument(args, ctx);
      const secret: SecretLike | undefined = lookup(ctx, read, secretName, `failed to get secret ${secretName}`);
      if (secret === undefined) return createMap();
      // Shared Secrets are readable only when labelled as generic credentials.
      if (!directAccess && secret.labels?.[CREDENTIAL_TYPE_LABEL] !== GENERIC_CREDENTIAL_TYPE) return createMap();
      return copyStrings(secret.data);
    },
  };
}

function metadataOf(resource: ResourceWithStatusLike | undefined): ExprValue {
  const metadata = resource?.status?.metadata;
  if (metadata === undefined || metadata === null) return null;
  // Kargo decodes each value from JSON; a structured clone keeps the env free of shared references.
  return JSON.parse(JSON.stringify(metadata)) as ExprValue;
}

function resourceFunction(
  name: string,
  read: ((name: string) => ResourceWithStatusLike | undefined) | undefined,
  kind: 'freight' | 'stage',
  pick: (resource: ResourceWithStatusLike | undefined) => ExprValue,
): ExprFunction {
  return {
    name,
    call(args, ctx) {
      const resourceName = oneStringArgument(args, ctx, kind === 'freight' ? 'first argument' : 'argument');
      if (resourceName === '') ctx.fail(kind === 'freight' ? 'freight ref name must not be empty' : 'stage name must not be empty');
      const resource = lookup(ctx, read, resourceName, `failed to get ${kind} ${resourceName}`);
      return resource === undefined ? null : pick(resource);
    },
  };
}

/**
 * Builds the data functions over the caller's lookups: `configMap`, `sharedConfigMap`, `secret`,
 * `sharedSecret` (maps of strings, empty when not found), `freightMetadata`, `stageMetadata`
 * (the resource's `status.metadata`, or nil) and `freightStatus` (the whole status, or nil).
 */
export function dataFunctions(lookups: KargoLookups = {}): Record<string, ExprFunction> {
  const bind = <F extends (name: string) => unknown>(fn: F | undefined): F | undefined => (fn === undefined ? undefined : (fn.bind(lookups) as F));
  return {
    configMap: configMapFunction('configMap', bind(lookups.configMap)),
    sharedConfigMap: configMapFunction('sharedConfigMap', bind(lookups.sharedConfigMap)),
    secret: secretFunction('secret', bind(lookups.secret), true),
    sharedSecret: secretFunction('sharedSecret', bind(lookups.sharedSecret), false),
    freightMetadata: resourceFunction('freightMetadata', bind(lookups.freight), 'freight', metadataOf),
    stageMetadata: resourceFunction('stageMetadata', bind(lookups.stage), 'stage', metadataOf),
    freightStatus: resourceFunction('freightStatus', bind(lookups.freight), 'freight', (r) =>
      r?.status === undefined ? createMap() : (JSON.parse(JSON.stringify(r.status)) as ExprValue),
    ),
  };
}
