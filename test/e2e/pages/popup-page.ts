import type { Locator, Page } from "@playwright/test";

/** The popup, found the way an operator finds things: by label, role and name. */
export class PopupPage {
  readonly emailField: Locator;
  readonly sendButton: Locator;
  readonly status: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.emailField = page.getByLabel("Member email");
    this.sendButton = page.getByRole("button", { name: /^Send/u });
    this.status = page.getByRole("status");
    this.alert = page.getByRole("alert");
  }

  /** Types an address and presses Enter, as an operator pasting from a ticket would. */
  async sendTo(email: string): Promise<void> {
    await this.emailField.fill(email);
    await this.emailField.press("Enter");
  }
}
