import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", ".cache/**", ".data/**", "test-results/**", "playwright-report/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Money is Decimal: a float parse or Math.round in app code is a bug waiting to happen.
      "no-restricted-globals": ["error", { name: "parseFloat", message: "Money and quantities are Decimal: use parseAmount / parseQuantity." }],
      "no-restricted-properties": [
        "error",
        { object: "Number", property: "parseFloat", message: "Money and quantities are Decimal: use parseAmount / parseQuantity." },
        { object: "Math", property: "round", message: "Round only in the named functions of app/domain/money.ts (roundFen)." },
      ],
    },
  },
  {
    // The CSP (style-src 'self', app/utils/http-security.ts) drops inline style attributes: use classes.
    files: ["app/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "JSXAttribute[name.name='style']", message: "The CSP drops inline styles (style-src 'self'): use a class instead." },
      ],
    },
  },
  {
    // Routes stay thin: they call models, never the database.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["drizzle-orm", "drizzle-orm/*", "**/db/*", "~/db/*"], message: "Routes call models (app/models), never the database." }] },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='formData'][callee.object.property.name!='response']",
          message: "Read forms with readFormData (app/utils/form-data.server.ts): a malformed body must be a 400, not a 500.",
        },
        // Repeated from the rule above: a later block's options replace an earlier one's.
        { selector: "JSXAttribute[name.name='style']", message: "The CSP drops inline styles (style-src 'self'): use a class instead." },
      ],
    },
  },
  {
    // Pure domain: no I/O, no database, no framework.
    files: ["app/domain/**/*.ts"],
    ignores: ["app/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["drizzle-orm", "drizzle-orm/*", "**/db/*", "postgres", "@electric-sql/*", "@remix-run/*", "~/models/*", "~/services/*", "node:fs", "node:http"], message: "app/domain is pure." },
          ],
        },
      ],
    },
  },
);
