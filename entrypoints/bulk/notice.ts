import type { StartBulkRunResult } from "@/utils/messages";

/** What the page last reports about an action, in its notice region. */
export type BulkNotice =
  | { kind: "fileRead"; name: string }
  | { kind: "fileFailed"; name: string }
  | { kind: "fileTooLarge"; name: string; maxBytes: number }
  | { kind: "reviewFailed" }
  | { kind: "startRefused"; reason: Extract<StartBulkRunResult, { ok: false }>["reason"] }
  | { kind: "actionFailed" }
  | { kind: "requeued"; count: number }
  | { kind: "exported"; count: number; file: string }
  | { kind: "exportFailed" };
