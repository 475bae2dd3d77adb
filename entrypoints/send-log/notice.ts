import { describeSendOutcome, type OutcomeWording } from "@/utils/describe-outcome";
import { formatNumber } from "@/utils/format";
import { t } from "@/utils/i18n";
import type { SendOutcome } from "@/utils/send-outcome";

/** What the page last reports in its status or alert region. */
export type SendLogNotice =
  | { kind: "sending"; recipient: string }
  | { kind: "sent"; outcome: SendOutcome }
  | { kind: "connectionGone"; label: string }
  | { kind: "sendFailed" }
  | { kind: "exported"; count: number; file: string }
  | { kind: "exportFailed" }
  | { kind: "cleared" }
  | { kind: "clearFailed" };

/** The last notice in words, for the page's status or alert region. */
export function noticeWording(notice: SendLogNotice | null): {
  wording: OutcomeWording | null;
  pendingText?: string;
} {
  const success = (summary: string): { wording: OutcomeWording } => ({
    wording: { tone: "success", summary, details: [] },
  });
  const failure = (summary: string, nextStep: string): { wording: OutcomeWording } => ({
    wording: { tone: "error", summary, nextStep, details: [] },
  });
  switch (notice?.kind) {
    case undefined:
      return { wording: null };
    case "sending":
      return { wording: null, pendingText: t("sendLog_sending", notice.recipient) };
    case "sent":
      return { wording: describeSendOutcome(notice.outcome) };
    case "connectionGone":
      return failure(t("sendLog_connectionGone", notice.label), t("sendLog_connectionGone_next"));
    case "sendFailed":
      return failure(t("sendLog_sendFailed"), t("sendLog_sendFailed_next"));
    case "exported":
      return success(t("sendLog_exported", formatNumber(notice.count), notice.file));
    case "exportFailed":
      return failure(t("sendLog_exportFailed"), t("sendLog_exportFailed_next"));
    case "cleared":
      return success(t("sendLog_cleared"));
    case "clearFailed":
      return failure(t("sendLog_clearFailed"), t("sendLog_sendFailed_next"));
  }
}
