import type { MessageKey } from "./i18n";
import type { SendOutcomeKind } from "./send-outcome";

/**
 * Whether Placewise may have acted on a request that ended this way: it did (`sent`), it did not
 * (`not-sent`: refused, or never asked), or nobody can know (`unknown`: the line dropped, a 5xx, a
 * timeout, a foreign answer). Only `not-sent` may ever be sent again without the operator checking.
 */
export type SendEffect = "sent" | "not-sent" | "unknown";

/**
 * What a bulk run does with a member after this outcome:
 * - `done`: sent; the member is finished.
 * - `try-later`: nothing was sent and Placewise asked us to wait (429, 503, offline): the member
 *   goes back to the front of the queue, until the attempt cap.
 * - `stop-run`: nothing was sent and every later request would fail the same way: the member goes
 *   back to the queue and the run stops until the operator fixes the cause.
 * - `failed`: nothing was sent and sending again would not help.
 * - `unknown`: Placewise may have acted: never resent automatically; the run probes the API before
 *   the next member.
 */
export type BulkStep = "done" | "try-later" | "stop-run" | "failed" | "unknown";

/**
 * How an outcome looks: `ok` (accepted), `unclear` (may have been sent), `failed` (refused or not
 * sent), `held` (a guard of ours held it back on purpose: a recent or concurrent send).
 */
export type OutcomeTone = "ok" | "unclear" | "failed" | "held";

/** Everything the extension decides about one kind of outcome. */
export interface OutcomeTraits {
  effect: SendEffect;
  bulk: BulkStep;
  /** Whether "Retry failed" may send a member that ended `failed` this way once more. */
  retryFailed: boolean;
  tone: OutcomeTone;
  /** The outcome in a few words, for tables, filters and CSV (catalog keys cannot hold hyphens). */
  label: MessageKey;
}

/**
 * The one table of what each outcome means. Every page, the send log, the bulk runner and the CSV
 * export read it; a new kind in the SendOutcome union does not compile until it has a row here.
 */
export const OUTCOME_TRAITS: Record<SendOutcomeKind, OutcomeTraits> = {
  accepted: {
    effect: "sent",
    bulk: "done",
    retryFailed: false,
    tone: "ok",
    label: "sendLog_outcome_accepted",
  },
  "accepted-incomplete": {
    effect: "sent",
    bulk: "done",
    retryFailed: false,
    tone: "ok",
    label: "sendLog_outcome_acceptedIncomplete",
  },
  // The address itself is wrong: the same request fails the same way.
  "invalid-input": {
    effect: "not-sent",
    bulk: "failed",
    retryFailed: false,
    tone: "failed",
    label: "sendLog_outcome_invalidInput",
  },
  "recently-sent": {
    effect: "not-sent",
    bulk: "failed",
    retryFailed: false,
    tone: "held",
    label: "sendLog_outcome_recentlySent",
  },
  // Someone else's request for the member is under way: it, not this one, decides what they get.
  "already-sending": {
    effect: "not-sent",
    bulk: "failed",
    retryFailed: false,
    tone: "held",
    label: "sendLog_outcome_alreadySending",
  },
  // A 404 stays a 404: retrying it can only fail again.
  "member-not-found": {
    effect: "not-sent",
    bulk: "failed",
    retryFailed: false,
    tone: "failed",
    label: "sendLog_outcome_memberNotFound",
  },
  "storage-failed": {
    effect: "not-sent",
    bulk: "stop-run",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_storageFailed",
  },
  "not-configured": {
    effect: "not-sent",
    bulk: "stop-run",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_notConfigured",
  },
  "host-permission-missing": {
    effect: "not-sent",
    bulk: "stop-run",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_hostPermissionMissing",
  },
  "token-rejected": {
    effect: "not-sent",
    bulk: "stop-run",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_tokenRejected",
  },
  "feature-disabled": {
    effect: "not-sent",
    bulk: "stop-run",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_featureDisabled",
  },
  "permit-missing": {
    effect: "not-sent",
    bulk: "stop-run",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_permitMissing",
  },
  "invalid-request": {
    effect: "not-sent",
    bulk: "failed",
    retryFailed: false,
    tone: "failed",
    label: "sendLog_outcome_invalidRequest",
  },
  "rate-limited": {
    effect: "not-sent",
    bulk: "try-later",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_rateLimited",
  },
  "header-problem": {
    effect: "not-sent",
    bulk: "stop-run",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_headerProblem",
  },
  "firewall-rejected": {
    effect: "not-sent",
    bulk: "stop-run",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_firewallRejected",
  },
  maintenance: {
    effect: "not-sent",
    bulk: "try-later",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_maintenance",
  },
  offline: {
    effect: "not-sent",
    bulk: "try-later",
    retryFailed: true,
    tone: "failed",
    label: "sendLog_outcome_offline",
  },
  "server-error": {
    effect: "unknown",
    bulk: "unknown",
    retryFailed: false,
    tone: "unclear",
    label: "sendLog_outcome_serverError",
  },
  "unexpected-status": {
    effect: "unknown",
    bulk: "unknown",
    retryFailed: false,
    tone: "unclear",
    label: "sendLog_outcome_unexpectedStatus",
  },
  "not-json": {
    effect: "unknown",
    bulk: "unknown",
    retryFailed: false,
    tone: "unclear",
    label: "sendLog_outcome_notJson",
  },
  // A reset, a refused connection or a DNS failure looks the same from here as a line that dropped
  // after Placewise took the request (issue 8): never "nothing was sent".
  "network-error": {
    effect: "unknown",
    bulk: "unknown",
    retryFailed: false,
    tone: "unclear",
    label: "sendLog_outcome_networkError",
  },
  timeout: {
    effect: "unknown",
    bulk: "unknown",
    retryFailed: false,
    tone: "unclear",
    label: "sendLog_outcome_timeout",
  },
};

/** Every outcome kind, in the table's order. */
export const OUTCOME_KINDS = Object.keys(OUTCOME_TRAITS) as SendOutcomeKind[];

/** Whether a value is an outcome kind (stored data and filters are untrusted). */
export function isOutcomeKind(value: unknown): value is SendOutcomeKind {
  return typeof value === "string" && Object.hasOwn(OUTCOME_TRAITS, value);
}

/** Whether Placewise may have acted on it: sent, not sent, or nobody knows. */
export function effectOf(kind: SendOutcomeKind): SendEffect {
  return OUTCOME_TRAITS[kind].effect;
}

/** Whether a send that ended this way counts as one the member may have got (the repeat guard). */
export function mayHaveReachedMember(kind: SendOutcomeKind): boolean {
  return OUTCOME_TRAITS[kind].effect !== "not-sent";
}

/** The catalog key of an outcome's short label. */
export function outcomeLabelKey(kind: SendOutcomeKind): MessageKey {
  return OUTCOME_TRAITS[kind].label;
}

/** How an outcome is coloured. */
export function outcomeTone(kind: SendOutcomeKind): OutcomeTone {
  return OUTCOME_TRAITS[kind].tone;
}
