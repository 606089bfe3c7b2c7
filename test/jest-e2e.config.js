import { base } from '../jest.config.js';

export default {
  ...base,
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // @fastify/static (Swagger UI assets) require()s this ESM-only package; Node 20 can, jest's
    // module loader cannot, so tests get the CommonJS 2.x build, which has the same API.
    '^content-disposition$': '<rootDir>/node_modules/content-disposition/dist/index.js',
  },
  rootDir: '..',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 120000,
};
