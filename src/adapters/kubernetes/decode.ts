import { createIssue, type Issue } from '../../errors/index.js';
import { isKargoResource, validateResource, type KargoKind } from '../../model/index.js';
import type { ResourceOf } from './kinds.js';

/** `Kind namespace/name` (or `Kind name`) of a raw object, for messages. */
export function describeObject(kind: string, object: unknown): string {
  const meta = (object as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  const name = typeof meta?.name === 'string' ? meta.name : '<unnamed>';
  return typeof meta?.namespace === 'string' && meta.namespace !== '' ? `${kind} ${meta.namespace}/${name}` : `${kind} ${name}`;
}

/**
 * Validates an object read from the cluster as the core's type of `kind`, with the model's
 * schemas and rules. Lists and watches from the API server leave out `apiVersion` and `kind` on
 * some paths, so those are filled in from the request. Issues name the resource they are about.
 */
export function decodeResource<K extends KargoKind>(kind: K, apiVersion: string, object: unknown): { resource?: ResourceOf<K>; issues: Issue[] } {
  const subject = describeObject(kind, object);
  const name = (issue: Issue): Issue => ({ ...issue, message: `${subject}: ${issue.message}` });
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    return { issues: [createIssue('MANIFEST_NOT_OBJECT', `${subject}: the API server sent ${object === null ? 'null' : typeof object} instead of a resource`)] };
  }
  const record = object as Record<string, unknown>;
  const filled = { ...record, apiVersion: record['apiVersion'] ?? apiVersion, kind: record['kind'] ?? kind };
  const result = validateResource(filled);
  if (!result.ok) return { issues: result.issues.map(name) };
  const resource = result.value;
  if (!isKargoResource(resource) || resource.kind !== kind) {
    return { issues: [createIssue('MANIFEST_UNKNOWN_KIND', `${subject}: expected a ${kind}, the API server sent ${String(resource.kind)} (${String(resource.apiVersion)})`, { path: ['kind'] })] };
  }
  return { resource: resource as ResourceOf<K>, issues: result.issues.map(name) };
}
