import type { FieldProblem } from "./field-problem";
import { hasControlCharacters } from "./text";

// The checks a stored connection needs as much as a typed one. Apart from connection.ts because
// the settings normalizer uses them, and it loads with the popup (15 KB budget).

/** A club slug is a path segment and a header: lower-case letters, digits and hyphens only. */
export function isClubSlug(value: string): boolean {
  return /^[a-z0-9-]+$/u.test(value);
}

type BaseUrlCheck = { ok: true; url: string } | { ok: false; problem: FieldProblem };

/**
 * A base URL must be https; plain http is allowed only for this machine (the sandbox), because a
 * token sent in clear text over a network is a leaked token.
 */
export function checkBaseUrl(input: string): BaseUrlCheck {
  const value = input.trim();
  if (value === "") return { ok: false, problem: "required" };
  const parsed = parseSafeUrl(value);
  if (!parsed.ok) return parsed;
  const url = parsed.url;
  // Credentials, a query or a fragment in a base URL would leak into every request or be dropped.
  if (url.username || url.password || url.search || url.hash || value.endsWith("?")) {
    return { ok: false, problem: "urlExtras" };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/u, "")}` };
}

/**
 * Parses a URL the extension will call or put in a message: no control characters, and https, or
 * plain http only for this machine (the sandbox).
 */
function parseSafeUrl(value: string): { ok: true; url: URL } | { ok: false; problem: FieldProblem } {
  if (hasControlCharacters(value)) return { ok: false, problem: "controlCharacters" };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: "invalidUrl" };
  }
  const isLoopback = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback)) {
    return { ok: false, problem: url.protocol === "http:" ? "notHttps" : "invalidUrl" };
  }
  return { ok: true, url };
}

/** A login URL goes into members' messages: https only (http for this machine), any path and query. */
export function checkLoginUrl(
  value: string,
): { ok: true; url: string } | { ok: false; problem: FieldProblem } {
  const parsed = parseSafeUrl(value);
  if (!parsed.ok) return parsed;
  if (parsed.url.username || parsed.url.password) return { ok: false, problem: "urlExtras" };
  return { ok: true, url: parsed.url.toString() };
}
