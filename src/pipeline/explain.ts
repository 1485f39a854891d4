import { readStageRequests, type AvailabilityStrategy, type ReadRequest } from './availability.js';
import { formatGoDuration } from './duration.js';
import {
  completedSoak,
  isFreightApprovedFor,
  isFreightCurrentlyIn,
  isFreightVerifiedIn,
  longestSoak,
  residencyStart,
} from './freight-soak.js';
import { originKey, nameOf } from './origin.js';
import { showValue } from './show.js';
import { toEpochMillis } from './time.js';
import type { FreightLike, NowOptions, StageLike } from './types.js';

/**
 * What a reason does to the answer: `allows` makes (or helps make) the Freight available,
 * `blocks` keeps it unavailable, `info` changes nothing about availability.
 */
export type ReasonEffect = 'allows' | 'blocks' | 'info';

interface ReasonBase {
  readonly effect: ReasonEffect;
  /** One sentence for people, naming the Stage and Freight involved. */
  readonly message: string;
  /** The index in `spec.requestedFreight` of the request this reason is about, when there is one. */
  readonly request?: number;
}

/** The Stage or the Freight was not given. */
export interface MissingInputReason extends ReasonBase {
  readonly kind: 'missing-stage' | 'missing-freight';
}
/** The Stage and the Freight live in different namespaces (Projects). */
export interface NamespaceMismatchReason extends ReasonBase {
  readonly kind: 'namespace-mismatch';
  readonly stageNamespace: string;
  readonly freightNamespace: string;
}
/** The Stage requests no Freight from the Freight's origin. Approval does not help. */
export interface OriginNotRequestedReason extends ReasonBase {
  readonly kind: 'origin-not-requested';
  readonly origin: string;
}
/** The Freight is approved for the Stage: it bypasses verification, soak and strategy. */
export interface ApprovedReason extends ReasonBase {
  readonly kind: 'approved';
  readonly approvedAt?: string;
}
/** The request takes Freight directly from the Warehouse. */
export interface DirectReason extends ReasonBase {
  readonly kind: 'direct';
  readonly origin: string;
}
/**
 * The request names no upstream Stage. Under `All` that is vacuously satisfied; under `OneOf`
 * only approval can make the Freight available.
 */
export interface NoUpstreamsReason extends ReasonBase {
  readonly kind: 'no-upstreams';
  readonly strategy: AvailabilityStrategy;
}
/** The Freight has not been verified in an upstream Stage. */
export interface NotVerifiedReason extends ReasonBase {
  readonly kind: 'not-verified';
  readonly stage: string;
  /** True when the Freight is in that Stage now (its verification may still be running). */
  readonly currentlyIn: boolean;
}
/** The Freight is verified in an upstream Stage but has not soaked there long enough yet. */
export interface SoakingReason extends ReasonBase {
  readonly kind: 'soaking';
  readonly stage: string;
  readonly soakedMs: number;
  readonly requiredMs: number;
  readonly remainingMs: number;
  /**
   * When the soak will be complete if the Freight stays in that Stage; absent when it is not in
   * the Stage now, so its soak is not growing.
   */
  readonly until?: Date;
}
/** The Freight is verified in an upstream Stage and has soaked there long enough (if required). */
export interface VerifiedAndSoakedReason extends ReasonBase {
  readonly kind: 'verified-and-soaked';
  readonly stage: string;
  /** Absent when the request requires no soak. */
  readonly soakedMs?: number;
  readonly requiredMs?: number;
}
/** The request's `requiredSoakTime` is not a valid duration, so no upstream can satisfy it. */
export interface InvalidSoakTimeReason extends ReasonBase {
  readonly kind: 'invalid-soak-time';
  readonly stage: string;
  readonly value: string;
}
/**
 * Under `selectionPolicy: MatchUpstream`, auto-promotion only picks Freight that is in the single
 * upstream Stage right now. Manual promotion is not affected.
 */
export interface NotInUpstreamReason extends ReasonBase {
  readonly kind: 'not-in-upstream';
  readonly stage: string | undefined;
}

/** One reason in an {@link Explanation}, discriminated by `kind`. */
export type AvailabilityReason =
  | MissingInputReason
  | NamespaceMismatchReason
  | OriginNotRequestedReason
  | ApprovedReason
  | DirectReason
  | NoUpstreamsReason
  | NotVerifiedReason
  | SoakingReason
  | VerifiedAndSoakedReason
  | InvalidSoakTimeReason
  | NotInUpstreamReason;

/** Why Freight is, or is not, available to a Stage at a given time. */
export interface Explanation {
  /** Always equal to `isFreightAvailable(stage, freight, { now })`. */
  readonly available: boolean;
  readonly stage: string;
  readonly freight: string;
  /** The Freight's origin key, `"Warehouse/<name>"`. */
  readonly origin: string;
  /**
   * True when {@link listAvailableFreight} lists the Freight, that is, auto-promotion may choose
   * it: available, and in the upstream Stage when the request uses `MatchUpstream`.
   */
  readonly autoPromotable: boolean;
  /** The facts that decided, in the order they were checked. */
  readonly reasons: readonly AvailabilityReason[];
  /**
   * The earliest time at which the answer changes by the passage of time alone (a soak
   * completes). Absent when only an event can change it (a verification, an approval, a
   * promotion), or when the Freight is already available (soak never shrinks).
   */
  readonly nextChange?: Date;
}

function formatSpan(ms: number): string {
  return formatGoDuration(Math.round(ms / 1000) * 1000);
}

interface RequestVerdict {
  readonly decided: boolean | undefined;
  readonly reasons: AvailabilityReason[];
  /** For an undecided or negative verdict: when time alone makes this request say yes. */
  readonly flipsAt: number | undefined;
}

function explainUpstream(
  freight: FreightLike,
  freightName: string,
  upstream: string,
  req: ReadRequest,
  now: number | undefined,
  nowInput: NowOptions['now'],
): { readonly ok: boolean; readonly reason: AvailabilityReason; readonly flipsAt: number | undefined } {
  const request = req.index;
  if (!isFreightVerifiedIn(freight, upstream)) {
    const currentlyIn = isFreightCurrentlyIn(freight, upstream);
    return {
      ok: false,
      flipsAt: undefined,
      reason: {
        kind: 'not-verified',
        effect: 'blocks',
        request,
        stage: upstream,
        currentlyIn,
        message: currentlyIn
          ? `Freight "${freightName}" is in Stage "${upstream}" but has not been verified there yet`
          : `Freight "${freightName}" has not been verified in Stage "${upstream}"`,
      },
    };
  }
  if (req.requiredSoakMs === undefined) {
    return {
      ok: true,
      flipsAt: undefined,
      reason: { kind: 'verified-and-soaked', effect: 'allows', request, stage: upstream, message: `Freight "${freightName}" is verified in Stage "${upstream}"` },
    };
  }
  if (req.requiredSoakMs === null) {
    const raw: unknown = req.request.sources?.requiredSoakTime;
    const value = typeof raw === 'string' ? raw : showValue(raw);
    return {
      ok: false,
      flipsAt: undefined,
      reason: {
        kind: 'invalid-soak-time',
        effect: 'blocks',
        request,
        stage: upstream,
        value,
        message: `requiredSoakTime ${JSON.stringify(value)} is not a valid duration, so Freight "${freightName}" can never have soaked long enough in Stage "${upstream}"`,
      },
    };
  }
  const required = req.requiredSoakMs;
  const soaked = longestSoak(freight, upstream, { now: nowInput });
  if (soaked >= required) {
    return {
      ok: true,
      flipsAt: undefined,
      reason: {
        kind: 'verified-and-soaked',
        effect: 'allows',
        request,
        stage: upstream,
        soakedMs: soaked,
        requiredMs: required,
        message: `Freight "${freightName}" is verified in Stage "${upstream}" and has soaked there for ${formatSpan(soaked)} (${formatSpan(required)} required)`,
      },
    };
  }
  const since = residencyStart(freight, upstream);
  // The soak grows only while the Freight stays in the Stage; the completed part is fixed.
  const until = since !== undefined && now !== undefined && completedSoak(freight, upstream) < required ? since + required : undefined;
  const remaining = required - soaked;
  return {
    ok: false,
    flipsAt: until,
    reason: {
      kind: 'soaking',
      effect: 'blocks',
      request,
      stage: upstream,
      soakedMs: soaked,
      requiredMs: required,
      remainingMs: remaining,
      ...(until !== undefined ? { until: new Date(until) } : {}),
      message:
        until !== undefined
          ? `Freight "${freightName}" has soaked in Stage "${upstream}" for ${formatSpan(soaked)} of the ${formatSpan(required)} required; it will be ready at ${new Date(until).toISOString()}`
          : `Freight "${freightName}" has soaked in Stage "${upstream}" for ${formatSpan(soaked)} of the ${formatSpan(required)} required, and is not there now to soak longer`,
    },
  };
}

function explainRequest(
  freight: FreightLike,
  stageName: string,
  freightName: string,
  req: ReadRequest,
  now: number | undefined,
  nowInput: NowOptions['now'],
): RequestVerdict {
  const request = req.index;
  if (isFreightApprovedFor(freight, stageName)) {
    const at = freight.status?.approvedFor?.[stageName]?.approvedAt;
    const approvedAt = at instanceof Date ? at.toISOString() : typeof at === 'string' ? at : undefined;
    return {
      decided: true,
      flipsAt: undefined,
      reasons: [
        {
          kind: 'approved',
          effect: 'allows',
          request,
          ...(approvedAt !== undefined ? { approvedAt } : {}),
          message: `Freight "${freightName}" is approved for Stage "${stageName}"`,
        },
      ],
    };
  }
  if (req.direct) {
    const origin = originKey(req.request.origin);
    return {
      decided: true,
      flipsAt: undefined,
      reasons: [{ kind: 'direct', effect: 'allows', request, origin, message: `Stage "${stageName}" takes Freight directly from ${origin}` }],
    };
  }
  if (req.upstreams.length === 0) {
    const all = req.strategy === 'All';
    return {
      decided: all ? true : undefined,
      flipsAt: undefined,
      reasons: [
        {
          kind: 'no-upstreams',
          effect: all ? 'allows' : 'blocks',
          request,
          strategy: req.strategy,
          message: all
            ? `Stage "${stageName}" names no upstream Stages under availabilityStrategy All, which every Freight of the origin satisfies`
            : `Stage "${stageName}" names no upstream Stages and does not take Freight directly, so only an approval makes Freight "${freightName}" available`,
        },
      ],
    };
  }
  const results = req.upstreams.map((u) => explainUpstream(freight, freightName, u, req, now, nowInput));
  const reasons = results.map((r) => r.reason);
  if (req.strategy === 'All') {
    const ok = results.every((r) => r.ok);
    const pending = results.filter((r) => !r.ok);
    const flipsAt = !ok && pending.every((r) => r.flipsAt !== undefined) ? Math.max(...pending.map((r) => r.flipsAt!)) : undefined;
    return { decided: ok, reasons, flipsAt };
  }
  const ok = results.some((r) => r.ok);
  const times = results.map((r) => r.flipsAt).filter((t): t is number => t !== undefined);
  return { decided: ok ? true : undefined, reasons, flipsAt: ok || times.length === 0 ? undefined : Math.min(...times) };
}

/**
 * Explains whether Freight is available to a Stage at `now`, and why: the approval, direct
 * subscription, verifications and soak times that decided, each as a structured reason with a
 * message, plus when the answer will change by itself (`nextChange`, for a controller's requeue
 * or a UI's countdown). `available` always equals {@link isFreightAvailable}; `autoPromotable`
 * says whether {@link listAvailableFreight} lists the Freight.
 */
export function explainAvailability(
  stage: StageLike | null | undefined,
  freight: FreightLike | null | undefined,
  opts: NowOptions,
): Explanation {
  const stageName = nameOf(stage);
  const freightName = nameOf(freight);
  const origin = originKey(freight?.origin);
  const base = { stage: stageName, freight: freightName, origin };
  if (!stage || !freight) {
    const kind = !stage ? 'missing-stage' : 'missing-freight';
    return { ...base, available: false, autoPromotable: false, reasons: [{ kind, effect: 'blocks', message: `no ${!stage ? 'Stage' : 'Freight'} was given` }] };
  }
  const stageNamespace = stage?.metadata?.namespace ?? '';
  const freightNamespace = freight.metadata?.namespace ?? '';
  if (stageNamespace !== freightNamespace) {
    return {
      ...base,
      available: false,
      autoPromotable: false,
      reasons: [
        {
          kind: 'namespace-mismatch',
          effect: 'blocks',
          stageNamespace,
          freightNamespace,
          message: `Stage "${stageName}" is in namespace "${stageNamespace}" but Freight "${freightName}" is in "${freightNamespace}"`,
        },
      ],
    };
  }
  const requests = readStageRequests(stage).get(origin) ?? [];
  if (requests.length === 0) {
    return {
      ...base,
      available: false,
      autoPromotable: false,
      reasons: [
        { kind: 'origin-not-requested', effect: 'blocks', origin, message: `Stage "${stageName}" does not request Freight from origin "${origin}"` },
      ],
    };
  }
  const now = toEpochMillis(opts?.now);
  const reasons: AvailabilityReason[] = [];
  const flips: number[] = [];
  let available = false;
  for (const req of requests) {
    const verdict = explainRequest(freight, stageName, freightName, req, now, opts?.now);
    reasons.push(...verdict.reasons);
    if (verdict.flipsAt !== undefined) flips.push(verdict.flipsAt);
    if (verdict.decided !== undefined) {
      available = verdict.decided;
      break;
    }
  }
  const first = requests[0]!;
  let autoPromotable = available;
  if (available && first.matchUpstream && !first.direct) {
    const upstream = first.upstreams[0];
    const inUpstream = upstream !== undefined && isFreightCurrentlyIn(freight, upstream);
    autoPromotable = inUpstream;
    if (!inUpstream) {
      reasons.push({
        kind: 'not-in-upstream',
        effect: 'info',
        request: first.index,
        stage: upstream,
        message: `Freight "${freightName}" can be promoted by hand, but auto-promotion under MatchUpstream only picks Freight that is in Stage "${upstream ?? ''}" now`,
      });
    }
  }
  const nextChange = !available && flips.length > 0 ? new Date(Math.min(...flips)) : undefined;
  return { ...base, available, autoPromotable, reasons, ...(nextChange ? { nextChange } : {}) };
}
