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

/**
 * A recipient as an operator reads it: a number in international format (`formatMsisdn`, from
 * utils/phone-format.ts, loaded only when the list holds a number), an email as it is.
 */
export function shownRecipient(
  entry: Pick<SendLogEntry, "channel" | "recipient">,
  formatMsisdn: (msisdn: string) => string,
): string {
  return entry.channel === "msisdn" ? formatMsisdn(entry.recipient) : entry.recipient;
}
