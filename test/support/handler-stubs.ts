import { vi } from "vitest";
import type { MessageHandlers } from "@/entrypoints/background/router";

/** A handler per message, each a vi.fn answering a plausible value, for router and protocol tests. */
export function stubHandlers(): MessageHandlers {
  return {
    sendRegistrationPassword: vi.fn(
      async () => ({ kind: "accepted", status: 200, recipient: "a@b.no" }) as const,
    ),
    sendPasswordReset: vi.fn(
      async () =>
        ({ kind: "accepted", status: 200, recipient: "a@b.no", message: "password-reset" }) as const,
    ),
    saveConnection: vi.fn(
      async () =>
        ({
          ok: true,
          id: "c-1",
          check: { kind: "club-found", name: "Infinity Mall", slug: "infinity-mall" },
          active: true,
        }) as const,
    ),
    testConnection: vi.fn(async () => ({ ok: true, outcome: { kind: "not-configured" } }) as const),
    forgetToken: vi.fn(async () => ({ ok: true }) as const),
    getSavedToken: vi.fn(async () => ({ token: null })),
    precheckMember: vi.fn(async () => ({ kind: "unavailable" }) as const),
    deleteConnection: vi.fn(async () => ({ ok: true }) as const),
    setActiveConnection: vi.fn(async () => ({ ok: true }) as const),
    listClubs: vi.fn(async () => ({ ok: true as const, value: [] })),
    getClubLanguages: vi.fn(async () => ({
      ok: true as const,
      value: { languages: [] as string[], defaultLanguage: "" },
    })),
    setPreferences: vi.fn(async () => ({ ok: true }) as const),
    clearSendLog: vi.fn(async () => null),
    startBulkRun: vi.fn(async () => ({ ok: true as const, runId: "r-1", total: 1 })),
    pauseBulkRun: vi.fn(async () => null),
    resumeBulkRun: vi.fn(async () => null),
    cancelBulkRun: vi.fn(async () => null),
    retryFailedBulk: vi.fn(async () => ({ requeued: 0 })),
    clearBulkRun: vi.fn(async () => null),
    wakeBulkRun: vi.fn(async () => null),
  };
}
