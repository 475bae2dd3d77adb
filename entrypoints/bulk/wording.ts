import { MAX_BULK_RECIPIENTS } from "@/utils/bulk-input";
import type { BulkItemState, BulkRun } from "@/utils/bulk-run";
import type { Channel } from "@/utils/channel";
import type { OutcomeWording } from "@/utils/describe-outcome";
import { formatNumber, formats, unitFormat } from "@/utils/format";
import { type MessageKey, t } from "@/utils/i18n";
import { effectOf, type OutcomeTone } from "@/utils/outcome-traits";
import { tPlural } from "@/utils/plural";
import { SEND_PERMIT, type SendOutcomeKind } from "@/utils/send-outcome";
import type { NumberProblem } from "./compose-form";
import type { BulkNotice } from "./notice";

/** The page's formatters, in the catalog's language (utils/format.ts). */
export interface Formats {
  number: Intl.NumberFormat;
  seconds: Intl.NumberFormat;
  minutes: Intl.NumberFormat;
  hours: Intl.NumberFormat;
}

/** The page's formatters for the catalog's language: "5 000" and "3 minutter" on a Norwegian screen. */
export function bulkFormats(): Formats {
  return {
    number: formats().number,
    seconds: unitFormat("second"),
    minutes: unitFormat("minute"),
    hours: unitFormat("hour"),
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

/** How each recipient state looks, in the tones of components/data-table.css. */
export const STATE_TONES: Record<BulkItemState, "waiting" | "pending" | OutcomeTone> = {
  queued: "waiting",
  sending: "pending",
  sent: "ok",
  failed: "failed",
  unknown: "unclear",
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
    case "running":
      return { tone: "pending", summary: waitWording(run, now) ?? t("bulk_status_running") };
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

/**
 * Why a running run sends nothing right now, or null when it sends. After an answer that may have
 * reached Placewise (effect "unknown" in the outcome table) the run asks the API a harmless question
 * before the next member and clears waitReason once it answers (bulk-machine.ts, `probed`); any
 * other reason holds only until resumeAt.
 */
function waitWording(run: BulkRun, now: number): string | null {
  const kind = run.waitReason;
  if (kind === undefined) return null;
  if (effectOf(kind) === "unknown") return t("bulk_status_waitChecking", run.host);
  return run.resumeAt > now ? t(waitKey(kind)) : null;
}

/** A wait in words, for every outcome kind: a new kind does not compile until it is placed here. */
function waitKey(kind: SendOutcomeKind): MessageKey {
  switch (kind) {
    case "rate-limited":
      return "bulk_status_waitRateLimited";
    case "maintenance":
      return "bulk_status_waitMaintenance";
    case "offline":
      return "bulk_status_waitOffline";
    // No wait today (the outcome table), or worded by its effect above: general words, should one become one.
    case "accepted":
    case "accepted-incomplete":
    case "invalid-input":
    case "recently-sent":
    case "already-sending":
    case "storage-failed":
    case "member-not-found":
    case "not-configured":
    case "host-permission-missing":
    case "token-rejected":
    case "feature-disabled":
    case "permit-missing":
    case "invalid-request":
    case "header-problem":
    case "firewall-rejected":
    case "server-error":
    case "unexpected-status":
    case "not-json":
    case "network-error":
    case "timeout":
      return "bulk_status_waitOther";
    default:
      return unreachable(kind);
  }
}

/** Why a run stopped, what to fix, and whether Settings is where to fix it. */
interface StopReasonWords {
  reason: string;
  next: string;
  inSettings: boolean;
}

/**
 * A stop reason in words, for every outcome kind: a new kind does not compile until it is placed
 * here. A kind the outcome table does not let stop a run gets general words.
 */
export function stopReasonWords(run: Pick<BulkRun, "stopReason" | "host">): StopReasonWords {
  const words = (reason: string, next: string, inSettings: boolean) => ({ reason, next, inSettings });
  const kind = run.stopReason;
  switch (kind) {
    case "token-rejected":
      return words(t("outcome_tokenRejected"), t("outcome_tokenRejected_next"), true);
    case "permit-missing":
      return words(t("outcome_permitMissing", SEND_PERMIT), t("outcome_permitMissing_next"), true);
    case "feature-disabled":
      return words(t("outcome_featureDisabled"), t("outcome_featureDisabled_next"), true);
    case "header-problem":
      return words(t("bulk_stop_headerProblem"), t("outcome_headerProblem_next"), true);
    case "not-configured":
      return words(t("outcome_notConfigured"), t("outcome_notConfigured_next"), true);
    case "host-permission-missing":
      return words(
        t("outcome_hostPermissionMissing", run.host),
        t("outcome_hostPermissionMissing_next"),
        true,
      );
    case "firewall-rejected":
      return words(t("outcome_firewallRejected"), t("outcome_firewallRejected_next"), false);
    // A Retry-After beyond MAX_RETRY_AFTER_SECONDS: waiting with the page open helps nobody.
    case "rate-limited":
      return words(t("bulk_stop_rateLimited"), t("bulk_stop_rateLimitedNext"), false);
    case "storage-failed":
      return words(t("bulk_stop_storageFailed"), t("bulk_stop_storageFailedNext"), false);
    case undefined:
    case "accepted":
    case "accepted-incomplete":
    case "invalid-input":
    case "recently-sent":
    case "already-sending":
    case "member-not-found":
    case "invalid-request":
    case "maintenance":
    case "offline":
    case "server-error":
    case "unexpected-status":
    case "not-json":
    case "network-error":
    case "timeout":
      return words(t("bulk_stop_other"), t("bulk_stop_otherNext"), true);
    default:
      return unreachable(kind);
  }
}

/** Why the run stopped, worded as the send's own outcome, and what to do before Resume. */
function stopWording(run: BulkRun): OutcomeWording {
  const { reason, next } = stopReasonWords(run);
  return {
    tone: "error",
    summary: t("bulk_stopped", reason),
    nextStep: `${next} ${t("bulk_stopped_resume")}`,
    details: [],
  };
}

/** For a switch the compiler has proved complete: a value that gets here is a bug. */
function unreachable(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
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
    case "fileTooLarge": {
      return failure(
        t(
          "bulk_fileTooLarge",
          notice.name,
          unitFormat("megabyte", "short").format(notice.maxBytes / (1024 * 1024)),
        ),
        t("bulk_fileTooLarge_next"),
      );
    }
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
        case "too-many":
          // The message says what to do: split the list.
          return {
            tone: "error",
            summary: t("bulk_tooMany", formatNumber(MAX_BULK_RECIPIENTS)),
            details: [],
          };
        case "storage-failed":
          return failure(t("bulk_refused_storageFailed"), t("bulk_refused_storageFailed_next"));
        case "disabled-by-policy":
          return failure(t("bulk_disabledByPolicy"), t("policy_askAdministrator"));
        default:
          return unreachable(notice.reason);
      }
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
