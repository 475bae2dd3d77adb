import type { Channel } from "@/utils/channel";

/** What every request needs to identify the client to Placewise. */
export interface ClientIdentity {
  baseUrl: string;
  token: string;
  productName: string;
  clubSlug: string;
  customerId: string;
  userAgent: string;
}

/** Optional query parameters of the send call. */
export interface SendOptions {
  language?: string;
  loginUrl?: string;
}

/** Encodes one path segment: `+`, `/`, `%`, `@` and unicode must reach Placewise intact. */
function encodeSegment(value: string): string {
  return encodeURIComponent(value);
}

/** URL of POST .../members/by_{channel}/{id}/send_registration_password. */
export function buildSendUrl(
  baseUrl: string,
  clubSlug: string,
  channel: Channel,
  identifier: string,
  options: SendOptions = {},
): string {
  const url = new URL(
    `${baseUrl}/v3/${encodeSegment(clubSlug)}/members/by_${channel}/${encodeSegment(identifier)}/send_registration_password`,
  );
  if (options.language) url.searchParams.set("language", options.language);
  if (options.loginUrl) url.searchParams.set("login_url", options.loginUrl);
  return url.toString();
}

/**
 * URL of POST .../members/by_email/{email}/send_password_reset_token: email only; the link in the
 * email is valid for 24 hours (Placewise MPC API v3 reference, Members > Send password reset token).
 */
export function buildResetUrl(baseUrl: string, clubSlug: string, email: string): string {
  return `${baseUrl}/v3/${encodeSegment(clubSlug)}/members/by_email/${encodeSegment(email)}/send_password_reset_token`;
}

/** URL of GET /v3/loyalty_clubs/{slug}. */
export function buildClubUrl(baseUrl: string, clubSlug: string): string {
  return `${baseUrl}/v3/loyalty_clubs/${encodeSegment(clubSlug)}`;
}

/** URL of GET .../members/by_{channel}/{id}/public_info (the pre-check). */
export function buildPublicInfoUrl(
  baseUrl: string,
  clubSlug: string,
  channel: Channel,
  identifier: string,
): string {
  return `${baseUrl}/v3/${encodeSegment(clubSlug)}/members/by_${channel}/${encodeSegment(identifier)}/public_info`;
}

/** URL of GET /v3/loyalty_clubs for one page. */
export function buildClubListUrl(baseUrl: string, perPage: number, page: number): string {
  return `${baseUrl}/v3/loyalty_clubs?per_page=${perPage}&page_no=${page}`;
}

/** URL of GET /v3/{club}/member_schema. */
export function buildMemberSchemaUrl(baseUrl: string, clubSlug: string): string {
  return `${baseUrl}/v3/${encodeSegment(clubSlug)}/member_schema`;
}

/** The headers Placewise requires, plus X-Customer only when a customer id is set. */
export function buildHeaders(identity: ClientIdentity): Record<string, string> {
  const headers: Record<string, string> = {
    "x-client-authorization": identity.token,
    "x-product-name": identity.productName,
    "x-user-agent": identity.userAgent,
    "content-type": "application/json",
    accept: "application/json",
  };
  // Calls before a club is chosen (the club list) have no slug to send.
  if (identity.clubSlug !== "") headers["x-loyalty-club-slug"] = identity.clubSlug;
  if (identity.customerId !== "") headers["x-customer"] = identity.customerId;
  return headers;
}
