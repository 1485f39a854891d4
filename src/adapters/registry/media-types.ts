/** The manifest media types the adapter reads. */
export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** The `Accept` header of manifest requests: indexes first, so multi-platform images come back whole. */
export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].join(', ');

/** True for an OCI index or a Docker manifest list. */
export const isIndexType = (mediaType: string): boolean => mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList;

/** True for a single-platform OCI or Docker v2 manifest. */
export const isManifestType = (mediaType: string): boolean => mediaType === MEDIA_TYPES.ociManifest || mediaType === MEDIA_TYPES.dockerManifest;
