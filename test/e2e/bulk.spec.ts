import type { BrowserContext, Page } from "@playwright/test";
import {
  addFault,
  clearFaults,
  SANDBOX_BULK_DOMAIN,
  type SandboxRequestEntry,
  type SandboxState,
  sendRequests,
  setFault,
  setLatency,
} from "../sandbox";
import { sandboxDraft } from "./connection";
import { expect, test } from "./fixtures";
import { BulkPage } from "./pages/bulk-page";
import type { ChromeGlobal } from "./pages/options-page";

/** Addresses that exist in every sandbox club (catchAllEmailDomains). */
function members(count: number, prefix = "member"): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${prefix}-${String(i + 1).padStart(4, "0")}@${SANDBOX_BULK_DOMAIN}`,
  );
}

/** The send requests the sandbox received for one address. */
function sendsTo(state: SandboxState, email: string): SandboxRequestEntry[] {
  return sendRequests(state).filter((entry) => entry.pathParams.email === email);
}

/** Each address's accepted (200) requests, for "exactly one each". */
function acceptedCounts(state: SandboxState, addresses: readonly string[]): Map<string, number> {
  const counts = new Map(addresses.map((address) => [address, 0]));
  for (const entry of sendRequests(state)) {
    const email = entry.pathParams.email ?? "";
    if (entry.status === 200) counts.set(email, (counts.get(email) ?? 0) + 1);
  }
  return counts;
}

/** Waits until the sandbox has received at least `count` send requests (polled every 10 ms). */
async function untilSends(state: SandboxState, count: number, timeout = 30_000): Promise<void> {
  await expect
    .poll(() => sendRequests(state).length, { intervals: [10], timeout })
    .toBeGreaterThanOrEqual(count);
}

/**
 * Stops the extension's service worker through CDP from one of its pages (ServiceWorker domain),
 * and resolves once Chrome reports it stopped; `running` resolves when a new one runs.
 */
async function stopServiceWorker(page: Page): Promise<{ running: Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  let stopped = false;
  let onStopped = () => {};
  let onRunning = () => {};
  const hasStopped = new Promise<void>((resolve) => {
    onStopped = resolve;
  });
  const running = new Promise<void>((resolve) => {
    onRunning = resolve;
  });
  cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
    for (const version of versions) {
      if (version.runningStatus === "stopped") {
        stopped = true;
        onStopped();
      } else if (version.runningStatus === "running" && stopped) onRunning();
    }
  });
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await hasStopped;
  return { running };
}

async function openBulk(context: BrowserContext, extensionId: string): Promise<BulkPage> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/bulk.html`);
  const bulk = new BulkPage(page);
  await expect(page.getByRole("heading", { name: "Bulk send", level: 1 })).toBeVisible();
  return bulk;
}

/** The send log's bulk entries as the background stored them (utils/send-log.ts's layout). */
async function bulkSendLog(
  page: Page,
): Promise<Array<{ recipient: string; status: number | null; outcome: string }>> {
  return page.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeGlobal;
    const local = await chrome.storage.local.get(null);
    const index = local["sendLog.index"] as { buckets: Array<{ key: number }> } | undefined;
    const entries = (index?.buckets ?? []).flatMap(
      (bucket) =>
        (local[`sendLog.${bucket.key}`] ?? []) as Array<{
          source: string;
          recipient: string;
          status: number | null;
          outcome: string;
        }>,
    );
    return entries
      .filter((entry) => entry.source === "bulk")
      .map(({ recipient, status, outcome }) => ({ recipient, status, outcome }));
  });
}

test.describe("bulk send", () => {
  test.beforeEach(async ({ openOptions, sandbox }) => {
    // The fixture reset the sandbox's world; every address at bulk.example is a member again.
    sandbox.state.catchAllEmailDomains.add(SANDBOX_BULK_DOMAIN);
    const options = await openOptions();
    await expect(options.saveThroughBackground(sandboxDraft(sandbox.url))).resolves.toMatchObject({
      ok: true,
    });
    await options.page.close();
  });

  test("sends 200 members at most once each through 429 storms, 503 bursts, dropped lines, cut-off answers, slow replies and a stopped worker", async ({
    context,
    extensionId,
    sandbox,
  }) => {
    test.setTimeout(120_000);
    const addresses = members(200);
    const text = [
      "Name;Email",
      ...addresses.map((address, i) => `Member ${i + 1};${address}`),
      // Duplicates, as a desk's export has them: another case, another row of the same member.
      `Member 1 again;${addresses[0]?.toUpperCase()}`,
      `Member 7 twice;${addresses[6]}`,
      `Member 9;${addresses[8]?.replace("member", "MEMBER")}`,
      // Rows that cannot be sent to.
      "Broken;not-an-address",
      "Nobody;",
      "Half;half@",
    ].join("\r\n");

    const bulk = await openBulk(context, extensionId);
    await bulk.reviewList(text);
    const review = bulk.review;
    await expect(review).toContainText("200 members to send to");
    await expect(review).toContainText("3 duplicates dropped");
    await expect(review).toContainText("3 rows that can't be used");
    await expect(bulk.invalidRows.locator("tbody tr")).toHaveText([
      /^205\s*Broken;not-an-address\s*An email address needs an @/u,
      /^206\s*Nobody;\s*No email address or mobile number/u,
      /^207\s*Half;half@\s*The part after the @ must be a domain/u,
    ]);
    expect(sendRequests(sandbox.state)).toHaveLength(0);

    setLatency(sandbox.state, 20);
    await bulk.start({ rate: 50, concurrency: 2 });
    await expect(bulk.progress).toHaveAttribute("aria-valuemax", "200");

    // Faults spread over the run, each injected once the run has got that far.
    await untilSends(sandbox.state, 25);
    // A storm of 429s that say "Retry-After: 0": it used to mean 113 POSTs in 6 s for one member.
    addFault(sandbox.state, { kind: "rate-limit", retryAfter: "0", remaining: 3, scope: "send" });
    await untilSends(sandbox.state, 60);
    addFault(sandbox.state, { kind: "maintenance", remaining: 2, scope: "send" });
    await untilSends(sandbox.state, 100);
    setLatency(sandbox.state, 50);
    // The line drops after Placewise read the request: those two members may have been sent.
    addFault(sandbox.state, { kind: "reset", remaining: 2, scope: "send" });
    await untilSends(sandbox.state, 130);
    // Placewise answers 200 but the body breaks off: accepted all the same.
    addFault(sandbox.state, { kind: "cut-body", remaining: 1, scope: "send" });
    await untilSends(sandbox.state, 150);
    addFault(sandbox.state, { kind: "rate-limit", retryAfterSeconds: 1, remaining: 1, scope: "send" });
    addFault(sandbox.state, { kind: "maintenance", remaining: 1, scope: "send" });
    await untilSends(sandbox.state, 170);
    // The worker dies with a request in flight (Chrome stops idle workers; Playwright keeps an
    // attached one alive, so stop it on purpose), and a reopened page wakes a new one.
    addFault(sandbox.state, { kind: "hang", remaining: 1, scope: "send" });
    await expect.poll(() => sendRequests(sandbox.state).some((r) => r.status === null)).toBe(true);
    const worker = await stopServiceWorker(bulk.page);
    await bulk.page.reload();
    await worker.running;

    const finished = /Finished: (\d+) sent, 0 failed, (\d+) unknown\./u;
    await expect(bulk.runAlert).toContainText(finished, { timeout: 90_000 });
    const [, sentText, unknownText] = finished.exec((await bulk.runAlert.textContent()) ?? "") ?? [];

    // The sandbox's log, member by member: nobody accepted twice; after a request that may have
    // reached Placewise (accepted, a dropped line, the one in flight when the worker died) nothing
    // more was POSTed for that member; only refusals (429, 503) were followed by another try;
    // nobody lost; nothing reached the API for an invalid or duplicate row.
    const requests = sendRequests(sandbox.state);
    for (const request of requests) expect(addresses).toContain(request.pathParams.email);
    for (const email of addresses) {
      const statuses = sendsTo(sandbox.state, email).map((r) => r.status);
      expect({ email, accepted: statuses.filter((s) => s === 200).length }).toEqual({
        email,
        accepted: statuses.at(-1) === 200 ? 1 : 0,
      });
      const beforeLast = statuses.slice(0, -1);
      expect({ email, beforeLast: beforeLast.filter((s) => s !== 429 && s !== 503) }).toEqual({
        email,
        beforeLast: [],
      });
    }
    const refused = requests.filter((r) => r.status !== null && r.status !== 0 && r.status !== 200);
    expect(refused.map((r) => r.status).sort()).toEqual([429, 429, 429, 429, 503, 503, 503]);
    expect(requests.filter((r) => r.status === 0)).toHaveLength(2);
    // Unknown are exactly the members whose last request got no answer the extension read: the
    // two dropped lines and what the stopped worker had in flight (answered or not).
    const rows = await bulk.resultRows();
    const unclear = rows.filter((row) => row.state !== "Sent").map((row) => row.recipient);
    expect(Number(sentText) + Number(unknownText)).toBe(200);
    expect(unclear).toHaveLength(Number(unknownText));
    expect(unclear.length).toBeGreaterThanOrEqual(3);
    for (const email of requests
      .filter((r) => r.status === 0 || r.status === null)
      .map((r) => r.pathParams.email))
      expect(unclear).toContain(email);
    // Nobody lost: a member the stopped worker had claimed but whose request never left is unknown
    // too (the extension cannot tell how far the request got), never silently dropped or resent.
    for (const email of addresses.filter((a) => sendsTo(sandbox.state, a).length === 0))
      expect(unclear).toContain(email);

    // After each dropped line the run asked Placewise a harmless question before the next member.
    const probes = sandbox.state.requests.filter((r) => r.route === "get-club");
    expect(probes.length).toBeGreaterThanOrEqual(1);

    // The send log holds what the extension saw: every sure send, every 429 and 503, and the two
    // dropped lines as network errors (maybe sent). What the stopped worker had in flight has no
    // entry: that worker never saw its end.
    const dropped = requests.filter((r) => r.status === 0).map((r) => r.pathParams.email ?? "");
    const logged = await bulkSendLog(bulk.page);
    const sure = logged.filter(
      (entry) => entry.outcome === "accepted" || entry.outcome === "accepted-incomplete",
    );
    // Every member shown Sent has its one sure entry; a member the dying worker had in flight may
    // have one too (that worker can still write as it stops), and still shows Unknown: the run
    // never claims more than it knows.
    const sureRecipients = sure.map((entry) => entry.recipient);
    expect(new Set(sureRecipients).size).toBe(sureRecipients.length);
    for (const email of addresses.filter((a) => !unclear.includes(a)))
      expect(sureRecipients).toContain(email);
    for (const email of sureRecipients.filter((r) => unclear.includes(r)))
      expect(dropped).not.toContain(email);
    expect(logged.filter((entry) => entry.outcome === "accepted-incomplete")).toHaveLength(1);
    const refusedLogged = logged.filter((entry) => entry.status !== null && entry.status !== 200);
    expect(refusedLogged.map((entry) => entry.status).sort()).toEqual([429, 429, 429, 429, 503, 503, 503]);
    // No answer: the dropped lines as network errors, and the hung request, if the worker lived long
    // enough to give up on it, as a timeout. Each is an unknown member.
    const noAnswer = logged.filter((entry) => entry.status === null);
    for (const email of dropped)
      expect(noAnswer).toContainEqual({ recipient: email, status: null, outcome: "network-error" });
    for (const entry of noAnswer) {
      expect(["network-error", "timeout"]).toContain(entry.outcome);
      expect(unclear).toContain(entry.recipient);
    }

    // The results table: a row per recipient, in order, each with as many attempts as the sandbox
    // saw POSTs, but for one the stopped worker had claimed (its attempt stored before the POST)
    // whose request never left: the run counts that attempt, as it cannot tell it from one that
    // left. The log has one entry per POST whose end the extension saw.
    expect(rows.map((row) => row.recipient)).toEqual(addresses);
    for (const row of rows) {
      expect(row.state).toBe(unclear.includes(row.recipient) ? "Unknown — check before resending" : "Sent");
      const posts = sendsTo(sandbox.state, row.recipient);
      // Unknown and not a dropped line: what the stopped worker held (in flight, or claimed only).
      const heldByStoppedWorker = unclear.includes(row.recipient) && !dropped.includes(row.recipient) ? 1 : 0;
      const attempts = Number(row.attempts);
      expect({
        recipient: row.recipient,
        attempts,
        fits: attempts >= posts.length && attempts <= posts.length + heldByStoppedWorker,
      }).toEqual({ recipient: row.recipient, attempts, fits: true });
      // A request the stopped worker had in flight may or may not have reached the log.
      const entries = logged.filter((entry) => entry.recipient === row.recipient).length;
      expect({
        recipient: row.recipient,
        fits: entries <= posts.length && entries >= posts.length - heldByStoppedWorker,
      }).toEqual({
        recipient: row.recipient,
        fits: true,
      });
    }
  });

  test("pause stops new requests, resume carries on, cancel ends the run; the page follows it across a reopen", async ({
    context,
    extensionId,
    sandbox,
  }) => {
    test.setTimeout(60_000);
    const addresses = members(60, "pause");
    let bulk = await openBulk(context, extensionId);
    await bulk.reviewList(addresses.join("\n"));
    await bulk.start({ rate: 5, concurrency: 1 });
    await untilSends(sandbox.state, 4);

    await bulk.pauseButton.click();
    // "Paused" shows once the request under way has finished: from then on nothing may be sent.
    await expect(bulk.runStatus).toHaveText("Paused. Nothing is being sent. Press Resume to carry on.");
    const atPause = sendRequests(sandbox.state).length;
    await expect(bulk.progress).toHaveAttribute("aria-valuenow", String(atPause));
    // Nothing happening cannot be waited for. 1.5 s at 5 per second is room for 7 more requests.
    await bulk.page.waitForTimeout(1_500);
    expect(sendRequests(sandbox.state)).toHaveLength(atPause);

    // Closing the page does not stop the run, and a new page picks it up where it is.
    await bulk.resumeButton.click();
    await expect(bulk.runStatus).toHaveText("Sending…");
    await bulk.page.close();
    await untilSends(sandbox.state, atPause + 3);
    bulk = await openBulk(context, extensionId);
    await expect(bulk.runStatus).toHaveText("Sending…");
    const reopenedAt = Number(await bulk.progress.getAttribute("aria-valuenow"));
    expect(reopenedAt).toBeGreaterThanOrEqual(atPause + 2);
    await expect
      .poll(async () => Number(await bulk.progress.getAttribute("aria-valuenow")))
      .toBeGreaterThan(reopenedAt);

    await bulk.cancelButton.click();
    const dialog = bulk.page.getByRole("dialog", { name: "Cancel this run?" });
    await expect(dialog).toContainText("have not been sent to yet and will not be");
    await dialog.getByRole("button", { name: "Cancel the run" }).click();
    await expect(bulk.runStatus).toContainText("Cancelled.");
    const atCancel = sendRequests(sandbox.state).length;
    // As above: a fixed wait to show that nothing more is sent.
    await bulk.page.waitForTimeout(1_500);
    expect(sendRequests(sandbox.state)).toHaveLength(atCancel);
    expect(atCancel).toBeLessThan(60);

    // The table: the members the sandbox accepted are Sent, the rest still Waiting.
    const accepted = new Set(
      sendRequests(sandbox.state)
        .filter((r) => r.status === 200)
        .map((r) => r.pathParams.email),
    );
    expect(accepted.size).toBe(atCancel);
    const rows = await bulk.resultRows();
    expect(rows.filter((row) => row.state === "Sent").map((row) => row.recipient)).toEqual(
      addresses.filter((address) => accepted.has(address)),
    );
    expect(rows.filter((row) => row.state === "Waiting")).toHaveLength(60 - atCancel);
    await expect(bulk.runStatus).toContainText(`Cancelled. ${atCancel} were sent; ${60 - atCancel} were not`);

    // A cancelled run can be cleared for a new one.
    await bulk.newRunButton.click();
    await expect(bulk.recipients).toBeFocused();
    await expect(bulk.recipients).toHaveValue("");
    expect((await bulk.storedLocal()).bulkRun).toBeUndefined();
  });

  test("a run survives its service worker being stopped mid-request: no duplicate, no loss", async ({
    context,
    extensionId,
    sandbox,
  }) => {
    test.setTimeout(60_000);
    const addresses = members(30, "restart");
    const bulk = await openBulk(context, extensionId);
    await bulk.reviewList(addresses.join("\n"));
    await bulk.start({ rate: 10, concurrency: 1 });
    await untilSends(sandbox.state, 8);
    // The next request never gets an answer: the worker dies while it is in flight.
    setFault(sandbox.state, { kind: "hang", remaining: 1, scope: "send" });
    await expect.poll(() => sendRequests(sandbox.state).find((r) => r.status === null)).toBeTruthy();
    const inFlight = sendRequests(sandbox.state).find((r) => r.status === null)?.pathParams.email ?? "";
    const row = bulk.results.getByRole("row").filter({ hasText: inFlight });
    await expect(row).toContainText("Sending…");

    // Playwright keeps an attached worker alive, so stop it on purpose, as Chrome does when idle.
    const worker = await stopServiceWorker(bulk.page);
    const beforeWake = sendRequests(sandbox.state).length;
    // Nothing sends without a worker: the row still says Sending… (the page cannot know better).
    await expect(row).toContainText("Sending…");

    // Reopening the page wakes a new worker, whose start-up resumes the run (no 30 s alarm wait).
    await bulk.page.reload();
    await worker.running;
    // Members without a sure answer are something to act on: the end of the run is an alert.
    await expect(bulk.runAlert).toContainText("Finished: 29 sent, 0 failed, 1 unknown.", {
      timeout: 30_000,
    });
    await expect(row).toContainText("Unknown — check before resending");

    // The in-flight member was never sent again; everyone else exactly once, and nobody lost.
    expect(sendsTo(sandbox.state, inFlight)).toHaveLength(1);
    const counts = acceptedCounts(sandbox.state, addresses);
    expect(counts.get(inFlight)).toBe(0);
    counts.delete(inFlight);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(sendRequests(sandbox.state)).toHaveLength(30);
    expect(beforeWake).toBeLessThan(30);
    const rows = await bulk.resultRows();
    expect(rows.filter((r) => r.state === "Sent")).toHaveLength(29);
  });

  test("a 401 mid-run stops the run with a clear message; fixing it and Resume completes it", async ({
    context,
    extensionId,
    sandbox,
  }) => {
    test.setTimeout(60_000);
    const addresses = members(40, "token");
    const bulk = await openBulk(context, extensionId);
    await bulk.reviewList(addresses.join("\n"));
    await bulk.start({ rate: 20, concurrency: 1 });
    await untilSends(sandbox.state, 10);
    setFault(sandbox.state, { kind: "status", status: 401, error: "Invalid token", scope: "send" });

    await expect(bulk.runAlert).toContainText("Stopped: Placewise rejected the client token (401).");
    await expect(bulk.runAlert).toContainText("Check it in Settings. Then press Resume");
    await expect(bulk.resumeButton).toBeVisible();
    const atStop = sendRequests(sandbox.state).length;
    const rejected = sendRequests(sandbox.state).filter((r) => r.status === 401);
    expect(rejected).toHaveLength(1);
    // A stopped run sends nothing (a fixed wait, as for pause: 1 s at 20 per second is 20 requests).
    await bulk.page.waitForTimeout(1_000);
    expect(sendRequests(sandbox.state)).toHaveLength(atStop);

    clearFaults(sandbox.state);
    await bulk.resumeButton.click();
    await expect(bulk.runStatus).toContainText("Finished: 40 sent, 0 failed, 0 unknown.", {
      timeout: 30_000,
    });
    await expect(bulk.runAlert).toHaveCount(0);
    expect([...acceptedCounts(sandbox.state, addresses).values()].every((count) => count === 1)).toBe(true);
    const retried = rejected[0]?.pathParams.email ?? "";
    expect(sendsTo(sandbox.state, retried).map((r) => r.status)).toEqual([401, 200]);
  });
});
