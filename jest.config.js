// Jest in ESM mode (NestJS 12 is ESM-only); SWC transpiles TypeScript with decorator metadata.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

export const base = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@app/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@app/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@app/recording$': '<rootDir>/libs/recording/src/index.ts',
    '^@app/projections$': '<rootDir>/libs/projections/src/index.ts',
    '^@app/survival$': '<rootDir>/libs/survival/src/index.ts',
    '^@app/access$': '<rootDir>/libs/access/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  ...base,
  rootDir: '.',
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 60000,
};
