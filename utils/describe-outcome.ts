import { formatTimeAgo } from "./format";
import type { MessageKey } from "./i18n";
import { t } from "./i18n";
import { DEFAULT_MESSAGE, EMAIL_ONLY_PROBLEM, type MessageKind } from "./message-kind";
import { effectOf, outcomeTone, type SendEffect } from "./outcome-traits";
import {
  type ApiFailure,
  type ConnectionCheckOutcome,
  MAX_RETRY_AFTER_SECONDS,
  type SendOutcome,
  type SendResult,
} from "./send-outcome";

/** What the operator is told about the member after each effect (none after a sure send). */
const EFFECT_WORDS: Record<SendEffect, MessageKey | null> = {
  sent: null,
  "not-sent": "outcome_nothingSent",
  unknown: "outcome_maybeSent",
};

/** The words that depend on which message was sent; everything else is worded the same for both. */
interface MessageWords {
  accepted: MessageKey;
  acceptedIncomplete: MessageKey;
  featureDisabled: [MessageKey, MessageKey];
}

const MESSAGE_WORDS: Record<MessageKind, MessageWords> = {
  "registration-password": {
    accepted: "outcome_accepted",
    acceptedIncomplete: "outcome_acceptedIncomplete",
    featureDisabled: ["outcome_featureDisabled", "outcome_featureDisabled_next"],
  },
  "password-reset": {
    accepted: "outcome_resetAccepted",
    acceptedIncomplete: "outcome_resetAcceptedIncomplete",
    featureDisabled: ["outcome_resetFeatureDisabled", "outcome_resetFeatureDisabled_next"],
  },
};

/** An outcome in words: what happened, what to do next, and the API's own text when it helps. */
export interface OutcomeWording {
  /** success is announced in role=status, warning and error in role=alert. */
  tone: "success" | "warning" | "error";
  summary: string;
  nextStep?: string;
  details: string[];
}

/** Words a send outcome for a desk operator; `now` dates a recent-send warning. */
export function describeSendOutcome(result: SendResult, now: number = Date.now()): OutcomeWording {
  const words = MESSAGE_WORDS[result.message ?? DEFAULT_MESSAGE];
  const described = describeSend(result, now, words);
  // Held back on purpose by a guard of ours (the outcome table's "held"): a warning to weigh, not a failure.
  const toned: OutcomeWording =
    outcomeTone(result.kind) === "held" ? { ...described, tone: "warning" } : described;
  const wording = withEffect(toned, EFFECT_WORDS[effectOf(result.kind)]);
  // The member's message does not depend on the log, but the operator must know it has no record.
  return result.notLogged ? { ...wording, details: [...wording.details, t("outcome_notLogged")] } : wording;
}

function describeSend(outcome: SendOutcome, now: number, words: MessageWords): OutcomeWording {
  switch (outcome.kind) {
    case "accepted":
      return {
        tone: "success",
        summary: t(words.accepted, outcome.recipient),
        nextStep: t("outcome_accepted_next"),
        details: [],
      };
    case "accepted-incomplete":
      return {
        tone: "success",
        summary: t(words.acceptedIncomplete, outcome.recipient),
        nextStep: t("outcome_accepted_next"),
        details: [],
      };
    case "invalid-input":
      return outcome.problem === EMAIL_ONLY_PROBLEM
        ? error("outcome_resetEmailOnly", "outcome_resetEmailOnly_next", [])
        : error("outcome_invalidInput", "outcome_invalidInput_next", []);
    case "recently-sent":
      return error(
        [
          outcome.unclear ? "outcome_recentlyUnclear" : "outcome_recentlySent",
          outcome.recipient,
          formatTimeAgo(outcome.sentAt, now),
        ],
        "outcome_recentlySent_next",
        [],
      );
    case "already-sending":
      return error(["outcome_alreadySending", outcome.recipient], "outcome_alreadySending_next", []);
    case "storage-failed":
      return error("outcome_storageFailed", "outcome_storageFailed_next", []);
    case "network-error":
      // Unlike a read, a send that lost its line may have been delivered: say how to check first.
      return error(["outcome_networkError", outcome.host], "outcome_networkError_sendNext", []);
    case "member-not-found":
      return error(
        ["outcome_memberNotFound", outcome.recipient],
        "outcome_memberNotFound_next",
        apiDetail(outcome.detail),
      );
    case "feature-disabled":
      return error(words.featureDisabled[0], words.featureDisabled[1], apiDetail(outcome.detail));
    default:
      return describeFailure(outcome);
  }
}

/**
 * Next steps that say "in Settings" elsewhere; a connection is only tested on the Settings page,
 * where that advice reads as a loop, so they point at the fields above instead.
 */
const ON_SETTINGS_PAGE: Partial<Record<ApiFailure["kind"], MessageKey>> = {
  "not-configured": "check_notConfigured_next",
  "host-permission-missing": "check_hostPermissionMissing_next",
  "token-rejected": "check_tokenRejected_next",
  "header-problem": "check_headerProblem_next",
  "not-json": "check_notJson_next",
  "network-error": "check_networkError_next",
};

/**
 * Words the result of "Test connection" (shown on the Settings page only). A 403 is information,
 * not a failure: sending may still work.
 */
export function describeConnectionCheck(outcome: ConnectionCheckOutcome): OutcomeWording {
  switch (outcome.kind) {
    case "club-found":
      return { tone: "success", summary: t("check_clubFound", outcome.name, outcome.slug), details: [] };
    case "club-not-found":
      return error(
        ["check_clubNotFound", outcome.slug],
        "check_clubNotFound_next",
        apiDetail(outcome.detail),
      );
    case "permit-missing":
      return {
        tone: "success",
        summary: t("check_clubsNotReadable", outcome.permit),
        details: apiDetail(outcome.detail),
      };
    default: {
      const next = ON_SETTINGS_PAGE[outcome.kind];
      const wording = describeFailure(outcome);
      return next === undefined ? wording : { ...wording, nextStep: t(next) };
    }
  }
}

function describeFailure(outcome: ApiFailure): OutcomeWording {
  switch (outcome.kind) {
    case "not-configured":
      return error("outcome_notConfigured", "outcome_notConfigured_next", []);
    case "host-permission-missing":
      return error(["outcome_hostPermissionMissing", outcome.host], "outcome_hostPermissionMissing_next", []);
    case "token-rejected":
      return error("outcome_tokenRejected", "outcome_tokenRejected_next", apiDetail(outcome.detail));
    case "feature-disabled":
      return error("outcome_featureDisabled", "outcome_featureDisabled_next", apiDetail(outcome.detail));
    case "permit-missing":
      return error(
        ["outcome_permitMissing", outcome.permit],
        "outcome_permitMissing_next",
        apiDetail(outcome.detail),
      );
    case "invalid-request":
      return error(["outcome_invalidRequest", outcome.status], "outcome_invalidRequest_next", [
        ...apiDetail(outcome.detail),
        ...outcome.problems.map((p) => t("popup_parameterProblem", p.parameter, p.message)),
      ]);
    case "rate-limited":
      return error(
        "outcome_rateLimited",
        retryAfterWords(outcome.retryAfterSeconds),
        apiDetail(outcome.detail),
      );
    case "firewall-rejected":
      return error("outcome_firewallRejected", "outcome_firewallRejected_next", apiDetail(outcome.detail));
    case "offline":
      return error("outcome_offline", "outcome_offline_next", []);
    case "header-problem":
      return error(
        ["outcome_headerProblem", outcome.status],
        "outcome_headerProblem_next",
        apiDetail(outcome.detail),
      );
    case "maintenance":
      return error("outcome_maintenance", "outcome_maintenance_next", apiDetail(outcome.detail));
    case "server-error":
      return error(
        ["outcome_serverError", outcome.status],
        "outcome_serverError_next",
        apiDetail(outcome.detail),
      );
    case "unexpected-status":
      return error(
        ["outcome_unexpectedStatus", outcome.status],
        "outcome_unexpectedStatus_next",
        apiDetail(outcome.detail),
      );
    case "not-json":
      return error(["outcome_notJson", outcome.status, outcome.contentType], "outcome_notJson_next", []);
    case "network-error":
      return error(["outcome_networkError", outcome.host], "outcome_networkError_next", []);
    case "timeout":
      return error(["outcome_timeout", outcome.host, outcome.seconds], "outcome_timeout_next", []);
  }
}

/** "Wait 30 seconds", "Wait 4 minutes", or, past what the extension waits for, "much later". */
function retryAfterWords(seconds: number | undefined): Message {
  if (seconds === undefined) return "outcome_rateLimited_next";
  if (seconds > MAX_RETRY_AFTER_SECONDS) return "outcome_rateLimited_nextLong";
  if (seconds <= 90) return ["outcome_rateLimited_nextSeconds", seconds];
  return ["outcome_rateLimited_nextMinutes", Math.ceil(seconds / 60)];
}

type Message = MessageKey | [MessageKey, ...Array<string | number>];

function error(summary: Message, nextStep: Message, details: string[]): OutcomeWording {
  return { tone: "error", summary: word(summary), nextStep: word(nextStep), details };
}

function withEffect(wording: OutcomeWording, effect: MessageKey | null): OutcomeWording {
  return effect === null ? wording : { ...wording, summary: `${wording.summary} ${t(effect)}` };
}

function word(message: Message): string {
  return typeof message === "string" ? t(message) : t(...message);
}

function apiDetail(detail: string | undefined): string[] {
  return detail ? [t("popup_apiDetail", detail)] : [];
}
