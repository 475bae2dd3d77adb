import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";

// WxtVitest does not apply wxt.config.ts's `vite` section, so Preact's JSX is set up here again.
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    include: ["{entrypoints,components,utils,test}/**/*.test.{ts,tsx}"],
    // test/firefox runs in a real Firefox: npm run test:firefox, with its own config.
    exclude: ["test/e2e/**", "test/firefox/**", "node_modules/**"],
    setupFiles: ["test/setup/unit.ts"],
    environment: "node",
    restoreMocks: true,
  },
});
