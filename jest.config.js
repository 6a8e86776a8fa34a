/** One jest config for the whole monorepo: SWC compiles TypeScript (with decorator metadata for Nest). */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/bench'],
  testMatch: ['**/*.spec.ts'],
  // content-disposition (under @fastify/static, which serves the API docs page) ships ES modules only: compile it too.
  transform: { '^.+\\.ts$': ['@swc/jest', swc], '/content-disposition/.+\\.js$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: { '^@ot/(.*)$': '<rootDir>/libs/$1/src' },
  testTimeout: 30000,
};
