// ESLint (flat config, versions pinned in package.json): `make test` runs `npx eslint`, which lints the
// browser modules, the bundler, the node tests and serve's live-reload script. The bundles in
// site_assets/js/dist/ are generated, so not linted.
import js from "@eslint/js";
import globals from "globals";

export default [
  // Generated output (bundles, built sites, the golden site's expected files) is not linted.
  {
    ignores: [
      "site_assets/js/dist/**", "node_modules/**", "_site/**", "_site.*/**", "_artifacts/**", ".venv/**",
      ".cache/**", "bench/out/**", "tests/golden/expected/**",
    ],
  },
  js.configs.recommended,
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      eqeqeq: ["error", "always"],
      "no-var": "off",
    },
  },
  { files: ["site_assets/js/**"], languageOptions: { globals: { ...globals.browser } } },
  { files: ["codebook/serve/static/**/*.js"], languageOptions: { sourceType: "script", globals: { ...globals.browser } } },
  { files: ["site_assets/js/bundle.mjs", "tests/js/**", "eslint.config.js"], languageOptions: { globals: { ...globals.node } } },
];
