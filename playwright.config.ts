import { defineConfig } from "@playwright/test";

// Browser tests run the built extension (.output/chrome-mv3) in the system Chromium; see
// test/e2e/fixtures.ts. One worker: each test starts its own Chromium, and the machine has 2 cores.
export default defineConfig({
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
});
