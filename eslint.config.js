// ESLint on our own code: typescript-eslint's strict type-checked rules.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["action/dist/**", "dist/**", "node_modules/**", "fixtures/**", "coverage/**", ".scratch/**", "eslint.config.js", ".dependency-cruiser.cjs"] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
);
