import type { BulkRecipient } from "@/utils/bulk-input";
import { isOutcomeKind, mayHaveReachedMember } from "@/utils/outcome-traits";
import { recipientKey, type SendLogEntry } from "@/utils/send-log";

/** A member of the list whom a send in the desk's repeat window may already have reached. */
export interface RecentMember {
  recipient: BulkRecipient;
  /** When that send started, epoch ms (the newest one). */
  at: number;
}

/**
 * The list's members a logged send may have reached (accepted, or unclear: the outcome table's
 * `mayHaveReachedMember`), for the same API host and club, as the popup's repeat guard compares
 * them (utils/send-log.ts findReachedSince). `entries` are the sends of the window.
 */
export function findRecentlyReached(
  recipients: readonly BulkRecipient[],
  entries: readonly SendLogEntry[],
  target: { host: string; club: string },
): RecentMember[] {
  const newest = new Map<string, number>();
  for (const entry of entries) {
    if (!isOutcomeKind(entry.outcome) || !mayHaveReachedMember(entry.outcome)) continue;
    if (entry.host !== target.host || entry.club !== target.club) continue;
    const key = `${entry.channel}:${recipientKey(entry.channel, entry.recipient)}`;
    newest.set(key, Math.max(newest.get(key) ?? 0, entry.at));
  }
  if (newest.size === 0) return [];
  const found: RecentMember[] = [];
  for (const recipient of recipients) {
    const at = newest.get(`${recipient.channel}:${recipientKey(recipient.channel, recipient.recipient)}`);
    if (at !== undefined) found.push({ recipient, at });
  }
  return found;
}
