// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseBulkInput } from "@/utils/bulk-input";
import {
  BULK_CHUNK_SIZE,
  type BulkItem,
  type BulkItemState,
  type BulkRun,
  emptyCounts,
} from "@/utils/bulk-run";
import type { BulkRunRequest, StartBulkRunResult } from "@/utils/messages";
import type { SendLogEntry } from "@/utils/send-log";
import type { SendOutcomeKind } from "@/utils/send-outcome";
import type { Connection, Preferences, StoredSettings } from "@/utils/settings";
import { testConnection, testSettings } from "../../test/support/connections";
import { App } from "./App";
import type { BulkPageDeps } from "./deps";
import { type BulkPageStore, createBulkPageStore } from "./store";
import type { StoredRunChange } from "./stored-run";
import { noticeWording } from "./wording";

// Vitest runs without globals, so @testing-library/preact cannot register its own cleanup.
afterEach(cleanup);

const NOW = new Date(2026, 10, 27, 15, 0, 0).getTime();
const STAGING = testConnection({ id: "c-staging", label: "Infinity Mall", environment: "staging" });
const PRODUCTION = testConnection({
  id: "c-prod",
  label: "Infinity Mall (live)",
  environment: "production",
  baseUrl: "https://api.mpc.placewise.com",
});

/** A stored run and its items, as the background keeps them; tests change it and announce the change. */
class FakeStore {
  run: BulkRun | null = null;
  items: BulkItem[] = [];
  /** Chunks missing from storage, as in a damaged run: a read does not find them. */
  missing = new Set<number>();
  private reads = 0;
  private listeners = new Set<(change: StoredRunChange) => void>();

  read = vi.fn(async (chunks: readonly number[]) => {
    // A page that reads again and again never renders: fail instead of hanging the test.
    if (++this.reads > 50) throw new Error("The page read the stored run more than 50 times");
    return {
      run: this.run === null ? null : structuredClone(this.run),
      chunks: new Map(
        chunks.filter((chunk) => !this.missing.has(chunk)).map((chunk) => [chunk, this.chunk(chunk)]),
      ),
    };
  });

  watch = (listener: (change: StoredRunChange) => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** A copy of one stored chunk. */
  chunk(chunk: number): BulkItem[] {
    return structuredClone(this.items.slice(chunk * BULK_CHUNK_SIZE, (chunk + 1) * BULK_CHUNK_SIZE));
  }

  /** Changes items (by index) and the counts, then announces the new values as storage does. */
  change(updates: Array<Partial<BulkItem> & { index: number }>, run: Partial<BulkRun> = {}): void {
    const chunks = new Set<number>();
    for (const update of updates) {
      const item = this.items[update.index];
      if (item) this.items[update.index] = { ...item, ...update, updatedAt: item.updatedAt + 1 };
      chunks.add(Math.floor(update.index / BULK_CHUNK_SIZE));
    }
    if (this.run) {
      this.run = { ...this.run, ...run, counts: countsOf(this.items), updatedAt: this.run.updatedAt + 1 };
    }
    const change: StoredRunChange = {
      run: this.run === null ? null : structuredClone(this.run),
      chunks: new Map([...chunks].map((chunk) => [chunk, this.chunk(chunk)])),
    };
    for (const listener of this.listeners) listener(change);
  }
}

function countsOf(items: readonly BulkItem[]): BulkRun["counts"] {
  const counts = emptyCounts();
  for (const item of items) counts[item.state] += 1;
  return counts;
}

/** A run of `total` email recipients, the first ones in the given states, the rest queued. */
function storedRun(
  total: number,
  states: BulkItemState[] = [],
  changes: Partial<BulkRun> = {},
): { run: BulkRun; items: BulkItem[] } {
  const items: BulkItem[] = Array.from({ length: total }, (_, index) => {
    const state = states[index] ?? "queued";
    return {
      index,
      channel: "email",
      recipient: `member-${index + 1}@example.no`,
      state,
      attempts: state === "queued" ? 0 : 1,
      updatedAt: NOW,
      ...(state === "sent" ? { outcome: "accepted" as const, status: 200 } : {}),
    };
  });
  return {
    items,
    run: {
      id: "run-1",
      connectionId: STAGING.id,
      connectionLabel: STAGING.label,
      environment: "staging",
      club: STAGING.clubSlug,
      host: "api.mpc.dev.placewise.com",
      createdAt: NOW,
      updatedAt: NOW,
      status: "running",
      concurrency: 2,
      ratePerSecond: 5,
      resumeAt: 0,
      backoffMs: 0,
      total,
      counts: countsOf(items),
      ...changes,
    },
  };
}

function fakeDeps(settings: StoredSettings, stored: FakeStore, sendLog: SendLogEntry[] = []) {
  return {
    readSendsSince: vi.fn(async (since: number) => sendLog.filter((entry) => entry.at >= since)),
    readSettings: vi.fn(async () => settings),
    readBulkEnabled: vi.fn(async () => true),
    watchSettings: () => () => {},
    readRun: stored.read,
    watchRun: stored.watch,
    parse: parseBulkInput,
    start: vi.fn<(request: BulkRunRequest) => Promise<StartBulkRunResult>>(async (request) => ({
      ok: true,
      runId: "run-1",
      total: request.recipients.length,
    })),
    pause: vi.fn(async () => {}),
    resume: vi.fn(async () => {}),
    cancel: vi.fn(async () => {}),
    retryFailed: vi.fn(async () => ({ requeued: 1 })),
    clear: vi.fn(async () => {}),
    wake: vi.fn(async () => {}),
    buildCsv: vi.fn(async () => "csv"),
    download: vi.fn(),
    openOptions: vi.fn(),
    now: () => NOW,
    refreshMs: 0,
  } satisfies BulkPageDeps;
}

/** Renders the page with a fresh store and waits until it has read the settings and the run. */
async function renderBulk({
  connection = STAGING,
  connections = connection ? [connection] : [],
  stored = new FakeStore(),
  sendLog = [],
  preferences = {},
}: {
  connection?: Connection | null;
  /** The saved connections, the first one active; default: just `connection`. */
  connections?: Connection[];
  stored?: FakeStore;
  sendLog?: SendLogEntry[];
  preferences?: Partial<Preferences>;
} = {}) {
  const deps = fakeDeps(testSettings(connections, preferences), stored, sendLog);
  const store = createBulkPageStore(deps);
  render(<App store={store} />);
  await act(() => store.loading);
  return { deps, store, stored };
}

describe("bulk page under a policy", () => {
  it("says bulk resends are switched off, and offers no list, when the policy says so", async () => {
    const deps = fakeDeps(testSettings([STAGING]), new FakeStore());
    deps.readBulkEnabled.mockResolvedValue(false);
    const store = createBulkPageStore(deps);
    render(<App store={store} />);
    await act(() => store.loading);
    expect(screen.getByRole("alert").textContent).toBe(
      "Your organisation has switched off bulk resends in this browser.",
    );
    expect(screen.queryByLabelText("Recipients")).toBeNull();
  });

  it("words the background's refusal of a start", () => {
    expect(noticeWording({ kind: "startRefused", reason: "disabled-by-policy" })).toMatchObject({
      tone: "error",
      summary: "Your organisation has switched off bulk resends in this browser.",
      nextStep: "Ask your administrator if you need it.",
    });
  });
});

function click(name: string | RegExp): void {
  fireEvent.click(screen.getByRole("button", { name }));
}

/** Pastes a list and presses Review; resolves once the review is on screen. */
async function review(store: BulkPageStore, text: string): Promise<HTMLElement> {
  fireEvent.input(screen.getByLabelText("Recipients"), { target: { value: text } });
  await act(async () => {
    click("Review");
    await waitFor(() => expect(store.review.value).not.toBeNull());
  });
  return screen.getByRole("region", { name: "Review" });
}

const LIST = [
  "Name;Email;Mobile",
  "Anna;anna@example.no;",
  "Ola;ola@example.no;+47 407 69 126",
  "Anna again;ANNA@example.no;",
  "Broken;not-an-address;",
  "Nobody;;",
].join("\n");

describe("reviewing a list before anything is sent", () => {
  it("shows the counts and each invalid row with its line and reason", async () => {
    const { store, deps } = await renderBulk();
    const region = await review(store, LIST);
    expect(region.textContent).toContain("2 members to send to");
    expect(region.textContent).toContain("1 duplicate dropped");
    expect(region.textContent).toContain("2 rows that can't be used");
    expect(region.textContent).toContain("Line 1 was read as a header row and skipped.");
    const invalid = within(screen.getByRole("table", { name: "Rows that can't be used" }));
    const rows = invalid.getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      "5Broken;not-an-address;An email address needs an @, as in anna@example.no.",
      "6Nobody;;No email address or mobile number in this row.",
    ]);
    // Which duplicate was dropped, not only how many: line 4 repeats line 2's member.
    const duplicates = within(screen.getByRole("table", { name: /^Duplicates dropped/u }));
    expect(
      duplicates
        .getAllByRole("row")
        .slice(1)
        .map((row) => Array.from(row.children, (cell) => cell.textContent)),
    ).toEqual([["4", "ANNA@example.no", "2"]]);
    expect(deps.start).not.toHaveBeenCalled();
    // The review moves focus to itself, where a screen reader continues.
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Review" }));
  });

  it("uses the picked channel for rows with both an email and a number", async () => {
    const { store, deps } = await renderBulk();
    fireEvent.click(screen.getByRole("radio", { name: "SMS" }));
    await review(store, LIST);
    await act(async () => click("Start sending to 2 members"));
    expect(deps.start.mock.calls[0]?.[0].recipients).toEqual([
      { channel: "email", recipient: "anna@example.no" },
      { channel: "msisdn", recipient: "4740769126" },
    ]);
  });

  it("forgets the review when the list changes", async () => {
    const { store } = await renderBulk();
    await review(store, LIST);
    fireEvent.input(screen.getByLabelText("Recipients"), { target: { value: "kari@example.com" } });
    expect(screen.queryByRole("region", { name: "Review" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Start/u })).toBeNull();
  });

  it("reads a CSV file into the list", async () => {
    const { store } = await renderBulk();
    const file = new File(["\uFEFFEmail\r\nanna@example.no\r\n"], "members.csv", { type: "text/csv" });
    const input = screen.getByLabelText("CSV file");
    Object.defineProperty(input, "files", { value: [file] });
    // A plain change event: testing-library's fireEvent.change does not reach Preact's handler on a
    // file input in happy-dom.
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await waitFor(() => expect(store.text.value).toContain("anna@example.no"));
    expect((screen.getByLabelText("Recipients") as HTMLTextAreaElement).value).toContain("anna@example.no");
    expect(screen.getByRole("status").textContent).toBe("Read members.csv. Press Review to check the list.");
  });

  it("refuses a file over 2 MB without reading it, and names the file and the limit", async () => {
    const { store, deps } = await renderBulk();
    fireEvent.input(screen.getByLabelText("Recipients"), { target: { value: "kari@example.com" } });
    const file = new File(["anna@example.no\n"], "everyone.csv", { type: "text/csv" });
    Object.defineProperty(file, "size", { value: 50 * 1024 * 1024 });
    const read = vi.spyOn(file, "text");
    const input = screen.getByLabelText("CSV file");
    Object.defineProperty(input, "files", { value: [file] });
    input.dispatchEvent(new Event("change", { bubbles: true }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(
      "everyone.csv is larger than 2 MB, too large to read here. Nothing was read or sent.",
    );
    expect(read).not.toHaveBeenCalled();
    expect(store.text.value).toBe("kari@example.com");
    expect(deps.start).not.toHaveBeenCalled();
  });

  it("cannot review without a connection, and says where to set one up", async () => {
    const { deps } = await renderBulk({ connection: null });
    fireEvent.input(screen.getByLabelText("Recipients"), { target: { value: "anna@example.no" } });
    expect(screen.getByRole("button", { name: "Review" })).toHaveProperty("disabled", true);
    click("Open Settings");
    expect(deps.openOptions).toHaveBeenCalled();
  });
});

describe("members sent a message within the desk's repeat window", () => {
  /** A send-log entry for Ola, `minutesAgo` before NOW, with the staging connection. */
  function sentToOla(minutesAgo: number, changes: Partial<SendLogEntry> = {}): SendLogEntry {
    return {
      id: `log-${minutesAgo}`,
      at: NOW - minutesAgo * 60_000,
      source: "popup",
      connectionId: STAGING.id,
      connectionLabel: STAGING.label,
      environment: "staging",
      host: "api.mpc.dev.placewise.com",
      club: STAGING.clubSlug,
      channel: "email",
      recipient: "Ola@Example.no",
      outcome: "accepted",
      status: 200,
      durationMs: 120,
      ...changes,
    };
  }

  it("says so in the review and leaves them out of the run by default", async () => {
    const { store, deps } = await renderBulk({
      sendLog: [sentToOla(3)],
      preferences: { recentSendMinutes: 10 },
    });
    const region = await review(store, LIST);
    expect(region.textContent).toContain(
      "The send log shows a message to 1 member of this list in the last 10 minutes (accepted, or maybe sent). That member is left out of this run:",
    );
    expect(region.textContent).toContain("ola@example.no, 3 minutes ago");
    const keep = screen.getByLabelText(
      "Send again to 1 member who was sent a message in the last 10 minutes",
    );
    expect(keep).toHaveProperty("checked", false);
    await act(async () => click("Start sending to 1 member"));
    expect(deps.start.mock.calls[0]?.[0].recipients).toEqual([
      { channel: "email", recipient: "anna@example.no" },
    ]);
  });

  it("sends to them too when the operator ticks the box", async () => {
    const { store, deps } = await renderBulk({
      sendLog: [sentToOla(3)],
      preferences: { recentSendMinutes: 10 },
    });
    await review(store, LIST);
    fireEvent.click(
      screen.getByLabelText("Send again to 1 member who was sent a message in the last 10 minutes"),
    );
    await act(async () => click("Start sending to 2 members"));
    expect(deps.start.mock.calls[0]?.[0].recipients).toEqual([
      { channel: "email", recipient: "anna@example.no" },
      { channel: "email", recipient: "ola@example.no" },
    ]);
  });

  it.each<[string, number, Partial<SendLogEntry>]>([
    ["before the window", 11, {}],
    ["to another club", 3, { club: "other-mall" }],
    ["to another API host", 3, { host: "api.mpc.placewise.com" }],
    ["by SMS", 3, { channel: "msisdn", recipient: "4740769126" }],
    [
      "refused without sending (404)",
      3,
      { outcome: "member-not-found" satisfies SendOutcomeKind, status: 404 },
    ],
  ])("does not count a send %s", async (_name, minutesAgo, changes) => {
    const { store } = await renderBulk({
      sendLog: [sentToOla(minutesAgo, changes)],
      preferences: { recentSendMinutes: 10 },
    });
    const region = await review(store, LIST);
    expect(region.textContent).not.toContain("The send log shows");
    expect(screen.getByRole("button", { name: "Start sending to 2 members" })).toBeTruthy();
  });

  it("counts a send that may have reached the member (a timeout)", async () => {
    const { store } = await renderBulk({
      sendLog: [sentToOla(3, { outcome: "timeout", status: null })],
      preferences: { recentSendMinutes: 10 },
    });
    await review(store, LIST);
    expect(screen.getByRole("button", { name: "Start sending to 1 member" })).toBeTruthy();
  });

  it("checks nothing when the desk turned the repeat warning off (0 minutes)", async () => {
    const { store, deps } = await renderBulk({
      sendLog: [sentToOla(3)],
      preferences: { recentSendMinutes: 0 },
    });
    await review(store, LIST);
    expect(deps.readSendsSince).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Start sending to 2 members" })).toBeTruthy();
  });

  it("says when the send log could not be read", async () => {
    const { store, deps } = await renderBulk({ preferences: { recentSendMinutes: 10 } });
    deps.readSendsSince.mockRejectedValueOnce(new Error("storage"));
    const region = await review(store, LIST);
    expect(region.textContent).toContain("The send log could not be read");
  });
});

describe("confirming and starting", () => {
  it("names the count, the connection, the club and the environment", async () => {
    const { store } = await renderBulk();
    const region = await review(store, LIST);
    expect(region.textContent).toContain(
      "Send a registration message to 2 members of infinity-mall, with the connection “Infinity Mall”:",
    );
    expect(region.textContent).toContain("Staging");
  });

  it("needs the production box ticked before Start works", async () => {
    const { store, deps } = await renderBulk({ connection: PRODUCTION });
    const region = await review(store, LIST);
    expect(region.textContent).toContain("This is a production environment");
    const start = screen.getByRole("button", { name: "Start sending to 2 members" });
    expect(start).toHaveProperty("disabled", true);
    fireEvent.click(start);
    expect(deps.start).not.toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText("I understand this sends to real members of infinity-mall"));
    expect(start).toHaveProperty("disabled", false);
    await act(async () => {
      fireEvent.click(start);
    });
    expect(deps.start).toHaveBeenCalledTimes(1);
  });

  it("asks for no extra box outside production", async () => {
    const { store } = await renderBulk();
    await review(store, LIST);
    expect(screen.queryByLabelText(/I understand/u)).toBeNull();
    expect(screen.getByRole("button", { name: "Start sending to 2 members" })).toHaveProperty(
      "disabled",
      false,
    );
  });

  it("sends the reviewed recipients with the connection, rate and concurrency", async () => {
    const { store, deps } = await renderBulk();
    await review(store, LIST);
    expect(screen.getByLabelText("Requests per second")).toHaveProperty("value", "5");
    expect(screen.getByLabelText("At the same time")).toHaveProperty("value", "2");
    fireEvent.input(screen.getByLabelText("Requests per second"), { target: { value: "12.5" } });
    fireEvent.input(screen.getByLabelText("At the same time"), { target: { value: "4" } });
    await act(async () => click("Start sending to 2 members"));
    expect(deps.start).toHaveBeenCalledWith({
      connectionId: STAGING.id,
      recipients: [
        { channel: "email", recipient: "anna@example.no" },
        { channel: "email", recipient: "ola@example.no" },
      ],
      ratePerSecond: 12.5,
      concurrency: 4,
    });
  });

  it.each([
    ["Requests per second", "0", "Too small: enter a number from 0.1 to 100."],
    ["Requests per second", "500", "Too large: enter a number from 0.1 to 100."],
    ["At the same time", "2.5", "Enter a whole number from 1 to 10."],
    ["At the same time", "", "Enter a number from 1 to 10."],
  ])("refuses %s = %j and says why", async (label, value, error) => {
    const { store, deps } = await renderBulk();
    await review(store, LIST);
    fireEvent.input(screen.getByLabelText(label), { target: { value } });
    expect(screen.getByLabelText(label).getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(error)).toBeTruthy();
    const start = screen.getByRole("button", { name: "Start sending to 2 members" });
    expect(start).toHaveProperty("disabled", true);
    fireEvent.click(start);
    expect(deps.start).not.toHaveBeenCalled();
  });

  it("says why the background refused to start", async () => {
    const { store, deps } = await renderBulk();
    deps.start.mockResolvedValueOnce({ ok: false, reason: "run-in-progress" });
    await review(store, LIST);
    await act(async () => click("Start sending to 2 members"));
    expect(screen.getByRole("alert").textContent).toContain("Another bulk run is not finished yet.");
  });

  it("shows the run once started", async () => {
    const stored = new FakeStore();
    const { store, deps } = await renderBulk({ stored });
    await review(store, LIST);
    deps.start.mockImplementationOnce(async (request) => {
      Object.assign(stored, storedRun(request.recipients.length));
      return { ok: true, runId: "run-1", total: request.recipients.length };
    });
    click("Start sending to 2 members");
    expect((await screen.findByRole("progressbar")).getAttribute("aria-valuemax")).toBe("2");
    expect(screen.queryByLabelText("Recipients")).toBeNull();
  });
});

describe("choosing the connection on the page", () => {
  /** A second saved connection, not the active one: production, a club that takes SMS only. */
  const NORDIC = testConnection({
    id: "c-nordic",
    label: "Nordic Outlet (live)",
    environment: "production",
    baseUrl: "https://api.mpc.placewise.com",
    clubSlug: "nordic-outlet",
    memberIdentifiers: ["msisdn"],
    country: "DK",
  });
  const PHONES = ["Name;Mobile", "Anna;+45 20 12 34 56", "Ola;+45 20 12 34 57"].join("\n");
  const picker = () => screen.getByRole("combobox", { name: "Connection" });
  // A real "change", as a browser fires it: once a page renders preact/compat's memo (the run
  // table), testing-library's fireEvent.change fires "input" instead.
  const pick = (id: string) =>
    act(() => {
      const select = picker() as HTMLSelectElement;
      select.value = id;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });

  it("offers no select with one saved connection", async () => {
    await renderBulk();
    expect(screen.queryByRole("combobox", { name: "Connection" })).toBeNull();
  });

  it("lists the saved connections with their environment, the active one chosen", async () => {
    await renderBulk({ connections: [STAGING, NORDIC] });
    expect(Array.from(picker().querySelectorAll("option"), (o) => o.textContent)).toEqual([
      "Infinity Mall (Staging)",
      "Nordic Outlet (live) (Production)",
    ]);
    expect(picker()).toHaveProperty("value", STAGING.id);
  });

  it("reviews and starts with the picked connection, its club, channels and environment", async () => {
    const { store, deps } = await renderBulk({ connections: [STAGING, NORDIC] });
    await pick(NORDIC.id);
    const line = document.querySelector(".connection-line");
    expect(line?.textContent).toContain("Nordic Outlet (live)");
    expect(line?.querySelector("[data-environment]")?.getAttribute("data-environment")).toBe("production");
    // The club takes SMS only: the channel follows the picked connection, not the active one.
    expect(screen.getByRole("radio", { name: "Email" })).toHaveProperty("disabled", true);
    expect(screen.getByRole("radio", { name: "SMS" })).toHaveProperty("checked", true);

    const region = await review(store, PHONES);
    expect(region.textContent).toContain(
      "Send a registration message to 2 members of nordic-outlet, with the connection “Nordic Outlet (live)”:",
    );
    expect(region.textContent).toContain("This is a production environment");
    fireEvent.click(screen.getByLabelText("I understand this sends to real members of nordic-outlet"));
    await act(async () => click("Start sending to 2 members"));
    expect(deps.start).toHaveBeenCalledWith({
      connectionId: NORDIC.id,
      recipients: [
        { channel: "msisdn", recipient: "4520123456" },
        { channel: "msisdn", recipient: "4520123457" },
      ],
      ratePerSecond: 5,
      concurrency: 2,
    });
  });

  it("drops a review made for the connection before", async () => {
    const { store } = await renderBulk({ connections: [STAGING, NORDIC] });
    await review(store, LIST);
    await pick(NORDIC.id);
    expect(screen.queryByRole("region", { name: "Review" })).toBeNull();
    expect(store.review.value).toBeNull();
  });
});

describe("following a run", () => {
  it("shows progress as a progressbar, the counts and the time left", async () => {
    const stored = new FakeStore();
    const states: BulkItemState[] = [
      ...Array<BulkItemState>(120).fill("sent"),
      "failed",
      "failed",
      "unknown",
      "sending",
      "sending",
    ];
    Object.assign(stored, storedRun(200, states));
    await renderBulk({ stored });
    const bar = screen.getByRole("progressbar", { name: "Progress" });
    expect(bar.getAttribute("aria-valuenow")).toBe("123");
    expect(bar.getAttribute("aria-valuemax")).toBe("200");
    expect(bar.getAttribute("aria-valuetext")).toBe("123 of 200 done");
    const region = screen.getByRole("region", { name: "Bulk run: 200 members" });
    expect(region.textContent).toContain("120 sent");
    expect(region.textContent).toContain("2 failed");
    expect(region.textContent).toContain("1 unknown");
    expect(region.textContent).toContain("77 left");
    // 77 left at 5 per second.
    expect(region.textContent).toContain("about 16 seconds left");
    expect(within(region).getByRole("status").textContent).toBe("Sending…");
  });

  it("counts a wait Placewise asked for into the time left, and says why it waits", async () => {
    const stored = new FakeStore();
    Object.assign(
      stored,
      storedRun(10, ["sent"], { resumeAt: NOW + 30_000, waitReason: "rate-limited", backoffMs: 0 }),
    );
    await renderBulk({ stored });
    const region = screen.getByRole("region", { name: /^Bulk run/u });
    expect(within(region).getByRole("status").textContent).toBe(
      "Waiting: Placewise is limiting requests (429). The run carries on by itself.",
    );
    expect(region.textContent).toContain("Carrying on in 30 seconds.");
    expect(region.textContent).toContain("about 32 seconds left");
  });

  it("updates the progress from the change itself, without reading storage again", async () => {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(250));
    await renderBulk({ stored });
    stored.read.mockClear();
    stored.change([{ index: 150, state: "sent", outcome: "accepted", status: 200, attempts: 1 }]);
    await waitFor(() => expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("1"));
    expect(stored.read).not.toHaveBeenCalled();
    const row = screen.getByRole("rowheader", { name: "member-151@example.no" }).closest("tr");
    expect(row?.textContent).toContain("Sent");
  });

  it("follows a run started or cleared on another page", async () => {
    const stored = new FakeStore();
    const { store } = await renderBulk({ stored });
    expect(screen.getByLabelText("Recipients")).toBeTruthy();
    Object.assign(stored, storedRun(150, ["sent"]));
    // Another tab started a run: the page reads all of it, then follows it.
    stored.change([]);
    expect(await screen.findByRole("progressbar")).toBeTruthy();
    expect(store.chunks.value).toHaveLength(2);
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("1");
    stored.run = null;
    stored.items = [];
    stored.change([]);
    expect(await screen.findByLabelText("Recipients")).toBeTruthy();
  });

  it("shows an SMS recipient in international format, as the review does", async () => {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(2, ["sent"]));
    stored.items[1] = { ...stored.items[1]!, channel: "msisdn", recipient: "4740769126" };
    await renderBulk({ stored });
    const table = within(screen.getByRole("table", { name: "Results" }));
    expect(table.getAllByRole("rowheader").map((cell) => cell.textContent)).toEqual([
      "member-1@example.no",
      "+47 40 76 91 26",
    ]);
  });

  it("names the connection the run sends with, not the one the page would pick", async () => {
    const stored = new FakeStore();
    Object.assign(
      stored,
      storedRun(2, [], {
        connectionId: PRODUCTION.id,
        connectionLabel: PRODUCTION.label,
        environment: "production",
      }),
    );
    await renderBulk({ connections: [STAGING, PRODUCTION], stored });
    const line = screen
      .getByRole("region", { name: "Bulk run: 2 members" })
      .querySelector(".connection-line");
    expect(line?.textContent).toContain("Sent with Infinity Mall (live)");
    expect(line?.querySelector("[data-environment]")?.getAttribute("data-environment")).toBe("production");
  });

  it("words each state; an unknown one says to check before resending", async () => {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(5, ["sent", "failed", "unknown", "sending"]));
    stored.items[1] = { ...stored.items[1]!, outcome: "member-not-found", status: 404 };
    stored.items[2] = { ...stored.items[2]!, outcome: "timeout", status: null };
    await renderBulk({ stored });
    const table = within(screen.getByRole("table", { name: "Results" }));
    const rows = table.getAllByRole("row").slice(1);
    expect(rows).toHaveLength(5);
    const text = (index: number) => rows[index]?.textContent ?? "";
    expect(text(0)).toContain("Sent");
    expect(text(1)).toContain("Failed");
    expect(text(1)).toContain("No such member (404)");
    expect(text(2)).toContain("Unknown — check before resending");
    expect(text(2)).toContain("Timed out, maybe sent");
    expect(text(3)).toContain("Sending…");
    expect(text(4)).toContain("Waiting");
  });

  it("wakes the background for a run left running, not for a paused one", async () => {
    const running = new FakeStore();
    Object.assign(running, storedRun(3));
    expect((await renderBulk({ stored: running })).deps.wake).toHaveBeenCalledTimes(1);
    cleanup();
    const paused = new FakeStore();
    Object.assign(paused, storedRun(3, [], { status: "paused" }));
    expect((await renderBulk({ stored: paused })).deps.wake).not.toHaveBeenCalled();
  });

  it("pauses a running run", async () => {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(10, ["sent"]));
    const { deps } = await renderBulk({ stored });
    await act(async () => click("Pause"));
    expect(deps.pause).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("button", { name: "Resume" })).toBeNull();
  });

  it("says a paused run is finishing the requests under way, then that it is paused", async () => {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(10, ["sent", "sending"], { status: "paused" }));
    await renderBulk({ stored });
    const status = () => within(screen.getByRole("region", { name: /^Bulk run/u })).getByRole("status");
    expect(status().textContent).toBe("Pausing: waiting for the 1 request under way to finish.");
    stored.change([{ index: 1, state: "sent" }]);
    await waitFor(() => expect(status().textContent).toContain("Paused."));
  });

  it("resumes a paused run", async () => {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(10, ["sent"], { status: "paused" }));
    const { deps } = await renderBulk({ stored });
    expect(screen.queryByRole("button", { name: "Pause" })).toBeNull();
    await act(async () => click("Resume"));
    expect(deps.resume).toHaveBeenCalledTimes(1);
  });

  it("cancels only after a confirmation", async () => {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(10, ["sent", "sent"]));
    const { deps } = await renderBulk({ stored });
    click("Cancel");
    const dialog = screen.getByRole("dialog", { name: "Cancel this run?" });
    expect(dialog.textContent).toContain("8 members have not been sent to yet and will not be.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Keep going" }));
    expect(deps.cancel).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).toBeNull();

    click("Cancel");
    await act(async () => {
      fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel the run" }));
    });
    expect(deps.cancel).toHaveBeenCalledTimes(1);
  });

  it("says why a run stopped and what to do, in an alert", async () => {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(10, ["sent"], { status: "stopped", stopReason: "token-rejected" }));
    const { deps } = await renderBulk({ stored });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Stopped: Placewise rejected the client token (401).");
    expect(alert.textContent).toContain("Check it in Settings. Then press Resume");
    fireEvent.click(within(alert).getByRole("button", { name: "Open Settings" }));
    expect(deps.openOptions).toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Resume" })).toBeTruthy();
  });
});

describe("why a run waits or stopped", () => {
  it("says the run checks that Placewise answers after an unclear answer, naming the host", async () => {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(10, ["sent", "unknown"], { waitReason: "timeout", resumeAt: 0 }));
    await renderBulk({ stored });
    const region = screen.getByRole("region", { name: /^Bulk run/u });
    expect(within(region).getByRole("status").textContent).toContain(
      "Checking that Placewise answers at api.mpc.dev.placewise.com before the next member…",
    );
  });

  it("says the run waits while the computer is offline", async () => {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(10, ["sent"], { waitReason: "offline", resumeAt: NOW + 4_000 }));
    await renderBulk({ stored });
    const region = screen.getByRole("region", { name: /^Bulk run/u });
    expect(within(region).getByRole("status").textContent).toBe(
      "Waiting: this computer is offline. The run carries on by itself when the connection is back.",
    );
  });

  it.each([
    [
      "rate-limited",
      "Stopped: Placewise asked to wait more than 15 minutes before the next request (429).",
      "Resume tries again",
    ],
    [
      "storage-failed",
      "Stopped: The browser could not store the run's progress, so nothing more was sent.",
      "ask your administrator",
    ],
    [
      "firewall-rejected",
      "Stopped: Placewise's firewall refused the request (444).",
      "contact Placewise and mention status 444",
    ],
  ] as const)(
    "says why a run stopped for %s, and offers Resume, not Settings",
    async (reason, summary, next) => {
      const stored = new FakeStore();
      Object.assign(stored, storedRun(10, ["sent"], { status: "stopped", stopReason: reason }));
      await renderBulk({ stored });
      const alert = screen.getByRole("alert");
      expect(alert.textContent).toContain(summary);
      expect(alert.textContent).toContain(next);
      expect(alert.textContent).toContain("Then press Resume");
      expect(within(alert).queryByRole("button", { name: "Open Settings" })).toBeNull();
      expect(screen.getByRole("button", { name: "Resume" })).toBeTruthy();
    },
  );

  it.each([
    ["too-many", "A run can hold at most 10,000 members. Split the list and send it in parts."],
    ["storage-failed", "The browser could not store the run, so nothing was sent."],
  ] as const)("says why the background refused to start: %s", async (reason, text) => {
    const { store, deps } = await renderBulk();
    deps.start.mockResolvedValueOnce({ ok: false, reason });
    await review(store, LIST);
    await act(async () => click("Start sending to 2 members"));
    expect(screen.getByRole("alert").textContent).toContain(text);
  });
});

describe("a run whose stored members are damaged", () => {
  /** 250 members stored in 3 chunks, of which chunk 1 (members 101-200) is missing. */
  function damaged(changes: Partial<BulkRun> = {}): FakeStore {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(250, Array<BulkItemState>(120).fill("sent"), changes));
    stored.missing.add(1);
    return stored;
  }

  it("renders instead of loading for ever when a chunk is missing", async () => {
    const stored = damaged();
    const { store } = await renderBulk({ stored });
    expect(store.loaded.value).toBe(true);
    expect(screen.queryByText("Loading…")).toBeNull();
    expect(stored.read.mock.calls.length).toBeLessThanOrEqual(2);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("This run's stored data is damaged");
    expect(alert.textContent).toContain("not everything sent so far can be shown");
    // The members that can still be read are shown.
    expect(screen.getByRole("rowheader", { name: "member-1@example.no" })).toBeTruthy();
    expect(screen.getByRole("rowheader", { name: "member-201@example.no" })).toBeTruthy();
    expect(screen.queryByRole("rowheader", { name: "member-101@example.no" })).toBeNull();
  });

  it("cancels a run the background has not marked damaged yet before clearing it", async () => {
    const { deps } = await renderBulk({ stored: damaged() });
    await act(async () => click("Clear the run"));
    expect(deps.cancel).toHaveBeenCalledTimes(1);
    expect(deps.clear).toHaveBeenCalledTimes(1);
    expect(deps.cancel.mock.invocationCallOrder[0]).toBeLessThan(deps.clear.mock.invocationCallOrder[0] ?? 0);
  });

  it("offers Cancel and Clear, not Resume, when the background marked it damaged", async () => {
    const stored = damaged({ status: "stopped", damaged: true });
    const { deps } = await renderBulk({ stored });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("This run's stored data is damaged");
    expect(screen.queryByRole("button", { name: "Resume" })).toBeNull();
    click("Cancel");
    await act(async () => {
      fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel the run" }));
    });
    expect(deps.cancel).toHaveBeenCalledTimes(1);
    deps.clear.mockImplementationOnce(async () => {
      stored.run = null;
      stored.items = [];
    });
    const clear = screen.getByRole("button", { name: "Clear the run" });
    await waitFor(() => expect(clear).toHaveProperty("disabled", false));
    fireEvent.click(clear);
    expect(await screen.findByLabelText("Recipients")).toHaveProperty("value", "");
    expect(deps.clear).toHaveBeenCalledTimes(1);
  });
});

describe("when a run has ended", () => {
  /** A finished run: 2 sent, one 404 (safe to retry), one 422 (not), one unknown. */
  function finished(): FakeStore {
    const stored = new FakeStore();
    Object.assign(stored, storedRun(5, ["sent", "sent", "failed", "failed", "unknown"], { status: "done" }));
    // 429s until the attempt cap: not sent, and another try may work.
    stored.items[2] = { ...stored.items[2]!, outcome: "rate-limited", status: 429, attempts: 5 };
    stored.items[3] = { ...stored.items[3]!, outcome: "member-not-found", status: 404 };
    stored.items[4] = { ...stored.items[4]!, outcome: "server-error", status: 502 };
    return stored;
  }

  it("reports what is left to act on, in an alert", async () => {
    await renderBulk({ stored: finished() });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Finished: 2 sent, 2 failed, 1 unknown.");
    expect(alert.textContent).toContain("1 member may or may not have got a message");
    expect(screen.queryByRole("button", { name: "Pause" })).toBeNull();
  });

  it("retries only the failures that are safe to retry, and says how many", async () => {
    const { deps } = await renderBulk({ stored: finished() });
    const retry = screen.getByRole("button", { name: "Retry failed (1)" });
    await act(async () => {
      fireEvent.click(retry);
    });
    expect(deps.retryFailed).toHaveBeenCalledTimes(1);
    expect(screen.getByText("1 member is queued again.")).toBeTruthy();
  });

  it("offers no retry when no failure could go differently (a 404 and a 422 only fail again)", async () => {
    const stored = finished();
    stored.items[2] = { ...stored.items[2]!, outcome: "invalid-request", status: 422 };
    await renderBulk({ stored });
    expect(screen.getByRole("button", { name: "Retry failed (0)" })).toHaveProperty("disabled", true);
  });

  it("offers no Retry failed after a Cancel, which promised that nothing more is sent", async () => {
    const stored = finished();
    if (stored.run) stored.run.status = "cancelled";
    await renderBulk({ stored });
    expect(screen.queryByRole("button", { name: /^Retry failed/u })).toBeNull();
    expect(screen.getByRole("button", { name: "New run" })).toBeTruthy();
  });

  it("exports the results as CSV", async () => {
    const stored = finished();
    const { deps } = await renderBulk({ stored });
    await act(async () => click("Export CSV"));
    expect(deps.buildCsv).toHaveBeenCalledWith(stored.run, stored.items);
    expect(deps.download).toHaveBeenCalledWith("bulk-infinity-mall-2026-11-27.csv", "csv");
    expect(screen.getByText("Exported 5 rows to bulk-infinity-mall-2026-11-27.csv.")).toBeTruthy();
  });

  it("can show only the members not sent to, from the alert too", async () => {
    await renderBulk({ stored: finished() });
    fireEvent.click(
      within(screen.getByRole("alert")).getByRole("button", { name: "Show only members not sent to" }),
    );
    expect(screen.getByLabelText("Show only members not sent to")).toHaveProperty("checked", true);
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Results" }));
    const rows = within(screen.getByRole("table", { name: "Results" }))
      .getAllByRole("row")
      .slice(1);
    expect(rows.map((row) => row.querySelector("th")?.textContent)).toEqual([
      "member-3@example.no",
      "member-4@example.no",
      "member-5@example.no",
    ]);
    // member-5 ended Unknown: still listed, and the page says plainly that it may have been sent.
    expect(rows[2]?.textContent).toContain("Unknown");
    expect(
      screen.getByText(
        "Still shown: 1 Unknown, which may have been sent. Check them in Placewise before sending again.",
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Show only members not sent to"));
    expect(screen.queryByText(/which may have been sent/u)).toBeNull();
  });

  it("starts over with an empty list after New run", async () => {
    const stored = finished();
    const { deps } = await renderBulk({ stored });
    deps.clear.mockImplementationOnce(async () => {
      stored.run = null;
      stored.items = [];
    });
    click("New run");
    expect(await screen.findByLabelText("Recipients")).toHaveProperty("value", "");
    expect(deps.clear).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Recipients")));
  });
});
