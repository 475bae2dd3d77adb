/** How a member is addressed: by email, or by mobile number (MSISDN, E.164 digits) for SMS. */
export type Channel = "email" | "msisdn";

/** Whether a value is a channel. */
export function isChannel(value: unknown): value is Channel {
  return value === "email" || value === "msisdn";
}

/**
 * The channels a connection's club lets members sign up with (popup and Bulk page). An unknown
 * list (the club could not be read when the connection was saved) allows both: Placewise decides.
 */
export function allowedChannels(connection: { memberIdentifiers: readonly Channel[] } | null): Channel[] {
  const known = connection?.memberIdentifiers ?? [];
  return known.length === 1 ? [...known] : ["email", "msisdn"];
}
