import type { Page } from "@playwright/test";
import { BulkPage } from "../e2e/pages/bulk-page";
import { SANDBOX_BULK_DOMAIN, sendRequests, setLatency } from "../sandbox";
import { atMost, type BenchMetric, type MetricResult } from "./metric";
import type { BenchSession } from "./session";

/**
 * Issue 11, "Performance": a run achieves at least 0.95 of its configured rate (issue 4 asked for
 * 0.9). Measured from the first request's arrival at the sandbox to the last, so it is the rate
 * the API sees.
 */
export const BULK_RATE_SHARE_BUDGET = 0.95;
/** Issue 4, "Performance": the Bulk page's progress moves at least once a second during a run. */
export const BULK_UPDATE_GAP_BUDGET_MS = 1_000;

const RECIPIENTS = 1_000;
/** High enough to keep the run short (about 20 s), as the issue suggests. */
const RATE_PER_SECOND = 50;
// At 50 ms answers plus the extension's own work per request (storage, send log), 50 a second
// needs about 3 to 4 requests in flight on average; 8 leaves room for the slow ones, as a desk would
// set it for a fast run. The rate, not the concurrency, is what the budget measures.
const CONCURRENCY = 8;
const LATENCY_MS = 50;
const RUN_TIMEOUT_MS = 120_000;
/** A desk PC's window, so the results table lays out as it does for an operator. */
const VIEWPORT = { width: 1280, height: 800 };

/** What one run of 1,000 recipients showed, shared by both rows of the report. */
interface BulkRunMeasurement {
  achievedPerSecond: number;
  sendSpanMs: number;
  sent: number;
  /** Time between consecutive aria-valuenow changes of the progress bar, in the page, ms. */
  updateGaps: number[];
  updates: number;
  /** The page's longest task during the run (PerformanceObserver "longtask"), ms; 0 if none. */
  longestTaskMs: number;
  longTasks: number;
}

interface PageLog {
  updates: Array<[at: number, value: number]>;
  longTasks: number[];
}

/** Records, in the page, every progress change (MutationObserver) and every long task. */
async function recordPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: PageLog = { updates: [], longTasks: [] };
    (window as unknown as { __bulkBench: PageLog }).__bulkBench = log;
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type !== "attributes" || !(record.target instanceof Element)) continue;
        log.updates.push([performance.now(), Number(record.target.getAttribute("aria-valuenow"))]);
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-valuenow"] });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) log.longTasks.push(entry.duration);
    }).observe({ type: "longtask" });
  });
}

/** Runs 1,000 recipients through the Bulk page against the sandbox with 50 ms answers. */
async function measureRun(session: BenchSession): Promise<BulkRunMeasurement> {
  const page = await session.newPage();
  const { state } = session.sandbox;
  try {
    await page.setViewportSize(VIEWPORT);
    await page.goto(session.pageUrl("bulk.html"));
    const bulk = new BulkPage(page);
    const addresses = Array.from(
      { length: RECIPIENTS },
      (_, i) => `bench-bulk-${String(i).padStart(4, "0")}@${SANDBOX_BULK_DOMAIN}`,
    );
    await bulk.reviewList(addresses.join("\n"));
    await bulk.startButton.waitFor();
    const before = sendRequests(state).length;
    setLatency(state, LATENCY_MS);
    await recordPage(page);
    await bulk.start({ rate: RATE_PER_SECOND, concurrency: CONCURRENCY });
    await bulk.runStatus
      .or(bulk.runAlert)
      .filter({ hasText: "Finished" })
      .waitFor({ timeout: RUN_TIMEOUT_MS });

    const arrivals = sendRequests(state)
      .slice(before)
      .map((entry) => entry.receivedAt)
      .filter((at): at is number => at !== undefined);
    const first = arrivals[0];
    const last = arrivals[arrivals.length - 1];
    if (first === undefined || last === undefined || arrivals.length < 2) {
      throw new Error("The run left no requests in the sandbox log.");
    }
    const sendSpanMs = last - first;
    const log = await page.evaluate(() => (window as unknown as { __bulkBench: PageLog }).__bulkBench);
    // From the first progress to the last: the page's own view of the run.
    const changes = log.updates.filter(
      ([, value], index, all) => index === 0 || value !== all[index - 1]?.[1],
    );
    const updateGaps = changes.slice(1).map(([at], index) => at - (changes[index]?.[0] ?? at));
    const sent = sendRequests(state)
      .slice(before)
      .filter((entry) => entry.status === 200).length;

    // Leave the session as it was for the metrics after this one.
    await bulk.newRunButton.click();
    await bulk.recipients.waitFor();
    return {
      achievedPerSecond: ((arrivals.length - 1) / sendSpanMs) * 1000,
      sendSpanMs,
      sent,
      updateGaps,
      updates: changes.length,
      longestTaskMs: Math.max(0, ...log.longTasks),
      longTasks: log.longTasks.length,
    };
  } finally {
    setLatency(state, 0);
    await page.close();
  }
}

// Both rows come from the same run: it is measured once per session.
const runs = new WeakMap<BenchSession, Promise<BulkRunMeasurement>>();
function runOnce(session: BenchSession): Promise<BulkRunMeasurement> {
  let run = runs.get(session);
  if (run === undefined) {
    run = measureRun(session);
    runs.set(session, run);
  }
  return run;
}

/**
 * Bulk rate: configured ÷ achieved rate, from the first to the last request's arrival at the
 * sandbox. The report's budgets are upper bounds, so "achieved ≥ 0.95 × configured" is shown as
 * "configured ÷ achieved ≤ 1 ÷ 0.95".
 */
export async function measureBulkRate(session: BenchSession): Promise<MetricResult> {
  const run = await runOnce(session);
  const share = run.achievedPerSecond / RATE_PER_SECOND;
  return atMost(
    {
      name: "bulk run: configured ÷ achieved rate",
      value: RATE_PER_SECOND / run.achievedPerSecond,
      unit: "ratio",
      budget: 1 / BULK_RATE_SHARE_BUDGET,
    },
    [
      `achieved ${run.achievedPerSecond.toFixed(1)}/s of ${RATE_PER_SECOND}/s configured = ${share.toFixed(3)} (budget ≥ ${BULK_RATE_SHARE_BUDGET})`,
      `${RECIPIENTS} recipients, ${run.sent} accepted, ${CONCURRENCY} at once, ${LATENCY_MS} ms answers; first to last request ${(run.sendSpanMs / 1000).toFixed(2)} s`,
    ],
  );
}

/** Bulk page responsiveness: the longest gap between two progress updates the page showed. */
export async function measureBulkUpdates(session: BenchSession): Promise<MetricResult> {
  const run = await runOnce(session);
  const sorted = [...run.updateGaps].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  return atMost(
    {
      name: "bulk page: longest gap between progress updates",
      value: Math.max(0, ...run.updateGaps),
      unit: "ms",
      budget: BULK_UPDATE_GAP_BUDGET_MS,
    },
    [
      `${run.updates} updates of aria-valuenow (MutationObserver in the page); gap p95 ${p95.toFixed(1)} ms`,
      `long tasks during the run: ${run.longTasks}, longest ${run.longestTaskMs.toFixed(1)} ms`,
    ],
  );
}

/** Metric: issue 4's rate budget. */
export const bulkRate: BenchMetric = { name: "bulk rate", run: measureBulkRate };

/** Metric: issue 4's "the Bulk page stays responsive during a run". */
export const bulkUpdates: BenchMetric = { name: "bulk page updates", run: measureBulkUpdates };
