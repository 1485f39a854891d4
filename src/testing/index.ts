/**
 * Contract suites for waybill's ports. Every implementation of a port (the in-memory adapters,
 * the real ones, or your own) must pass its suite. Suites are plain data, so they run under any
 * test runner:
 *
 * ```ts
 * import { clockContract } from 'waybill/testing';
 * for (const check of clockContract(() => myClock)) test(check.name, check.run);
 * ```
 * @packageDocumentation
 * @module waybill/testing
 */
export { ContractViolation, expectThat, runContract } from './contract.js';
export type { ContractCheck, ContractOutcome, Factory } from './contract.js';
export { clockContract } from './clock-contract.js';
export { idSourceContract } from './id-contract.js';
export { registryContract, registryContractFixture, collectPages, expectFailure, expectSuccess } from './registry-contract.js';
export type { RegistryContractFixture, ContractImage } from './registry-contract.js';
export { gitContract, gitContractFixture } from './git-contract.js';
export type { GitContractFixture, ContractCommit, ContractTag } from './git-contract.js';
export { chartRepositoryContract, chartRepositoryContractFixture } from './chart-repository-contract.js';
export type { ChartRepositoryContractFixture } from './chart-repository-contract.js';
export { clusterContract, clusterContractFixture } from './cluster-contract.js';
export type { ClusterContractFixture } from './cluster-contract.js';
export { httpContract, httpContractFixture } from './http-contract.js';
export type { HttpContractFixture } from './http-contract.js';
export { gitWorkspaceContract, gitWorkspaceContractFixture } from './git-workspace-contract.js';
export type { GitWorkspaceContractFixture, GitWorkspaceContractSubject } from './git-workspace-contract.js';
export { pullRequestsContract } from './pull-requests-contract.js';
export type { PullRequestsContractSubject } from './pull-requests-contract.js';
export { leaseContract, leaseContractFixture } from './lease-contract.js';
export type { LeaseContractFixture } from './lease-contract.js';
export { storeContract, storeContractFixture } from './store-contract.js';
export type { StoreContractFixture } from './store-contract.js';
export { verificationContract, verificationContractFixture } from './verification-contract.js';
export type { VerificationContractFixture } from './verification-contract.js';
