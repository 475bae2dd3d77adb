import { storage } from "wxt/utils/storage";
import { EMPTY_SETTINGS, SETTINGS_KEY, SETTINGS_VERSION, type StoredSettings } from "@/utils/settings-schema";
import { SETTINGS_MIGRATIONS } from "./settings-migrations";

/**
 * The settings as a typed, versioned storage item, in storage.local (never sync: settings name a
 * customer's systems). Only the background reads and writes through it; its migrations run when
 * the background loads it, so pages (utils/settings.ts) only ever meet the current shape.
 */
export const settingsItem = storage.defineItem<StoredSettings>(`local:${SETTINGS_KEY}`, {
  fallback: EMPTY_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});
