// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import Papa from "papaparse";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { shownRecipient } from "@/utils/phone-format";
import {
  bucketKey,
  readRecentSends,
  readSendLog,
  SEND_LOG_INDEX_KEY,
  type SendLogEntry,
} from "@/utils/send-log";
import type { StoredSettings } from "@/utils/settings";
import { testConnection, testSettings } from "../../test/support/connections";
import { connectionLogEntries, fakeSendLogPageDeps } from "../../test/support/send-log-page";
import { App } from "./App";
import { CSV_COLUMNS } from "./csv";
import { PAGE_SIZE } from "./log-view";
import type { RecipientFormat } from "./recipient-format";
import { createSendLogPageStore } from "./store";

// Vitest runs without globals, so @testing-library/preact cannot register its own cleanup.
afterEach(cleanup);

const NOW = new Date(2026, 10, 27, 15, 0, 0).getTime();
const MINUTE = 60_000;
const INFINITY = testConnection({ id: "c-infinity", label: "Infinity Mall", clubSlug: "infinity-mall" });
const HARBOUR = testConnection({ id: "c-harbour", label: "Harbour Centre", clubSlug: "harbour-centre" });

/** One log entry of the Infinity Mall connection, accepted a minute before NOW unless changed. */
const entry = connectionLogEntries(INFINITY, () => NOW - MINUTE);

/** A small log, newest first: two clubs, both channels, accepted and failed. */
function mixedLog(): SendLogEntry[] {
  return [
    entry({ at: NOW - 1 * MINUTE, recipient: "anna+mall@example.no" }),
    entry({
      at: NOW - 2 * MINUTE,
      recipient: "nobody@example.no",
      outcome: "member-not-found",
      status: 404,
      durationMs: 95,
    }),
    entry({
      at: NOW - 3 * MINUTE,
      connectionId: HARBOUR.id,
      connectionLabel: HARBOUR.label,
      club: "harbour-centre",
      recipient: "Kari@Example.com",
    }),
    entry({ at: NOW - 26 * 60 * MINUTE, channel: "msisdn", recipient: "4740769126" }),
    entry({
      at: NOW - 50 * 60 * MINUTE,
      recipient: "ola@example.no",
      outcome: "timeout",
      status: null,
      durationMs: 20_004,
    }),
  ];
}

const fakeDeps = (initial: SendLogEntry[], settings: StoredSettings) =>
  fakeSendLogPageDeps(initial, settings, NOW);

async function renderLog(
  entries: SendLogEntry[] = mixedLog(),
  settings: StoredSettings = testSettings([INFINITY, HARBOUR]),
) {
  const fake = fakeDeps(entries, settings);
  const store = createSendLogPageStore(fake.deps);
  render(<App store={store} />);
  await act(() => store.loading);
  return { ...fake, store };
}

/** The data rows (the header row has no row header cell). */
function rows(): HTMLElement[] {
  return screen.queryAllByRole("row").filter((row) => within(row).queryByRole("rowheader") !== null);
}

function recipients(): string[] {
  return rows().map((row) => within(row).getByRole("rowheader").textContent ?? "");
}

function cellTexts(row: HTMLElement): string[] {
  return Array.from(row.children, (cell) => cell.textContent ?? "");
}

function count(): string {
  return screen.getByText(/entr(y|ies)$/u).textContent ?? "";
}

function type(label: string, value: string): void {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

function choose(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function click(name: string | RegExp): void {
  fireEvent.click(screen.getByRole("button", { name }));
}

describe("the send log page", () => {
  it("is a table with one row per attempt, newest first, in the operator's words", async () => {
    await renderLog();
    expect(screen.getByRole("heading", { level: 1, name: "Send log" })).toBeTruthy();
    const headers = screen.getAllByRole("columnheader").map((cell) => cell.textContent);
    expect(headers).toEqual([
      "Time",
      "Connection",
      "Environment",
      "Club",
      "Channel",
      "Recipient",
      "Message",
      "Outcome",
      "HTTP status",
      "Duration",
      "Actions",
    ]);
    expect(recipients()).toEqual([
      "anna+mall@example.no",
      "nobody@example.no",
      "Kari@Example.com",
      "+47 40 76 91 26",
      "ola@example.no",
    ]);
    const [, notFound, , , timedOut] = rows();
    expect(cellTexts(notFound as HTMLElement).slice(1)).toEqual([
      "Infinity Mall",
      "Staging",
      "infinity-mall",
      "Email",
      "nobody@example.no",
      "Registration password",
      "No such member (404)",
      "404",
      "95 ms",
      "Send again",
    ]);
    expect(cellTexts(timedOut as HTMLElement).slice(7, 10)).toEqual([
      "Timed out, maybe sent",
      "none",
      "20,004 ms",
    ]);
    const time = (notFound as HTMLElement).querySelector("time");
    expect(time?.getAttribute("datetime")).toBe(new Date(NOW - 2 * MINUTE).toISOString());
    // The year is left out for this year's entries (the test's NOW is in 2026).
    const at = NOW - 2 * MINUTE;
    const date = new Intl.DateTimeFormat("en", {
      ...(new Date().getFullYear() === 2026 ? {} : { year: "numeric" }),
      month: "short",
      day: "numeric",
    }).format(at);
    expect(time?.textContent).toBe(
      `${date} ${new Intl.DateTimeFormat("en", { timeStyle: "medium" }).format(at)}`,
    );
    expect(count()).toBe("5 entries");
  });

  it("says when the log is empty, and when recording is off", async () => {
    await renderLog([], testSettings([INFINITY], { sendLogEnabled: false }));
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByText(/No sends recorded yet/u)).toBeTruthy();
    expect(screen.getByText(/Recording is off/u)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Export CSV" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("button", { name: "Clear send log" }).hasAttribute("disabled")).toBe(true);
  });

  it("lets an address wrap after its @ rather than inside a word, and keeps its text whole", async () => {
    await renderLog(mixedLog());
    const cell = within(rows()[0] as HTMLElement).getByRole("rowheader");
    expect(cell.textContent).toBe("anna+mall@example.no");
    expect(cell.innerHTML).toContain("anna+mall@<wbr>example.no");
  });

  it("marks entries whose connection is no longer saved", async () => {
    await renderLog(mixedLog(), testSettings([INFINITY]));
    const harbourRow = rows()[2] as HTMLElement;
    expect(cellTexts(harbourRow)[1]).toBe("Harbour Centre (removed)");
    expect(cellTexts(rows()[0] as HTMLElement)[1]).toBe("Infinity Mall");
  });

  it("leaves out stored entries it cannot show instead of breaking", async () => {
    // The real readers over storage: the page parses what it reads as the background does.
    const broken = [{ id: "x", at: "yesterday" }, null, { ...entry(), outcome: "exploded" }];
    const fine = entry({ recipient: "fine@example.no" });
    await fakeBrowser.storage.local.set({
      [SEND_LOG_INDEX_KEY]: { buckets: [{ key: 1, count: 4, oldestAt: fine.at, newestAt: fine.at }] },
      [bucketKey(1)]: [...broken, fine],
    });
    const fake = fakeDeps([], testSettings([INFINITY]));
    const store = createSendLogPageStore({ ...fake.deps, readSendLog, readRecentSends });
    render(<App store={store} />);
    await act(() => store.loading);
    expect(recipients()).toEqual(["fine@example.no"]);
    expect(count()).toBe("1 entry");
  });

  it("opens Settings from its link", async () => {
    const { deps } = await renderLog();
    fireEvent.click(screen.getByRole("link", { name: "Settings" }));
    expect(deps.openOptions).toHaveBeenCalledOnce();
  });
});

describe("search and filters", () => {
  it("searches recipient, club and connection, ignoring case", async () => {
    await renderLog();
    type("Search", "ANNA");
    expect(recipients()).toEqual(["anna+mall@example.no"]);
    expect(count()).toBe("1 of 5 entries");
    type("Search", "kari@example");
    expect(recipients()).toEqual(["Kari@Example.com"]);
    type("Search", "harbour");
    expect(recipients()).toEqual(["Kari@Example.com"]);
    type("Search", "infinity mall");
    expect(recipients()).toHaveLength(4);
    type("Search", "nothing-like-this");
    expect(rows()).toHaveLength(0);
    expect(screen.getByText("No entries match the search and filters.")).toBeTruthy();
  });

  it("finds an SMS entry from a phone number as people paste it", async () => {
    await renderLog();
    type("Search", "+47 407 69 126");
    expect(recipients()).toEqual(["+47 40 76 91 26"]);
  });

  it.each([
    ["accepted", ["anna+mall@example.no", "Kari@Example.com", "+47 40 76 91 26"]],
    ["failed", ["nobody@example.no", "ola@example.no"]],
    ["member-not-found", ["nobody@example.no"]],
    ["timeout", ["ola@example.no"]],
  ])("filters by outcome %s", async (outcome, expected) => {
    await renderLog();
    choose("Outcome", outcome);
    expect(recipients()).toEqual(expected);
  });

  it("offers the outcomes the log holds by name", async () => {
    await renderLog();
    const options = within(screen.getByLabelText("Outcome")).getAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual([
      "All outcomes",
      "Accepted",
      "Failed (any)",
      "No such member (404)",
      "Timed out, maybe sent",
    ]);
  });

  it("filters by club and by channel", async () => {
    await renderLog();
    const clubs = within(screen.getByLabelText("Club")).getAllByRole("option");
    expect(clubs.map((option) => option.textContent)).toEqual([
      "All clubs",
      "harbour-centre",
      "infinity-mall",
    ]);
    choose("Club", "harbour-centre");
    expect(recipients()).toEqual(["Kari@Example.com"]);
    choose("Club", "");
    choose("Channel", "msisdn");
    expect(recipients()).toEqual(["+47 40 76 91 26"]);
    choose("Channel", "email");
    expect(recipients()).toHaveLength(4);
  });

  it("filters by date range, both ends inclusive of the whole day", async () => {
    await renderLog();
    const day = (offsetDays: number) => {
      const date = new Date(NOW);
      date.setDate(date.getDate() + offsetDays);
      return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
    };
    type("From", day(0));
    expect(recipients()).toEqual(["anna+mall@example.no", "nobody@example.no", "Kari@Example.com"]);
    type("From", day(-1));
    type("To", day(-1));
    expect(recipients()).toEqual(["+47 40 76 91 26"]);
    type("From", "");
    expect(recipients()).toEqual(["+47 40 76 91 26", "ola@example.no"]);
  });

  it("combines filters, counts what they leave, and resets them all at once", async () => {
    await renderLog();
    choose("Outcome", "accepted");
    choose("Channel", "email");
    type("Search", "example.com");
    expect(recipients()).toEqual(["Kari@Example.com"]);
    expect(count()).toBe("1 of 5 entries");
    click("Reset filters");
    expect(recipients()).toHaveLength(5);
    expect(count()).toBe("5 entries");
    expect((screen.getByLabelText("Search") as HTMLInputElement).value).toBe("");
    expect((screen.getByLabelText("Outcome") as HTMLSelectElement).value).toBe("all");
  });
});

describe("pagination", () => {
  const many = () =>
    Array.from({ length: 2 * PAGE_SIZE + 50 }, (_, index) =>
      entry({
        at: NOW - index * MINUTE,
        recipient: `m${index}@example.no`,
        ...(index % 2 === 1 ? { outcome: "member-not-found" as const, status: 404 } : {}),
      }),
    );

  it("shows 100 rows a page with Previous and Next", async () => {
    await renderLog(many());
    expect(rows()).toHaveLength(PAGE_SIZE);
    expect(recipients()[0]).toBe("m0@example.no");
    expect(screen.getByText("Page 1 of 3")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Previous" }).hasAttribute("disabled")).toBe(true);
    click("Next");
    expect(recipients()[0]).toBe("m100@example.no");
    click("Next");
    expect(screen.getByText("Page 3 of 3")).toBeTruthy();
    expect(rows()).toHaveLength(50);
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(true);
    click("Previous");
    expect(screen.getByText("Page 2 of 3")).toBeTruthy();
    expect(count()).toBe("250 entries");
  });

  it("goes back to the first page when a filter changes, and hides paging for one page", async () => {
    await renderLog(many());
    click("Next");
    choose("Outcome", "accepted");
    expect(screen.getByText("Page 1 of 2")).toBeTruthy();
    expect(recipients()[0]).toBe("m0@example.no");
    type("Search", "m2");
    expect(screen.queryByRole("navigation", { name: "Pages" })).toBeNull();
  });
});

describe("loading", () => {
  it("shows the first page from the newest entries before the whole log is read", async () => {
    const log = Array.from({ length: 3 * PAGE_SIZE }, (_, index) =>
      entry({ at: NOW - index * MINUTE, recipient: `m${index}@example.no` }),
    );
    const fake = fakeDeps(log, testSettings([INFINITY]));
    let finishWholeRead: (entries: SendLogEntry[]) => void = () => {};
    fake.deps.readSendLog.mockImplementationOnce(
      () => new Promise<SendLogEntry[]>((resolve) => (finishWholeRead = resolve)),
    );
    const store = createSendLogPageStore(fake.deps);
    render(<App store={store} />);
    await waitFor(() => expect(fake.deps.readSendLog).toHaveBeenCalled());
    expect(fake.deps.readRecentSends).toHaveBeenCalledWith(PAGE_SIZE);
    expect(recipients()).toHaveLength(PAGE_SIZE);
    expect(recipients()[0]).toBe("m0@example.no");
    expect(screen.queryByText(/entries$/u)).toBeNull();
    expect(screen.getByRole("button", { name: "Export CSV" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("button", { name: "Clear send log" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("main").getAttribute("aria-busy")).toBe("true");

    await act(async () => {
      finishWholeRead(log);
      await store.loading;
    });
    expect(count()).toBe("300 entries");
    expect(screen.getByText("Page 1 of 3")).toBeTruthy();
    expect(screen.getByRole("main").getAttribute("aria-busy")).toBe("false");
  });
});

describe("phone numbers", () => {
  it("shows the first page before the phone library, then every number in international format", async () => {
    const fake = fakeDeps(mixedLog(), testSettings([INFINITY, HARBOUR]));
    let finishLoading: (format: RecipientFormat) => void = () => {};
    fake.deps.loadRecipientFormat.mockImplementationOnce(
      () => new Promise<RecipientFormat>((resolve) => (finishLoading = resolve)),
    );
    const store = createSendLogPageStore(fake.deps);
    render(<App store={store} />);
    await waitFor(() => expect(fake.deps.loadRecipientFormat).toHaveBeenCalled());
    // The library loads only once the first page is there; meanwhile a number is its digits.
    expect(recipients()).toHaveLength(5);
    expect(recipients()[3]).toBe("+4740769126");
    await act(async () => {
      finishLoading(shownRecipient);
      await store.loading;
    });
    expect(recipients()[3]).toBe("+47 40 76 91 26");
    expect(screen.getByRole("button", { name: "Send again to +47 40 76 91 26" })).toBeTruthy();
    // An email is as typed all along.
    expect(recipients()[0]).toBe("anna+mall@example.no");
  });
});

describe("live updates", () => {
  it("shows a send made elsewhere without a reload", async () => {
    const log = mixedLog();
    const { changeLog } = await renderLog(log);
    await changeLog([entry({ at: NOW, recipient: "from-popup@example.no" }), ...log]);
    expect(recipients()[0]).toBe("from-popup@example.no");
    expect(count()).toBe("6 entries");
  });

  it("shows the newest read when an older one answers after it", async () => {
    const log = mixedLog();
    const { deps, changeLog } = await renderLog(log);
    let finishOlder: (entries: SendLogEntry[]) => void = () => {};
    deps.readSendLog.mockImplementationOnce(
      () => new Promise<SendLogEntry[]>((resolve) => (finishOlder = resolve)),
    );
    // A bulk run changes the log twice; the first change's read is slow.
    await changeLog(log);
    await changeLog([entry({ at: NOW, recipient: "newest@example.no" }), ...log]);
    expect(recipients()[0]).toBe("newest@example.no");
    await act(async () => {
      finishOlder(log);
      await Promise.resolve();
    });
    expect(recipients()[0]).toBe("newest@example.no");
    expect(count()).toBe("6 entries");
  });

  it("keeps what it shows when a read fails", async () => {
    const { deps, changeLog } = await renderLog();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    deps.readSendLog.mockRejectedValueOnce(new Error("storage"));
    await changeLog([]);
    expect(count()).toBe("5 entries");
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});

describe("send again", () => {
  it("asks first, then sends once with the entry's connection and announces the outcome", async () => {
    const { deps, changeLog } = await renderLog();
    const button = screen.getByRole("button", { name: "Send again to Kari@Example.com" });
    button.focus();
    fireEvent.click(button);
    const dialog = screen.getByRole("dialog", { name: "Send again?" });
    // Focus on Cancel: the operator got here by a click or Enter, and a second Enter must not send.
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(dialog.textContent).toContain(
      "Send a registration message to Kari@Example.com again with Harbour Centre?",
    );
    expect(dialog.textContent).toContain("Club harbour-centre, Staging, by Email.");
    expect(deps.send).not.toHaveBeenCalled();

    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "Send again" }));
    });
    expect(deps.send).toHaveBeenCalledTimes(1);
    expect(deps.send).toHaveBeenCalledWith(
      {
        channel: "email",
        recipient: "Kari@Example.com",
        source: "send-log",
        connectionId: HARBOUR.id,
        confirmRepeat: true,
      },
      "registration-password",
    );
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("status").textContent).toContain(
      "Placewise accepted the request to send a registration message to Kari@Example.com.",
    );
    expect(document.activeElement).toBe(button);

    await changeLog([entry({ at: NOW, source: "send-log", recipient: "Kari@Example.com" }), ...mixedLog()]);
    expect(recipients().filter((r) => r === "Kari@Example.com")).toHaveLength(2);
  });

  it("sends SMS entries as digits on the SMS channel, naming the number as a person reads it", async () => {
    const { deps } = await renderLog();
    click("Send again to +47 40 76 91 26");
    expect(within(screen.getByRole("dialog")).getByText(/\+47 40 76 91 26/u)).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Send again" }));
    });
    expect(deps.send).toHaveBeenCalledWith(
      expect.objectContaining({ channel: "msisdn", recipient: "4740769126", connectionId: INFINITY.id }),
      "registration-password",
    );
  });

  it("sends nothing when the operator cancels", async () => {
    const { deps } = await renderLog();
    click("Send again to anna+mall@example.no");
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(deps.send).not.toHaveBeenCalled();
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("announces a refusal in an alert", async () => {
    const { deps } = await renderLog();
    deps.send.mockResolvedValueOnce({ kind: "token-rejected", status: 401 });
    click("Send again to anna+mall@example.no");
    await act(async () => {
      fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Send again" }));
    });
    expect(screen.getByRole("alert").textContent).toContain("Placewise rejected the client token (401).");
  });

  it("says why instead of offering Send again when the entry's connection was removed", async () => {
    const { deps } = await renderLog(mixedLog(), testSettings([INFINITY]));
    const harbourRow = rows()[2] as HTMLElement;
    expect(within(harbourRow).queryByRole("button")).toBeNull();
    expect(cellTexts(harbourRow).at(-1)).toBe("Cannot send again: its connection was removed");
    expect(screen.queryByRole("button", { name: "Send again to Kari@Example.com" })).toBeNull();
    // Rows whose connection is saved keep their button.
    expect(within(rows()[0] as HTMLElement).getByRole("button", { name: /^Send again/u })).toBeTruthy();
    expect(deps.send).not.toHaveBeenCalled();
  });

  it("says so and sends nothing when the connection is removed while the question is open", async () => {
    const fake = fakeDeps(mixedLog(), testSettings([INFINITY, HARBOUR]));
    let settings = testSettings([INFINITY, HARBOUR]);
    let onSettings: () => void = () => {};
    fake.deps.readSettings.mockImplementation(async () => settings);
    const store = createSendLogPageStore({
      ...fake.deps,
      watchSettings: (onChange) => {
        onSettings = onChange;
        return () => {};
      },
    });
    render(<App store={store} />);
    await act(() => store.loading);
    click("Send again to Kari@Example.com");
    settings = testSettings([INFINITY]);
    await act(async () => {
      onSettings();
      await Promise.resolve();
    });
    await act(async () => {
      fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Send again" }));
    });
    expect(screen.getByRole("alert").textContent).toContain(
      'The connection "Harbour Centre" is no longer saved, so nothing was sent.',
    );
    expect(fake.deps.send).not.toHaveBeenCalled();
  });
});

describe("CSV export", () => {
  async function exportCsv(deps: ReturnType<typeof fakeDeps>["deps"]) {
    await act(async () => {
      click("Export CSV");
      await vi.waitFor(() => expect(deps.download).toHaveBeenCalledOnce());
    });
    const [fileName, content] = deps.download.mock.calls[0] as [string, string];
    return { fileName, content };
  }

  it("downloads the filtered entries with English headers and the day's date in the name", async () => {
    const { deps } = await renderLog();
    choose("Outcome", "failed");
    const { fileName, content } = await exportCsv(deps);
    expect(fileName).toBe("send-log-2026-11-27.csv");
    expect(content.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<string[]>(content.slice(1), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual([...CSV_COLUMNS]);
    expect(parsed.slice(1).map((row) => [row[6], row[7], row[8], row[9], row[10]])).toEqual([
      ["nobody@example.no", "member-not-found", "no", "404", "95"],
      ["ola@example.no", "timeout", "unknown", "", "20004"],
    ]);
    expect(parsed[1]?.[0]).toMatch(/^2026-11-27T14:58:00[+-]\d{2}:\d{2}$/u);
    expect(screen.getByRole("status").textContent).toBe("Exported 2 entries to send-log-2026-11-27.csv.");
  });

  it("keeps a number's E.164 digits in the CSV, while the table shows it in international format", async () => {
    const { deps } = await renderLog([entry({ channel: "msisdn", recipient: "4740769126" })]);
    expect(recipients()).toEqual(["+47 40 76 91 26"]);
    const { content } = await exportCsv(deps);
    const parsed = Papa.parse<string[]>(content.slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(parsed.map((row) => row[6])).toEqual(["4740769126"]);
  });

  it("neutralizes cells a spreadsheet would run as formulas", async () => {
    const dangerous = [
      '=HYPERLINK("http://evil.example")@example.no',
      "+1@example.no",
      "-2@example.no",
      "@SUM(A1)@example.no",
      "\tx@example.no",
      "\rx@example.no",
    ];
    const { deps } = await renderLog([
      ...dangerous.map((recipient, index) => entry({ at: NOW - index * MINUTE, recipient })),
      entry({ at: NOW - 10 * MINUTE, recipient: "plain@example.no", connectionLabel: "=cmd|' /C calc'!A0" }),
    ]);
    const { content } = await exportCsv(deps);
    const parsed = Papa.parse<string[]>(content.slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(parsed.map((row) => row[6])).toEqual([...dangerous.map((cell) => `'${cell}`), "plain@example.no"]);
    expect(parsed[6]?.[1]).toBe("'=cmd|' /C calc'!A0");
  });
});

describe("clear", () => {
  it("asks first, focused on Cancel, then empties the log", async () => {
    const { deps } = await renderLog();
    click("Clear send log");
    const dialog = screen.getByRole("dialog", { name: "Clear the send log?" });
    expect(dialog.textContent).toContain("Remove all 5 entries from the send log on this computer?");
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "Clear send log" }));
    });
    expect(deps.clear).toHaveBeenCalledOnce();
    await waitFor(() => expect(rows()).toHaveLength(0));
    expect(screen.getByText(/No sends recorded yet/u)).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("The send log was cleared.");
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 1 }));
  });

  it("keeps the log when the operator cancels", async () => {
    const { deps } = await renderLog();
    click("Clear send log");
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
    expect(deps.clear).not.toHaveBeenCalled();
    expect(rows()).toHaveLength(5);
  });
});
