/**
 * The shapes the fake Placewise MPC API works with. Wire shapes (club, member schema) follow
 * /work/shared/placewise-api/README.md; the rest is the sandbox's own bookkeeping.
 */

/** A permit a client token may hold; the API answers 403 when an endpoint's permit is missing. */
export type Permit =
  | "BL:Api:Members:CreateRegistrationPassword"
  | "BL:Api:Members:Tokens:Create"
  | "BL:Api:Members:Check"
  | "BL:Api:LoyaltyClubs:ListMine"
  | "BL:Api:LoyaltyClubs:Get"
  | "BL:Api:Schema:Get";

/** The channels a club identifies its members by. */
export type MemberIdentifier = "email" | "msisdn";

/** A loyalty club as GET /v3/loyalty_clubs/{slug} returns it. */
export interface ClubModel {
  id: number;
  customer_id: number;
  main_slug: string;
  short_slug: string;
  other_slugs: string[];
  name: string;
  country: string;
  timezone: string;
  member_identifiers: MemberIdentifier[];
}

/** The part of GET /v3/{club}/member_schema this project reads. */
export interface MemberSchema {
  identifiers: MemberIdentifier[];
  languages: string[];
  default_language: string;
}

/** A club as the sandbox stores it: the wire model plus its schema and feature switches. */
export interface SandboxClub extends ClubModel {
  member_schema: MemberSchema;
  /** False makes send_registration_password answer 402, as for a club without the feature. */
  registration_password_enabled: boolean;
}

/** One member of one club; at least one identifier is set. */
export interface SandboxMember {
  /** Stored as given; lookups compare case-insensitively. */
  email?: string;
  /** E.164 digits, no leading + or 00. */
  msisdn?: string;
  has_password: boolean;
}

/** What a client token may do: the product it is scoped to, its permits and its clubs (main slugs). */
export interface SandboxTokenGrant {
  product: string;
  permits: Permit[];
  clubs: string[] | "all";
}

/** Which requests a fault applies to: every Placewise request, or only the sends (registration, reset). */
export type FaultScope = "all" | "send";

/** A failure the sandbox can inject instead of the normal answer. */
export type SandboxFault =
  | { kind: "status"; status: number; error?: string; headers?: Record<string, string> }
  | { kind: "maintenance" }
  /** 429; `retryAfter` is sent as the raw Retry-After value ("0", "-1", "soon", a date), else the seconds. */
  | { kind: "rate-limit"; retryAfterSeconds?: number; retryAfter?: string }
  /** The request is read and logged, then the connection drops before any answer. */
  | { kind: "reset" }
  /** The API's own answer, but the body breaks off after a few bytes and the connection drops. */
  | { kind: "cut-body" }
  /** The API's own answer with these headers added (e.g. ratelimit-remaining, ratelimit-bucket). */
  | { kind: "headers"; headers: Record<string, string> }
  | { kind: "non-json"; status?: number; body?: string }
  | { kind: "hang" };

/** A fault plus when it applies: `remaining` counts matching requests (absent = until cleared). */
export type SandboxFaultRule = SandboxFault & { remaining?: number; scope?: FaultScope };

/** The Placewise endpoints the sandbox serves; `unknown` is any other /v3 path (answered 404). */
export type SandboxRoute =
  | "send-by-email"
  | "send-by-msisdn"
  /** POST .../by_email/{email}/send_password_reset_token. */
  | "reset-by-email"
  | "public-info-by-email"
  | "public-info-by-msisdn"
  | "list-clubs"
  | "get-club"
  | "member-schema"
  | "unknown";

/** Path parameters after percent-decoding; a segment that does not decode is kept raw. */
export interface SandboxPathParams {
  club?: string;
  email?: string;
  msisdn?: string;
}

/** One Placewise request the sandbox received, and what it answered. */
export interface SandboxRequestEntry {
  /** Increasing from 1 within one state; not reset by clearRequests, so ids stay unique. */
  id: number;
  /** ISO 8601 time of arrival. */
  time: string;
  /**
   * Arrival on the machine's high-resolution clock (epoch ms, fractional), for timing against a
   * browser's `performance.timeOrigin + performance.now()`; not affected by `state.now`.
   */
  receivedAt?: number;
  method: string;
  /** The full URL as received (origin, raw path, query). */
  url: string;
  /** The raw path, still percent-encoded. */
  path: string;
  route: SandboxRoute;
  pathParams: SandboxPathParams;
  /** Query parameters; a repeated name keeps its first value, as URLSearchParams.get does. */
  query: Record<string, string>;
  /** Lower-cased header names. Tokens are kept: they are fake, and tests assert which one was sent. */
  headers: Record<string, string>;
  /** The raw body text; null when there was none. */
  body: string | null;
  /** The status answered; 0 for a connection reset; null while pending or for a request left hanging. */
  status: number | null;
}

/** Everything a running sandbox knows; handlers read and tests mutate the same object. */
export interface SandboxState {
  clubs: SandboxClub[];
  /** Members by club main slug. */
  members: Map<string, SandboxMember[]>;
  /** Every email at one of these domains exists in every club (for bulk runs of hundreds). */
  catchAllEmailDomains: Set<string>;
  tokens: Map<string, SandboxTokenGrant>;
  /** Applied first to last; the first rule whose scope matches a request wins. */
  faults: SandboxFaultRule[];
  /** Added before every answer. */
  latencyMs: number;
  requests: SandboxRequestEntry[];
  nextRequestId: number;
  /** Releases for requests held open by a `hang` fault or by latency; reset and close call them. */
  pending: Set<() => void>;
  now: () => Date;
  /** What createSandboxState was called with, so resetSandbox can rebuild the same world. */
  readonly options: SandboxStateOptions;
}

/** Options for createSandboxState; every field defaults to the seed data. */
export interface SandboxStateOptions {
  clubs?: SandboxClub[];
  /** Members by club main slug. */
  members?: Record<string, SandboxMember[]>;
  tokens?: Record<string, SandboxTokenGrant>;
  catchAllEmailDomains?: string[];
  latencyMs?: number;
  now?: () => Date;
}
