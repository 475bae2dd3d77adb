import type { BulkItemState, BulkRun } from "@/utils/bulk-run";
import type { Channel } from "@/utils/channel";
import type { OutcomeWording } from "@/utils/describe-outcome";
import { type MessageKey, t } from "@/utils/i18n";
import { tPlural } from "@/utils/plural";
import { SEND_PERMIT, type SendOutcomeKind } from "@/utils/send-outcome";
import type { BulkNotice, NumberProblem } from "./store";

/** Locale-aware formatting, made once per page. */
export interface Formats {
  number: Intl.NumberFormat;
  seconds: Intl.NumberFormat;
  minutes: Intl.NumberFormat;
  hours: Intl.NumberFormat;
}

/** The page's formats for its language. */
export function createFormats(locale: string): Formats {
  const unit = (name: string) =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "long" });
  return {
    number: new Intl.NumberFormat(locale),
    seconds: unit("second"),
    minutes: unit("minute"),
    hours: unit("hour"),
  };
}

/** Each channel's name. */
export const CHANNEL_KEYS: Record<Channel, MessageKey> = {
  email: "bulk_channel_email",
  msisdn: "bulk_channel_msisdn",
};

/** Each recipient state in words; `unknown` says to check before resending. */
export const STATE_KEYS: Record<BulkItemState, MessageKey> = {
  queued: "bulk_state_queued",
  sending: "bulk_state_sending",
  sent: "bulk_state_sent",
  failed: "bulk_state_failed",
  unknown: "bulk_state_unknown",
};

/** Each number field problem in words. */
export const NUMBER_PROBLEM_KEYS: Record<NumberProblem, MessageKey> = {
  notNumber: "bulk_numberError_notNumber",
  notWhole: "bulk_numberError_notWhole",
  tooSmall: "bulk_numberError_tooSmall",
  tooLarge: "bulk_numberError_tooLarge",
};

/** Seconds until the last recipient is sent: the rate's pace, after any wait the API asked for. */
export function timeLeftSeconds(run: BulkRun, now: number): number {
  const left = run.counts.queued + run.counts.sending;
  const waiting = Math.max(0, run.resumeAt - now) / 1000;
  return Math.max(1, Math.ceil(left / run.ratePerSecond + waiting));
}

/** A duration in the page's language: "40 seconds", "3 minutes", "2 hours". */
export function duration(seconds: number, formats: Formats): string {
  if (seconds < 90) return formats.seconds.format(Math.max(1, Math.round(seconds)));
  if (seconds < 90 * 60) return formats.minutes.format(Math.round(seconds / 60));
  return formats.hours.format(Math.round((seconds / 3600) * 10) / 10);
}

/** Run wording: "pending" is shown in the status region as work under way. */
export function runWording(
  run: BulkRun,
  now: number,
  formats: Formats,
): OutcomeWording | { tone: "pending"; summary: string } {
  const { counts } = run;
  const n = (value: number) => formats.number.format(value);
  switch (run.status) {
    case "running": {
      if (run.resumeAt > now && run.waitReason !== undefined) {
        const reason = WAIT_KEYS[run.waitReason];
        if (reason) return { tone: "pending", summary: t(reason, run.host) };
      }
      return { tone: "pending", summary: t("bulk_status_running") };
    }
    case "paused":
      return {
        tone: "pending",
        summary:
          counts.sending > 0 ? tPlural("bulk_status_pausing", counts.sending) : t("bulk_status_paused"),
      };
    case "stopped":
      return stopWording(run);
    case "cancelled":
      return {
        tone: "success",
        summary: t("bulk_status_cancelled", n(counts.sent), n(counts.queued + counts.sending)),
        details: [],
      };
    case "done":
      // Members left without a message are something to act on: an alert, not a success.
      return {
        tone: counts.failed + counts.unknown > 0 ? "error" : "success",
        summary: t("bulk_status_done", n(counts.sent), n(counts.failed), n(counts.unknown)),
        ...(counts.unknown > 0
          ? { nextStep: tPlural("bulk_status_doneUnknown", counts.unknown) }
          : counts.failed > 0
            ? { nextStep: t("bulk_status_doneFailed") }
            : {}),
        details: [],
      };
  }
}

const WAIT_KEYS: Partial<Record<SendOutcomeKind, MessageKey>> = {
  "rate-limited": "bulk_status_waitRateLimited",
  maintenance: "bulk_status_waitMaintenance",
  "network-error": "bulk_status_waitNetwork",
};

/** Why the run stopped, worded as the send's own outcome, and what to do before Resume. */
function stopWording(run: BulkRun): OutcomeWording {
  const reason = (): [string, string] => {
    switch (run.stopReason) {
      case "token-rejected":
        return [t("outcome_tokenRejected"), t("outcome_tokenRejected_next")];
      case "permit-missing":
        return [t("outcome_permitMissing", SEND_PERMIT), t("outcome_permitMissing_next")];
      case "feature-disabled":
        return [t("outcome_featureDisabled"), t("outcome_featureDisabled_next")];
      case "header-problem":
        return [t("bulk_stop_headerProblem"), t("outcome_headerProblem_next")];
      case "not-configured":
        return [t("outcome_notConfigured"), t("outcome_notConfigured_next")];
      case "host-permission-missing":
        return [t("outcome_hostPermissionMissing", run.host), t("outcome_hostPermissionMissing_next")];
      default:
        return [t("bulk_stop_other"), t("bulk_stop_otherNext")];
    }
  };
  const [summary, next] = reason();
  return {
    tone: "error",
    summary: t("bulk_stopped", summary),
    nextStep: `${next} ${t("bulk_stopped_resume")}`,
    details: [],
  };
}

/** A run whose stored members cannot all be read: what that means, and the way out. */
export function damagedWording(): OutcomeWording {
  return { tone: "error", summary: t("bulk_damaged"), nextStep: t("bulk_damaged_next"), details: [] };
}

/** The last action's notice in words, for the notice bar. */
export function noticeWording(notice: BulkNotice | null): OutcomeWording | null {
  const success = (summary: string): OutcomeWording => ({ tone: "success", summary, details: [] });
  const failure = (summary: string, nextStep: string): OutcomeWording => ({
    tone: "error",
    summary,
    nextStep,
    details: [],
  });
  switch (notice?.kind) {
    case undefined:
      return null;
    case "fileRead":
      return success(t("bulk_fileRead", notice.name));
    case "fileFailed":
      return failure(t("bulk_fileFailed", notice.name), t("bulk_fileFailed_next"));
    case "reviewFailed":
      return failure(t("bulk_reviewFailed"), t("bulk_tryAgain_next"));
    case "startRefused":
      switch (notice.reason) {
        case "run-in-progress":
          return failure(t("bulk_refused_runInProgress"), t("bulk_refused_runInProgress_next"));
        case "not-configured":
          return failure(t("outcome_notConfigured"), t("outcome_notConfigured_next"));
        case "no-recipients":
          return failure(t("bulk_nobody"), t("bulk_refused_recheck_next"));
        case "invalid-recipients":
          return failure(t("bulk_refused_invalid"), t("bulk_refused_recheck_next"));
      }
      return null;
    case "actionFailed":
      return failure(t("bulk_actionFailed"), t("bulk_tryAgain_next"));
    case "requeued":
      return success(tPlural("bulk_requeued", notice.count));
    case "exported":
      return success(tPlural("bulk_exported", notice.count, notice.file));
    case "exportFailed":
      return failure(t("bulk_exportFailed"), t("bulk_tryAgain_next"));
  }
}
