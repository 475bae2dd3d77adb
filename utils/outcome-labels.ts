import type { Channel } from "@/utils/channel";
import type { MessageKey } from "@/utils/i18n";
import { mayHaveBeenSent, type SendOutcomeKind } from "@/utils/send-outcome";

/** Each outcome in short words, for tables and filters (catalog keys cannot hold hyphens). */
export const OUTCOME_LABEL_KEYS: Record<SendOutcomeKind, MessageKey> = {
  accepted: "sendLog_outcome_accepted",
  "invalid-input": "sendLog_outcome_invalidInput",
  "recently-sent": "sendLog_outcome_recentlySent",
  "member-not-found": "sendLog_outcome_memberNotFound",
  "not-configured": "sendLog_outcome_notConfigured",
  "host-permission-missing": "sendLog_outcome_hostPermissionMissing",
  "token-rejected": "sendLog_outcome_tokenRejected",
  "feature-disabled": "sendLog_outcome_featureDisabled",
  "permit-missing": "sendLog_outcome_permitMissing",
  "invalid-request": "sendLog_outcome_invalidRequest",
  "rate-limited": "sendLog_outcome_rateLimited",
  "header-problem": "sendLog_outcome_headerProblem",
  maintenance: "sendLog_outcome_maintenance",
  "server-error": "sendLog_outcome_serverError",
  "unexpected-status": "sendLog_outcome_unexpectedStatus",
  "not-json": "sendLog_outcome_notJson",
  "network-error": "sendLog_outcome_networkError",
  timeout: "sendLog_outcome_timeout",
};

/** Whether a value is an outcome kind the page knows how to word. */
export function isOutcomeKind(value: unknown): value is SendOutcomeKind {
  return typeof value === "string" && Object.hasOwn(OUTCOME_LABEL_KEYS, value);
}

/**
 * How the table colours an outcome: accepted, refused (nothing was sent), or unclear (the member may
 * have got a message: do not send again at once).
 */
export function outcomeTone(kind: SendOutcomeKind): "ok" | "failed" | "unclear" {
  if (kind === "accepted") return "ok";
  return mayHaveBeenSent(kind) ? "unclear" : "failed";
}

/** Each channel's name. */
export const CHANNEL_LABEL_KEYS: Record<Channel, MessageKey> = {
  email: "sendLog_channel_email",
  msisdn: "sendLog_channel_msisdn",
};
