import { browser } from "wxt/browser";
import type { Channel } from "@/utils/channel";
import { DEFAULT_MESSAGE, type MessageKind } from "@/utils/message-kind";
import type { SendEffect } from "@/utils/outcome-traits";
import { recipientKey } from "@/utils/send-log";

/** One member and message as far as "the same send" goes: API origin, club, channel, recipient, message. */
export interface GuardTarget {
  origin: string;
  club: string;
  channel: Channel;
  recipient: string;
  /** Counted apart: a reset link after a registration password is not a repeat. */
  message: MessageKind;
}

/** What storage.session keeps per member: the last send that may have reached them. */
interface GuardRecord {
  /** When that send started, epoch ms. */
  at: number;
  /** `in-flight` left behind by a worker that died mid-request counts as unclear. */
  state: "in-flight" | "sent" | "unknown";
}

/** Why a send may not start now, or the ticket that lets it start. */
export type GuardClaim =
  | { ok: false; reason: "in-flight" }
  | { ok: false; reason: "recent"; at: number; unclear: boolean }
  | { ok: false; reason: "storage-failed" }
  | { ok: true; settle(effect: SendEffect): Promise<void> };

/** Holds a member while a send to them is under way, and remembers sends that may have reached them. */
export interface SendGuard {
  /**
   * Claims the member for one send that starts at `at`. `since` is the start of the repeat window
   * (null: the operator confirmed a repeat, or the window is off): a send that may have reached
   * the member at or after it refuses the claim.
   */
  claim(target: GuardTarget, at: number, since: number | null): Promise<GuardClaim>;
}

/** storage.session keys of the guard's records. */
const KEY_PREFIX = "sendGuard.";

function keyOf(target: GuardTarget): string {
  const key = `${KEY_PREFIX}${target.origin}|${target.club}|${target.channel}|${recipientKey(target.channel, target.recipient)}`;
  // The registration password keeps the key it had before message kinds, so a worker updated
  // mid-session still sees its records.
  return target.message === DEFAULT_MESSAGE ? key : `${key}|${target.message}`;
}

/**
 * The guard behind "a member gets at most one message". Two things, both here so no caller can
 * have one without the other:
 * - a lock in memory: the service worker is the one place every send passes (popup, right-click,
 *   Send again, bulk), so a check-and-set with no await between is atomic, and a second request
 *   for the same member while one is in flight is refused, never sent;
 * - a record in storage.session, written before the POST and settled after it, so the repeat
 *   warning sees a send from the moment it starts, survives a worker restart (a record still
 *   `in-flight` then counts as unclear), and works when the send log is full or switched off.
 */
export function createSendGuard(area = browser.storage.session): SendGuard {
  const inFlight = new Set<string>();
  /**
   * What storage.session holds, read once per worker: the guard is the only writer of its keys, so
   * a claim costs one write before the POST, not a read and a write (npm run bench, send overhead).
   */
  let records: Promise<Map<string, GuardRecord>> | null = null;
  const loadRecords = async () => {
    const stored = await area.get(null);
    const map = new Map<string, GuardRecord>();
    for (const [key, raw] of Object.entries(stored)) {
      const record = key.startsWith(KEY_PREFIX) ? readRecord(raw) : null;
      if (record) map.set(key, record);
    }
    return map;
  };

  async function write(known: Map<string, GuardRecord>, key: string, record: GuardRecord | null) {
    if (record === null) await area.remove(key);
    else await area.set({ [key]: record });
    if (record === null) known.delete(key);
    else known.set(key, record);
  }

  return {
    async claim(target, at, since) {
      const key = keyOf(target);
      if (inFlight.has(key)) return { ok: false, reason: "in-flight" };
      inFlight.add(key);
      try {
        records ??= loadRecords().catch((error: unknown) => {
          records = null;
          throw error;
        });
        const known = await records;
        const previous = known.get(key) ?? null;
        if (since !== null && previous !== null && previous.at >= since) {
          inFlight.delete(key);
          return { ok: false, reason: "recent", at: previous.at, unclear: previous.state !== "sent" };
        }
        await write(known, key, { at, state: "in-flight" });
        return {
          ok: true,
          async settle(effect) {
            try {
              // Nothing reached the member this time: what was known before still holds.
              await write(known, key, effect === "not-sent" ? previous : { at, state: effect });
            } finally {
              inFlight.delete(key);
            }
          },
        };
      } catch (error) {
        inFlight.delete(key);
        console.error("The send guard could not use storage.session", error);
        return { ok: false, reason: "storage-failed" };
      }
    },
  };
}

function readRecord(raw: unknown): GuardRecord | null {
  if (typeof raw !== "object" || raw === null) return null;
  const { at, state } = raw as Record<string, unknown>;
  if (typeof at !== "number" || !Number.isFinite(at)) return null;
  return state === "sent" || state === "unknown" || state === "in-flight" ? { at, state } : null;
}
