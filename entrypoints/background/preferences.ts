import { normalizeSettings } from "@/utils/settings-normalize";
import type { BackgroundDeps } from "./deps";
import { tokenFor } from "./token-store";

/**
 * Merges some preferences into the saved ones. Values are checked by the settings normalizer, so a
 * bad value from a page becomes the default rather than a broken setting. Tighter history caps
 * apply at once.
 */
export async function setPreferences(deps: BackgroundDeps, data: unknown): Promise<null> {
  if (typeof data !== "object" || data === null) return null;
  const { before, after } = await deps.updateSettings((settings) =>
    normalizeSettings({ ...settings, preferences: { ...settings.preferences, ...data } }),
  );
  const { historyMaxEntries, historyRetentionDays } = after.preferences;
  if (
    historyMaxEntries < before.preferences.historyMaxEntries ||
    historyRetentionDays < before.preferences.historyRetentionDays
  ) {
    await deps.sendLog.prune(after.preferences, deps.now());
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
  const tokens = await deps.readTokens();
  const { after } = await deps.updateSettings((settings) => {
    const connections = settings.connections.map((c) =>
      !c.rememberToken && c.hasToken && tokenFor(tokens, c.id, false) === null
        ? { ...c, hasToken: false }
        : c,
    );
    return connections.some((c, i) => c !== settings.connections[i]) ? { ...settings, connections } : null;
  });
  await deps.sendLog.prune(after.preferences, deps.now());
}
