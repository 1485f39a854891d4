import type { CodeCatalog } from './catalog.js';

/** Codes of the stage graph, availability and promotion policies. */
export const pipelineCodes = {
  GRAPH_CYCLE: {
    summary: 'Stages form a cycle through their upstream sources.',
    cause:
      'Following `spec.requestedFreight[].sources.stages` from one Stage leads back to it, possibly through other Stages (a Stage that lists itself is the shortest cycle). Kargo accepts such Stages, but Freight cannot reach a cycle except from outside it, and a cycle has no promotion order.',
    fix: 'Remove one of the upstream references named in the message so that promotions flow one way, from the Warehouse towards production.',
  },
  GRAPH_UNKNOWN_STAGE: {
    summary: 'A Stage requests Freight from an upstream Stage that is not in the set.',
    cause:
      'A name in `spec.requestedFreight[].sources.stages` matches no Stage given to the graph: a typo, a Stage in another Project, or a manifest that was not included. Kargo accepts it, but no Freight will arrive through that source.',
    fix: 'Correct the upstream Stage name, or include the manifest that defines that Stage.',
  },
  GRAPH_UNKNOWN_WAREHOUSE: {
    summary: 'A Stage requests Freight from a Warehouse that is not in the set.',
    cause:
      'The `origin` of a `spec.requestedFreight` entry names a Warehouse that matches none of the Warehouses given to the graph. Kargo only notices at run time, when it fails to list Freight for the Stage.',
    fix: 'Correct `origin.name`, or include the manifest that defines that Warehouse.',
  },
  GRAPH_DUPLICATE_NODE: {
    summary: 'Two Stages, or two Warehouses, have the same name.',
    cause:
      'Names identify the nodes of the graph, and within one Project a name can only be used once per kind. The same manifest was probably included twice, or two Projects were mixed.',
    fix: 'Build one graph per Project, and give each Stage and Warehouse a unique name.',
  },
  GRAPH_INVALID_NODE: {
    summary: 'A Stage or Warehouse given to the graph cannot be read.',
    cause:
      'The object has no `metadata.name`, or its `spec.requestedFreight` is not a list of entries with an `origin` and `sources`. Objects that come out of `parseManifests` always have this shape; hand-built ones may not.',
    fix: 'Validate the resources with `parseManifests` (or build them with the right shape) before building the graph.',
  },
  PIPELINE_INVALID_DURATION: {
    summary: 'A duration is not a valid Go duration string.',
    cause:
      'Durations such as `requiredSoakTime` use Go\'s syntax: one or more numbers, each followed by a unit `ns`, `us`, `ms`, `s`, `m` or `h` (`30m`, `1h30m`, `1.5h`). Days (`1d`), spaces, a missing unit and unknown units are not accepted. Kargo\'s Stage schema accepts only `s`, `m` and `h` for `requiredSoakTime`.',
    fix: 'Write the duration with Go units, for example `24h` instead of `1d` and `90m` or `1h30m` instead of `1.5 hours`.',
  },
  PIPELINE_INVALID_TIME: {
    summary: 'A time is not a valid RFC 3339 timestamp.',
    cause:
      'A time that waybill writes into a resource (`now` when recording that Freight entered, left or was approved for a Stage; `verifiedAt`) must be a `Date`, milliseconds since the epoch, or an RFC 3339 string such as `2025-01-01T12:00:00Z`. The value given could not be read as any of these, so nothing was written.',
    fix: 'Pass a `Date` or an RFC 3339 string with a time zone (`Z` or an offset).',
  },
  POLICY_INVALID_SELECTOR: {
    summary: 'A promotion policy\'s label selector is not valid.',
    cause:
      'A `matchExpressions` entry has an operator other than `In`, `NotIn`, `Exists` and `DoesNotExist`, has no `key`, gives `values` to `Exists`/`DoesNotExist`, or gives no `values` to `In`/`NotIn`. Kubernetes refuses such a selector, so Kargo cannot match Stages with it.',
    fix: 'Use one of the four operators; give `values` to `In` and `NotIn` only.',
  },
  PIPELINE_ORIGIN_NOT_REQUESTED: {
    summary: 'The Stage does not request Freight from this origin.',
    cause:
      'Freight can only be approved for (or promoted to) a Stage that lists the Freight\'s origin (its Warehouse) in `spec.requestedFreight`. The Freight comes from a Warehouse the Stage does not subscribe to, directly or through its upstream Stages.',
    fix: 'Pick Freight from a Warehouse the Stage requests, or add a `requestedFreight` entry for that Warehouse to the Stage.',
  },
  PIPELINE_FREIGHT_NOT_FOUND: {
    summary: 'A Stage refers to Freight that was not given.',
    cause:
      'The Stage\'s current collection (`status.freightHistory[0]`) names a piece of Freight that is not among the Freight passed in: it was deleted, lives in another namespace, or the caller listed only part of the Project\'s Freight. Kargo fails the Stage\'s reconcile in this case.',
    fix: 'Pass all of the Project\'s Freight, or restore the missing Freight resource.',
  },
  PIPELINE_NOT_A_RESOURCE: {
    summary: 'A Freight or Stage given to a pipeline function is not an object.',
    cause: 'The value is `null`, a string, a number or an array where a Kargo resource (a plain object with `metadata`) was expected; usually a failed lookup passed on unchecked.',
    fix: 'Check that the lookup found the resource before calling the function.',
  },
  GRAPH_SELF_REFERENCE: {
    summary: 'A Stage names itself as an upstream Stage.',
    cause:
      'A `spec.requestedFreight[].sources.stages` list contains the name of the Stage it belongs to. Kargo accepts it, but Freight can only be verified in a Stage after it was promoted there, so the reference can never make Freight available; it is almost always a copy-paste slip.',
    fix: 'Replace the name with the Stage that should come before this one, or remove it.',
  },
  GRAPH_MATCH_UPSTREAM_SOURCES: {
    summary: 'A request with `selectionPolicy: MatchUpstream` does not name exactly one upstream Stage.',
    cause:
      '`MatchUpstream` makes auto-promotion pick the Freight that is in the upstream Stage right now, which is only defined when there is exactly one upstream Stage. Kargo\'s admission webhook refuses such a Stage; a manifest that skipped it will never auto-promote that origin.',
    fix: 'List exactly one Stage in `sources.stages`, or drop `autoPromotionOptions.selectionPolicy` to use the default (`NewestFreight`).',
  },
  GRAPH_UNREACHABLE_STAGE: {
    summary: 'No Warehouse can reach a Stage, for any origin it requests.',
    cause:
      'None of the Stage\'s requests takes Freight directly (`sources.direct: true`) from a Warehouse that exists, and none names an upstream Stage that itself receives Freight of the same origin (an upstream that requests other Warehouses passes nothing on). Kargo accepts the Stage, but only Freight approved for it by hand can ever be promoted there. Stages cut off only because of this one are named in the message and not reported again.',
    fix: 'Set `sources.direct: true` on a request, or name an upstream Stage that requests the same origin in `sources.stages`.',
  },
} as const satisfies CodeCatalog;
