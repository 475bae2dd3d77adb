import type { StoredChangeResult } from "@/utils/messages";
import { normalizeSettings } from "@/utils/settings-normalize";
import type { BackgroundDeps } from "./deps";

/**
 * Merges some preferences into the saved ones. Values are checked by the settings normalizer, so a
 * bad value from a page becomes the default rather than a broken setting. Tighter history caps
 * apply at once.
 */
export async function setPreferences(deps: BackgroundDeps, data: unknown): Promise<StoredChangeResult> {
  if (typeof data !== "object" || data === null) return { ok: true };
  const update = await deps.updateSettings((settings) =>
    normalizeSettings({ ...settings, preferences: { ...settings.preferences, ...data } }),
  );
  if (!update.ok) return { ok: false, reason: update.reason };
  const { before, after } = update;
  const { sendLogMaxEntries, sendLogRetentionDays } = after.preferences;
  if (
    sendLogMaxEntries < before.preferences.sendLogMaxEntries ||
    sendLogRetentionDays < before.preferences.sendLogRetentionDays
  ) {
    // The preferences this change did not touch; also right when the write was refused.
    await deps.sendLog.prune(before.preferences, deps.now());
  }
  return { ok: true };
}
