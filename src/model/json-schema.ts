import * as z from 'zod';
import { KARGO_KINDS, kargoSchemas, type KargoKind } from './resource.js';
import { genericSubscriptionSchema, subscriptionEntryJsonShapes, warehouseSubscriptionSchema } from './warehouse.js';

/** A JSON Schema document (draft 2020-12), as plain JSON. */
export type JsonSchema = Record<string, unknown>;

const cache = new Map<KargoKind, JsonSchema>();

// Subscriptions are decoded by hand (one type key, then that type's schema), which JSON Schema
// cannot see through; describe them as "one of the typed entries, or a generic entry" instead.
function subscriptionJsonSchema(): JsonSchema {
  const typed = subscriptionEntryJsonShapes.map((shape) => z.toJSONSchema(shape, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
  const generic = {
    type: 'object',
    properties: { name: { type: 'string' } },
    required: ['name'],
    minProperties: 2,
    maxProperties: 2,
    additionalProperties: z.toJSONSchema(genericSubscriptionSchema, { io: 'input', unrepresentable: 'any' }),
  };
  for (const s of typed) delete s['$schema'];
  delete (generic.additionalProperties as JsonSchema)['$schema'];
  return { anyOf: [...typed, generic] };
}

/**
 * The JSON Schema (draft 2020-12) of one Kargo kind, for editors and other validators: the input
 * shape (defaults documented, not required). Cross-field admission rules (exactly one of, unique
 * names) are beyond JSON Schema and only checked by `parseManifests`.
 */
export function jsonSchemaFor(kind: KargoKind): JsonSchema {
  const cached = cache.get(kind);
  if (cached !== undefined) return structuredClone(cached);
  const subscription = subscriptionJsonSchema();
  const schema = z.toJSONSchema(kargoSchemas[kind] as z.ZodType, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema === (warehouseSubscriptionSchema as unknown)) {
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
        Object.assign(ctx.jsonSchema, subscription);
      }
    },
  }) as JsonSchema;
  schema['title'] = kind;
  schema['$id'] = `https://waybill.dev/schemas/kargo.akuity.io/v1alpha1/${kind}.json`;
  cache.set(kind, schema);
  return structuredClone(schema);
}

/** The JSON Schemas of every Kargo kind, keyed by kind. */
export function kargoJsonSchemas(): Record<KargoKind, JsonSchema> {
  const out = {} as Record<KargoKind, JsonSchema>;
  for (const kind of KARGO_KINDS) out[kind] = jsonSchemaFor(kind);
  return out;
}
