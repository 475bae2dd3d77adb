import type { ProtocolMap } from "@/utils/messages";
import type { PrecheckOutcome } from "@/utils/send-outcome";
import { checkRecipient } from "@/utils/validation/recipient";
import { clientForConnection } from "./active-client";
import type { BackgroundDeps } from "./deps";

/**
 * Looks a member up (GET .../public_info) with the active connection, before the operator sends.
 * Information only: any failure but a missing permit is "unavailable", and it never sends anything.
 */
export async function precheckMember(
  deps: BackgroundDeps,
  { channel, recipient }: ProtocolMap["precheckMember"]["data"],
): Promise<PrecheckOutcome> {
  const check = checkRecipient(channel, recipient);
  if (!check.ok) return { kind: "unavailable" };
  const loaded = await clientForConnection(deps);
  if (!loaded.ok || !loaded.settings.preferences.precheck) return { kind: "unavailable" };
  return loaded.client.getPublicInfo(channel, check.recipient);
}
