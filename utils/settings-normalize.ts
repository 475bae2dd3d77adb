import { type Channel, isChannel } from "./channel";
import { ENVIRONMENT_BASE_URLS, isEnvironmentId } from "./environments";
import { isRecord } from "./is-record";
import {
  type Connection,
  DEFAULT_PREFERENCES,
  EMPTY_SETTINGS,
  NUMBER_PREFERENCE_RANGES,
  type NumberPreference,
  type Preferences,
  type StoredSettings,
} from "./settings-schema";
import { checkBaseUrl, checkLoginUrl, isClubSlug } from "./validation/url";

// Apart from settings.ts so pages load it beside their first storage read (see readSettings).

/**
 * Reads any raw v2 value into the current shape. Storage is not trusted to hold what we wrote
 * (an older build, a hand edit): a connection that cannot be read is dropped, a bad preference
 * takes its default, and an active id that names no connection falls back to the first one. The
 * URL and slug checks are the options form's own: a stored value is no safer than a typed one.
 */
export function normalizeSettings(raw: unknown): StoredSettings {
  return reportSettings(raw).settings;
}

/** What the parser read, and how many stored connections it dropped (a repeated id counts too). */
export interface NormalizedSettings {
  settings: StoredSettings;
  unreadableConnections: number;
}

/** normalizeSettings, counting the stored connections it dropped. */
export function reportSettings(raw: unknown): NormalizedSettings {
  if (!isRecord(raw)) return { settings: EMPTY_SETTINGS, unreadableConnections: 0 };
  const stored: unknown[] = Array.isArray(raw.connections) ? raw.connections : [];
  const connections = stored
    .map(normalizeConnection)
    .filter((c): c is Connection => c !== null)
    .filter((c, index, all) => all.findIndex((other) => other.id === c.id) === index);
  const active = connections.find((c) => c.id === raw.activeConnectionId) ?? connections[0] ?? null;
  return {
    settings: {
      connections,
      activeConnectionId: active?.id ?? null,
      preferences: normalizePreferences(raw.preferences),
    },
    unreadableConnections: stored.length - connections.length,
  };
}

function normalizeConnection(raw: unknown): Connection | null {
  if (!isRecord(raw)) return null;
  const { id, environment, clubSlug } = raw;
  if (typeof id !== "string" || id === "" || !isEnvironmentId(environment)) return null;
  // A base URL that is not one is dropped with its connection rather than kept "unusable": every
  // page and the background would otherwise need to guard each `new URL()` (one blanked the popup).
  const checked = checkBaseUrl(
    environment === "custom" ? text(raw.baseUrl) : ENVIRONMENT_BASE_URLS[environment],
  );
  if (!checked.ok || typeof clubSlug !== "string" || !isClubSlug(clubSlug)) return null;
  const loginUrl = text(raw.loginUrl) === "" ? null : checkLoginUrl(text(raw.loginUrl));
  return {
    id,
    label: text(raw.label) || clubSlug,
    environment,
    baseUrl: checked.url,
    productName: text(raw.productName) || "default",
    clubSlug,
    customerId: text(raw.customerId),
    rememberToken: raw.rememberToken !== false,
    hasToken: raw.hasToken === true,
    language: text(raw.language),
    // A login URL goes into members' messages: one that fails the check (javascript:) is cleared.
    loginUrl: loginUrl?.ok ? loginUrl.url : "",
    memberIdentifiers: Array.isArray(raw.memberIdentifiers) ? raw.memberIdentifiers.filter(isChannel) : [],
    country: /^[A-Z]{2}$/u.test(text(raw.country)) ? text(raw.country) : "",
    // A policy connection the policy no longer lists stays set aside, never becomes the operator's.
    ...(raw.fromPolicy === true ? { fromPolicy: true as const } : {}),
  };
}

function normalizePreferences(raw: unknown): Preferences {
  const p = isRecord(raw) ? raw : {};
  const whole = (value: unknown, key: NumberPreference) => {
    const { min, max } = NUMBER_PREFERENCE_RANGES[key];
    return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
      ? value
      : DEFAULT_PREFERENCES[key];
  };
  return {
    precheck: typeof p.precheck === "boolean" ? p.precheck : DEFAULT_PREFERENCES.precheck,
    lastChannel: isChannel(p.lastChannel) ? p.lastChannel : null,
    lastChannelByConnection: Object.fromEntries(
      Object.entries(isRecord(p.lastChannelByConnection) ? p.lastChannelByConnection : {}).filter(([, c]) =>
        isChannel(c),
      ),
    ) as Record<string, Channel>,
    sendLogEnabled:
      typeof p.sendLogEnabled === "boolean" ? p.sendLogEnabled : DEFAULT_PREFERENCES.sendLogEnabled,
    sendLogRetentionDays: whole(p.sendLogRetentionDays, "sendLogRetentionDays"),
    sendLogMaxEntries: whole(p.sendLogMaxEntries, "sendLogMaxEntries"),
    recentSendMinutes: whole(p.recentSendMinutes, "recentSendMinutes"),
    toolbarOpensSidePanel: p.toolbarOpensSidePanel === true,
  };
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * What to store: `next`, plus whatever the stored value held that this build does not read (a
 * field a later build of the same version added), so a write from here does not drop it.
 */
export function withUnknownFields(raw: unknown, next: StoredSettings): StoredSettings {
  const old = isRecord(raw) ? raw : {};
  const oldConnections = Array.isArray(old.connections) ? old.connections.filter(isRecord) : [];
  return {
    ...old,
    ...next,
    connections: next.connections.map((c) => ({ ...oldConnections.find((o) => o.id === c.id), ...c })),
    preferences: { ...(isRecord(old.preferences) ? old.preferences : {}), ...next.preferences },
  };
}
