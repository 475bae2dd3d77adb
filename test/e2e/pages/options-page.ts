import type { Locator, Page } from "@playwright/test";
import type { ConnectionDraft } from "../../../utils/validation/connection";

/** The options page, found by its visible labels. */
export class OptionsPage {
  readonly environment: Locator;
  readonly baseUrl: Locator;
  readonly token: Locator;
  readonly showToken: Locator;
  readonly productName: Locator;
  readonly club: Locator;
  readonly customerId: Locator;
  readonly dontRemember: Locator;
  readonly saveButton: Locator;
  readonly testButton: Locator;
  readonly forgetButton: Locator;
  readonly status: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.environment = page.getByLabel("Environment");
    this.baseUrl = page.getByLabel("API base URL");
    this.token = page.getByLabel("Client token", { exact: true });
    this.showToken = page.getByRole("button", { name: /Show token|Hide token/u });
    this.productName = page.getByLabel("Product name");
    this.club = page.getByLabel("Loyalty club");
    this.customerId = page.getByLabel("Customer ID");
    this.dontRemember = page.getByLabel("Don't remember the token on this computer");
    this.saveButton = page.getByRole("button", { name: "Save" });
    this.testButton = page.getByRole("button", { name: "Test connection" });
    this.forgetButton = page.getByRole("button", { name: "Forget token" });
    this.status = page.getByRole("status");
    this.alert = page.getByRole("alert");
  }

  /** Fills the form for a Custom base URL (the sandbox) and saves it, as a person would. */
  async fillAndSave(values: {
    baseUrl: string;
    token: string;
    club: string;
    customerId?: string;
  }): Promise<void> {
    await this.environment.selectOption({ label: "Custom" });
    await this.baseUrl.fill(values.baseUrl);
    await this.token.fill(values.token);
    await this.club.fill(values.club);
    if (values.customerId !== undefined) await this.customerId.fill(values.customerId);
    await this.saveButton.click();
  }

  /** Everything in the extension's storage.local, as the extension sees it. */
  async storedLocal(): Promise<Record<string, unknown>> {
    return this.page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage.local.get(null));
  }

  /** The manifest the browser loaded. */
  async manifest(): Promise<Record<string, unknown>> {
    return this.page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.runtime.getManifest());
  }

  /**
   * Saves a connection through the extension's own message protocol, for tests whose subject is
   * not the options form. It goes through the same background checks as the form.
   */
  async saveThroughBackground(draft: ConnectionDraft): Promise<unknown> {
    return this.page.evaluate((data) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      return chrome.runtime.sendMessage({ type: "saveConnection", data });
    }, draft);
  }
}

/** The part of the `chrome` global a page script uses here (no @types/chrome in this project). */
export interface ChromeGlobal {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown>; getManifest(): Record<string, unknown> };
    storage: { local: { get(keys: null): Promise<Record<string, unknown>> } };
  };
}
