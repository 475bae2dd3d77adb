import type { Channel } from "@/utils/channel";
import type { Connection, Preferences } from "@/utils/settings";

/**
 * The channels a connection's club lets members sign up with. An unknown list (the club could not
 * be read when the connection was saved) allows both: Placewise has the last word.
 */
export function allowedChannels(connection: Connection): Channel[] {
  const known = connection.memberIdentifiers;
  return known.length === 1 ? [...known] : ["email", "msisdn"];
}

/** The channel the popup opens with: the club's only one, else the operator's last choice, else email. */
export function defaultChannel(connection: Connection, preferences: Preferences): Channel {
  const allowed = allowedChannels(connection);
  if (allowed.length === 1 && allowed[0]) return allowed[0];
  return preferences.lastChannel ?? "email";
}
