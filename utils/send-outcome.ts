/** Permit the token needs to send registration messages (../shared/placewise-api/README.md). */
export const SEND_PERMIT = "BL:Api:Members:CreateRegistrationPassword";

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
  | { kind: "rate-limited"; status: 429; retryAfterSeconds?: number; detail?: string }
  | { kind: "header-problem"; status: 470 | 471; detail?: string }
  | { kind: "maintenance"; status: 503; detail?: string }
  | { kind: "server-error"; status: number; detail?: string }
  | { kind: "unexpected-status"; status: number; detail?: string }
  | { kind: "not-json"; status: number; contentType: string }
  | { kind: "network-error"; host: string }
  | { kind: "timeout"; host: string; seconds: number };

/** Every way a send of a registration password can end. */
export type SendOutcome =
  | { kind: "accepted"; status: 200; recipient: string }
  | { kind: "invalid-input"; problem: string }
  /** Not sent: Placewise accepted a send to this member at `sentAt`; the operator must confirm. */
  | { kind: "recently-sent"; recipient: string; sentAt: number }
  | { kind: "member-not-found"; status: 404; recipient: string; detail?: string }
  | ApiFailure;

/** Every way "Test connection" (GET /v3/loyalty_clubs/{slug}) can end. */
export type ConnectionCheckOutcome =
  | { kind: "club-found"; name: string; slug: string }
  | { kind: "club-not-found"; status: 404; slug: string; detail?: string }
  | ApiFailure;

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

/**
 * Failures after which Placewise may have acted without an answer we can trust (a 5xx, a timeout,
 * an unexpected or foreign answer): the member may or may not get the message, so nothing may
 * resend it automatically and the operator is told to wait before resending.
 */
const MAY_HAVE_BEEN_SENT: ReadonlySet<SendOutcomeKind> = new Set<SendOutcomeKind>([
  "server-error",
  "unexpected-status",
  "not-json",
  "timeout",
]);

/** Whether a send that ended this way may still have reached the member. */
export function mayHaveBeenSent(kind: SendOutcomeKind): boolean {
  return MAY_HAVE_BEEN_SENT.has(kind);
}
