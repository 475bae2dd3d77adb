import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Runs the Firefox browser test in Node: npm run test:firefox (it builds the add-on first). One
 * file, one Firefox; a generous timeout for the launch on a busy machine.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/firefox/**/*.test.ts"],
    environment: "node",
    testTimeout: 15_000,
    hookTimeout: 30_000,
    // The steps build on each other: after the first failure the rest would only fail with it.
    bail: 1,
  },
});
