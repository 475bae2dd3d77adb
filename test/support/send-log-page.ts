import { act } from "@testing-library/preact";
import { vi } from "vitest";
import type { SendLogPageDeps } from "@/entrypoints/send-log/deps";
import type { SendRequest } from "@/utils/messages";
import { shownRecipient } from "@/utils/phone-format";
import type { SendLogEntry } from "@/utils/send-log";
import type { SendOutcome } from "@/utils/send-outcome";
import type { Connection, StoredSettings } from "@/utils/settings";

/**
 * A factory of `connection`'s log entries for the send log page's tests: each its own id and
 * recipient, entry n (from 1) at `at(n)`, an accepted email send of 180 ms unless `changes` say
 * otherwise.
 */
export function connectionLogEntries(connection: Connection, at: (serial: number) => number) {
  let serial = 0;
  return (changes: Partial<SendLogEntry> = {}): SendLogEntry => {
    serial += 1;
    return {
      id: `e-${serial}`,
      at: at(serial),
      source: "popup",
      connectionId: connection.id,
      connectionLabel: connection.label,
      environment: connection.environment,
      host: new URL(connection.baseUrl).host,
      club: connection.clubSlug,
      channel: "email",
      recipient: `member${serial}@example.no`,
      outcome: "accepted",
      status: 200,
      durationMs: 180,
      ...changes,
    };
  };
}

/**
 * The send log page's deps over an in-memory log, with `now` for its clock; every send is accepted.
 * `changeLog` replaces the log and fires the watchers, as storage would.
 */
export function fakeSendLogPageDeps(initial: SendLogEntry[], settings: StoredSettings, now: number) {
  let log = initial;
  const watchers = new Set<() => void>();
  const deps = {
    readSendLog: vi.fn(async () => log),
    readRecentSends: vi.fn(async (limit: number) => log.slice(0, limit)),
    watchSendLog: (onChange: () => void) => {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    },
    readSettings: vi.fn(async () => settings),
    watchSettings: () => () => {},
    send: vi.fn<(request: SendRequest) => Promise<SendOutcome>>(async (request) => ({
      kind: "accepted",
      status: 200,
      recipient: request.recipient,
    })),
    clear: vi.fn(async () => {
      log = [];
    }),
    download: vi.fn<(fileName: string, content: string) => void>(),
    openOptions: vi.fn(),
    now: () => now,
    // The real formatter: what a person reads is the international format.
    loadRecipientFormat: vi.fn(async () => shownRecipient),
  } satisfies SendLogPageDeps;
  const changeLog = async (next: SendLogEntry[]) => {
    log = next;
    await act(async () => {
      for (const watcher of watchers) watcher();
      await Promise.resolve();
    });
  };
  return { deps, changeLog };
}
