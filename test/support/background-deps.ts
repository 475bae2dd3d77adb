import { setupServer } from "msw/node";
import type { BackgroundDeps } from "@/entrypoints/background/deps";
import { createSendGuard } from "@/entrypoints/background/send-guard";
import { createSendLogStore } from "@/entrypoints/background/send-log-store";
import * as settingsStore from "@/entrypoints/background/settings-store";
import * as tokenStore from "@/entrypoints/background/token-store";
import { readPolicy } from "@/utils/policy";
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
 * The background's real dependencies on fakeBrowser storage, with fetch going to the sandbox (MSW
 * patches the global fetch) and a short timeout. Host permissions are granted unless overridden;
 * removing one does nothing (fakeBrowser has no permissions API). The policy is whatever a test
 * put in fakeBrowser's storage.managed.
 */
export function createTestDeps(overrides: Partial<BackgroundDeps> = {}): BackgroundDeps {
  return {
    fetch: (input, init) => globalThis.fetch(input, init),
    timeoutMs: 2000,
    userAgent: "Placewise Support Helper/0.0.0-test",
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    readSettings: settingsStore.readSettings,
    readPolicy,
    updateSettings: settingsStore.updateSettings,
    readToken: tokenStore.readToken,
    readTokens: tokenStore.readTokens,
    writeToken: tokenStore.writeToken,
    moveToken: tokenStore.moveToken,
    forgetToken: tokenStore.forgetToken,
    hasHostPermission: async () => true,
    removeHostPermission: async () => {},
    sendLog: createSendLogStore(),
    sendGuard: createSendGuard(),
    ...overrides,
  };
}
