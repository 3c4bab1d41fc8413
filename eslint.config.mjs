// Lint configuration: typescript-eslint's recommended rules over all sources and tests, no import
// cycles anywhere, and the catalogue's one-way dependencies (DESIGN.md: rules/ depends on no
// Pulumi, cdk8s, file system or adapter).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import importX from "eslint-plugin-import-x";

export default tseslint.config(
  { ignores: ["dist/", ".bench/", "node_modules/", "examples/**/node_modules/", "examples/**/dist/", "examples/**/bin/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Plain JavaScript scripts run on Node.js.
  { files: ["**/*.mjs", "**/*.cjs", "**/*.js"], languageOptions: { globals: globals.node } },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/resolver-next": [importX.createNodeResolver({ extensions: [".ts", ".js", ".json"] })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: ["rules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(node:)?(fs|path|child_process|os|process)(/.*)?$", message: "The catalogue reads no files: the adapter hands it what it needs." },
            { regex: "^@pulumi/", message: "The catalogue is free of Pulumi: map the engine's values at the pack's edge." },
            { regex: "^(cdk8s|constructs)", message: "The catalogue is free of cdk8s." },
            { regex: "^\\.\\./\\.\\./?(policypack|checker|constructs|testing|decoding|admission)/|^\\.\\./(policypack|checker|constructs|testing|decoding|admission)/", message: "Dependencies point one way: adapters depend on rules/, never the reverse." },
          ],
        },
      ],
    },
  },
);
