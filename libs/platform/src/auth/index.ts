export * from './callers.js';
export * from './access.decorator.js';
export * from './access.guard.js';
export * from './auth-config.js';
export * from './development-credentials.js';
export * from './development-mode.js';
// Signing, for the router's own queries and for tests: the partners' client library's.
export { contentDigest, signedHeaders, signingKeyFrom, type SigningKeyRef } from '#megapay-client';
export * from './partner-signature.js';
export * from './staff-tokens.js';
export * from './request-nonces.migration.js';
export * from './rate-limit.js';
