import { afterAll, afterEach, beforeAll } from "vitest";
import { settingsItem } from "@/entrypoints/background/settings-item";
import { writeToken } from "@/entrypoints/background/token-store";
import type { SendRequest } from "@/utils/messages";
import type { Connection, Preferences } from "@/utils/settings";
import { resetSandbox, SANDBOX_TOKENS, type SandboxState } from "../sandbox";
import { createInProcessSandbox } from "./background-deps";
import { testConnection, testSettings } from "./connections";

/**
 * The in-process sandbox for a file (or a describe block) of tests: listening before the first test
 * (an unhandled request fails the test), emptied after each, closed after the last. Returns its state.
 */
export function useInProcessSandbox(): SandboxState {
  return useInProcessSandboxServer().state;
}

/**
 * useInProcessSandbox, also handing out the MSW server for a test that puts its own answer in
 * front of the sandbox's (server.use); those answers are dropped after each test.
 */
export function useInProcessSandboxServer() {
  const sandbox = createInProcessSandbox();
  const { state, server } = sandbox;
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    resetSandbox(state);
  });
  afterAll(() => server.close());
  return sandbox;
}

/** Stores one connection (testConnection with `changes`), active, and its token, as Save would. */
export async function configureConnection(
  token: string = SANDBOX_TOKENS.full,
  changes: Partial<Connection> = {},
  preferences: Partial<Preferences> = {},
): Promise<Connection> {
  const connection = testConnection(changes);
  await settingsItem.setValue(testSettings([connection], preferences));
  await writeToken(connection.id, token, connection.rememberToken);
  return connection;
}

/** A send by email from the popup, as the page asks for it. */
export function emailRequest(recipient: string, extra: Partial<SendRequest> = {}): SendRequest {
  return { channel: "email", recipient, source: "popup", ...extra };
}
