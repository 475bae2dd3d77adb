import { allowedChannels, type Channel } from "@/utils/channel";
import type { Connection, Preferences } from "@/utils/settings";

/** The channel the popup opens with: the club's only one, else the operator's last choice, else email. */
export function defaultChannel(connection: Connection, preferences: Preferences): Channel {
  const allowed = allowedChannels(connection);
  if (allowed.length === 1 && allowed[0]) return allowed[0];
  return preferences.lastChannel ?? "email";
}
