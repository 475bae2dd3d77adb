import { readFile } from "node:fs/promises";
import type { BrowserContext } from "@playwright/test";
import Papa from "papaparse";
import { SANDBOX_MEMBERS, sendRequests } from "../sandbox";
import { sandboxDraft } from "./connection";
import { expect, test } from "./fixtures";
import { generateSendLogEntries, SendLogPage, seedSendLog } from "./pages/send-log-page";

async function openSendLog(context: BrowserContext, extensionId: string): Promise<SendLogPage> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`chrome-extension://${extensionId}/send-log.html`);
  return new SendLogPage(page);
}

/** Reads the Recipient, Outcome and HTTP status columns of a CSV, without its byte-order mark. */
function csvColumns(csv: string): { header: string[]; rows: string[][] } {
  const [header = [], ...rows] = Papa.parse<string[]>(csv.replace(/^\uFEFF/u, ""), {
    skipEmptyLines: true,
  }).data;
  const pick = (row: string[]) =>
    ["Recipient", "Outcome", "HTTP status", "Connection", "Club", "Channel"].map(
      (name) => row[header.indexOf(name)] ?? "",
    );
  return { header, rows: rows.map(pick) };
}

test.describe("the send log page", () => {
  test.beforeEach(async ({ openOptions, sandbox }) => {
    const options = await openOptions();
    await expect(
      options.saveThroughBackground(sandboxDraft(sandbox.url, { label: "Infinity Mall" })),
    ).resolves.toMatchObject({ ok: true });
    await options.page.close();
  });

  test("lists each popup send as a row, live, and narrows by search and filter", async ({
    openPopup,
    context,
    extensionId,
  }) => {
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText("Placewise accepted the request");
    await popup.sendTo(SANDBOX_MEMBERS.unknownEmail);
    await expect(popup.alert).toContainText("(404)");

    const log = await openSendLog(context, extensionId);
    await expect(log.heading).toBeVisible();
    await expect(log.rows).toHaveCount(2);
    const [notFound, accepted] = await log.rowTexts();
    // Time, connection, environment, club, channel, recipient, message, outcome, status, duration, action.
    expect(notFound?.slice(1, 9)).toEqual([
      "Infinity Mall",
      "Custom",
      "infinity-mall",
      "Email",
      SANDBOX_MEMBERS.unknownEmail,
      "Registration password",
      "No such member (404)",
      "404",
    ]);
    expect(accepted?.slice(5, 9)).toEqual([SANDBOX_MEMBERS.anna, "Registration password", "Accepted", "200"]);
    expect(accepted?.[9]).toMatch(/^\d[\d,]* ms$/u);

    // A send from the popup appears without a reload.
    await log.page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await popup.sendTo(SANDBOX_MEMBERS.kari);
    await expect(popup.status).toContainText(SANDBOX_MEMBERS.kari);
    await expect(log.rows).toHaveCount(3);
    await expect(log.rows.first()).toContainText(SANDBOX_MEMBERS.kari);
    expect(await log.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await expect(log.count).toHaveText("3 entries");

    await log.search.fill("KARI@");
    await expect(log.rows).toHaveCount(1);
    await expect(log.rowsFor(SANDBOX_MEMBERS.kari)).toHaveCount(1);
    await expect(log.count).toHaveText("1 of 3 entries");

    await log.search.fill("");
    await log.outcomeFilter.selectOption({ label: "Failed (any)" });
    await expect(log.rows).toHaveCount(1);
    await expect(log.rowsFor(SANDBOX_MEMBERS.unknownEmail)).toHaveCount(1);

    await log.outcomeFilter.selectOption({ label: "Accepted" });
    await log.search.fill("anna");
    await expect(log.rows).toHaveCount(1);
    await expect(log.rowsFor(SANDBOX_MEMBERS.anna)).toHaveCount(1);

    await log.resetFilters.click();
    await expect(log.rows).toHaveCount(3);
  });

  test("Send again asks first, then makes exactly one request and adds a row", async ({
    openPopup,
    context,
    extensionId,
    sandbox,
  }) => {
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText("Placewise accepted the request");
    expect(sendRequests(sandbox.state)).toHaveLength(1);

    const log = await openSendLog(context, extensionId);
    await expect(log.rows).toHaveCount(1);
    await log.askToSendAgain(log.rowsFor(SANDBOX_MEMBERS.anna));
    await expect(log.dialog).toContainText(
      `Send a registration message to ${SANDBOX_MEMBERS.anna} again with Infinity Mall?`,
    );
    await log.dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(log.dialog).toBeHidden();
    expect(sendRequests(sandbox.state)).toHaveLength(1);

    // Keyboard alone: the confirmation opens on Cancel, so a second Enter sends nothing.
    await log
      .rowsFor(SANDBOX_MEMBERS.anna)
      .getByRole("button", { name: /^Send again/u })
      .focus();
    await log.page.keyboard.press("Enter");
    await expect(log.dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await log.page.keyboard.press("Enter");
    await expect(log.dialog).toBeHidden();
    expect(sendRequests(sandbox.state)).toHaveLength(1);

    await log.askToSendAgain(log.rowsFor(SANDBOX_MEMBERS.anna));
    await log.page.keyboard.press("Tab");
    await expect(log.dialog.getByRole("button", { name: "Send again" })).toBeFocused();
    await log.page.keyboard.press("Enter");
    // Placewise accepted anna a moment ago; the confirmation stands in for the recent-send question.
    await expect(log.status).toContainText(
      `Placewise accepted the request to send a registration message to ${SANDBOX_MEMBERS.anna}.`,
    );
    await expect(log.rows).toHaveCount(2);
    const requests = sendRequests(sandbox.state);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.path).toBe(
      "/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password",
    );
    await expect(log.rowsFor(SANDBOX_MEMBERS.anna)).toHaveCount(2);
    await expect(log.alert).toHaveCount(0);
  });

  test("exports the filtered rows as CSV, then clears the log", async ({
    openPopup,
    context,
    extensionId,
  }) => {
    const popup = await openPopup();
    for (const [email, outcome] of [
      [SANDBOX_MEMBERS.anna, popup.status],
      [SANDBOX_MEMBERS.unknownEmail, popup.alert],
      [SANDBOX_MEMBERS.kari, popup.status],
    ] as const) {
      await popup.sendTo(email);
      await expect(outcome).toContainText(email);
    }

    const log = await openSendLog(context, extensionId);
    await expect(log.rows).toHaveCount(3);
    const shown = (await log.rowTexts()).map((cells) => [cells[5], cells[6], cells[7]]);

    const download = log.page.waitForEvent("download");
    await log.exportButton.click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^send-log-\d{4}-\d{2}-\d{2}\.csv$/u);
    const all = csvColumns(await readFile(await file.path(), "utf8"));
    expect(all.header).toEqual([
      "Time",
      "Connection",
      "Environment",
      "Host",
      "Club",
      "Channel",
      "Recipient",
      "Outcome",
      "Sent",
      "HTTP status",
      "Duration (ms)",
      "Source",
      "Message",
    ]);
    expect(all.rows.map(([recipient]) => recipient)).toEqual(shown.map(([recipient]) => recipient));
    expect(all.rows).toEqual([
      [SANDBOX_MEMBERS.kari, "accepted", "200", "Infinity Mall", "infinity-mall", "Email"],
      [SANDBOX_MEMBERS.unknownEmail, "member-not-found", "404", "Infinity Mall", "infinity-mall", "Email"],
      [SANDBOX_MEMBERS.anna, "accepted", "200", "Infinity Mall", "infinity-mall", "Email"],
    ]);
    await expect(log.status).toContainText(`Exported 3 entries to ${file.suggestedFilename()}.`);

    await log.outcomeFilter.selectOption({ label: "Failed (any)" });
    await expect(log.rows).toHaveCount(1);
    const filteredDownload = log.page.waitForEvent("download");
    await log.exportButton.click();
    const filtered = csvColumns(await readFile(await (await filteredDownload).path(), "utf8"));
    expect(filtered.rows.map(([recipient, outcome]) => [recipient, outcome])).toEqual([
      [SANDBOX_MEMBERS.unknownEmail, "member-not-found"],
    ]);

    await log.clearButton.click();
    await expect(log.dialog).toContainText("Remove all 3 entries");
    await log.dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(log.rows).toHaveCount(1);

    await log.clearButton.click();
    await log.dialog.getByRole("button", { name: "Clear send log" }).click();
    await expect(log.status).toHaveText("The send log was cleared.");
    await expect(log.rows).toHaveCount(0);
    await expect(log.page.getByText(/No sends recorded yet/u)).toBeVisible();
    const stored = await log.page.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }
      ).chrome.storage.local.get(null),
    );
    expect(Object.keys(stored).filter((key) => key.startsWith("sendLog."))).toEqual([]);
  });

  test("fits an 800 px window with long rows: Duration and Send again stay in view", async ({
    context,
    extensionId,
  }) => {
    const log = await openSendLog(context, extensionId);
    const saved = await log.page.evaluate(async () => {
      const chrome = (
        globalThis as unknown as {
          chrome: {
            storage: {
              local: { get(k: string): Promise<{ settings: { connections: Array<{ id: string }> } }> };
            };
          };
        }
      ).chrome;
      const { settings } = await chrome.storage.local.get("settings");
      return settings.connections[0] as { id: string };
    });
    const long = "Infinity Mall customer service desk, second floor (production copy)";
    const entries = generateSendLogEntries(
      24,
      [
        {
          id: saved.id,
          label: long,
          host: "api.example.no",
          club: "infinity-mall-shopping-centre-oslo",
          environment: "production",
        },
        { id: "gone", label: long, host: "api.example.no", club: "harbour-centre", environment: "staging" },
      ],
      Date.now(),
    ).map((entry, index) =>
      index % 3 === 0
        ? {
            ...entry,
            recipient: `a.very.long.member.address.${index}@subdomain.example-loyalty-club.no`,
            channel: "email" as const,
            outcome: "unexpected-status" as const,
            status: 418,
            durationMs: 20_004,
          }
        : entry,
    );
    await seedSendLog(log.page, entries);
    await log.page.setViewportSize({ width: 800, height: 800 });
    await log.page.reload();
    await expect(log.rows).toHaveCount(24);
    const layout = await log.page.evaluate(() => {
      const right = (element: Element | null) => element?.getBoundingClientRect().right ?? Number.NaN;
      const table = document.querySelector("table");
      const rows = Array.from(document.querySelectorAll("tbody tr"));
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        tableScrollWidth: table?.scrollWidth ?? Number.NaN,
        tableClientWidth: table?.clientWidth ?? Number.NaN,
        // Every cell's content, Send again and Duration included, ends inside the window.
        rightmost: Math.max(
          ...rows.flatMap((row) => Array.from(row.querySelectorAll("td, th, button, span"), right)),
        ),
      };
    });
    // Headers, outcome labels and message kinds wrap between words, never inside one (an address may).
    const brokenWords = await log.page.evaluate(() =>
      Array.from(document.querySelectorAll("thead th, tbody .tag, tbody td:nth-child(7)")).flatMap((cell) => {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        const broken: string[] = [];
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          const text = node.textContent ?? "";
          for (const match of text.matchAll(/\S+/gu)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top)));
            if (lines.size > 1) broken.push(match[0]);
          }
        }
        return broken;
      }),
    );
    expect(brokenWords).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.tableScrollWidth).toBeLessThanOrEqual(layout.tableClientWidth);
    expect(layout.rightmost).toBeLessThanOrEqual(layout.clientWidth);
    const sendAgain = log.rows.first().getByRole("button", { name: /^Send again/u });
    await expect(sendAgain).toBeInViewport();
    await expect(log.rows.first().getByRole("cell", { name: "20,004 ms" })).toBeInViewport();
    // A row whose connection is gone says why, in view too.
    await expect(log.rows.nth(1).getByText("Cannot send again: its connection was removed")).toBeInViewport();
  });

  test("links back to Settings", async ({ context, extensionId }) => {
    const log = await openSendLog(context, extensionId);
    // A predicate: the first install's welcome tab is a page event too.
    const options = context.waitForEvent("page", (page) => page.url().endsWith("/options.html"));
    await log.settingsLink.click();
    await expect((await options).getByRole("heading", { level: 1 })).toBeVisible();
    expect((await options).url()).toBe(`chrome-extension://${extensionId}/options.html`);
  });
});
