import { defineConfig } from "@playwright/test";
import type { ExtensionOptions } from "./test/e2e/fixtures";

// Browser tests run the built extension (.output/chrome-mv3-e2e) in the system Chromium; see
// test/e2e/fixtures.ts. One worker: each test starts its own Chromium, and the machine has 2 cores.
export default defineConfig<ExtensionOptions>({
  testDir: "test/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // The store's listing pictures are made on request (npm run store-assets), not on every run:
    // they check nothing the README screenshots do not, and cost half a minute.
    {
      name: "en",
      use: { extensionLang: "en-US" },
      ...(process.env.PSH_UPDATE_STORE_ASSETS === "1" ? {} : { testIgnore: /store-assets\.spec\.ts$/u }),
    },
    // Once more in Norwegian Bokmål, to prove the language switch (test/e2e/i18n.spec.ts).
    { name: "nb", use: { extensionLang: "nb" }, testMatch: /i18n\.spec\.ts$/u },
  ],
});
