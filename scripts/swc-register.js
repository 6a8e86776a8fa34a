// Lets child processes and benchmarks run our TypeScript without a build step:
//   node -r ./scripts/swc-register.js some-script.ts
// SWC (already a dev dependency via @swc/jest) compiles each .ts file on require, and
// @ot/<lib> resolves to libs/<lib>/src like the tsconfig paths and the jest moduleNameMapper.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@ot\/([a-z-]+)$/.exec(request);
  return resolveFilename.call(this, alias ? path.join(root, 'libs', alias[1], 'src') : request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    // as in jest.config.js: Nest resolves constructor dependencies by their emitted design:paramtypes
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
