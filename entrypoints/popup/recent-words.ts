import { t } from "@/utils/i18n";
import { outcomeTone } from "@/utils/outcome-traits";
import type { SendLogEntry } from "@/utils/send-log";

/** A send-log entry's outcome in a word or two, with its HTTP status when there was one. */
export function recentOutcomeWords(entry: Pick<SendLogEntry, "outcome" | "status">): string {
  const tone = outcomeTone(entry.outcome);
  const word = t(
    entry.outcome === "member-not-found"
      ? "popup_recentNoMember"
      : tone === "ok"
        ? "popup_recentAccepted"
        : tone === "unclear"
          ? "popup_recentUnclear"
          : tone === "held"
            ? "popup_recentHeld"
            : "popup_recentFailed",
  );
  return entry.status === null || tone === "ok" ? word : t("popup_recentWithStatus", word, entry.status);
}

/** How long ago a send started, in the catalog's short words ("3 min ago"). */
export function timeAgo(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return t("popup_justNow");
  if (minutes < 60) return t("popup_minutesAgo", minutes);
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? t("popup_hoursAgo", hours) : t("popup_daysAgo", Math.floor(hours / 24));
}

/** A recipient as an operator reads it: MSISDNs get back their "+". */
export function shownRecipient(entry: Pick<SendLogEntry, "channel" | "recipient">): string {
  return entry.channel === "msisdn" ? `+${entry.recipient}` : entry.recipient;
}
