import { browser } from "wxt/browser";
import { type PolicyReport, readPolicy } from "@/utils/policy";
import type { StoredSettings } from "@/utils/settings";
import { DEFAULT_TIMEOUT_MS } from "./api/client";
import { createSendGuard, type SendGuard } from "./send-guard";
import { createSendLogStore, type SendLogStore } from "./send-log-store";
import type { SettingsChange, SettingsUpdate } from "./settings-store";
import * as settingsStore from "./settings-store";
import type { StoredTokens } from "./token-store";
import * as tokenStore from "./token-store";

/** What the background's handlers need from the browser; tests pass fakes and the sandbox's fetch. */
export interface BackgroundDeps {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Sent as x-user-agent: `<extension name>/<version>`. */
  userAgent: string;
  /** The clock, in epoch ms. */
  now(): number;
  /** A new unique id (connections, log entries). */
  newId(): string;
  /** The settings in effect: the operator's, with the organisation's policy merged over them. */
  readSettings(): Promise<StoredSettings>;
  /** The organisation's policy (storage.managed), parsed; what it forbids, handlers refuse. */
  readPolicy(): Promise<PolicyReport>;
  /** The only way to change the settings: read -> change -> write, one update at a time. */
  updateSettings(change: SettingsChange): Promise<SettingsUpdate>;
  readToken(connectionId: string, remembered: boolean): Promise<string | null>;
  /** Both token maps at once (see token-store.ts). */
  readTokens(): Promise<StoredTokens>;
  writeToken(connectionId: string, token: string, remembered: boolean): Promise<void>;
  moveToken(connectionId: string, fromRemembered: boolean, toRemembered: boolean): Promise<void>;
  forgetToken(connectionId: string): Promise<void>;
  /** Whether the extension may reach an origin pattern (host_permissions or granted optional ones). */
  hasHostPermission(originPattern: string): Promise<boolean>;
  /** Gives back an optional host permission no connection uses any more; may reject. */
  removeHostPermission(originPattern: string): Promise<void>;
  sendLog: SendLogStore;
  /** Holds a member while a send is under way and remembers sends that may have reached them. */
  sendGuard: SendGuard;
  /** navigator.onLine; a browser that says it is offline makes no request. */
  isOnline?: () => boolean;
}

/** The product name in x-user-agent; the manifest's own name is a catalog reference. */
export const USER_AGENT_PRODUCT = "Placewise Support Helper";

/**
 * The real dependencies, for the running extension. Tests pass what they replace (the sandbox's
 * fetch, a clock, a permission answer) and keep the rest of this wiring, rather than a copy of it.
 */
export function createBrowserDeps(overrides: Partial<BackgroundDeps> = {}): BackgroundDeps {
  return {
    // Bound: calling an unbound fetch throws "Illegal invocation" in Chrome.
    fetch: globalThis.fetch.bind(globalThis),
    timeoutMs: DEFAULT_TIMEOUT_MS,
    // Read only when not given: fakeBrowser has no getManifest().
    userAgent: overrides.userAgent ?? `${USER_AGENT_PRODUCT}/${browser.runtime.getManifest().version}`,
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
    hasHostPermission: (originPattern) => browser.permissions.contains({ origins: [originPattern] }),
    removeHostPermission: async (originPattern) => {
      await browser.permissions.remove({ origins: [originPattern] });
    },
    sendLog: createSendLogStore(),
    sendGuard: createSendGuard(),
    isOnline: () => navigator.onLine,
    ...overrides,
  };
}
