import { MAX_BULK_RECIPIENTS } from "@/utils/bulk-input";
import {
  BULK_CONCURRENCY_LIMITS,
  BULK_RATE_LIMITS,
  type BulkItem,
  DEFAULT_BULK_CONCURRENCY,
  DEFAULT_BULK_RATE,
  emptyCounts,
} from "@/utils/bulk-run";
import { isChannel } from "@/utils/channel";
import type { BulkRunRequest } from "@/utils/messages";
import type { Connection } from "@/utils/settings";
import { checkEmail } from "@/utils/validation/email";
import { isValidMsisdn } from "@/utils/validation/phone";
import type { StoredBulkRun } from "./bulk-machine";

/** A run request as read: the valid recipients (each once), and how many were not valid. */
export interface ReadRequest {
  value: BulkRunRequest;
  invalid: number;
  tooMany?: boolean;
}

/** Reads a run request from untrusted data; every recipient is checked again. Null: no list. */
export function readRequest(data: unknown): ReadRequest | null {
  if (typeof data !== "object" || data === null) return null;
  const d = data as Record<string, unknown>;
  if (!Array.isArray(d.recipients) || d.recipients.length === 0) return null;
  // The page's limit holds here too, before anything is checked or stored.
  if (d.recipients.length > MAX_BULK_RECIPIENTS)
    return { value: { recipients: [] }, invalid: 0, tooMany: true };
  let invalid = 0;
  const seen = new Set<string>();
  const recipients: BulkRunRequest["recipients"] = [];
  for (const raw of d.recipients as unknown[]) {
    const r = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const recipient = typeof r.recipient === "string" ? r.recipient.trim() : "";
    const valid =
      isChannel(r.channel) && (r.channel === "email" ? checkEmail(recipient).ok : isValidMsisdn(recipient));
    if (!valid || !isChannel(r.channel)) {
      invalid++;
      continue;
    }
    // At most once per member, whatever the page sent: the same address twice is one recipient.
    const key = `${r.channel}:${r.channel === "email" ? recipient.toLowerCase() : recipient}`;
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push({ channel: r.channel, recipient });
  }
  const within = (value: unknown, { min, max }: { min: number; max: number }) =>
    typeof value === "number" && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
  return {
    value: {
      ...(typeof d.connectionId === "string" ? { connectionId: d.connectionId } : {}),
      recipients,
      concurrency: within(d.concurrency, BULK_CONCURRENCY_LIMITS),
      ratePerSecond: within(d.ratePerSecond, BULK_RATE_LIMITS),
    },
    invalid,
  };
}

/** A new run of a checked request for a connection, with its members, all queued. */
export function newRun(
  request: BulkRunRequest,
  connection: Connection,
  id: string,
  now: number,
): { run: StoredBulkRun; items: BulkItem[] } {
  const items: BulkItem[] = request.recipients.map((r, index) => ({
    index,
    channel: r.channel,
    recipient: r.recipient,
    state: "queued",
    attempts: 0,
    updatedAt: now,
  }));
  const run: StoredBulkRun = {
    id,
    connectionId: connection.id,
    connectionLabel: connection.label,
    environment: connection.environment,
    club: connection.clubSlug,
    host: new URL(connection.baseUrl).host,
    createdAt: now,
    updatedAt: now,
    status: "running",
    concurrency: request.concurrency ?? DEFAULT_BULK_CONCURRENCY,
    ratePerSecond: request.ratePerSecond ?? DEFAULT_BULK_RATE,
    resumeAt: 0,
    backoffMs: 0,
    total: items.length,
    counts: { ...emptyCounts(), queued: items.length },
    cursor: 0,
    retry: [],
  };
  return { run, items };
}
