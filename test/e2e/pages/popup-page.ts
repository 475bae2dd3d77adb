import type { Locator, Page } from "@playwright/test";

/** The popup, found the way an operator finds things: by label, role and name. */
export class PopupPage {
  readonly emailField: Locator;
  readonly phoneField: Locator;
  readonly channels: Locator;
  readonly emailChannel: Locator;
  readonly smsChannel: Locator;
  readonly connection: Locator;
  readonly sendButton: Locator;
  /** The second action, under a pre-check that says the member has a password. */
  readonly resetButton: Locator;
  readonly sendAgainButton: Locator;
  readonly cancelButton: Locator;
  /** The pre-check's answer next to the field. */
  readonly precheck: Locator;
  readonly recentSends: Locator;
  readonly sendLogLink: Locator;
  readonly status: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.emailField = page.getByLabel("Member email");
    this.phoneField = page.getByLabel("Member phone");
    this.channels = page.getByRole("radiogroup", { name: "Send by" });
    this.emailChannel = this.channels.getByRole("radio", { name: "Email" });
    this.smsChannel = this.channels.getByRole("radio", { name: "SMS" });
    this.connection = page.getByLabel("Connection");
    // The form's button, not the reset link's "Send password reset link" beside it.
    this.sendButton = page.getByRole("button", { name: /^Send(?! password reset)/u });
    this.resetButton = page.getByRole("button", { name: "Send password reset link" });
    this.sendAgainButton = page.getByRole("button", { name: "Send again" });
    this.cancelButton = page.getByRole("button", { name: "Cancel" });
    this.precheck = page.locator("#member-precheck");
    this.recentSends = page.getByRole("region", { name: "Recent sends" }).getByRole("listitem");
    this.sendLogLink = page.getByRole("link", { name: "Send log" });
    this.status = page.getByRole("status");
    this.alert = page.getByRole("alert");
  }

  /** Types an address and presses Enter, as an operator pasting from a ticket would. */
  async sendTo(email: string): Promise<void> {
    await this.emailField.fill(email);
    await this.emailField.press("Enter");
  }

  /** Picks SMS, pastes a number and presses Enter. */
  async sendSmsTo(number: string): Promise<void> {
    await this.smsChannel.check();
    await this.phoneField.fill(number);
    await this.phoneField.press("Enter");
  }
}
