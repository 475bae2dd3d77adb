import type { Locator, Page } from "@playwright/test";
import {
  BUCKET_SIZE,
  bucketKey,
  SEND_LOG_INDEX_KEY,
  type SendLogEntry,
  type SendLogIndex,
} from "../../../utils/send-log";
import type { SendOutcomeKind } from "../../../utils/send-outcome";

/** The send log page, found by its visible labels, roles and names. */
export class SendLogPage {
  readonly heading: Locator;
  readonly table: Locator;
  /** The data rows (not the header row), newest first. */
  readonly rows: Locator;
  readonly search: Locator;
  readonly outcomeFilter: Locator;
  readonly clubFilter: Locator;
  readonly channelFilter: Locator;
  readonly messageFilter: Locator;
  readonly fromDate: Locator;
  readonly toDate: Locator;
  readonly resetFilters: Locator;
  /** "N of M entries". */
  readonly count: Locator;
  readonly pageInfo: Locator;
  readonly previousPage: Locator;
  readonly nextPage: Locator;
  readonly exportButton: Locator;
  readonly clearButton: Locator;
  readonly settingsLink: Locator;
  readonly dialog: Locator;
  readonly status: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Send log" });
    this.table = page.getByRole("table");
    this.rows = this.table.locator("tbody tr");
    this.search = page.getByLabel("Search", { exact: true });
    this.outcomeFilter = page.getByLabel("Outcome", { exact: true });
    this.clubFilter = page.getByLabel("Club", { exact: true });
    this.channelFilter = page.getByLabel("Channel", { exact: true });
    this.messageFilter = page.getByLabel("Message", { exact: true });
    this.fromDate = page.getByLabel("From", { exact: true });
    this.toDate = page.getByLabel("To", { exact: true });
    this.resetFilters = page.getByRole("button", { name: "Reset filters" });
    this.count = page.getByText(/^\d[\d,]* (of [\d,]+ )?entr(y|ies)$/u);
    this.pageInfo = page.getByText(/^Page \d+ of \d+$/u);
    this.previousPage = page.getByRole("button", { name: "Previous" });
    this.nextPage = page.getByRole("button", { name: "Next" });
    this.exportButton = page.getByRole("button", { name: "Export CSV" });
    this.clearButton = page.getByRole("button", { name: "Clear send log" });
    this.settingsLink = page.getByRole("link", { name: "Settings" });
    this.dialog = page.getByRole("dialog");
    this.status = page.getByRole("status");
    this.alert = page.getByRole("alert");
  }

  /** The rows whose recipient is exactly this address or number. */
  rowsFor(recipient: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("rowheader", { name: recipient, exact: true }) });
  }

  /** The cells of every shown row, as text: what the operator reads. */
  async rowTexts(): Promise<string[][]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((row) => Array.from(row.children, (cell) => (cell.textContent ?? "").trim())),
    );
  }

  /** Presses "Send again" on a row; the confirmation opens. */
  async askToSendAgain(row: Locator): Promise<void> {
    await row.getByRole("button", { name: /^Send again/u }).click();
  }
}

/** The storage.local items of a send log holding `entries` (any order), laid out as the background does. */
export function sendLogStorage(entries: readonly SendLogEntry[]): Record<string, unknown> {
  const oldestFirst = [...entries].sort((a, b) => a.at - b.at);
  const items: Record<string, unknown> = {};
  const index: SendLogIndex = { buckets: [] };
  for (let start = 0, key = 1; start < oldestFirst.length; start += BUCKET_SIZE, key++) {
    const bucket = oldestFirst.slice(start, start + BUCKET_SIZE);
    const first = bucket[0];
    const last = bucket[bucket.length - 1];
    if (first === undefined || last === undefined) break;
    items[bucketKey(key)] = bucket;
    index.buckets.push({ key, count: bucket.length, oldestAt: first.at, newestAt: last.at });
  }
  items[SEND_LOG_INDEX_KEY] = index;
  return items;
}

/** Writes a send log straight into the extension's storage, from any of its pages. */
export async function seedSendLog(page: Page, entries: readonly SendLogEntry[]): Promise<void> {
  await page.evaluate(
    (items) =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set(items: unknown): Promise<void> } } } }
      ).chrome.storage.local.set(items),
    sendLogStorage(entries),
  );
}

/** A connection the generated entries are attributed to. */
export interface EntryConnection {
  id: string;
  label: string;
  host: string;
  club: string;
  environment: SendLogEntry["environment"];
}

// Roughly a desk's week: mostly accepted, some unknown members, the odd refusal or outage.
const OUTCOME_MIX: Array<{ outcome: SendOutcomeKind; status: number | null }> = [
  { outcome: "accepted", status: 200 },
  { outcome: "accepted", status: 200 },
  { outcome: "member-not-found", status: 404 },
  { outcome: "accepted", status: 200 },
  { outcome: "rate-limited", status: 429 },
  { outcome: "accepted", status: 200 },
  { outcome: "token-rejected", status: 401 },
  { outcome: "accepted", status: 200 },
  { outcome: "timeout", status: null },
  { outcome: "maintenance", status: 503 },
  { outcome: "accepted", status: 200 },
  { outcome: "server-error", status: 500 },
  { outcome: "network-error", status: null },
];
const FIRST_NAMES = [
  "anna",
  "ola",
  "kari",
  "bjorn",
  "ingrid",
  "lars",
  "sofie",
  "emil",
  "nora",
  "jonas",
  "maja",
];

/**
 * `count` made-up entries, one every `spacingMs` going back from `newestAt`, spread over the
 * connections, both channels and a mix of outcomes. Deterministic, so runs compare.
 */
export function generateSendLogEntries(
  count: number,
  connections: readonly EntryConnection[],
  newestAt: number,
  spacingMs = 7 * 60_000,
): SendLogEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const connection = connections[index % connections.length] as EntryConnection;
    const mix = OUTCOME_MIX[(index * 7) % OUTCOME_MIX.length] as (typeof OUTCOME_MIX)[number];
    const sms = index % 5 === 3;
    const name = FIRST_NAMES[index % FIRST_NAMES.length] as string;
    return {
      id: `seed-${index}`,
      at: newestAt - index * spacingMs,
      source: index % 4 === 1 ? "context-menu" : "popup",
      connectionId: connection.id,
      connectionLabel: connection.label,
      environment: connection.environment,
      host: connection.host,
      club: connection.club,
      channel: sms ? "msisdn" : "email",
      recipient: sms ? `4740${String(100_000 + index * 37).padStart(6, "0")}` : `${name}.${index}@example.no`,
      outcome: mix.outcome,
      status: mix.status,
      durationMs: 120 + ((index * 53) % 400) + (mix.outcome === "timeout" ? 20_000 : 0),
    };
  });
}
