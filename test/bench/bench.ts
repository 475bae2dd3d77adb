/**
 * `npm run bench`: the performance budgets of issue 2, measured in headless Chromium on the built
 * extension against the HTTP sandbox, printed as a table. A missed budget is reported, not an
 * error; the exit code is non-zero only when the benchmark itself crashes.
 */
import { resolve } from "node:path";
import { bulkRate, bulkUpdates } from "./bulk-throughput";
import type { BenchMetric } from "./metric";
import { openToInteractive, sidePanelOpenToInteractive } from "./open-to-interactive";
import { popupSize } from "./popup-size";
import { formatReport, type ReportRow } from "./report";
import { sendLogRender } from "./send-log-render";
import { sendOverhead } from "./send-overhead";
import { openBenchSession } from "./session";

const BUILT_EXTENSION = resolve(process.env.PSH_OUT_DIR ?? ".output", "chrome-mv3-dev");

/** One row each, in this order; add a metric here to add a row. */
const METRICS: BenchMetric[] = [
  popupSize,
  openToInteractive,
  sidePanelOpenToInteractive,
  sendOverhead,
  sendLogRender,
  bulkRate,
  bulkUpdates,
];

/**
 * PSH_BENCH_ONLY="send log" runs only the metrics whose name contains one of its comma-separated
 * words: a quick look at one figure while working on it. The report of record runs them all.
 */
function chosenMetrics(only = process.env.PSH_BENCH_ONLY): BenchMetric[] {
  if (!only) return METRICS;
  const words = only.split(",").map((word) => word.trim().toLowerCase());
  return METRICS.filter((metric) => words.some((word) => metric.name.toLowerCase().includes(word)));
}

async function main(): Promise<number> {
  const started = performance.now();
  const session = await openBenchSession(BUILT_EXTENSION);
  const rows: ReportRow[] = [];
  try {
    for (const metric of chosenMetrics()) {
      try {
        rows.push(await metric.run(session));
      } catch (error) {
        rows.push({ name: metric.name, error: error instanceof Error ? error.message : String(error) });
        console.error(`bench: ${metric.name} crashed:`, error);
      }
    }
  } finally {
    await session.close();
  }
  console.log(formatReport(rows, performance.now() - started));
  return rows.some((row) => "error" in row) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("bench: crashed:", error);
    process.exitCode = 1;
  },
);
