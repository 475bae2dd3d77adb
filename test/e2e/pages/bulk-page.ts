import type { Locator, Page } from "@playwright/test";
import type { ChromeGlobal } from "./options-page";

/** The Bulk page, found the way an operator finds things: by label, role and name. */
export class BulkPage {
  readonly recipients: Locator;
  readonly csvFile: Locator;
  readonly reviewButton: Locator;
  readonly startButton: Locator;
  readonly rate: Locator;
  readonly concurrency: Locator;
  readonly productionAck: Locator;
  readonly progress: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly cancelButton: Locator;
  readonly exportButton: Locator;
  readonly retryFailedButton: Locator;
  readonly newRunButton: Locator;
  readonly results: Locator;
  readonly invalidRows: Locator;
  readonly review: Locator;
  readonly run: Locator;
  /** The run's status: running, paused, waiting, finished (role=status). */
  readonly runStatus: Locator;
  /** Why the run stopped (role=alert). */
  readonly runAlert: Locator;
  /** The notices about the last action (file read, export, retry), at the bottom. */
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.recipients = page.getByLabel("Recipients");
    this.csvFile = page.getByLabel("CSV file");
    this.reviewButton = page.getByRole("button", { name: "Review" });
    this.startButton = page.getByRole("button", { name: /^Start/u });
    this.rate = page.getByLabel("Requests per second");
    this.concurrency = page.getByLabel("At the same time");
    this.productionAck = page.getByLabel(/I understand this sends to real members/u);
    this.progress = page.getByRole("progressbar");
    this.pauseButton = page.getByRole("button", { name: "Pause" });
    this.resumeButton = page.getByRole("button", { name: "Resume" });
    this.cancelButton = page.getByRole("button", { name: "Cancel", exact: true });
    this.exportButton = page.getByRole("button", { name: "Export CSV" });
    this.retryFailedButton = page.getByRole("button", { name: /^Retry failed/u });
    this.newRunButton = page.getByRole("button", { name: "New run" });
    this.results = page.getByRole("table", { name: "Results" });
    this.invalidRows = page.getByRole("table", { name: "Rows that can't be used" });
    this.review = page.getByRole("region", { name: "Review" });
    this.run = page.getByRole("region", { name: /^Bulk run/u });
    this.runStatus = this.run.getByRole("status");
    this.runAlert = this.run.getByRole("alert");
    this.notices = page.locator(".notice-bar");
  }

  /** The channel radio ("Email" or "SMS"). */
  channel(name: "Email" | "SMS"): Locator {
    return this.page.getByRole("radio", { name });
  }

  /** Pastes a list and presses Review. */
  async reviewList(text: string): Promise<void> {
    await this.recipients.fill(text);
    await this.reviewButton.click();
  }

  /** Sets the rate and concurrency, then presses Start. */
  async start({ rate, concurrency }: { rate?: number; concurrency?: number } = {}): Promise<void> {
    if (rate !== undefined) await this.rate.fill(String(rate));
    if (concurrency !== undefined) await this.concurrency.fill(String(concurrency));
    await this.startButton.click();
  }

  /** The progress bar's value and maximum. */
  async progressValues(): Promise<{ now: number; max: number }> {
    const [now, max] = await Promise.all([
      this.progress.getAttribute("aria-valuenow"),
      this.progress.getAttribute("aria-valuemax"),
    ]);
    return { now: Number(now), max: Number(max) };
  }

  /** The results table's body rows, as the cells' text. */
  async resultRows(): Promise<Array<{ recipient: string; state: string; attempts: string }>> {
    return this.results.locator("tbody tr").evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.children].map((cell) => cell.textContent?.trim() ?? "");
        return { recipient: cells[1] ?? "", state: cells[3] ?? "", attempts: cells[6] ?? "" };
      }),
    );
  }

  /** Everything in the extension's storage.local, as the extension sees it. */
  async storedLocal(): Promise<Record<string, unknown>> {
    return this.page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage.local.get(null));
  }
}
