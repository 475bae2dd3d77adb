import { browser } from "wxt/browser";
import type { Channel } from "./channel";
import type { EnvironmentId } from "./environments";
import type { PolicyReport } from "./policy";

// ---------------------------------------------------------------------------------------------
// Version 2 (current): several connections, one active, and the desk's preferences.

/**
 * One saved connection: environment, club and product, everything but the token, which only the
 * background reads (entrypoints/background/token-store.ts). Pages may read this; it holds no secret.
 */
export interface Connection {
  /** Stable id; the token is stored under it. */
  id: string;
  /** What the operator calls it, e.g. the mall's name; shown in the popup's switcher. */
  label: string;
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
  /** Message language sent as `language`, or "" for the club's default. */
  language: string;
  /** Custom link put in the message, sent as `login_url`, or "". */
  loginUrl: string;
  /** The club's member identifiers as last read from Placewise; [] while unknown. */
  memberIdentifiers: Channel[];
  /** The club's country (ISO 3166-1 alpha-2) for phone numbers typed without a country code; "" while unknown. */
  country: string;
  /** Set by the organisation's policy (utils/policy.ts): its fields are the policy's, only the token is the operator's. */
  fromPolicy?: true;
}

/** The desk's preferences, shared by every connection. */
export interface Preferences {
  /** Look the member up (public_info) while the operator types. */
  precheck: boolean;
  /** The channel the operator used last, for clubs that have both. */
  lastChannel: Channel | null;
  /** Record sends in the send log. */
  historyEnabled: boolean;
  /** Send-log entries older than this are removed. */
  historyRetentionDays: number;
  /** The send log keeps at most this many entries. */
  historyMaxEntries: number;
  /** Ask before sending to an address Placewise accepted a send for this recently; 0 turns it off. */
  recentSendMinutes: number;
  /** The toolbar button (and its shortcut) opens the side panel instead of the popup (Chrome, Edge, Firefox). */
  toolbarOpensSidePanel: boolean;
}

/** Version 2 of the stored settings. */
export interface StoredSettingsV2 {
  connections: Connection[];
  /** The connection sends use; null only when there is none. */
  activeConnectionId: string | null;
  preferences: Preferences;
}

/** The current settings shape. */
export type StoredSettings = StoredSettingsV2;

/** Preferences before the operator changes any. */
export const DEFAULT_PREFERENCES: Preferences = {
  precheck: true,
  lastChannel: null,
  historyEnabled: true,
  historyRetentionDays: 90,
  historyMaxEntries: 5000,
  recentSendMinutes: 10,
  toolbarOpensSidePanel: false,
};

/** The preferences kept as whole numbers. */
export type NumberPreference = "recentSendMinutes" | "historyRetentionDays" | "historyMaxEntries";

/** The range each number preference must be in; outside it the default applies. */
export const NUMBER_PREFERENCE_RANGES: Record<NumberPreference, { min: number; max: number }> = {
  recentSendMinutes: { min: 0, max: 1440 },
  historyRetentionDays: { min: 1, max: 3650 },
  historyMaxEntries: { min: 100, max: 50_000 },
};

/** Settings before anything was saved. */
export const EMPTY_SETTINGS: StoredSettings = {
  connections: [],
  activeConnectionId: null,
  preferences: DEFAULT_PREFERENCES,
};

/** The schema version written today; bump it and add a migration when the shape changes. */
export const SETTINGS_VERSION = 2;

/** The connection sends use, or null before one is saved. */
export function activeConnection(settings: StoredSettings): Connection | null {
  return settings.connections.find((c) => c.id === settings.activeConnectionId) ?? null;
}

/** Storage keys: the value, and the metadata @wxt-dev/storage keeps beside it (`{v: version}`). */
export const SETTINGS_KEY = "settings";
const SETTINGS_META_KEY = `${SETTINGS_KEY}$`;

/**
 * Reads the settings in effect: storage.local's, with the organisation's policy merged over them
 * (utils/settings-policy.ts). Pages use this rather than the storage library so the popup stays
 * within its size budget; it never writes (the background owns writes).
 */
export async function readSettings(): Promise<StoredSettings> {
  const [stored, policy, merge] = await Promise.all([
    readStoredSettings(),
    import("./policy").then((p) => p.readPolicy()),
    import("./settings-policy"),
  ]);
  return merge.applyPolicy(stored, policy.policy);
}

/** The operator's settings as stored, migrated and normalized, without the policy. */
async function readStoredSettings(): Promise<StoredSettings> {
  // Loaded while storage answers: the normalizer's URL checks would push the popup's up-front
  // bytes over their 15 KB budget, and fetching the chunk beside the read costs no extra wait.
  const normalizer = import("./settings-normalize");
  const stored = await browser.storage.local.get([SETTINGS_KEY, SETTINGS_META_KEY]);
  const meta = stored[SETTINGS_META_KEY] as { v?: unknown } | undefined;
  // No version recorded means version 1: @wxt-dev/storage writes `v` only from the first write on.
  const version = typeof meta?.v === "number" ? meta.v : 1;
  const raw = stored[SETTINGS_KEY];
  // The migrations load only when an old value is found (rarely: the background migrates at start).
  if (version < SETTINGS_VERSION)
    return (await import("./settings-migrations")).migrateSettings(raw, version);
  return (await normalizer).normalizeSettings(raw);
}

/** The settings as read, and how many stored connections they leave out because they cannot be read. */
export interface SettingsReport {
  settings: StoredSettings;
  /** Shown by the options page, so a connection that vanished is saved again rather than searched for. */
  unreadableConnections: number;
  /** The organisation's policy, already merged into `settings`; the options page shows what it locks. */
  policy: PolicyReport;
}

/**
 * readSettings for the options page, with a count of the connections the normalizer dropped and
 * the policy, from the same reads. Apart from readSettings, which the popup loads up front (15 KB budget).
 */
export async function readSettingsReport(): Promise<SettingsReport> {
  const [normalizer, merge, policy, stored] = await Promise.all([
    import("./settings-normalize"),
    import("./settings-policy"),
    import("./policy").then((p) => p.readPolicy()),
    browser.storage.local.get([SETTINGS_KEY, SETTINGS_META_KEY]),
  ]);
  const meta = stored[SETTINGS_META_KEY] as { v?: unknown } | undefined;
  // An older value (no version means 1) is migrated by readSettings; its one connection counts none.
  const report =
    typeof meta?.v !== "number" || meta.v < SETTINGS_VERSION
      ? { settings: await readStoredSettings(), unreadableConnections: 0 }
      : normalizer.reportSettings(stored[SETTINGS_KEY]);
  return { ...report, settings: merge.applyPolicy(report.settings, policy.policy), policy };
}

/**
 * Calls back whenever the settings in effect change: the stored ones, or the organisation's
 * policy (storage.managed, which IT may change while the browser runs). Returns a stop function.
 */
export function watchSettings(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if ((area === "local" && SETTINGS_KEY in changes) || area === "managed") onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
