import { accessSync, constants, existsSync, mkdirSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { SANDBOX_CLUBS, SANDBOX_MEMBERS, SANDBOX_TOKENS, sendRequests } from "../sandbox";
import { expect, launchWithExtension, test } from "./fixtures";
import { OptionsPage } from "./pages/options-page";
import { PopupPage } from "./pages/popup-page";

// The organisation's policy for real (issue 9, "Managed configuration"): a Chromium policy file
// preconfigures and locks the extension, and a change to it applies. Debian's Chromium reads
// /etc/chromium/policies/managed/*.json; an extension's own policy sits under
// 3rdparty.extensions.<id>, checked against public/managed-schema.json. Writing there needs root
// (CI has it); the test skips elsewhere, and removes its file in every outcome, because a stray
// policy file would change every other Chromium test on the machine.

const POLICY_DIR = "/etc/chromium/policies/managed";
const POLICY_FILE = `${POLICY_DIR}/placewise-support-helper-e2e.json`;

/** The first folder this test made on the way to the policy folder (a fresh machine has none). */
let madeFrom: string | undefined;

/** Why this machine cannot run the test, or null when it can. */
function cannotWritePolicy(): string | null {
  if (process.getuid?.() !== 0) return "needs root to write a Chromium policy file (run as root, as CI does)";
  try {
    // The folder itself may not exist yet on a fresh machine: the test makes it (and removes it).
    accessSync(existsSync(POLICY_DIR) ? POLICY_DIR : "/etc", constants.W_OK);
  } catch {
    return `${POLICY_DIR} cannot be written`;
  }
  return null;
}

function writePolicy(extensionId: string, values: Record<string, unknown>): void {
  if (!existsSync(POLICY_DIR)) madeFrom = mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify({ "3rdparty": { extensions: { [extensionId]: values } } }));
}

/** The id of the extension a context loaded, from its service worker's URL. */
async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  return new URL(worker.url()).host;
}

/** Asks Chromium to read its policy files again, as an administrator would on chrome://policy. */
async function reloadPolicies(page: Page): Promise<void> {
  await page.goto("chrome://policy");
  await page.getByRole("button", { name: "Reload policies" }).click();
}

test.describe("a Chromium policy file preconfigures and locks the extension", () => {
  const reason = cannotWritePolicy();
  test.skip(reason !== null, `Skipped: ${reason}`);

  test.afterAll(() => {
    rmSync(POLICY_FILE, { force: true });
    // Only the folders this test made, innermost first, and nothing else.
    for (let dir = POLICY_DIR; madeFrom !== undefined && dir.startsWith(madeFrom); dir = dirname(dir)) {
      rmdirSync(dir);
      if (dir === madeFrom) break;
    }
  });

  test("shows the locked connection, sends with the pasted token, and follows a policy change", async ({
    sandbox,
  }) => {
    let context: BrowserContext | null = null;
    try {
      // An unpacked extension's id comes from its folder's path: learn it once, then start a new
      // Chromium with the same folder and the policy in place.
      const probe = await launchWithExtension();
      const extensionId = await extensionIdOf(probe);
      await probe.close();
      const connection = {
        id: "oslo",
        label: "Policy desk",
        environment: "custom",
        baseUrl: sandbox.url,
        clubSlug: SANDBOX_CLUBS.infinityMall,
        customerId: "447",
      };
      writePolicy(extensionId, {
        connections: [connection],
        lockConnections: true,
        supportContact: "IT desk, ext. 4455",
      });

      context = await launchWithExtension();
      expect(await extensionIdOf(context)).toBe(extensionId);

      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      const options = new OptionsPage(page);
      await expect(page.getByRole("region", { name: "Set by your organisation" })).toContainText(
        "Questions: IT desk, ext. 4455",
      );
      await expect(options.connectionList).toContainText("Policy desk");
      await expect(options.connectionList).toContainText("Set by your organisation");
      await expect(options.addConnectionButton).toBeDisabled();
      await expect(options.productName).toBeDisabled();
      await expect(options.club).toHaveValue(SANDBOX_CLUBS.infinityMall);

      // Nothing typed but the token.
      await options.token.fill(SANDBOX_TOKENS.full);
      await options.saveButton.click();
      await expect(options.status).toHaveText("Settings saved.");

      const popupTab = await context.newPage();
      await popupTab.setViewportSize({ width: 360, height: 480 });
      await popupTab.goto(`chrome-extension://${extensionId}/popup.html`);
      const popup = new PopupPage(popupTab);
      await expect(popupTab.getByText(SANDBOX_CLUBS.infinityMall)).toBeVisible();
      await popup.sendTo(SANDBOX_MEMBERS.anna);
      await expect(popup.status).toContainText("Placewise accepted the request");
      const sent = sendRequests(sandbox.state);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.path).toContain(`/v3/${SANDBOX_CLUBS.infinityMall}/members/`);
      expect(sent[0]?.headers).toMatchObject({
        "x-client-authorization": SANDBOX_TOKENS.full,
        "x-loyalty-club-slug": SANDBOX_CLUBS.infinityMall,
        "x-customer": "447",
      });
      expect(new URL(sandbox.url).host).toBe(sent[0]?.headers.host);

      // IT moves the desk to another club and switches bulk off: same id, so the token stays.
      writePolicy(extensionId, {
        connections: [{ ...connection, clubSlug: SANDBOX_CLUBS.harbourCentre, label: "Harbour desk" }],
        lockConnections: true,
        bulkEnabled: false,
      });
      const policyTab = await context.newPage();
      await reloadPolicies(policyTab);
      await page.reload();
      await expect(options.connectionList).toContainText("Harbour desk");
      await popupTab.reload();
      await expect(popupTab.getByText(SANDBOX_CLUBS.harbourCentre)).toBeVisible();
      await expect(popupTab.getByRole("link", { name: "Bulk" })).toHaveCount(0);
      await popup.sendTo(SANDBOX_MEMBERS.anna);
      await expect(popup.status).not.toHaveText("");
      const afterChange = sendRequests(sandbox.state);
      expect(afterChange).toHaveLength(2);
      expect(afterChange[1]?.headers["x-loyalty-club-slug"]).toBe(SANDBOX_CLUBS.harbourCentre);
      expect(afterChange[1]?.headers["x-client-authorization"]).toBe(SANDBOX_TOKENS.full);
    } finally {
      await context?.close();
      rmSync(POLICY_FILE, { force: true });
    }
  });
});
