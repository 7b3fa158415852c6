export * from './request-signer.js';
export * from './payments.js';
export * from './megapay-client.js';
