import type { BulkItem } from "@/utils/bulk-run";
import type { SendResult } from "@/utils/send-outcome";
import { clientForConnection } from "./active-client";
import type { StoredBulkRun } from "./bulk-machine";
import type { BackgroundDeps } from "./deps";
import { sendOnce } from "./send-message";

// The two requests a bulk run makes to Placewise. Neither writes the run: the runner files what
// they answer.

/**
 * Asks the API whether it answers at all (a harmless read) before anyone else is sent: any HTTP
 * answer says yes. A connection that cannot be used answers why instead.
 */
export async function probeApi(
  deps: BackgroundDeps,
  run: StoredBulkRun,
): Promise<{ answered: boolean } | { failure: NonNullable<StoredBulkRun["stopReason"]> }> {
  const loaded = await clientForConnection(deps, run.connectionId);
  if (!loaded.ok) return { failure: loaded.failure.kind };
  const answer = await loaded.client.getLoyaltyClub();
  return {
    answered: answer.kind !== "network-error" && answer.kind !== "timeout" && answer.kind !== "offline",
  };
}

/** Sends one claimed member through the same path as every other send (send guard, send log). */
export async function sendMember(
  deps: BackgroundDeps,
  run: StoredBulkRun,
  item: BulkItem,
): Promise<SendResult> {
  try {
    return await sendOnce(deps, {
      channel: item.channel,
      recipient: item.recipient,
      source: "bulk",
      connectionId: run.connectionId,
      // The operator confirmed the whole list, production included, before the run started.
      confirmRepeat: true,
    });
  } catch (error) {
    // A bug after the member was claimed: how far the request got is unknown.
    console.error("Bulk send failed unexpectedly", error);
    return { kind: "unexpected-status", status: 0 };
  }
}
