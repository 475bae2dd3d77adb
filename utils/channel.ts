/** How a member is addressed: by email, or by mobile number (MSISDN, E.164 digits) for SMS. */
export type Channel = "email" | "msisdn";

/** Whether a value is a channel. */
export function isChannel(value: unknown): value is Channel {
  return value === "email" || value === "msisdn";
}
