import type { Page } from "@playwright/test";
import { SANDBOX_BULK_DOMAIN, SANDBOX_MEMBERS, setFault, setLatency } from "../sandbox";
import { expectNoAxeViolations } from "./axe";
import { sandboxDraft } from "./connection";
import { expect, test } from "./fixtures";
import { BulkPage } from "./pages/bulk-page";
import { generateSendLogEntries, SendLogPage, seedSendLog } from "./pages/send-log-page";

// Every page, in the states the other browser tests reach, scanned with axe-core (WCAG 2.1 A/AA and
// best practices). Zero violations, in the light scheme and in the dark one.
for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`accessibility (${colorScheme} scheme)`, () => {
    test.beforeEach(async ({ openOptions, sandbox }) => {
      const options = await openOptions();
      await expect(options.saveThroughBackground(sandboxDraft(sandbox.url))).resolves.toMatchObject({
        ok: true,
      });
      await options.page.close();
    });

    test("popup: idle, invalid, sending, success, errors, repeat warning", async ({ openPopup, sandbox }) => {
      const popup = await openPopup();
      await emulatePage(popup.page, colorScheme);
      await expect(popup.page.getByRole("link", { name: "Send log" })).toBeVisible();
      await expectNoAxeViolations(popup.page, "popup idle");

      await popup.sendTo("anna.example.no");
      await expect(popup.alert).toBeVisible();
      await expectNoAxeViolations(popup.page, "popup invalid");

      setLatency(sandbox.state, 1500);
      await popup.sendTo(SANDBOX_MEMBERS.anna);
      await expect(popup.status).toHaveText("Sending…");
      await expectNoAxeViolations(popup.page, "popup sending");
      await expect(popup.status).toContainText("Placewise accepted the request", { timeout: 5000 });
      await expectNoAxeViolations(popup.page, "popup success");
      setLatency(sandbox.state, 0);

      await popup.sendTo(SANDBOX_MEMBERS.unknownEmail);
      await expect(popup.alert).toContainText("(404)");
      await expectNoAxeViolations(popup.page, "popup 404");

      setFault(sandbox.state, { kind: "maintenance", remaining: 1 });
      await popup.sendTo(SANDBOX_MEMBERS.kari);
      await expect(popup.alert).toContainText("(503)");
      await expectNoAxeViolations(popup.page, "popup 503");

      await popup.sendTo(SANDBOX_MEMBERS.anna);
      await expect(popup.page.getByRole("button", { name: "Send again" })).toBeVisible();
      await expectNoAxeViolations(popup.page, "popup repeat warning");
    });

    test("options page: connection list, form, field errors", async ({ openOptions }) => {
      const options = await openOptions();
      await emulatePage(options.page, colorScheme);
      await expect(options.token).not.toHaveValue("");
      await expectNoAxeViolations(options.page, "options with a saved connection");
      await options.club.fill("Not A Slug");
      await options.saveButton.click();
      await expect(options.club).toHaveAttribute("aria-invalid", "true");
      await expectNoAxeViolations(options.page, "options with a field error");
    });

    test("send log page with entries and a confirmation", async ({ context, extensionId, openOptions }) => {
      const options = await openOptions();
      const stored = await options.storedLocal();
      const id = (stored.settings as { activeConnectionId: string }).activeConnectionId;
      const connection = {
        id,
        label: "Infinity Mall",
        host: "127.0.0.1",
        club: "infinity-mall",
        environment: "custom" as const,
      };
      await seedSendLog(options.page, generateSendLogEntries(30, [connection], Date.now()));
      const page = await context.newPage();
      await emulatePage(page, colorScheme);
      await page.goto(`chrome-extension://${extensionId}/send-log.html`);
      const log = new SendLogPage(page);
      await expect(log.rows.first()).toBeVisible();
      await expectNoAxeViolations(page, "send log");
      await log.askToSendAgain(log.rows.first());
      await expect(log.dialog).toBeVisible();
      await expectNoAxeViolations(page, "send log confirmation");
    });

    test("bulk page: review, running, done", async ({ context, extensionId, sandbox }) => {
      sandbox.state.catchAllEmailDomains.add(SANDBOX_BULK_DOMAIN);
      const page = await context.newPage();
      await emulatePage(page, colorScheme);
      await page.goto(`chrome-extension://${extensionId}/bulk.html`);
      const bulk = new BulkPage(page);
      const list = [
        ...Array.from({ length: 12 }, (_, i) => `member-${i}@${SANDBOX_BULK_DOMAIN}`),
        "not-an-address",
      ].join("\n");
      await bulk.reviewList(list);
      await expect(bulk.review).toBeVisible();
      await expectNoAxeViolations(page, "bulk review");
      setLatency(sandbox.state, 200);
      await bulk.start({ rate: 5, concurrency: 1 });
      await expect(bulk.progress).toBeVisible();
      await expectNoAxeViolations(page, "bulk running");
      setLatency(sandbox.state, 0);
      await expect(bulk.newRunButton).toBeVisible({ timeout: 15_000 });
      await expectNoAxeViolations(page, "bulk done");
    });
  });
}

async function emulatePage(page: Page, colorScheme: "light" | "dark"): Promise<void> {
  await page.emulateMedia({ colorScheme });
}
