import { browser } from "wxt/browser";
import { type EnvironmentId, isEnvironmentId } from "./environments";

/**
 * The connection the extension sends with: everything but the token, which only the background
 * reads (see entrypoints/background/token-store.ts). Pages may read this; it holds no secret.
 */
export interface ConnectionSettings {
  /** Which Placewise environment the base URL belongs to. */
  environment: EnvironmentId;
  /** API base URL without a trailing slash, e.g. https://api.mpc.placewise.com. */
  baseUrl: string;
  /** Sent as x-product-name; must match the token's product when the token is scoped. */
  productName: string;
  /** Loyalty club slug used in the path and as X-Loyalty-Club-Slug. */
  clubSlug: string;
  /** Digits sent as X-Customer, or "" to leave the header out. */
  customerId: string;
  /** false: the token lives in storage.session only and is gone when the browser closes. */
  rememberToken: boolean;
  /** Whether a client token is stored; the popup shows "not configured" without one. */
  hasToken: boolean;
}

/** Version 1 of the stored settings: one connection, or null before the first save. */
export interface StoredSettingsV1 {
  connection: ConnectionSettings | null;
}

/** The current settings shape. */
export type StoredSettings = StoredSettingsV1;

/** Settings before anything was saved. */
export const EMPTY_SETTINGS: StoredSettings = { connection: null };

/**
 * Reads any raw stored value into the current shape. Storage is not trusted to hold what we wrote
 * (an older build, a hand edit, a sync tool): anything unreadable becomes "not configured".
 */
export function normalizeSettings(raw: unknown): StoredSettings {
  if (!isRecord(raw) || !isRecord(raw.connection)) return EMPTY_SETTINGS;
  const c = raw.connection;
  if (
    !isEnvironmentId(c.environment) ||
    typeof c.baseUrl !== "string" ||
    typeof c.clubSlug !== "string" ||
    c.baseUrl === "" ||
    c.clubSlug === ""
  ) {
    return EMPTY_SETTINGS;
  }
  return {
    connection: {
      environment: c.environment,
      baseUrl: c.baseUrl,
      productName: typeof c.productName === "string" && c.productName !== "" ? c.productName : "default",
      clubSlug: c.clubSlug,
      customerId: typeof c.customerId === "string" ? c.customerId : "",
      rememberToken: c.rememberToken !== false,
      hasToken: c.hasToken === true,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The schema version written today; bump it and add a migration when the shape changes. */
export const SETTINGS_VERSION = 1;

/**
 * Migrations by the version they produce (version N's function turns an N-1 value into N). The one
 * list used by the background's storage item (settings-item.ts) and by pages reading directly.
 */
export const SETTINGS_MIGRATIONS: Record<number, (old: unknown) => unknown> = {};

/** Storage keys: the value, and the metadata @wxt-dev/storage keeps beside it (`{v: version}`). */
export const SETTINGS_KEY = "settings";
const SETTINGS_META_KEY = `${SETTINGS_KEY}$`;

/** Brings a raw stored value of any past version to the current shape. */
export function migrateSettings(raw: unknown, fromVersion: number): StoredSettings {
  let value = raw;
  for (let version = fromVersion + 1; version <= SETTINGS_VERSION; version++) {
    value = SETTINGS_MIGRATIONS[version]?.(value) ?? value;
  }
  return normalizeSettings(value);
}

/**
 * Reads the settings straight from storage.local. Pages use this rather than the storage library
 * so the popup stays within its size budget; it never writes (the background owns writes).
 */
export async function readSettings(): Promise<StoredSettings> {
  const stored = await browser.storage.local.get([SETTINGS_KEY, SETTINGS_META_KEY]);
  const meta = stored[SETTINGS_META_KEY] as { v?: unknown } | undefined;
  return migrateSettings(stored[SETTINGS_KEY], typeof meta?.v === "number" ? meta.v : 1);
}

/** Calls back whenever the stored settings change; returns a function that stops watching. */
export function watchSettings(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === "local" && SETTINGS_KEY in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
