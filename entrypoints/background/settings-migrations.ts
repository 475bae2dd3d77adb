import type { EnvironmentId } from "@/utils/environments";
import { isRecord } from "@/utils/is-record";
import { normalizeSettings } from "@/utils/settings-normalize";
import {
  DEFAULT_PREFERENCES,
  EMPTY_SETTINGS,
  SETTINGS_VERSION,
  type StoredSettings,
} from "@/utils/settings-schema";

// The settings' past shapes and how each becomes the next. Only the background's storage item
// (settings-item.ts) runs them, when the background starts.

// ---------------------------------------------------------------------------------------------
// Version 1 (kept for its migration): one connection.

/** A v1 connection: everything but the token. */
export interface ConnectionSettingsV1 {
  environment: EnvironmentId;
  baseUrl: string;
  productName: string;
  clubSlug: string;
  customerId: string;
  rememberToken: boolean;
  hasToken: boolean;
}

/** Version 1 of the stored settings: one connection, or null before the first save. */
export interface StoredSettingsV1 {
  connection: ConnectionSettingsV1 | null;
}

/** The id the v1 -> v2 migration gives the one v1 connection; the token store adopts its token. */
export const MIGRATED_CONNECTION_ID = "connection-1";

/**
 * Migrations by the version they produce (version N's function turns an N-1 value into N). The one
 * list, used by the background's storage item (settings-item.ts).
 */
export const SETTINGS_MIGRATIONS: Record<number, (old: unknown) => unknown> = {
  2: (old: unknown): unknown => {
    // Already v2 (the version mark can be missing, e.g. after storage was cleared by hand): keep it.
    if (isRecord(old) && Array.isArray(old.connections)) return old;
    const v1 = old as Partial<StoredSettingsV1> | null | undefined;
    const connection = v1?.connection;
    if (!isRecord(connection)) return EMPTY_SETTINGS;
    return {
      connections: [
        {
          ...connection,
          id: MIGRATED_CONNECTION_ID,
          label: typeof connection.clubSlug === "string" ? connection.clubSlug : "",
          language: "",
          loginUrl: "",
          memberIdentifiers: [],
          country: "",
        },
      ],
      activeConnectionId: MIGRATED_CONNECTION_ID,
      // Today's defaults, already in the latest shape: the later migrations leave them as they are.
      preferences: DEFAULT_PREFERENCES,
    };
  },
  3: (old: unknown): unknown => {
    // The send log's preferences were called history* while the UI already said "send log".
    if (!isRecord(old) || !isRecord(old.preferences)) return old;
    const preferences: Record<string, unknown> = { ...old.preferences };
    for (const [from, to] of SEND_LOG_RENAMES) {
      if (!Object.hasOwn(preferences, from)) continue;
      if (!Object.hasOwn(preferences, to)) preferences[to] = preferences[from];
      delete preferences[from];
    }
    return { ...old, preferences };
  },
};

/** Version 2's preference keys and the names version 3 gives them. */
const SEND_LOG_RENAMES = [
  ["historyEnabled", "sendLogEnabled"],
  ["historyRetentionDays", "sendLogRetentionDays"],
  ["historyMaxEntries", "sendLogMaxEntries"],
] as const;

/** Brings a raw stored value of any past version to the current shape. */
export function migrateSettings(raw: unknown, fromVersion: number): StoredSettings {
  let value = raw;
  for (let version = fromVersion + 1; version <= SETTINGS_VERSION; version++) {
    value = SETTINGS_MIGRATIONS[version]?.(value) ?? value;
  }
  return normalizeSettings(value);
}
