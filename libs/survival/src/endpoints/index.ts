export * from './survival-fact.js';
export * from './endpoint-definition.js';
export * from './adtte-row.js';
export * from './sources.js';
export * from './source-catalogue.js';
export * from './endpoint-catalogue.js';
export { deriveTimeToEvent, timesToEvent, endpointFactTypes, DEFAULT_IMPUTATION, DEFAULT_DAYS_PER_MONTH, type DerivationOptions } from './derive-time-to-event.js';
export { imputeDate } from './partial-dates.js';
