import type { StorageFailure } from "@/utils/messages";
import { readPolicy } from "@/utils/policy";
import { SETTINGS_VERSION, type StoredSettings } from "@/utils/settings";
import { normalizeSettings, withUnknownFields } from "@/utils/settings-normalize";
import { applyPolicy, storedAfterChange } from "@/utils/settings-policy";
import { createSerialQueue } from "./serial-queue";
import { settingsItem } from "./settings-item";

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

/**
 * The settings in effect: as this build reads them (through the storage item, so its migrations
 * have run), with the organisation's policy merged over them. Read fresh each time: the policy
 * can change while the service worker runs, and a worker restart would lose any cached copy.
 */
export async function readSettings(): Promise<StoredSettings> {
  const [raw, report] = await Promise.all([settingsItem.getValue(), readPolicy()]);
  return applyPolicy(normalizeSettings(raw), report.policy);
}

/**
 * The background's only settings write: read -> change -> write, one update at a time. It never
 * writes over settings a newer build saved (this build would drop what it cannot read), keeps
 * fields it does not know, and answers a failed write (a full storage area) as a value. The change
 * sees the settings in effect (policy merged); only the operator's part of the result is stored.
 */
export function updateSettings(change: SettingsChange): Promise<SettingsUpdate> {
  return inOrder(async () => {
    let raw: unknown;
    let meta: { v?: unknown };
    const policy = (await readPolicy()).policy;
    try {
      [raw, meta] = await Promise.all([settingsItem.getValue(), settingsItem.getMeta()]);
    } catch {
      return {
        ok: false,
        reason: "storage-failed",
        before: applyPolicy(normalizeSettings(undefined), policy),
      };
    }
    const stored = normalizeSettings(raw);
    const before = applyPolicy(stored, policy);
    if (typeof meta.v === "number" && meta.v > SETTINGS_VERSION)
      return { ok: false, reason: "newer-version", before };
    const after = change(before);
    if (after === null) return { ok: true, before, after: before };
    try {
      await settingsItem.setValue(withUnknownFields(raw, storedAfterChange(stored, before, after, policy)));
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
