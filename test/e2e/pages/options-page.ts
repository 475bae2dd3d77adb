import type { Locator, Page } from "@playwright/test";
import type { ConnectionDraft } from "../../../utils/validation/connection";

/**
 * The options page, found by its visible labels. Labels and names are matched exactly: the page
 * has "Name" beside "Product name", and "Save" must not find another button with "save" in it.
 */
export class OptionsPage {
  readonly environment: Locator;
  readonly baseUrl: Locator;
  readonly token: Locator;
  readonly showToken: Locator;
  readonly productName: Locator;
  readonly club: Locator;
  /** The club picker's list of clubs, while it is open. */
  readonly clubOptions: Locator;
  readonly loadClubsButton: Locator;
  /** The line under the club field that says how the club list went. */
  readonly clubNote: Locator;
  readonly name: Locator;
  readonly customerId: Locator;
  readonly dontRemember: Locator;
  readonly language: Locator;
  readonly loginUrl: Locator;
  readonly saveButton: Locator;
  readonly testButton: Locator;
  readonly forgetButton: Locator;
  /** "New connection" or "Edit connection: <name>". */
  readonly formHeading: Locator;
  readonly connectionList: Locator;
  readonly addConnectionButton: Locator;
  readonly precheck: Locator;
  readonly recentSendMinutes: Locator;
  readonly sendLogEnabled: Locator;
  readonly sendLogRetentionDays: Locator;
  readonly sendLogMaxEntries: Locator;
  readonly status: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    const exact = { exact: true } as const;
    this.environment = page.getByLabel("Environment", exact);
    this.baseUrl = page.getByLabel("API base URL", exact);
    this.token = page.getByLabel("Client token", exact);
    this.showToken = page.getByRole("button", { name: /^(Show token|Hide token)$/u });
    this.productName = page.getByLabel("Product name", exact);
    this.club = page.getByRole("combobox", { name: "Loyalty club", exact: true });
    this.clubOptions = page.getByRole("listbox", { name: "Clubs this token may use" }).getByRole("option");
    this.loadClubsButton = page.getByRole("button", { name: "Load clubs", exact: true });
    this.clubNote = page.locator("#club-slug-list");
    this.name = page.getByLabel("Name", exact);
    this.customerId = page.getByLabel("Customer ID", exact);
    this.dontRemember = page.getByLabel("Don't remember the token on this computer", exact);
    this.language = page.getByLabel("Message language", exact);
    this.loginUrl = page.getByLabel("Login URL", exact);
    this.saveButton = page.getByRole("button", { name: "Save", exact: true });
    this.testButton = page.getByRole("button", { name: "Test connection", exact: true });
    this.forgetButton = page.getByRole("button", { name: "Forget token", exact: true });
    this.formHeading = page.getByRole("heading", {
      level: 2,
      name: /^(New connection|Edit connection: .*)$/u,
    });
    this.connectionList = page.getByRole("list", { name: "Saved connections" });
    this.addConnectionButton = page.getByRole("button", { name: "Add connection", exact: true });
    this.precheck = page.getByRole("checkbox", { name: "Check the member before sending", exact: true });
    this.recentSendMinutes = page.getByRole("spinbutton", {
      name: "Warn before sending to the same member again within minutes",
    });
    this.sendLogEnabled = page.getByRole("checkbox", { name: "Keep a send log", exact: true });
    this.sendLogRetentionDays = page.getByRole("spinbutton", { name: "Keep entries for days" });
    this.sendLogMaxEntries = page.getByRole("spinbutton", { name: "Keep at most entries" });
    this.status = page.getByRole("status");
    this.alert = page.getByRole("alert");
  }

  /** A saved connection's entry in the list, found by its name. */
  connection(name: string): Locator {
    return this.connectionList
      .getByRole("listitem")
      .filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** Fills the form for a Custom base URL (the sandbox), as a person would. */
  async fill(values: FormValues): Promise<void> {
    await this.environment.selectOption({ label: "Custom" });
    await this.baseUrl.fill(values.baseUrl);
    await this.token.fill(values.token);
    await this.club.fill(values.club);
    if (values.name !== undefined) await this.name.fill(values.name);
    if (values.customerId !== undefined) await this.customerId.fill(values.customerId);
  }

  /** Fills the form (fill) and presses Save. */
  async fillAndSave(values: FormValues): Promise<void> {
    await this.fill(values);
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

  /**
   * Saves a connection and makes it the active one even when its test on Save failed: the page
   * leaves a new connection that failed its test inactive (a rejected token, an unreachable host),
   * and a test that wants the popup to meet that failure picks it, as an operator would.
   */
  async saveAndActivateThroughBackground(draft: ConnectionDraft): Promise<unknown> {
    const saved = (await this.saveThroughBackground(draft)) as { ok: boolean; id?: string };
    if (!saved.ok || saved.id === undefined) return saved;
    return this.page.evaluate((id) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      return chrome.runtime.sendMessage({ type: "setActiveConnection", data: { id } });
    }, saved.id);
  }
}

/** What OptionsPage.fill types into the connection form. */
export interface FormValues {
  baseUrl: string;
  token: string;
  club: string;
  name?: string;
  customerId?: string;
}

/** The part of the `chrome` global a page script uses here (no @types/chrome in this project). */
export interface ChromeGlobal {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown>; getManifest(): Record<string, unknown> };
    storage: { local: { get(keys: null): Promise<Record<string, unknown>> } };
  };
}
