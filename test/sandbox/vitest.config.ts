import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Runs the sandbox's own tests in Node: npx vitest run test/sandbox --config test/sandbox/vitest.config.ts */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/sandbox/**/*.test.ts"],
    environment: "node",
  },
});
