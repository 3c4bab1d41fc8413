// Lint configuration: typescript-eslint's recommended rules over all sources and tests.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "examples/**/node_modules/", "examples/**/dist/", "examples/**/bin/"] },
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
);
