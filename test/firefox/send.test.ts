import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SANDBOX_CLUBS,
  SANDBOX_MEMBERS,
  SANDBOX_TOKENS,
  type SandboxServer,
  sendRequests,
  startSandboxServer,
} from "../sandbox";
import {
  EXTENSION_UUID,
  extensionUrl,
  installBuiltExtension,
  launchFirefox,
  openInSameTab,
  waitForExtensionTab,
} from "./extension";
import { alertsOf, byName, fillField, statusContaining } from "./page";

/**
 * What Firefox sends when the extension reaches the sandbox through its host permission. The
 * sandbox answers any origin's CORS request, so a send would succeed without the permission too,
 * but then as "cross-site"; with it Firefox treats the host like the extension's own origin. The
 * real API need not answer CORS, so without the permission a desk's sends would fail.
 */
const REACHED_THROUGH_HOST_PERMISSION = {
  origin: `moz-extension://${EXTENSION_UUID}`,
  "sec-fetch-site": "same-origin",
};

// One Firefox for the whole file: launching and installing takes a few seconds, and the steps
// build on each other (install, welcome tab, connection, email, SMS).
describe("the Firefox build, installed in Firefox", () => {
  let sandbox: SandboxServer;
  let browser: Browser;
  let tab: Page;

  beforeAll(async () => {
    sandbox = await startSandboxServer({ closeEachConnection: true });
    browser = await launchFirefox();
    await installBuiltExtension(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it("opens its settings with the welcome on first install, with the loopback hosts granted", async () => {
    tab = await waitForExtensionTab(browser, extensionUrl("options.html?welcome"));
    // Fail a missing element with puppeteer's own message, well before the test's timeout.
    tab.setDefaultTimeout(5_000);
    await byName(tab, "Welcome to Placewise Support Helper");
    const granted = await tab.evaluate(() =>
      (globalThis as unknown as FirefoxGlobal).browser.permissions.contains({
        origins: ["http://127.0.0.1/*"],
      }),
    );
    expect(granted).toBe(true);
  });

  it("saves a connection to the sandbox through the options form", async () => {
    await (await byName(tab, "Environment")).select("custom");
    await fillField(tab, "API base URL", sandbox.url);
    await fillField(tab, "Client token", SANDBOX_TOKENS.full);
    await fillField(tab, "Loyalty club", SANDBOX_CLUBS.infinityMall);
    await fillField(tab, "Customer ID", "447");
    await (await byName(tab, "Save")).click();
    expect(await statusContaining(tab, "Settings saved.")).toContain("Settings saved.");
  });

  it("sends one email from the popup page", async () => {
    await openInSameTab(tab, extensionUrl("popup.html"));
    await fillField(tab, "Member email", SANDBOX_MEMBERS.anna);
    await tab.keyboard.press("Enter");
    await statusContaining(
      tab,
      `Placewise accepted the request to send a registration message to ${SANDBOX_MEMBERS.anna}.`,
    );
    expect(await alertsOf(tab)).toEqual([]);
    const requests = sendRequests(sandbox.state);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: "POST",
      path: "/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password",
      status: 200,
    });
    expect(requests[0]?.headers).toMatchObject({
      "x-client-authorization": SANDBOX_TOKENS.full,
      "x-product-name": "default",
      "x-loyalty-club-slug": "infinity-mall",
      "x-customer": "447",
      "content-type": "application/json",
      ...REACHED_THROUGH_HOST_PERMISSION,
    });
    expect(requests[0]?.headers["x-user-agent"]).toMatch(/^Placewise Support Helper\/\d+\.\d+\.\d+$/u);
  });

  it("sends one SMS from the popup page", async () => {
    await (await byName(tab, "SMS")).click();
    await fillField(tab, "Member phone", "+47 407 69 126");
    await tab.keyboard.press("Enter");
    await statusContaining(
      tab,
      // The number as a person reads it; the request below carries the E.164 digits.
      "Placewise accepted the request to send a registration message to +47 40 76 91 26.",
    );
    expect(await alertsOf(tab)).toEqual([]);
    const requests = sendRequests(sandbox.state);
    expect(requests).toHaveLength(2);
    expect(requests[1]).toMatchObject({
      method: "POST",
      path: `/v3/infinity-mall/members/by_msisdn/${SANDBOX_MEMBERS.norwegianMsisdn}/send_registration_password`,
      status: 200,
    });
    expect(requests[1]?.headers).toMatchObject({
      "x-client-authorization": SANDBOX_TOKENS.full,
      "x-loyalty-club-slug": "infinity-mall",
      ...REACHED_THROUGH_HOST_PERMISSION,
    });
  });

  it("sends from the sidebar page (sidebar_action: the popup's form)", async () => {
    await openInSameTab(tab, extensionUrl("sidepanel.html"));
    await (await byName(tab, "Email")).click();
    await fillField(tab, "Member email", SANDBOX_MEMBERS.kari);
    await tab.keyboard.press("Enter");
    await statusContaining(
      tab,
      `Placewise accepted the request to send a registration message to ${SANDBOX_MEMBERS.kari}.`,
    );
    const requests = sendRequests(sandbox.state);
    expect(requests).toHaveLength(3);
    expect(requests[2]).toMatchObject({
      method: "POST",
      path: "/v3/infinity-mall/members/by_email/kari%40example.com/send_registration_password",
      status: 200,
    });
  });
});

/** The part of Firefox's `browser` global a page script uses here. */
interface FirefoxGlobal {
  browser: { permissions: { contains(permissions: { origins: string[] }): Promise<boolean> } };
}
