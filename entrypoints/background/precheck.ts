import { isChannel } from "@/utils/channel";
import type { PrecheckOutcome } from "@/utils/send-outcome";
import { checkEmail } from "@/utils/validation/email";
import { isValidMsisdn } from "@/utils/validation/phone";
import { clientForConnection } from "./active-client";
import type { BackgroundDeps } from "./deps";

/**
 * Looks a member up (GET .../public_info) with the active connection, before the operator sends.
 * Information only: any failure but a missing permit is "unavailable", and it never sends anything.
 */
export async function precheckMember(deps: BackgroundDeps, data: unknown): Promise<PrecheckOutcome> {
  if (typeof data !== "object" || data === null) return { kind: "unavailable" };
  const { channel, recipient } = data as Record<string, unknown>;
  if (!isChannel(channel) || typeof recipient !== "string") return { kind: "unavailable" };
  const valid = channel === "email" ? checkEmail(recipient).ok : isValidMsisdn(recipient);
  if (!valid) return { kind: "unavailable" };
  const loaded = await clientForConnection(deps);
  if (!loaded.ok || !loaded.settings.preferences.precheck) return { kind: "unavailable" };
  return loaded.client.getPublicInfo(channel, recipient.trim());
}
