import type { StorageFailure } from "@/utils/messages";
import { SETTINGS_VERSION, type StoredSettings } from "@/utils/settings";
import { settingsItem } from "@/utils/settings-item";
import { normalizeSettings, withUnknownFields } from "@/utils/settings-normalize";
import { createSerialQueue } from "./serial-queue";

/** A change to the settings: the new value, or null to leave them as they are. */
export type SettingsChange = (current: StoredSettings) => StoredSettings | null;

/** What an update did: the settings before and after it, or why nothing was written. */
export type SettingsUpdate =
  | { ok: true; before: StoredSettings; after: StoredSettings }
  | (StorageFailure & { before: StoredSettings });

// One queue for the one settings key, however many deps objects share this module: two pages
// changing different settings at the same moment (the popup's channel and connection) would
// otherwise each write back what the other had not yet written, and one change would be lost.
const inOrder = createSerialQueue();

/** The settings as this build reads them; through the storage item, so its migrations have run. */
export async function readSettings(): Promise<StoredSettings> {
  return normalizeSettings(await settingsItem.getValue());
}

/**
 * The background's only settings write: read -> change -> write, one update at a time. It never
 * writes over settings a newer build saved (this build would drop what it cannot read), keeps
 * fields it does not know, and answers a failed write (a full storage area) as a value.
 */
export function updateSettings(change: SettingsChange): Promise<SettingsUpdate> {
  return inOrder(async () => {
    let raw: unknown;
    let meta: { v?: unknown };
    try {
      [raw, meta] = await Promise.all([settingsItem.getValue(), settingsItem.getMeta()]);
    } catch {
      return { ok: false, reason: "storage-failed", before: normalizeSettings(undefined) };
    }
    const before = normalizeSettings(raw);
    if (typeof meta.v === "number" && meta.v > SETTINGS_VERSION)
      return { ok: false, reason: "newer-version", before };
    const after = change(before);
    if (after === null) return { ok: true, before, after: before };
    try {
      await settingsItem.setValue(withUnknownFields(raw, after));
    } catch {
      return { ok: false, reason: "storage-failed", before };
    }
    return { ok: true, before, after };
  });
}

/** Runs a storage write (a token's), answering a failure as a value instead of a raw browser error. */
export async function storageWrite(work: () => Promise<void>): Promise<{ ok: true } | StorageFailure> {
  try {
    await work();
    return { ok: true };
  } catch {
    return { ok: false, reason: "storage-failed" };
  }
}
