export * from './timeline.js';
export * from './build-timeline.js';
export * from './clinical-order.js';
export * from './day-offsets.js';
export { courseEnd } from './header.js';
