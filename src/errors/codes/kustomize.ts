import type { CodeCatalog } from './catalog.js';

/** Codes of kustomize builds. */
export const kustomizeCodes = {
  KUSTOMIZE_NOT_FOUND: {
    summary: 'The directory holds no kustomization file.',
    cause: 'A kustomization directory must hold exactly one of kustomization.yaml, kustomization.yml or Kustomization; none was found (or the path is not a directory).',
    fix: 'Check the path (it is relative to the work directory, or to the kustomization that names it) and add a kustomization.yaml there.',
  },
  KUSTOMIZE_AMBIGUOUS: {
    summary: 'The directory holds more than one kustomization file.',
    cause: 'kustomization.yaml, kustomization.yml and Kustomization are all recognized names; with two of them present kustomize cannot tell which one to build.',
    fix: 'Keep only one kustomization file in the directory.',
  },
  KUSTOMIZE_PARSE: {
    summary: 'A kustomization or resource file is not valid YAML.',
    cause: 'A syntax error (bad indentation, a tab, an unclosed quote, a duplicate key) makes the file unreadable.',
    fix: 'Fix the YAML at the line and column shown.',
  },
  KUSTOMIZE_INVALID_FIELD: {
    summary: 'A kustomization field has the wrong shape.',
    cause: 'The field holds a value of the wrong type (a string where a list is expected, a list of non-strings, a map with non-string values, ...).',
    fix: 'Write the field as the kustomization reference describes it.',
  },
  KUSTOMIZE_UNKNOWN_FIELD: {
    summary: 'A kustomization has a field kustomize does not know.',
    cause: 'kustomize rejects kustomization files with unknown fields; the name is probably misspelled.',
    fix: 'Correct the field name or remove the field.',
  },
  KUSTOMIZE_UNSUPPORTED: {
    summary: 'A kustomization uses a feature waybill does not build.',
    cause: 'waybill builds the kustomize features real repositories use (resources, components, generators, patches, labels, images, ...); this one (helmCharts, replacements, vars, plugins, crds, openapi, ...) it does not, and it refuses rather than produce a different answer from kustomize.',
    fix: 'Render this kustomization with the kustomize binary, or rewrite it with the supported features.',
  },
  KUSTOMIZE_REMOTE_RESOURCE: {
    summary: 'A kustomization refers to a remote resource or base.',
    cause: 'URLs (https://, git@, github.com/...) in resources or components would be fetched over the network; waybill builds only from the files in the work tree.',
    fix: 'Clone the remote repository into the work tree (a git-clone step) and refer to it by a relative path.',
  },
  KUSTOMIZE_RESOURCE_NOT_FOUND: {
    summary: 'A resource, component, patch or generator source file does not exist.',
    cause: 'The path is resolved relative to the directory of the kustomization that names it and must be a file or a kustomization directory in the work tree.',
    fix: 'Correct the path, or add the missing file.',
  },
  KUSTOMIZE_CYCLE: {
    summary: 'Kustomizations refer to each other in a cycle.',
    cause: 'A kustomization lists, directly or through other kustomizations, a directory that is already being built, so the build would never end.',
    fix: 'Remove the reference that closes the cycle.',
  },
  KUSTOMIZE_INVALID_RESOURCE: {
    summary: 'A resource is not a Kubernetes object.',
    cause: 'Every document of a resource file must be a mapping with apiVersion, kind and metadata.name (a List is expanded into its items).',
    fix: 'Add the missing fields, or remove the document.',
  },
  KUSTOMIZE_DUPLICATE_RESOURCE: {
    summary: 'Two resources have the same kind, name and namespace.',
    cause: 'kustomize keeps one resource per id; the same object reached the build twice (listed twice, or from two bases).',
    fix: 'Remove one of them, or tell them apart with a namePrefix, nameSuffix or namespace in one of the bases.',
  },
  KUSTOMIZE_COMPONENT_KIND: {
    summary: 'A kustomization and a component are used in each other\'s place.',
    cause: 'Directories listed under components must have kind Component; a Component cannot be listed under resources.',
    fix: 'Move the directory to the right list, or fix its kind.',
  },
  KUSTOMIZE_GENERATOR: {
    summary: 'A configMapGenerator or secretGenerator entry is invalid.',
    cause: 'Each generator needs a name; literals are key=value; file sources are path or key=path; env files hold KEY=value lines; keys may not repeat; behavior is create, merge or replace, and merge/replace need an existing object of that name.',
    fix: 'Correct the generator entry as the message says.',
  },
  KUSTOMIZE_PATCH: {
    summary: 'A patch cannot be applied.',
    cause: 'The patch is malformed (not a JSON6902 operation list nor a strategic merge patch), names no object, or a JSON6902 operation fails (a missing path, a failed test).',
    fix: 'Correct the patch or its target as the message says.',
  },
  KUSTOMIZE_PATCH_NO_MATCH: {
    summary: 'A strategic merge patch matches no resource.',
    cause: 'A patch without a target applies to the resource with its kind and name; no resource in the build has them.',
    fix: 'Check the patch\'s kind, name and namespace against the resources (use the name before any namePrefix/nameSuffix).',
  },
  KUSTOMIZE_INVALID_SELECTOR: {
    summary: 'A patch target or label selector is invalid.',
    cause: 'Target fields are Go regular expressions and labelSelector uses Kubernetes selector syntax (a=b, a!=b, a in (x,y), !a).',
    fix: 'Correct the expression.',
  },
  KUSTOMIZE_NAME_REFERENCE: {
    summary: 'A name reference is ambiguous.',
    cause: 'An object refers by name to a ConfigMap, Secret or other object whose name changed, and several renamed objects could be the one meant.',
    fix: 'Make the names distinct, or give the objects different namespaces.',
  },
} as const satisfies CodeCatalog;
