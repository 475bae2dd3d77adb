import { browser } from "wxt/browser";
import { type PolicyReport, readPolicy } from "@/utils/policy";
import { SETTINGS_KEY, type StoredSettings } from "@/utils/settings";
import { DEFAULT_TIMEOUT_MS } from "./api/client";
import { createSendGuard, type SendGuard } from "./send-guard";
import { createSendLogStore, type SendLogStore } from "./send-log-store";
import type { SettingsChange, SettingsUpdate } from "./settings-store";
import * as settingsStore from "./settings-store";
import { dropAfter, mirrored } from "./storage-mirror";
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
 * The real dependencies, for the running extension. Settings, policy and tokens are read from
 * in-memory mirrors that any storage change (and each of the background's own writes) drops: a
 * send used to read all three from storage first (npm run bench, send overhead and bulk rate).
 * Tests pass what they replace (the sandbox's fetch, a clock, a permission answer) and keep the
 * rest of this wiring, rather than a copy of it.
 */
export function createBrowserDeps(overrides: Partial<BackgroundDeps> = {}): BackgroundDeps {
  const policy = mirrored(readPolicy, (_changes, area) => area === "managed");
  const settings = mirrored(
    settingsStore.readSettings,
    (changes, area) => area === "managed" || (area === "local" && SETTINGS_KEY in changes),
  );
  const tokens = mirrored(
    tokenStore.readTokens,
    (changes, area) => (area === "local" || area === "session") && tokenStore.TOKENS_STORAGE_KEY in changes,
  );
  const permissions = hostPermissionMirror();
  return {
    // Bound: calling an unbound fetch throws "Illegal invocation" in Chrome.
    fetch: globalThis.fetch.bind(globalThis),
    timeoutMs: DEFAULT_TIMEOUT_MS,
    // Read only when not given: fakeBrowser has no getManifest().
    userAgent: overrides.userAgent ?? `${USER_AGENT_PRODUCT}/${browser.runtime.getManifest().version}`,
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    readSettings: settings.read,
    readPolicy: policy.read,
    updateSettings: (change) => dropAfter(settingsStore.updateSettings(change), settings),
    readToken: (id, remembered) => dropAfter(tokenStore.readToken(id, remembered), tokens),
    readTokens: tokens.read,
    writeToken: (id, token, remembered) => dropAfter(tokenStore.writeToken(id, token, remembered), tokens),
    moveToken: (id, from, to) => dropAfter(tokenStore.moveToken(id, from, to), tokens),
    forgetToken: (id) => dropAfter(tokenStore.forgetToken(id), tokens),
    hasHostPermission: permissions.has,
    removeHostPermission: async (originPattern) => {
      await dropAfter(browser.permissions.remove({ origins: [originPattern] }), permissions);
    },
    sendLog: createSendLogStore(),
    sendGuard: createSendGuard(),
    isOnline: () => navigator.onLine,
    ...overrides,
  };
}

/** permissions.contains per origin pattern, asked again after any grant or removal. */
function hostPermissionMirror() {
  const known = new Map<string, Promise<boolean>>();
  const drop = () => known.clear();
  // A grant comes from the options page (permissions.request), so only these events say so.
  browser.permissions.onAdded.addListener(drop);
  browser.permissions.onRemoved.addListener(drop);
  return {
    drop,
    has(originPattern: string): Promise<boolean> {
      let answer = known.get(originPattern);
      if (answer === undefined) {
        answer = browser.permissions.contains({ origins: [originPattern] });
        known.set(originPattern, answer);
        answer.catch(() => known.delete(originPattern));
      }
      return answer;
    },
  };
}
