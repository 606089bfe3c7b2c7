export * from './course-record.js';
