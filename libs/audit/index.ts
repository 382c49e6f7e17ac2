/** Audit: the hash chain's verification and the Noark 5 export. */
export { verifyChain, type ChainBreak, type ChainVerification } from './verify-chain.js';
export * from './noark/index.js';
