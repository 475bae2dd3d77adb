import type { MessageKind } from "./message-kind";

/** Permit the token needs to send registration messages (../shared/placewise-api/README.md). */
export const SEND_PERMIT = "BL:Api:Members:CreateRegistrationPassword";

/**
 * Permit for send_password_reset_token (Placewise MPC API v3 reference, Members > Send password
 * reset token; the facts file may not list it).
 */
export const RESET_PERMIT = "BL:Api:Members:Tokens:Create";

/** A problem the API reported about one request parameter (406/422 details). */
export interface ParameterProblem {
  parameter: string;
  message: string;
}

/**
 * Failures any Placewise call can end in. Expected failures are values, not exceptions: pages word
 * each one for a desk operator with `describeOutcome`. `detail` is the API's own error text, if any.
 */
export type ApiFailure =
  | { kind: "not-configured" }
  | { kind: "host-permission-missing"; host: string }
  | { kind: "token-rejected"; status: 401; detail?: string }
  | { kind: "feature-disabled"; status: 402; detail?: string }
  | { kind: "permit-missing"; status: 403; permit: string; detail?: string }
  | { kind: "invalid-request"; status: 406 | 422; detail?: string; problems: ParameterProblem[] }
  /** `retryAfterSeconds` is what Placewise asked for, at least 1 (see parseRetryAfter). */
  | { kind: "rate-limited"; status: 429; retryAfterSeconds?: number; detail?: string }
  | { kind: "header-problem"; status: 470 | 471; detail?: string }
  /** 444: Placewise's firewall refused the request before the API saw it. */
  | { kind: "firewall-rejected"; status: 444; detail?: string }
  | { kind: "maintenance"; status: 503; detail?: string }
  | { kind: "server-error"; status: number; detail?: string }
  | { kind: "unexpected-status"; status: number; detail?: string }
  | { kind: "not-json"; status: number; contentType: string }
  /** The browser said it was offline, so no request was made. */
  | { kind: "offline" }
  /** The connection failed before any answer: the request may or may not have reached Placewise. */
  | { kind: "network-error"; host: string }
  | { kind: "timeout"; host: string; seconds: number };

/** Every way a send can end (registration password or password reset). */
export type SendOutcome =
  | { kind: "accepted"; status: 200; recipient: string }
  /** 200, but the body was cut off or unreadable: Placewise took the request all the same. */
  | { kind: "accepted-incomplete"; status: 200; recipient: string }
  | { kind: "invalid-input"; problem: string }
  /**
   * Not sent: a send to this member started at `sentAt` and was accepted (`unclear: false`) or
   * may have been (`unclear: true`); the operator must confirm before another.
   */
  | { kind: "recently-sent"; recipient: string; sentAt: number; unclear: boolean }
  /** Not sent: a send to this member is under way right now (another popup, a bulk run). */
  | { kind: "already-sending"; recipient: string }
  /** Not sent: the browser could not store the record that guards against a second message. */
  | { kind: "storage-failed" }
  | { kind: "member-not-found"; status: 404; recipient: string; detail?: string }
  | ApiFailure;

/** What the client learned besides the outcome: Placewise's rate-limiter headers. */
export interface ApiNotes {
  /** `ratelimit-remaining`: requests left in the current window, when Placewise said. */
  rateLimitRemaining?: number;
}

/** What a send answers a page: the outcome, and whether the send log could record it. */
export type SendResult = SendOutcome &
  ApiNotes & {
    notLogged?: true;
    /** Which message this was about; absent: the registration password. */
    message?: MessageKind;
  };

/** The longest wait a Retry-After may ask of us before a bulk run stops instead (15 minutes). */
export const MAX_RETRY_AFTER_SECONDS = 15 * 60;

/** Every way "Test connection" (GET /v3/loyalty_clubs/{slug}) can end. */
export type ConnectionCheckOutcome =
  | { kind: "club-found"; name: string; slug: string }
  | { kind: "club-not-found"; status: 404; slug: string; detail?: string }
  | ApiFailure;

/**
 * Whether Placewise accepted a connection: its club was found, or the token works but may not read
 * it (403). Only then does a new connection become the active one.
 */
export function connectionCheckPassed(check: ConnectionCheckOutcome): boolean {
  return check.kind === "club-found" || check.kind === "permit-missing";
}

/** The kinds of send outcome, for filters and tables. */
export type SendOutcomeKind = SendOutcome["kind"];

/** The HTTP status an outcome came with, when there was an answer. */
export function statusOf(outcome: SendOutcome | ConnectionCheckOutcome): number | null {
  return "status" in outcome ? outcome.status : null;
}

/** What the pre-check (GET .../public_info) found out about a member before sending. */
export type PrecheckOutcome =
  | { kind: "member-found"; hasPassword: boolean }
  | { kind: "no-member"; club: string }
  /** 403: the token lacks BL:Api:Members:Check; the popup stops asking. */
  | { kind: "not-permitted" }
  /** Anything else (network, 5xx, ...): the pre-check is information only, so it says little. */
  | { kind: "unavailable" };

/** A club as the options page's picker lists it. */
export interface ClubSummary {
  slug: string;
  name: string;
  country: string;
  memberIdentifiers: Array<"email" | "msisdn">;
}

/** The languages a club sends messages in (GET /v3/{club}/member_schema). */
export interface ClubLanguages {
  languages: string[];
  defaultLanguage: string;
}

/** The result of a read the options page asks for: the data, or the failure in words. */
export type ReadResult<T> =
  | { ok: true; value: T }
  | { ok: false; outcome: ApiFailure | { kind: "club-not-found"; status: 404; slug: string } };
