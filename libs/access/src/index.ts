export * from './caller.js';
export * from './access-errors.js';
export * from './local-issuer.js';
export * from './token-verifier.js';
export * from './api-keys.js';
export * from './pseudonyms.js';
export * from './de-identify.js';
