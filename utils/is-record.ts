/** Whether an untrusted value (storage, a message, an API body) is a plain object to read fields from. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
