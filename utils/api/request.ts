/** Which member identifier a send addresses: email, or E.164 digits for SMS. */
export type Channel = "email" | "msisdn";

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
export function encodeSegment(value: string): string {
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

/** URL of GET /v3/loyalty_clubs/{slug}. */
export function buildClubUrl(baseUrl: string, clubSlug: string): string {
  return `${baseUrl}/v3/loyalty_clubs/${encodeSegment(clubSlug)}`;
}

/** The headers Placewise requires, plus X-Customer only when a customer id is set. */
export function buildHeaders(identity: ClientIdentity): Record<string, string> {
  const headers: Record<string, string> = {
    "x-client-authorization": identity.token,
    "x-product-name": identity.productName,
    "x-user-agent": identity.userAgent,
    "x-loyalty-club-slug": identity.clubSlug,
    "content-type": "application/json",
    accept: "application/json",
  };
  if (identity.customerId !== "") headers["x-customer"] = identity.customerId;
  return headers;
}
