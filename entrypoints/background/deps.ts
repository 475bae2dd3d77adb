import { browser } from "wxt/browser";
import { DEFAULT_TIMEOUT_MS } from "@/utils/api/client";
import { normalizeSettings, type StoredSettings } from "@/utils/settings";
import { settingsItem } from "@/utils/settings-item";
import * as tokenStore from "./token-store";

/** What the background's handlers need from the browser; tests pass fakes and the sandbox's fetch. */
export interface BackgroundDeps {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Sent as x-user-agent: `<extension name>/<version>`. */
  userAgent: string;
  readSettings(): Promise<StoredSettings>;
  writeSettings(settings: StoredSettings): Promise<void>;
  readToken(rememberToken: boolean): Promise<string | null>;
  writeToken(token: string, rememberToken: boolean): Promise<void>;
  moveToken(fromRemembered: boolean, toRemembered: boolean): Promise<void>;
  forgetToken(): Promise<void>;
  /** Whether the extension may reach an origin pattern (host_permissions or granted optional ones). */
  hasHostPermission(originPattern: string): Promise<boolean>;
}

/** The product name in x-user-agent; the manifest's own name is a catalog reference. */
export const USER_AGENT_PRODUCT = "Placewise Support Helper";

/** The real dependencies, for the running extension. */
export function createBrowserDeps(): BackgroundDeps {
  return {
    // Bound: calling an unbound fetch throws "Illegal invocation" in Chrome.
    fetch: globalThis.fetch.bind(globalThis),
    timeoutMs: DEFAULT_TIMEOUT_MS,
    userAgent: `${USER_AGENT_PRODUCT}/${browser.runtime.getManifest().version}`,
    // Through the storage item, so its migrations have run before anything is read.
    readSettings: async () => normalizeSettings(await settingsItem.getValue()),
    writeSettings: (settings) => settingsItem.setValue(settings),
    ...tokenStore,
    hasHostPermission: (originPattern) => browser.permissions.contains({ origins: [originPattern] }),
  };
}
