import type { Channel } from "./channel";
import type { EnvironmentId } from "./environments";

// The settings' shape, defaults and storage key: what every reader and the background's writer
// share. Apart from settings.ts (the pages' reads) so the parsers and the policy can use it
// without importing back the module that loads them.

// ---------------------------------------------------------------------------------------------
// Version 3 (current): several connections, one active, and the desk's preferences. Version 2
// was the same with the send log's preferences named history* (entrypoints/background/settings-migrations.ts).

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
  /** The channel last used per connection id; the popup opens each connection on its own. */
  lastChannelByConnection: Record<string, Channel>;
  /** Record sends in the send log. */
  sendLogEnabled: boolean;
  /** Send-log entries older than this are removed. */
  sendLogRetentionDays: number;
  /** The send log keeps at most this many entries. */
  sendLogMaxEntries: number;
  /** Ask before sending to an address Placewise accepted a send for this recently; 0 turns it off. */
  recentSendMinutes: number;
  /** The toolbar button (and its shortcut) opens the side panel instead of the popup (Chrome, Edge, Firefox). */
  toolbarOpensSidePanel: boolean;
}

/** Version 3 of the stored settings. */
export interface StoredSettingsV3 {
  connections: Connection[];
  /** The connection sends use; null only when there is none. */
  activeConnectionId: string | null;
  preferences: Preferences;
}

/** The current settings shape. */
export type StoredSettings = StoredSettingsV3;

/** Preferences before the operator changes any. */
export const DEFAULT_PREFERENCES: Preferences = {
  precheck: true,
  lastChannel: null,
  lastChannelByConnection: {},
  sendLogEnabled: true,
  sendLogRetentionDays: 90,
  sendLogMaxEntries: 5000,
  recentSendMinutes: 10,
  toolbarOpensSidePanel: false,
};

/** The preferences kept as whole numbers. */
export type NumberPreference = "recentSendMinutes" | "sendLogRetentionDays" | "sendLogMaxEntries";

/** The range each number preference must be in; outside it the default applies. */
export const NUMBER_PREFERENCE_RANGES: Record<NumberPreference, { min: number; max: number }> = {
  recentSendMinutes: { min: 0, max: 1440 },
  sendLogRetentionDays: { min: 1, max: 3650 },
  sendLogMaxEntries: { min: 100, max: 50_000 },
};

/** Settings before anything was saved. */
export const EMPTY_SETTINGS: StoredSettings = {
  connections: [],
  activeConnectionId: null,
  preferences: DEFAULT_PREFERENCES,
};

/** The schema version written today; bump it and add a migration when the shape changes. */
export const SETTINGS_VERSION = 3;

/** The connection sends use, or null before one is saved. */
export function activeConnection(settings: StoredSettings): Connection | null {
  return settings.connections.find((c) => c.id === settings.activeConnectionId) ?? null;
}

/** The storage.local key of the settings. */
export const SETTINGS_KEY = "settings";
