import { storage } from "wxt/utils/storage";
import { EMPTY_SETTINGS, SETTINGS_KEY, SETTINGS_VERSION, type StoredSettings } from "./settings";
import { SETTINGS_MIGRATIONS } from "./settings-migrations";

/**
 * The settings as a typed, versioned storage item, in storage.local (never sync: settings name a
 * customer's systems). The background writes through it; its migrations run when it loads.
 */
export const settingsItem = storage.defineItem<StoredSettings>(`local:${SETTINGS_KEY}`, {
  fallback: EMPTY_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});
