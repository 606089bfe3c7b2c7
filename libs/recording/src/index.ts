export * from './patient-stream.js';
export * from './load-course.js';
export * from './record-fact.js';
export * from './import-facts.js';
export * from './fact-identity.js';
export * from './course-cache.js';
