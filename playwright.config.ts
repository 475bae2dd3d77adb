import { defineConfig } from "@playwright/test";
import type { ExtensionOptions } from "./test/e2e/fixtures";

/**
 * The real-policy test writes /etc/chromium/policies/managed/, which every Chromium on the machine
 * reads: it runs alone, after the others (the "policy" project depends on them).
 */
const POLICY_SPEC = /policy\.spec\.ts$/u;

// Browser tests run the built extension (.output/chrome-mv3-e2e) in the system Chromium; see
// test/e2e/fixtures.ts. Two workers, one spec file each at a time: the tests mostly wait (on the
// sandbox, on timers, on Chromium starting), so two Chromiums share the 2 cores without starving,
// and each worker has its own sandbox. PSH_E2E_WORKERS=1 runs them one by one.
export default defineConfig<ExtensionOptions>({
  testDir: "test/e2e",
  fullyParallel: false,
  workers: Number(process.env.PSH_E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // The pictures are made on request (npm run screenshots, npm run store-assets), not on every
    // run: what their specs assert, the behaviour specs assert too (popup-desk, password-reset,
    // connections, bulk), and the accessibility spec opens the same pages in the same states in
    // both colour schemes. They cost most of a minute of npm test's ten.
    {
      name: "en",
      use: { extensionLang: "en-US" },
      testIgnore: [
        POLICY_SPEC,
        ...(process.env.PSH_UPDATE_SCREENSHOTS === "1" ? [] : [/screenshots\.spec\.ts$/u]),
        ...(process.env.PSH_UPDATE_STORE_ASSETS === "1" ? [] : [/store-assets\.spec\.ts$/u]),
      ],
    },
    // Once more in Norwegian Bokmål, to prove the language switch (test/e2e/i18n.spec.ts).
    { name: "nb", use: { extensionLang: "nb" }, testMatch: /i18n\.spec\.ts$/u },
    { name: "policy", use: { extensionLang: "en-US" }, testMatch: POLICY_SPEC, dependencies: ["en", "nb"] },
  ],
});
