import { normalizeSettings } from "@/utils/settings";
import type { BackgroundDeps } from "./deps";

/**
 * Merges some preferences into the saved ones. Values are checked by the settings normalizer, so a
 * bad value from a page becomes the default rather than a broken setting. Tighter history caps
 * apply at once.
 */
export async function setPreferences(deps: BackgroundDeps, data: unknown): Promise<null> {
  if (typeof data !== "object" || data === null) return null;
  const settings = await deps.readSettings();
  const merged = normalizeSettings({ ...settings, preferences: { ...settings.preferences, ...data } });
  await deps.writeSettings(merged);
  const { historyMaxEntries, historyRetentionDays } = merged.preferences;
  if (
    historyMaxEntries < settings.preferences.historyMaxEntries ||
    historyRetentionDays < settings.preferences.historyRetentionDays
  ) {
    await deps.sendLog.prune(merged.preferences, deps.now());
  }
  return null;
}

/** Empties the send log. */
export async function clearSendLog(deps: BackgroundDeps): Promise<null> {
  await deps.sendLog.clear();
  return null;
}

/**
 * After a browser start or an extension update storage.session is empty: connections whose token
 * was kept for the session only have none now. Also applies the send log's age cap, which
 * otherwise runs only when something is sent.
 */
export async function onBrowserStart(deps: BackgroundDeps): Promise<void> {
  const settings = await deps.readSettings();
  const tokens = await deps.readTokens();
  const connections = settings.connections.map((c) =>
    !c.rememberToken && c.hasToken && !tokens.session[c.id] ? { ...c, hasToken: false } : c,
  );
  if (connections.some((c, i) => c !== settings.connections[i]))
    await deps.writeSettings({ ...settings, connections });
  await deps.sendLog.prune(settings.preferences, deps.now());
}
