import { describe, expect, it } from "vitest";
import { BULK_NOW, queuedItem, storedRun } from "@/test/support/bulk-run-fixtures";
import { type BulkItem, emptyCounts } from "@/utils/bulk-run";
import type { SendResult } from "@/utils/send-outcome";
import {
  claim,
  dueSlot,
  nextStep,
  probed,
  type RunPolicy,
  recovered,
  recoverItem,
  type StoredBulkRun,
  settle,
} from "./bulk-machine";

const NOW = BULK_NOW;
const POLICY: RunPolicy = {
  maxAttempts: 3,
  firstBackoffMs: 1_000,
  maxBackoffMs: 8_000,
  defaultRetryAfterMs: 5_000,
  lowRemaining: 3,
};

const run = storedRun;
const item = queuedItem;

/** Claims member 0 of a fresh run and answers it with `result`. */
function answer(result: SendResult, start: Partial<StoredBulkRun> = {}, attempts = 0) {
  const claimed = claim(run(start), item(0, { attempts }), NOW);
  return settle(claimed.run, claimed.item, result, NOW, POLICY);
}

const ACCEPTED: SendResult = { kind: "accepted", status: 200, recipient: "m0@example.no" };
const RESET: SendResult = { kind: "network-error", host: "h" };

describe("the bulk run's state machine", () => {
  it("claims never-tried members in order, retries first", () => {
    expect(nextStep(run(), NOW)).toEqual({ kind: "claim", index: 0 });
    expect(nextStep(run({ cursor: 2, retry: [1] }), NOW)).toEqual({ kind: "claim", index: 1 });
    expect(nextStep(run({ cursor: 3 }), NOW)).toEqual({ kind: "idle" });
    expect(nextStep(run({ resumeAt: NOW + 10 }), NOW)).toEqual({ kind: "wait", until: NOW + 10 });
    expect(nextStep(run({ probe: true }), NOW)).toEqual({ kind: "probe" });
  });

  it("marks a claimed member sending and counts the attempt before its request starts", () => {
    const { run: next, item: claimed } = claim(run(), item(0), NOW);
    expect(claimed).toMatchObject({ state: "sending", attempts: 1 });
    expect(next.cursor).toBe(1);
    expect(next.counts).toMatchObject({ queued: 2, sending: 1 });
  });

  it.each<[string, SendResult, BulkItem["state"]]>([
    ["accepted", ACCEPTED, "sent"],
    ["accepted, answer cut off", { kind: "accepted-incomplete", status: 200, recipient: "m0" }, "sent"],
    ["a 404", { kind: "member-not-found", status: 404, recipient: "m0" }, "failed"],
    ["a 422", { kind: "invalid-request", status: 422, problems: [] }, "failed"],
    ["a 500", { kind: "server-error", status: 500 }, "unknown"],
    ["a timeout", { kind: "timeout", host: "h", seconds: 20 }, "unknown"],
    ["a reset after the request was read", RESET, "unknown"],
    ["a 401", { kind: "token-rejected", status: 401 }, "queued"],
    ["a 444", { kind: "firewall-rejected", status: 444 }, "queued"],
    ["a 429", { kind: "rate-limited", status: 429, retryAfterSeconds: 2 }, "queued"],
    ["a 503", { kind: "maintenance", status: 503 }, "queued"],
    ["an offline browser", { kind: "offline" }, "queued"],
  ])("files %s as %s", (_name, result, state) => {
    expect(answer(result).item.state).toBe(state);
  });

  it("never puts a member that may have been sent back in the queue, and probes before the next", () => {
    const after = answer(RESET);
    expect(after.run.retry).toEqual([]);
    expect(after.run.probe).toBe(true);
    expect(nextStep(after.run, NOW)).toEqual({ kind: "probe" });
  });

  it("carries on after a probe that got an answer, waits longer after one that got none", () => {
    const waiting = answer(RESET).run;
    const silent = probed(waiting, false, NOW, POLICY);
    expect(silent).toMatchObject({ probe: true, resumeAt: NOW + 1_000, backoffMs: 1_000 });
    const again = probed(silent, false, NOW, POLICY);
    expect(again.backoffMs).toBe(2_000);
    const answered = probed(again, true, NOW, POLICY);
    expect(answered).toMatchObject({ probe: false, backoffMs: 0 });
    expect(nextStep(answered, NOW + 2_000)).toEqual({ kind: "claim", index: 1 });
  });

  it("stops the run on a 401 or a 444 and puts the member first in line for Resume", () => {
    for (const result of [
      { kind: "token-rejected", status: 401 },
      { kind: "firewall-rejected", status: 444 },
    ] as const) {
      const after = answer(result);
      expect(after.run).toMatchObject({ status: "stopped", stopReason: result.kind, retry: [0] });
    }
  });

  it.each([
    ["Retry-After 0 (read as 1 s)", 1, 1_000],
    ["Retry-After 2", 2, 2_000],
    ["no Retry-After", undefined, 5_000],
  ])("waits at least what a 429 asks: %s", (_name, retryAfterSeconds, waitMs) => {
    const after = answer({
      kind: "rate-limited",
      status: 429,
      ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
    });
    expect(after.run.resumeAt - NOW).toBe(waitMs);
    expect(after.run.waitReason).toBe("rate-limited");
  });

  it("backs off further on every 429 in a storm, whatever Retry-After says", () => {
    let current = run();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const claimed = claim({ ...current, resumeAt: 0 }, item(0, { attempts: 0 }), NOW);
      current = settle(
        claimed.run,
        claimed.item,
        { kind: "rate-limited", status: 429, retryAfterSeconds: 1 },
        NOW,
        POLICY,
      ).run;
      waits.push(current.resumeAt - NOW);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it("fails a member (not sent) after the attempt cap instead of retrying for ever", () => {
    const after = answer(
      { kind: "rate-limited", status: 429, retryAfterSeconds: 1 },
      {},
      POLICY.maxAttempts - 1,
    );
    expect(after.item).toMatchObject({
      state: "failed",
      outcome: "rate-limited",
      attempts: POLICY.maxAttempts,
    });
    expect(after.run.retry).toEqual([]);
  });

  it("stops the run, with the reason, when Placewise asks to wait more than 15 minutes", () => {
    const after = answer({ kind: "rate-limited", status: 429, retryAfterSeconds: 86_400 });
    expect(after.run).toMatchObject({ status: "stopped", stopReason: "rate-limited", retry: [0] });
    expect(after.item.state).toBe("queued");
  });

  it("slows down before a 429 when the rate limiter says little is left", () => {
    expect(answer({ ...ACCEPTED, rateLimitRemaining: 2 }).run.resumeAt).toBe(NOW + 1_000);
    expect(answer({ ...ACCEPTED, rateLimitRemaining: 0 }).run.resumeAt).toBe(NOW + 5_000);
    expect(answer({ ...ACCEPTED, rateLimitRemaining: 50 }).run.resumeAt).toBe(0);
  });

  it("resets the backoff after a success", () => {
    expect(answer(ACCEPTED, { backoffMs: 8_000 }).run.backoffMs).toBe(0);
  });

  it("finishes when nothing is queued or in flight", () => {
    const last = claim(run({ total: 1, counts: { ...emptyCounts(), queued: 1 } }), item(0), NOW);
    expect(settle(last.run, last.item, ACCEPTED, NOW, POLICY).run.status).toBe("done");
  });

  it.each<StoredBulkRun["status"]>(["running", "paused", "stopped", "cancelled", "done"])(
    "after a restart in a %s run, a member that was in flight is unknown, never queued again",
    (status) => {
      const claimed = claim(run(), item(0), NOW);
      const stored = { ...claimed.run, status };
      const recoveredItem = recoverItem(claimed.item, NOW);
      expect(recoveredItem.state).toBe("unknown");
      const after = recovered(stored, [recoveredItem]);
      expect(after.counts).toMatchObject({ sending: 0, unknown: 1, queued: 2 });
      expect(after.retry).toEqual([]);
      expect(after.status).toBe(status);
    },
  );

  it("after a restart, a member whose accepted answer reached the send log is sent, not unknown", () => {
    const claimed = claim(run(), item(0), NOW);
    const sent = recoverItem(claimed.item, NOW, "accepted");
    expect(sent).toMatchObject({ state: "sent", outcome: "accepted" });
    expect(recoverItem(claimed.item, NOW, "rate-limited").state).toBe("unknown");
    expect(recovered(claimed.run, [sent]).counts).toMatchObject({ sending: 0, sent: 1, queued: 2 });
  });

  it("after a reset that followed an accept, the accepted member stays sent and the dropped one unknown", () => {
    const first = claim(run({ concurrency: 2 }), item(0), NOW);
    const second = claim(first.run, item(1), NOW);
    const afterAccept = settle(second.run, first.item, ACCEPTED, NOW, POLICY);
    const afterReset = settle(afterAccept.run, second.item, RESET, NOW, POLICY);
    expect(afterReset.run.counts).toMatchObject({ sent: 1, unknown: 1, queued: 1, sending: 0 });
    expect(afterReset.run.retry).toEqual([]);
    expect(nextStep(afterReset.run, NOW)).toEqual({ kind: "probe" });
  });
});

describe("dueSlot (pacing)", () => {
  it.each([
    ["on time", 1_000, 1_000, 1_000],
    ["a timer 4 ms late keeps its place, so the next is due 16 ms later", 1_000, 1_004, 1_000],
    ["just under an interval late still keeps it", 1_000, 1_019, 1_000],
    ["an interval late or more starts again from now: no burst", 1_000, 1_020, 1_020],
    ["long after a wait starts again from now", 1_000, 9_000, 9_000],
    ["the first request (nothing due yet) starts now", 0, NOW, NOW],
  ])("%s", (_name, due, now, slot) => {
    expect(dueSlot(due, now, 20)).toBe(slot);
  });

  it("keeps 50 a second when every wake-up is 4 ms late", () => {
    let due = 0;
    let now = 0;
    const starts: number[] = [];
    for (let n = 0; n < 51; n++) {
      if (due > now) now = due + 4;
      const slot = dueSlot(due, now, 20);
      starts.push(now);
      due = slot + 20;
    }
    // 50 intervals after the first start, plus the last one's lateness (not 50 times 24 ms).
    expect((starts[50] ?? 0) - (starts[0] ?? 0)).toBe(50 * 20 + 4);
  });
});
