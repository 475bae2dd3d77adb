import { act } from "@testing-library/preact";
import { vi } from "vitest";
import type { PopupDeps } from "@/entrypoints/popup/use-popup";
import type { SendLogEntry } from "@/utils/send-log";
import type { StoredSettings } from "@/utils/settings";
import { checkPhone } from "@/utils/validation/phone";

/**
 * Fresh fake popup deps: a send answers nothing until a test says what, the pre-check is
 * unavailable. `changeSettings` and `changeLog` store new settings or sends and fire the watchers,
 * as storage would.
 */
export function fakePopupDeps(
  initial: StoredSettings | Promise<StoredSettings>,
  recent: SendLogEntry[] = [],
) {
  let current = initial;
  let log = recent;
  const watchers = new Set<() => void>();
  const logWatchers = new Set<() => void>();
  const unwatch = vi.fn();
  const deps = {
    source: "popup",
    readSettings: vi.fn(async () => current),
    watchSettings: vi.fn((onChange: () => void) => {
      watchers.add(onChange);
      return () => {
        watchers.delete(onChange);
        unwatch();
      };
    }),
    send: vi.fn<PopupDeps["send"]>(),
    precheck: vi.fn<PopupDeps["precheck"]>(async () => ({ kind: "unavailable" })),
    // Like the background: the write is stored before the answer (no watcher fires; tests do that).
    setActiveConnection: vi.fn<PopupDeps["setActiveConnection"]>(async (id) => {
      current = { ...(await current), activeConnectionId: id };
      return { ok: true };
    }),
    setPreferences: vi.fn<PopupDeps["setPreferences"]>(async () => ({ ok: true })),
    // The real checker, as the phone worker runs it.
    checkPhone: vi.fn<PopupDeps["checkPhone"]>(async (input, country) => checkPhone(input, country)),
    readRecentSends: vi.fn(async (limit: number) => log.slice(0, limit)),
    watchSendLog: vi.fn((onChange: () => void) => {
      logWatchers.add(onChange);
      return () => logWatchers.delete(onChange);
    }),
    openOptions: vi.fn(),
    openSendLog: vi.fn(),
    openBulk: vi.fn(),
    readBulkEnabled: vi.fn(async () => true),
    precheckDelayMs: 0,
  } satisfies PopupDeps;
  const changeSettings = async (next: StoredSettings) => {
    current = next;
    await act(async () => {
      for (const watcher of watchers) watcher();
    });
  };
  const changeLog = async (next: SendLogEntry[]) => {
    log = next;
    await act(async () => {
      for (const watcher of logWatchers) watcher();
    });
  };
  return { deps, changeSettings, changeLog, unwatch };
}
