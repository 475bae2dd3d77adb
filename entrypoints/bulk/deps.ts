import { browser } from "wxt/browser";
import { type BulkInput, type BulkInputOptions, parseBulkInput } from "@/utils/bulk-input";
import type { BulkItem, BulkRun } from "@/utils/bulk-run";
import { type BulkRunRequest, type StartBulkRunResult, sendToBackground } from "@/utils/messages";
import { readPolicy } from "@/utils/policy";
import { readSendsSince, type SendLogEntry } from "@/utils/send-log";
import { readSettings, type StoredSettings, watchSettings } from "@/utils/settings";
import { downloadText } from "@/utils/spreadsheet-export";
import { buildBulkCsv } from "./csv";
import { readStoredRun, type StoredRunDeps, watchStoredRun } from "./stored-run";

/**
 * The largest CSV or text file the page reads, in bytes. The page reads and parses a file on its own
 * thread: a 50 MB file froze it for 10 s. A full run (MAX_BULK_RECIPIENTS members) fits in well
 * under 1 MB, even with a few more columns.
 */
export const MAX_BULK_FILE_BYTES = 2 * 1024 * 1024;

/** What the Bulk page needs from outside; component tests pass fakes. */
export interface BulkPageDeps extends StoredRunDeps {
  readSettings(): Promise<StoredSettings>;
  /** Whether the organisation's policy allows bulk runs (bulkEnabled); the background refuses too. */
  readBulkEnabled(): Promise<boolean>;
  watchSettings(onChange: () => void): () => void;
  /** The send log's entries since a time, newest first (the repeat window's check). */
  readSendsSince(since: number): Promise<SendLogEntry[]>;
  /** Reads the list (utils/bulk-input.ts loads papaparse, and the phone library, on first use). */
  parse(text: string, options: BulkInputOptions): Promise<BulkInput>;
  start(request: BulkRunRequest): Promise<StartBulkRunResult>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  cancel(): Promise<void>;
  retryFailed(): Promise<{ requeued: number }>;
  clear(): Promise<void>;
  /** Makes sure a service worker runs: a new one picks up a run the old one left (resumeUnfinished). */
  wake(): Promise<void>;
  buildCsv(run: BulkRun, items: readonly BulkItem[]): Promise<string>;
  download(fileName: string, content: string): void;
  openOptions(): void;
  now(): number;
}

/** The real dependencies: storage read directly, every change through the background. */
export const browserBulkDeps: BulkPageDeps = {
  readSettings,
  readBulkEnabled: async () => (await readPolicy()).policy.bulkEnabled,
  watchSettings,
  readRun: readStoredRun,
  watchRun: watchStoredRun,
  readSendsSince,
  parse: parseBulkInput,
  start: (request) => sendToBackground("startBulkRun", request),
  pause: async () => {
    await sendToBackground("pauseBulkRun", null);
  },
  resume: async () => {
    await sendToBackground("resumeBulkRun", null);
  },
  cancel: async () => {
    await sendToBackground("cancelBulkRun", null);
  },
  retryFailed: () => sendToBackground("retryFailedBulk", null),
  clear: async () => {
    await sendToBackground("clearBulkRun", null);
  },
  wake: async () => {
    // Starts a stopped service worker, which picks up an unfinished run.
    await sendToBackground("wakeBulkRun", null);
  },
  buildCsv: buildBulkCsv,
  download: downloadText,
  openOptions: () => void browser.runtime.openOptionsPage(),
  now: () => Date.now(),
  refreshMs: 100,
};
