import { SANDBOX_PRODUCT, SANDBOX_TOKENS } from "./seed";

/** The headers a well-behaved client sends, with per-test overrides; `null` drops a header. */
export function apiHeaders(overrides: Record<string, string | null> = {}): Headers {
  const values: Record<string, string | null> = {
    "x-client-authorization": SANDBOX_TOKENS.full,
    "x-product-name": SANDBOX_PRODUCT,
    "x-user-agent": "Sandbox Tests/1.0",
    "content-type": "application/json",
    ...overrides,
  };
  const headers = new Headers();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null) headers.set(name, value);
  }
  return headers;
}

/** The send_registration_password URL for a member, encoded the way the client must encode it. */
export function sendUrl(
  base: string,
  club: string,
  by: { email: string } | { msisdn: string },
  query = "",
): string {
  const [kind, value] = "email" in by ? ["by_email", by.email] : ["by_msisdn", by.msisdn];
  return `${base}/v3/${encodeURIComponent(club)}/members/${kind}/${encodeURIComponent(value)}/send_registration_password${query}`;
}

/** The public_info URL for a member. */
export function publicInfoUrl(
  base: string,
  club: string,
  by: { email: string } | { msisdn: string },
): string {
  const [kind, value] = "email" in by ? ["by_email", by.email] : ["by_msisdn", by.msisdn];
  return `${base}/v3/${encodeURIComponent(club)}/members/${kind}/${encodeURIComponent(value)}/public_info`;
}

/** The send_password_reset_token URL for a member's email. */
export function resetUrl(base: string, club: string, email: string): string {
  return `${base}/v3/${encodeURIComponent(club)}/members/by_email/${encodeURIComponent(email)}/send_password_reset_token`;
}
