import { PERMITS } from "./seed";
import type { Permit, SandboxPathParams, SandboxRoute } from "./types";
import { decodeSegment } from "./validation";

/** One Placewise endpoint the sandbox serves. */
export interface RouteSpec {
  name: Exclude<SandboxRoute, "unknown">;
  method: "GET" | "POST";
  /** Path segments after the leading `/`; `:name` is a parameter. */
  segments: readonly string[];
  permit: Permit;
  /** Whether the path names a club as "API Context: Loyalty Club" (so X-Loyalty-Club-Slug applies). */
  clubContext: boolean;
}

/** The endpoints of README "The endpoints this project calls". */
export const ROUTES: readonly RouteSpec[] = [
  {
    name: "send-by-email",
    method: "POST",
    segments: ["v3", ":club", "members", "by_email", ":email", "send_registration_password"],
    permit: PERMITS.createRegistrationPassword,
    clubContext: true,
  },
  {
    name: "send-by-msisdn",
    method: "POST",
    segments: ["v3", ":club", "members", "by_msisdn", ":msisdn", "send_registration_password"],
    permit: PERMITS.createRegistrationPassword,
    clubContext: true,
  },
  {
    // Placewise MPC API v3 reference, Members > Send password reset token; email only.
    name: "reset-by-email",
    method: "POST",
    segments: ["v3", ":club", "members", "by_email", ":email", "send_password_reset_token"],
    permit: PERMITS.createToken,
    clubContext: true,
  },
  {
    name: "public-info-by-email",
    method: "GET",
    segments: ["v3", ":club", "members", "by_email", ":email", "public_info"],
    permit: PERMITS.check,
    clubContext: true,
  },
  {
    name: "public-info-by-msisdn",
    method: "GET",
    segments: ["v3", ":club", "members", "by_msisdn", ":msisdn", "public_info"],
    permit: PERMITS.check,
    clubContext: true,
  },
  {
    name: "list-clubs",
    method: "GET",
    segments: ["v3", "loyalty_clubs"],
    permit: PERMITS.listMyClubs,
    clubContext: false,
  },
  {
    name: "get-club",
    method: "GET",
    segments: ["v3", "loyalty_clubs", ":club"],
    permit: PERMITS.getClub,
    clubContext: false,
  },
  {
    name: "member-schema",
    method: "GET",
    segments: ["v3", ":club", "member_schema"],
    permit: PERMITS.getSchema,
    clubContext: true,
  },
];

type ParamName = keyof SandboxPathParams;

function isParamName(name: string): name is ParamName {
  return name === "club" || name === "email" || name === "msisdn";
}

/**
 * Matches a raw (percent-encoded) path against a route; null when it does not match.
 * Matching is done on raw segments, so an encoded `%2F` stays inside its segment while a raw `/`
 * adds a segment and fails to match, as on the real API.
 */
export function matchRoute(spec: RouteSpec, rawPath: string): Record<ParamName, string> | null {
  const parts = rawPath.split("/").slice(1);
  if (parts.length !== spec.segments.length) return null;
  const raw: Record<ParamName, string> = { club: "", email: "", msisdn: "" };
  for (const [index, segment] of spec.segments.entries()) {
    const part = parts[index] ?? "";
    if (segment.startsWith(":")) {
      const name = segment.slice(1);
      if (part === "" || !isParamName(name)) return null;
      raw[name] = part;
    } else if (part !== segment) {
      return null;
    }
  }
  return raw;
}

/** Decoded parameters of a match, and the names whose percent-escapes were malformed (kept raw). */
export interface DecodedParams {
  params: SandboxPathParams;
  malformed: Set<ParamName>;
}

/** Decodes the parameters a route matched. */
export function decodeParams(spec: RouteSpec, raw: Record<ParamName, string>): DecodedParams {
  const decoded: DecodedParams = { params: {}, malformed: new Set() };
  for (const segment of spec.segments) {
    const name = segment.slice(1);
    if (!segment.startsWith(":") || !isParamName(name)) continue;
    const value = decodeSegment(raw[name]);
    if (value === null) decoded.malformed.add(name);
    decoded.params[name] = value ?? raw[name];
  }
  return decoded;
}

/** Whether a path is in the API's /v3 space (so an unmatched one is answered as the API would). */
export function isApiPath(rawPath: string): boolean {
  return rawPath === "/v3" || rawPath.startsWith("/v3/");
}
