export * from './swimmer.js';
export * from './swimmer-row.js';
export * from './swimmer-dataset.js';
