/**
 * Freight: content-addressed identity, assembly from discovery results, creation criteria,
 * aliases, and the Warehouse admission rule against duplicate subscriptions.
 * @packageDocumentation
 */
export { freightId, freightCanonicalString } from './freight-id.js';
export { sha1Hex } from './sha1.js';
export { createFreight, latestArtifacts, ALIAS_LABEL } from './create-freight.js';
export type { CreateFreightOptions } from './create-freight.js';
export { evaluateFreightCreationCriteria, criteriaFunctions } from './criteria.js';
export { pickAlias, deterministicAliasSource } from './aliases.js';
export type { AliasSource, PickAliasOptions } from './aliases.js';
export { validateWarehouseSubscriptions } from './validate-subscriptions.js';
// The artifact part types (FreightCommit, FreightImage, ...) stay internal: the model exports the
// Freight shapes under those names, and these are only their structural subsets.
export type { FreightIdentity, FreightResource, DiscoveredArtifacts, DiscoveredCommitRecord, DiscoveredImageReference, DiscoveredArtifactReference, FreightWarehouse } from './types.js';
export { validateFreightArtifacts } from './validate-freight.js';
