import { BULK_CHUNK_SIZE, type BulkItem, isUnfinished } from "@/utils/bulk-run";
import { isOutcomeKind } from "@/utils/outcome-traits";
import { recipientKey } from "@/utils/send-log";
import type { SendOutcomeKind } from "@/utils/send-outcome";
import { recovered, recoverItem, type StoredBulkRun } from "./bulk-machine";
import type { RunStorage } from "./bulk-run-storage";
import type { BackgroundDeps } from "./deps";

/**
 * What a new worker does with the run a stopped one left (inside the runner's queue): a damaged
 * run is marked so; members the old worker had in flight become `unknown` (never resent), or
 * sent when the send log holds the answer the old worker got. Returns the run as it now stands.
 */
export async function recoverRun(
  deps: Pick<BackgroundDeps, "now" | "sendLog">,
  storage: RunStorage,
): Promise<StoredBulkRun | null> {
  const stored = await storage.readRun();
  if (stored === null || stored.damaged) return stored;
  if ((isUnfinished(stored) || stored.counts.sending > 0) && !(await storage.loadAllChunks(stored))) {
    await storage.markDamaged(stored);
    return storage.current();
  }
  if (stored.counts.sending === 0) return stored;
  const inFlight: BulkItem[] = [];
  for (let chunk = 0; chunk * BULK_CHUNK_SIZE < stored.total; chunk++)
    inFlight.push(...((await storage.readChunk(chunk)) ?? []).filter((i) => i.state === "sending"));
  const answered = await answersLogged(deps, inFlight);
  const recoveredItems = inFlight.map((item) => recoverItem(item, deps.now(), answered.get(item.index)));
  const next = recovered(stored, recoveredItems);
  await storage.writeItems(next, recoveredItems);
  return next;
}

/**
 * The outcomes the send log holds for members a dead worker had in flight: a worker can die
 * between logging an answer and filing it in the run. Only a bulk entry that started after the
 * member's claim counts.
 */
async function answersLogged(
  deps: Pick<BackgroundDeps, "sendLog">,
  items: readonly BulkItem[],
): Promise<Map<number, SendOutcomeKind>> {
  const found = new Map<number, SendOutcomeKind>();
  if (items.length === 0) return found;
  const since = Math.min(...items.map((i) => i.updatedAt));
  const entries = await deps.sendLog.readSince(since).catch(() => []);
  for (const item of items) {
    const key = recipientKey(item.channel, item.recipient);
    const entry = entries.find(
      (e) =>
        e.source === "bulk" &&
        e.at >= item.updatedAt &&
        e.channel === item.channel &&
        recipientKey(e.channel, e.recipient) === key &&
        isOutcomeKind(e.outcome),
    );
    if (entry) found.set(item.index, entry.outcome);
  }
  return found;
}
