/** Decodes one path segment; null when its percent-escapes are malformed (such as `%ZZ`). */
export function decodeSegment(raw: string): string | null {
  try {
    // decodeURIComponent, not URLSearchParams: in a path a `+` is a plus, never a space.
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

// A label is letters (any script, so IDN addresses pass), digits and inner hyphens.
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
// RFC 5322 atext plus non-ASCII (RFC 6531); `/`, `%` and `+` are all allowed.
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u;

/** Whether an address looks like one the API would accept; a plausible check, not a full RFC one. */
export function isValidEmail(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf("@");
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;
  const labels = domain.split(".");
  const tld = labels[labels.length - 1] ?? "";
  return labels.length >= 2 && tld.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label));
}

/** Whether a value is an E.164 MSISDN: 8 to 15 digits, no `+`, no leading 0 (so no `00` prefix). */
export function isValidMsisdn(value: string): boolean {
  return /^[1-9][0-9]{7,14}$/.test(value);
}

/** The form emails are compared in: the API matches addresses case-insensitively. */
export function normalizeEmail(value: string): string {
  return value.normalize("NFC").toLowerCase();
}
