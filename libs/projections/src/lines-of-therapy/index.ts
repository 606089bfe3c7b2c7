export * from './line-rules.js';
export * from './line-of-therapy.js';
export { deriveLinesOfTherapy } from './derive-lines.js';
