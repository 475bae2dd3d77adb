// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import Papa from "papaparse";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { MessageKind } from "@/utils/message-kind";
import type { SendRequest } from "@/utils/messages";
import {
  bucketKey,
  messageOf,
  readRecentSends,
  readSendLog,
  SEND_LOG_INDEX_KEY,
  type SendLogEntry,
} from "@/utils/send-log";
import type { SendOutcome } from "@/utils/send-outcome";
import { testConnection, testSettings } from "../../test/support/connections";
import { connectionLogEntries, fakeSendLogPageDeps } from "../../test/support/send-log-page";
import { App } from "./App";
import { csvRows } from "./csv";
import type { SendLogPageDeps } from "./deps";
import { filterEntries, NO_FILTERS } from "./filter";
import { createSendLogPageStore } from "./store";

afterEach(cleanup);

const NOW = new Date(2026, 10, 27, 15, 0, 0).getTime();
const INFINITY = testConnection({ id: "c-infinity", label: "Infinity Mall", clubSlug: "infinity-mall" });

/** Entries of the Infinity Mall connection, newest first: entry n was sent n minutes before NOW. */
const entry = connectionLogEntries(INFINITY, (serial) => NOW - serial * 60_000);

/** A reset, a registration written with the field, and an old entry from before the field existed. */
function log(): SendLogEntry[] {
  return [
    entry({ recipient: "ola@example.no", message: "password-reset" }),
    entry({ recipient: "anna@example.no", message: "registration-password" }),
    entry({ recipient: "old@example.no" }),
  ];
}

async function renderLog(entries: SendLogEntry[], reads: Partial<SendLogPageDeps> = {}) {
  const send = vi.fn<(request: SendRequest, message?: MessageKind) => Promise<SendOutcome>>(
    async (request, message) =>
      ({ kind: "accepted", status: 200, recipient: request.recipient, message }) as SendOutcome,
  );
  const { deps } = fakeSendLogPageDeps(entries, testSettings([INFINITY]), NOW);
  const store = createSendLogPageStore({ ...deps, send, ...reads });
  render(<App store={store} />);
  await act(() => store.loading);
  return { send, deps };
}

function messageCells(): string[] {
  const header = screen.getAllByRole("columnheader").map((cell) => cell.textContent);
  const column = header.indexOf("Message");
  return screen
    .getAllByRole("row")
    .filter((row) => within(row).queryByRole("rowheader") !== null)
    .map((row) => row.children[column]?.textContent ?? "");
}

describe("which message each send log entry sent", () => {
  it("reads an entry without the field as a registration password, so old logs need no migration", () => {
    expect(log().map(messageOf)).toEqual([
      "password-reset",
      "registration-password",
      "registration-password",
    ]);
  });

  it("shows a Message column, with old entries as Registration password", async () => {
    await renderLog(log());
    expect(messageCells()).toEqual(["Password reset", "Registration password", "Registration password"]);
  });

  it("filters by message, counting old entries as registration passwords", async () => {
    await renderLog(log());
    const filter = screen.getByLabelText("Message");
    expect(
      within(filter)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["All messages", "Registration password", "Password reset"]);
    fireEvent.change(filter, { target: { value: "password-reset" } });
    expect(messageCells()).toEqual(["Password reset"]);
    fireEvent.change(filter, { target: { value: "registration-password" } });
    expect(messageCells()).toEqual(["Registration password", "Registration password"]);
    fireEvent.click(screen.getByRole("button", { name: "Reset filters" }));
    expect(messageCells()).toHaveLength(3);
  });

  it("filters without the page as well", () => {
    const entries = log();
    expect(
      filterEntries(entries, { ...NO_FILTERS, message: "password-reset" }).map((e) => e.recipient),
    ).toEqual(["ola@example.no"]);
  });

  it("leaves out an entry whose message kind this build does not know, rather than mislabel it", async () => {
    // Stored, and read by the log's own readers (utils/send-log.ts parses every entry read).
    const entries = [...log(), entry({ message: "welcome-sms" as MessageKind })].reverse();
    await fakeBrowser.storage.local.set({
      [SEND_LOG_INDEX_KEY]: { buckets: [{ key: 1, count: entries.length, oldestAt: 0, newestAt: NOW }] },
      [bucketKey(1)]: entries,
    });
    await renderLog([], { readSendLog, readRecentSends });
    expect(messageCells()).toEqual(["Password reset", "Registration password", "Registration password"]);
  });

  it("exports a Message column, last, with the kind", async () => {
    const rows = csvRows(log());
    expect(rows.map((row) => row.at(-1))).toEqual([
      "password-reset",
      "registration-password",
      "registration-password",
    ]);
    const { deps } = await renderLog(log());
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
      await vi.waitFor(() => expect(deps.download).toHaveBeenCalledOnce());
    });
    const csv = deps.download.mock.calls[0]?.[1] ?? "";
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/u, "").trim()).data;
    expect(parsed[0]?.at(-1)).toBe("Message");
    expect(parsed[1]?.at(-1)).toBe("password-reset");
  });

  it("sends again what the row sent: a reset row asks about a reset link and sends one", async () => {
    const { send } = await renderLog(log());
    fireEvent.click(screen.getByRole("button", { name: "Send again to ola@example.no" }));
    const dialog = screen.getByRole("dialog", { name: "Send again?" });
    expect(dialog.textContent).toContain(
      "Send a password reset link to ola@example.no again with Infinity Mall?",
    );
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "Send again" }));
    });
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({ recipient: "ola@example.no" }),
      "password-reset",
    );
    expect(screen.getByRole("status").textContent).toContain(
      "a password reset link is on its way to ola@example.no; the link is valid for 24 hours",
    );
  });
});
