import type { SendLogEntry } from "@/utils/send-log";

/**
 * A factory of send-log entries one second apart, entry 0 at `firstAt`, each with its own
 * recipient; `changes` override any field.
 */
export function sendLogEntries(firstAt: number) {
  return (index: number, changes: Partial<SendLogEntry> = {}): SendLogEntry => ({
    id: `e-${index}`,
    at: firstAt + index * 1000,
    source: "popup",
    connectionId: "c-1",
    connectionLabel: "Infinity Mall",
    environment: "staging",
    host: "api.mpc.dev.placewise.com",
    club: "infinity-mall",
    channel: "email",
    recipient: `member${index}@example.no`,
    outcome: "accepted",
    status: 200,
    durationMs: 100,
    ...changes,
  });
}
