import type { Page, PortResult } from '../../ports/index.js';
import type { ReadContext } from './read-image.js';
import { parseObject } from './documents.js';
import { failure, failureForStatus } from './failures.js';

/** The target of the `rel="next"` link of a `Link` header, if any. */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match !== null && /;\s*rel="?next"?/i.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}

/**
 * Lists one page of tags. The cursor is the path and query of the registry's `Link: …; rel="next"`
 * target; a cursor that leaves the repository's tag listing is refused, so a forged one cannot
 * send credentials elsewhere.
 */
export async function listTagPage(ctx: ReadContext, cursor: string | undefined, pageSize: number | undefined): Promise<PortResult<Page<string>>> {
  const subject = `repository ${ctx.repository}`;
  const listing = `/v2/${ctx.address.name}/tags/list`;
  let target = listing;
  if (cursor !== undefined && cursor !== '') {
    if (!cursor.startsWith(`${listing}?`)) return { ok: false, failure: failure('invalid-response', `${subject}: unknown page cursor ${JSON.stringify(cursor)}`, false) };
    target = cursor;
  } else if (pageSize !== undefined && Number.isInteger(pageSize) && pageSize > 0) {
    target = `${listing}?n=${pageSize}`;
  }
  const outcome = await ctx.client.send({ address: ctx.address, target, accept: 'application/json', signal: ctx.signal, insecure: ctx.insecure, subject });
  if (!outcome.ok) return outcome;
  const { reply } = outcome;
  if (reply.status !== 200) return { ok: false, failure: failureForStatus(reply.status, reply.body, subject) };
  const document = parseObject(reply.body);
  const tags = document?.tags ?? [];
  if (document === undefined || (tags !== null && !Array.isArray(tags)) || (Array.isArray(tags) && tags.some((t) => typeof t !== 'string'))) {
    return { ok: false, failure: failure('invalid-response', `${subject}: the tag list is not {"tags": [strings]}`, false, reply.status) };
  }
  let items = (tags ?? []) as string[];
  const link = nextLink(reply.headers.get('link'));
  let next: string | undefined;
  if (link !== undefined) {
    // Links are relative to the answering URL; only the path and query are kept as the cursor.
    const resolved = new URL(link, reply.url);
    next = `${resolved.pathname}${resolved.search}`;
    if (!next.startsWith(`${listing}?`) || next === cursor || items.length === 0) next = undefined;
    return { ok: true, value: next === undefined ? { items } : { items, next } };
  }
  // Registries that ignore `n` and `last` (distribution 2.x among them) send every tag at once:
  // the page is cut here instead, in the registry's order, with the same cursor shape.
  const query = new URL(target, ctx.address.baseUrl).searchParams;
  const last = query.get('last');
  if (last !== null && last !== '') {
    const at = items.indexOf(last);
    if (at >= 0) items = items.slice(at + 1);
    else if (items.length > 0 && !items.every((t) => t > last)) {
      return { ok: false, failure: failure('invalid-response', `${subject}: tag ${JSON.stringify(last)} disappeared while the tags were being paged; list them again`, true) };
    }
  }
  const n = Number(query.get('n') ?? '');
  if (Number.isInteger(n) && n > 0 && items.length > n) {
    const page = items.slice(0, n);
    return { ok: true, value: { items: page, next: `${listing}?last=${encodeURIComponent(page[n - 1] ?? '')}&n=${n}` } };
  }
  return { ok: true, value: { items } };
}
