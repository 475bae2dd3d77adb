import { setupServer } from "msw/node";
import { type BackgroundDeps, createBrowserDeps } from "@/entrypoints/background/deps";
import { createSandboxHandlers, createSandboxState } from "../sandbox";

/** The base URL unit tests send to; MSW answers for it with the sandbox's handlers. */
export const TEST_BASE_URL = "https://api.mpc.dev.placewise.com";

/** A sandbox served in-process through MSW: the same handlers the browser tests reach over HTTP. */
export function createInProcessSandbox() {
  const state = createSandboxState();
  const server = setupServer(...createSandboxHandlers(state));
  return { state, server };
}

/**
 * The background's real dependencies (createBrowserDeps) on fakeBrowser storage, with fetch going
 * to the sandbox (MSW patches the global fetch, so it is looked up at each call) and a short
 * timeout. Host permissions are granted unless overridden; removing one does nothing (fakeBrowser
 * has no permissions API), and the browser is online. The policy is whatever a test put in fakeBrowser's storage.managed.
 */
export function createTestDeps(overrides: Partial<BackgroundDeps> = {}): BackgroundDeps {
  return createBrowserDeps({
    fetch: (input, init) => globalThis.fetch(input, init),
    timeoutMs: 2000,
    userAgent: "Placewise Support Helper/0.0.0-test",
    hasHostPermission: async () => true,
    removeHostPermission: async () => {},
    isOnline: () => true,
    ...overrides,
  });
}
