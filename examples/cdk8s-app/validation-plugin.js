// cdk8s.yaml loads local validation plugins only from paths starting with ./ (or absolute ones);
// this re-exports the compiled plugin of this repository from inside the example's directory.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CLI require()s plugins: CommonJS is the contract
module.exports = require("../../dist/constructs/validation/cli-plugin.js");
