import js from "@eslint/js";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const ROOT = import.meta.dirname;

/*
 * Imports flow one way (ADR 007): routes → models → collab/utils → db, and server.ts (with the
 * seed) composes. Each zone forbids a `target` folder from importing anything in `from`.
 */
const ONE_WAY = [
  {
    target: ["./db/schema", "./db/client.ts", "./db/migrate.ts", "./db/enums.ts"],
    from: ["./app", "./server.ts"],
    message: "The database layer imports nothing from the app: define the value in db/ and import it from above.",
  },
  {
    target: "./app/collab",
    from: ["./app/models", "./app/routes", "./app/components"],
    message: "The collaboration layer imports no model, route or component: let the caller pass what it needs (see app/collab/kinds.server.ts).",
  },
  {
    target: "./app/models",
    from: ["./app/routes", "./app/components"],
    message: "Models import no route or component: move shared values down into the model or app/collab.",
  },
  {
    target: "./app/utils",
    from: ["./app/routes", "./app/components", "./app/collab"],
    message: "Utilities import no route, component or collaboration module.",
  },
  {
    target: "./app/components",
    from: ["./app/routes"],
    message: "Components import no route: pass data in as props.",
  },
];

export default tseslint.config(
  // The lint fixtures import the wrong way on purpose; tests/integration/lint lints them itself.
  {
    ignores: ["build/**", "public/build/**", "node_modules/**", "db/migrations/**", "data/**", "tests/.tmp/**", "tests/integration/lint/fixtures/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y, "import-x": importX },
    settings: {
      react: { version: "18" },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] })],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
    },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      ...jsxA11y.configs.recommended.rules,
      "react/prop-types": "off",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import-x/no-cycle": "error",
      "import-x/no-restricted-paths": ["error", { basePath: ROOT, zones: ONE_WAY }],
      "import-x/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", ["parent", "sibling", "index"]],
          "newlines-between": "always",
          alphabetize: { order: "asc", caseInsensitive: true },
        },
      ],
    },
  },
  {
    // Only server modules, the database layer, tests and the server itself may touch db/.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.ts", "app/**/*.server.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/db/client", "**/db/migrate", "**/db/seed*"], message: "Only .server.ts modules may use the database." },
            { group: ["**/db/schema/*"], allowTypeImports: true, message: "Only .server.ts modules may import the schema (type imports are fine)." },
          ],
        },
      ],
    },
  },
);
