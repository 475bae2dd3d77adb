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
export function statusOf(outcome: SendOutcome | ConnectionCheckOutcome): number | undefined {
  return "status" in outcome ? outcome.status : undefined;
}
