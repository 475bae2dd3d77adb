import { allowedChannels, type Channel } from "@/utils/channel";
import type { Connection, Preferences } from "@/utils/settings";

/**
 * The channel the popup opens with: the club's only one, else the one last used with this
 * connection, else the desk's last choice (a connection not used yet), else email.
 */
export function defaultChannel(connection: Connection, preferences: Preferences): Channel {
  const allowed = allowedChannels(connection);
  if (allowed.length === 1 && allowed[0]) return allowed[0];
  return preferences.lastChannelByConnection[connection.id] ?? preferences.lastChannel ?? "email";
}

/** The preferences change that remembers `channel` as the last one used, with this connection. */
export function rememberChannel(
  connectionId: string,
  channel: Channel,
  preferences: Preferences,
): Pick<Preferences, "lastChannel" | "lastChannelByConnection"> {
  return {
    lastChannel: channel,
    lastChannelByConnection: { ...preferences.lastChannelByConnection, [connectionId]: channel },
  };
}

/**
 * The channel the field's value plainly belongs to when it is refused on the other one: an "@"
 * in a phone number, or a value made only of phone characters (at least 5 digits) in an email.
 */
export function otherChannelFor(channel: Channel, value: string): Channel | null {
  const text = value.trim();
  if (channel === "msisdn") return text.includes("@") ? "email" : null;
  return /^[+\d\s().\-/]+$/u.test(text) && (text.match(/\d/gu)?.length ?? 0) >= 5 ? "msisdn" : null;
}
