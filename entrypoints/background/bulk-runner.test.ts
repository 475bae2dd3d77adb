import { describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { MAX_BULK_RECIPIENTS } from "@/utils/bulk-input";
import { type BulkItem, type BulkRun, readBulkItems, readBulkRun } from "@/utils/bulk-run";
import { readSendLog } from "@/utils/send-log";
import {
  addFault,
  clearFaults,
  releasePendingRequests,
  SANDBOX_BULK_DOMAIN,
  SANDBOX_CLUBS,
  SANDBOX_TOKENS,
  sendRequests,
  setFault,
} from "../../test/sandbox";
import { createTestDeps } from "../../test/support/background-deps";
import { testConnection, testSettings } from "../../test/support/connections";
import { configureConnection, useInProcessSandbox } from "../../test/support/send-setup";
import { createBulkRunner } from "./bulk-runner";
import type { BackgroundDeps } from "./deps";
import { settingsItem } from "./settings-item";
import { writeToken } from "./token-store";

const state = useInProcessSandbox();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function runner(overrides: Partial<BackgroundDeps> = {}) {
  return createBulkRunner({ background: createTestDeps(overrides), sleep, policy: { firstBackoffMs: 5 } });
}

async function configure(token: string = SANDBOX_TOKENS.full) {
  await configureConnection(token);
  state.catchAllEmailDomains.add(SANDBOX_BULK_DOMAIN);
}

const addresses = (n: number) => Array.from({ length: n }, (_, i) => `member${i}@${SANDBOX_BULK_DOMAIN}`);
const request = (emails: string[], extra: Record<string, unknown> = {}) => ({
  recipients: emails.map((recipient) => ({ channel: "email", recipient })),
  concurrency: 2,
  ratePerSecond: 100,
  ...extra,
});

/** Waits until the stored run satisfies a condition (no fixed sleeps). */
async function until(check: (run: BulkRun) => boolean, timeoutMs = 5000): Promise<BulkRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await readBulkRun();
    if (run !== null && check(run)) return run;
    if (Date.now() > deadline) throw new Error(`run never reached the state: ${JSON.stringify(run)}`);
    await sleep(5);
  }
}

/** How many accepted (200) sends the sandbox saw per address. */
function acceptedPerAddress(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of sendRequests(state)) {
    if (r.status === 200 && r.pathParams.email)
      counts.set(r.pathParams.email, (counts.get(r.pathParams.email) ?? 0) + 1);
  }
  return counts;
}

describe("starting a bulk run", () => {
  it.each([
    ["no data", undefined, "no-recipients"],
    ["an empty list", { recipients: [] }, "no-recipients"],
    ["an invalid address", request(["ok@bulk.example", "not-an-address"]), "invalid-recipients"],
    [
      "a phone number that is not E.164",
      { recipients: [{ channel: "msisdn", recipient: "+47 407" }] },
      "invalid-recipients",
    ],
  ])("refuses %s and sends nothing", async (_name, data, reason) => {
    await configure();
    expect(await runner().start(data)).toMatchObject({ ok: false, reason });
    expect(await readBulkRun()).toBeNull();
    expect(state.requests).toHaveLength(0);
  });

  it("refuses without a connection", async () => {
    expect(await runner().start(request(addresses(2)))).toEqual({ ok: false, reason: "not-configured" });
  });

  it("counts the same member once, whatever the case", async () => {
    await configure();
    const result = await runner().start(request(["A@bulk.example", "a@BULK.example", "b@bulk.example"]));
    expect(result).toMatchObject({ ok: true, total: 2 });
    await until((run) => run.status === "done");
    expect(sendRequests(state)).toHaveLength(2);
  });

  it("sends with the connection the request names, not the active one, and leaves the active one", async () => {
    const active = testConnection();
    const chosen = testConnection({
      id: "c-2",
      label: "Harbour Centre",
      clubSlug: SANDBOX_CLUBS.harbourCentre,
    });
    await settingsItem.setValue(testSettings([active, chosen]));
    await writeToken(active.id, SANDBOX_TOKENS.full, true);
    await writeToken(chosen.id, SANDBOX_TOKENS.second, true);
    state.catchAllEmailDomains.add(SANDBOX_BULK_DOMAIN);
    await runner().start(request(addresses(2), { connectionId: chosen.id }));
    const run = await until((r) => r.status === "done");
    expect(run).toMatchObject({ connectionId: "c-2", connectionLabel: "Harbour Centre" });
    const sent = sendRequests(state);
    expect(sent.map((r) => r.pathParams.club)).toEqual([
      SANDBOX_CLUBS.harbourCentre,
      SANDBOX_CLUBS.harbourCentre,
    ]);
    expect(sent.every((r) => r.headers["x-client-authorization"] === SANDBOX_TOKENS.second)).toBe(true);
    expect((await settingsItem.getValue()).activeConnectionId).toBe(active.id);
  });

  it("refuses a connection id that is not saved, sending nothing", async () => {
    await configure();
    expect(await runner().start(request(addresses(2), { connectionId: "gone" }))).toEqual({
      ok: false,
      reason: "not-configured",
    });
    expect(state.requests).toHaveLength(0);
  });

  it("refuses a second run while one is unfinished", async () => {
    await configure();
    const bulk = runner();
    await bulk.start(request(addresses(50), { ratePerSecond: 5 }));
    expect(await bulk.start(request(addresses(2)))).toEqual({ ok: false, reason: "run-in-progress" });
    await bulk.cancel();
    await until((r) => r.counts.sending === 0);
  });
});

describe("a bulk run", () => {
  it("sends every recipient exactly once, records each in the send log, and finishes", async () => {
    await configure();
    await runner().start(request(addresses(30)));
    const run = await until((r) => r.status === "done");
    expect(run.counts).toEqual({ queued: 0, sending: 0, sent: 30, failed: 0, unknown: 0 });
    const perAddress = acceptedPerAddress();
    expect(perAddress.size).toBe(30);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    const log = await readSendLog();
    expect(log).toHaveLength(30);
    expect(log.every((e) => e.source === "bulk" && e.outcome === "accepted")).toBe(true);
  });

  it("never has more requests in flight than its concurrency", async () => {
    await configure();
    state.latencyMs = 30;
    let inFlight = 0;
    let most = 0;
    const deps = createTestDeps();
    const bulk = createBulkRunner({
      background: {
        ...deps,
        fetch: async (input, init) => {
          most = Math.max(most, ++inFlight);
          try {
            return await deps.fetch(input, init);
          } finally {
            inFlight--;
          }
        },
      },
      sleep,
    });
    await bulk.start(request(addresses(12), { concurrency: 3 }));
    await until((r) => r.status === "done");
    expect(most).toBe(3);
  });

  it("waits out a 429's Retry-After and sends the refused recipient again, once", async () => {
    await configure();
    setFault(state, { kind: "rate-limit", retryAfterSeconds: 0, remaining: 3, scope: "send" });
    await runner().start(request(addresses(10)));
    const run = await until((r) => r.status === "done");
    expect(run.counts.sent).toBe(10);
    expect(sendRequests(state).filter((r) => r.status === 429)).toHaveLength(3);
    expect([...acceptedPerAddress().values()].every((n) => n === 1)).toBe(true);
  });

  it("backs off after 503s, then sends the refused recipients again, once each", async () => {
    await configure();
    setFault(state, { kind: "maintenance", remaining: 2, scope: "send" });
    await runner().start(request(addresses(10)));
    const run = await until((r) => r.status === "done");
    expect(run.counts.sent).toBe(10);
    expect(sendRequests(state).filter((r) => r.status === 503)).toHaveLength(2);
    expect(acceptedPerAddress().size).toBe(10);
    expect([...acceptedPerAddress().values()].every((n) => n === 1)).toBe(true);
  });

  it("never resends a member whose connection dropped, probes the API, then carries on", async () => {
    await configure();
    // The request reached the sandbox, then the line dropped: Placewise may have acted on it.
    setFault(state, { kind: "reset", remaining: 1, scope: "send" });
    await runner().start(request(addresses(6), { concurrency: 1 }));
    const run = await until((r) => r.status === "done");
    expect(run.counts).toMatchObject({ sent: 5, unknown: 1, failed: 0 });
    const items = await readBulkItems(run);
    const dropped = items.find((i) => i.state === "unknown");
    expect(dropped?.outcome).toBe("network-error");
    // One POST for the dropped member, never a second; a harmless read before the next member.
    expect(sendRequests(state).filter((r) => r.pathParams.email === dropped?.recipient)).toHaveLength(1);
    const droppedAt = state.requests.findIndex((r) => r.pathParams.email === dropped?.recipient);
    expect(state.requests[droppedAt + 1]?.route).toBe("get-club");
  });

  it("marks a recipient whose answer never came as unknown and never resends it", async () => {
    await configure();
    setFault(state, { kind: "hang", remaining: 1, scope: "send" });
    await runner({ timeoutMs: 50 }).start(request(addresses(4)));
    const run = await until((r) => r.status === "done");
    expect(run.counts).toMatchObject({ sent: 3, unknown: 1 });
    expect(sendRequests(state)).toHaveLength(4);
    releasePendingRequests(state);
  });

  it("records a definite failure (404) as failed and goes on", async () => {
    await configure();
    await runner().start(request(["nobody@example.no", ...addresses(3)]));
    const run = await until((r) => r.status === "done");
    expect(run.counts).toMatchObject({ sent: 3, failed: 1 });
    const items = await readBulkItems(run);
    expect(items[0]).toMatchObject({ state: "failed", outcome: "member-not-found", status: 404 });
  });

  it("stops on a 401 (every later call would fail too) and resumes once the token works", async () => {
    await configure();
    setFault(state, {
      kind: "status",
      status: 401,
      error: "Invalid client token",
      remaining: 1,
      scope: "send",
    });
    const bulk = runner();
    await bulk.start(request(addresses(6), { concurrency: 1 }));
    const stopped = await until((r) => r.status === "stopped");
    expect(stopped.stopReason).toBe("token-rejected");
    expect(stopped.counts.sent).toBe(0);
    expect(stopped.counts.queued).toBe(6);
    await bulk.resume();
    const done = await until((r) => r.status === "done");
    expect(done.counts.sent).toBe(6);
    expect([...acceptedPerAddress().values()].every((n) => n === 1)).toBe(true);
  });

  it("pauses (nothing new starts), resumes, and cancels", async () => {
    await configure();
    const bulk = runner();
    await bulk.start(request(addresses(40), { ratePerSecond: 20, concurrency: 1 }));
    await until((r) => r.counts.sent >= 2);
    await bulk.pause();
    const paused = await until((r) => r.status === "paused" && r.counts.sending === 0);
    const sentWhilePaused = sendRequests(state).length;
    await sleep(150);
    expect(sendRequests(state)).toHaveLength(sentWhilePaused);
    expect(paused.counts.sent).toBe(sentWhilePaused);

    await bulk.resume();
    await until((r) => r.counts.sent >= sentWhilePaused + 2);
    await bulk.cancel();
    const cancelled = await until((r) => r.status === "cancelled" && r.counts.sending === 0);
    await sleep(150);
    expect(sendRequests(state)).toHaveLength(cancelled.counts.sent);
    expect(cancelled.counts.queued).toBeGreaterThan(0);
  });

  it("retries only failures another try can change: not a 404, never an unknown", async () => {
    await configure();
    setFault(state, { kind: "status", status: 500, remaining: 1, scope: "send" });
    addFault(state, { kind: "rate-limit", retryAfterSeconds: 0, remaining: 1, scope: "send" });
    // One attempt per member: the 429 makes its member fail (not sent) instead of waiting.
    const bulk = createBulkRunner({
      background: createTestDeps(),
      sleep,
      policy: { firstBackoffMs: 5, maxAttempts: 1 },
    });
    const [first, second, third] = addresses(3) as [string, string, string];
    await bulk.start(request([first, second, "nobody@example.no", third], { concurrency: 1 }));
    const done = await until((r) => r.status === "done");
    expect(done.counts).toMatchObject({ failed: 2, unknown: 1, sent: 1 });
    expect(await bulk.retryFailed()).toEqual({ requeued: 1 });
    const again = await until((r) => r.status === "done");
    expect(again.counts).toMatchObject({ failed: 1, unknown: 1, sent: 2 });
    const items = await readBulkItems(again);
    // The 500 (maybe sent) was not tried again; the 404 was not either.
    const unknown = items.find((i) => i.state === "unknown");
    expect(sendRequests(state).filter((r) => r.pathParams.email === unknown?.recipient)).toHaveLength(1);
    expect(sendRequests(state).filter((r) => r.pathParams.email === "nobody@example.no")).toHaveLength(1);
    expect(sendRequests(state).filter((r) => r.pathParams.email === second)).toHaveLength(2);
  });
});

describe("retrying failures", () => {
  it("is refused for a cancelled run: the members cancelled stay unsent", async () => {
    await configure();
    const bulk = runner();
    setFault(state, { kind: "status", status: 404, error: "Member not found", remaining: 1, scope: "send" });
    await bulk.start(request(addresses(20), { concurrency: 1, ratePerSecond: 20 }));
    await until((r) => r.counts.sent >= 3);
    await bulk.cancel();
    const cancelled = await until((r) => r.status === "cancelled" && r.counts.sending === 0);
    const sentAtCancel = sendRequests(state).length;
    expect(await bulk.retryFailed()).toEqual({ requeued: 0 });
    await sleep(100);
    expect(sendRequests(state)).toHaveLength(sentAtCancel);
    expect((await readBulkRun())?.counts.queued).toBe(cancelled.counts.queued);
  });
});

describe("a service worker that dies mid-run", () => {
  /** A runner whose requests never come back: the worker that will be "stopped". */
  function doomedRunner() {
    const deps = createTestDeps();
    return createBulkRunner({
      background: {
        ...deps,
        fetch: async (input, init) => {
          await deps.fetch(input, init).catch(() => undefined);
          return new Promise<Response>(() => undefined);
        },
      },
      sleep,
    });
  }

  it.each<[string, (bulk: ReturnType<typeof runner>) => Promise<unknown>, BulkRun["status"]]>([
    ["running", async () => undefined, "done"],
    ["paused", (bulk) => bulk.pause(), "paused"],
    ["cancelled", (bulk) => bulk.cancel(), "cancelled"],
  ])(
    "leaves the in-flight recipient unknown and the rest as the run was (%s)",
    async (_name, act, expected) => {
      await configure();
      const first = doomedRunner();
      await first.start(request(addresses(5), { concurrency: 1 }));
      await until((r) => r.counts.sending === 1);
      await act(first);
      // A new worker starts (alarm or start-up) with the old one gone.
      const second = runner();
      await second.resumeUnfinished();
      const run = await until((r) => r.status === expected && r.counts.sending === 0);
      const items: BulkItem[] = await readBulkItems(run);
      expect(items[0]).toMatchObject({ state: "unknown", attempts: 1 });
      expect(items.filter((i) => i.state === "unknown")).toHaveLength(1);
      // Every address got at most one request; the in-flight one was not sent again.
      const perAddress = new Map<string, number>();
      for (const r of sendRequests(state))
        perAddress.set(r.pathParams.email ?? "", (perAddress.get(r.pathParams.email ?? "") ?? 0) + 1);
      expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
      if (expected === "done") expect(run.counts).toMatchObject({ sent: 4, unknown: 1 });
      if (expected === "paused") {
        await second.resume();
        expect((await until((r) => r.status === "done")).counts).toMatchObject({ sent: 4, unknown: 1 });
      }
      clearFaults(state);
    },
  );

  it("does nothing for a finished run or when there is none", async () => {
    await configure();
    await runner().resumeUnfinished();
    expect(await readBulkRun()).toBeNull();
    const bulk = runner();
    await bulk.start(request(addresses(2)));
    await until((r) => r.status === "done");
    await runner().resumeUnfinished();
    expect(sendRequests(state)).toHaveLength(2);
  });

  it("carries on a paused run stored before the version mark, and marks it version 1", async () => {
    await configure();
    const first = runner();
    await first.start(request(addresses(4), { concurrency: 1, ratePerSecond: 2 }));
    await first.pause();
    const paused = await until((r) => r.status === "paused" && r.counts.sending === 0);
    // What an older build stored: the same layout without the mark.
    const { version: _mark, ...unmarked } = paused;
    await browser.storage.local.set({ bulkRun: unmarked });
    const second = runner();
    await second.resume();
    const run = await until((r) => r.status === "done");
    expect(run).toMatchObject({ version: 1, total: 4 });
    expect(run.counts.sent).toBe(4);
    expect([...acceptedPerAddress().values()].every((n) => n === 1)).toBe(true);
  });

  it("leaves alone a run a newer build stored: damaged here, never resumed or written over", async () => {
    await configure();
    const first = runner();
    await first.start(request(addresses(2), { concurrency: 1, ratePerSecond: 1 }));
    await first.pause();
    const paused = await until((r) => r.status === "paused" && r.counts.sending === 0);
    const newer = { ...paused, version: 99 };
    await browser.storage.local.set({ bulkRun: newer });
    const sentBefore = sendRequests(state).length;
    const second = runner();
    await second.resumeUnfinished();
    await second.resume();
    await sleep(50);
    expect((await browser.storage.local.get("bulkRun")).bulkRun).toEqual(newer);
    expect(sendRequests(state)).toHaveLength(sentBefore);
  });

  it("a stopped run stays stopped across a restart", async () => {
    await configure();
    setFault(state, { kind: "status", status: 403, remaining: 1, scope: "send" });
    await runner().start(request(addresses(3), { concurrency: 1 }));
    await until((r) => r.status === "stopped");
    await runner().resumeUnfinished();
    await sleep(100);
    expect((await readBulkRun())?.status).toBe("stopped");
    expect(sendRequests(state)).toHaveLength(1);
  });
});

describe("at most once under the faults desks meet", () => {
  it("starts one run when two starts arrive a few ms apart, and keeps the first list", async () => {
    await configure();
    const bulk = runner();
    const [a, b] = await Promise.all([
      bulk.start(request(["first@bulk.example"], { ratePerSecond: 1 })),
      bulk.start(request(["second@bulk.example"], { ratePerSecond: 1 })),
    ]);
    expect([a.ok, b.ok]).toEqual([true, false]);
    expect(b).toEqual({ ok: false, reason: "run-in-progress" });
    const run = await until((r) => r.status === "done");
    expect((await readBulkItems(run)).map((i) => i.recipient)).toEqual(["first@bulk.example"]);
    expect(sendRequests(state).map((r) => r.pathParams.email)).toEqual(["first@bulk.example"]);
  });

  it("refuses a list above the page's limit, whatever the page sent", async () => {
    await configure();
    const result = await runner().start(request(addresses(MAX_BULK_RECIPIENTS + 1)));
    expect(result).toEqual({ ok: false, reason: "too-many" });
    expect(await readBulkRun()).toBeNull();
  });

  it("answers a storm of 429s with Retry-After 0 with bounded, backed-off attempts, then fails the member", async () => {
    await configure();
    setFault(state, { kind: "rate-limit", retryAfter: "0", scope: "send" });
    const bulk = createBulkRunner({
      background: createTestDeps(),
      sleep,
      policy: { firstBackoffMs: 5, maxBackoffMs: 20, maxAttempts: 3 },
    });
    await bulk.start(request(addresses(2), { concurrency: 1 }));
    const run = await until((r) => r.status === "done", 15_000);
    expect(run.counts).toMatchObject({ failed: 2, sent: 0 });
    // 3 attempts each, never 113 in a loop; and not sent, so Retry failed may offer them.
    expect(sendRequests(state)).toHaveLength(6);
    const items = await readBulkItems(run);
    expect(items.every((i) => i.outcome === "rate-limited" && i.attempts === 3)).toBe(true);
  });

  it("stops with the reason when Placewise asks to wait for years, instead of waiting", async () => {
    await configure();
    setFault(state, { kind: "rate-limit", retryAfter: "999999999", remaining: 1, scope: "send" });
    await runner().start(request(addresses(3), { concurrency: 1 }));
    const run = await until((r) => r.status === "stopped");
    expect(run).toMatchObject({ stopReason: "rate-limited", counts: { queued: 3 } });
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("stops on 444 (Placewise's firewall) with nothing more sent", async () => {
    await configure();
    setFault(state, { kind: "status", status: 444, remaining: 1, scope: "send" });
    await runner().start(request(addresses(3), { concurrency: 1 }));
    const run = await until((r) => r.status === "stopped");
    expect(run).toMatchObject({ stopReason: "firewall-rejected", counts: { queued: 3 } });
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("counts a 200 whose body broke off as sent, never sending that member again", async () => {
    await configure();
    setFault(state, { kind: "cut-body", remaining: 1, scope: "send" });
    await runner().start(request(addresses(3), { concurrency: 1 }));
    const run = await until((r) => r.status === "done");
    expect(run.counts).toMatchObject({ sent: 3, unknown: 0 });
    expect(sendRequests(state)).toHaveLength(3);
  });

  it("stops with a stated reason when storage refuses a write, marking no unsent member unknown", async () => {
    await configure();
    const realSet = browser.storage.local.set.bind(browser.storage.local);
    let claims = 0;
    vi.spyOn(browser.storage.local, "set").mockImplementation(async (items) => {
      // Refuse the second claim (the write that marks a member `sending` before its request).
      if (JSON.stringify(items).includes('"state":"sending"') && ++claims === 2)
        throw new Error("QUOTA_BYTES quota exceeded");
      return realSet(items);
    });
    await runner().start(request(addresses(5), { concurrency: 1, ratePerSecond: 100 }));
    const run = await until((r) => r.status !== "running");
    expect(run).toMatchObject({ status: "stopped", stopReason: "storage-failed" });
    expect(run.counts.unknown).toBe(0);
    const items = await readBulkItems(run);
    // The first member was sent; the one whose claim could not be stored was not, and waits.
    expect(items.map((i) => i.state)).toEqual(["sent", "queued", "queued", "queued", "queued"]);
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("says a run with a missing chunk is damaged instead of running on, and lets it be cleared", async () => {
    await configure();
    const bulk = runner();
    await bulk.start(request(addresses(150), { ratePerSecond: 1 }));
    await bulk.pause();
    await until((r) => r.counts.sending === 0);
    await browser.storage.local.remove("bulkRun.items.1");
    // A new worker finds it.
    const next = runner();
    await next.resumeUnfinished();
    const run = await until((r) => r.damaged === true);
    expect(run.status).not.toBe("running");
    await next.clear();
    expect(await readBulkRun()).toBeNull();
  });

  it("keeps the resume alarm only while a run is running", async () => {
    await configure();
    const alarm: boolean[] = [];
    const bulk = createBulkRunner({
      background: createTestDeps(),
      sleep,
      policy: { firstBackoffMs: 5 },
      alarm: { set: async (active) => void alarm.push(active) },
    });
    await bulk.start(request(addresses(3)));
    await until((r) => r.status === "done");
    await vi.waitFor(() => expect(alarm).toEqual([true, false]));
  });
});
