import { isRecord } from "@/utils/is-record";
import type { ApiFailure, ClubSummary, ParameterProblem } from "@/utils/send-outcome";
import { SEND_PERMIT } from "@/utils/send-outcome";
import { cleanApiText } from "./api-text";

/*
 * What a Placewise answer means: statuses and bodies mapped to the outcomes of utils/send-outcome.ts.
 * client.ts makes the requests; this reads what came back, and nothing here does I/O.
 */

/** An HTTP answer read to the end, or why there was none. */
export type HttpResult =
  | {
      kind: "answer";
      status: number;
      contentType: string;
      body: unknown;
      isJson: boolean;
      /** false when the body was cut off or unreadable after the status and headers arrived. */
      bodyComplete: boolean;
      retryAfter: string | null;
      rateLimitRemaining?: number;
    }
  | { kind: "offline" }
  | { kind: "network-error" }
  | { kind: "timeout" };

/** Reads the club model fields this extension uses; null when the answer is not a club. */
export function toClubSummary(raw: unknown): ClubSummary | null {
  if (!isRecord(raw)) return null;
  const slug =
    typeof raw.main_slug === "string" ? raw.main_slug : typeof raw.slug === "string" ? raw.slug : "";
  if (slug === "") return null;
  const identifiers = Array.isArray(raw.member_identifiers) ? raw.member_identifiers : [];
  return {
    slug,
    name: typeof raw.name === "string" && raw.name !== "" ? raw.name : slug,
    country: typeof raw.country === "string" ? raw.country.toUpperCase() : "",
    memberIdentifiers: identifiers.filter((i): i is "email" | "msisdn" => i === "email" || i === "msisdn"),
  };
}

/** What no answer at all means: offline, the connection failed, or the time ran out. */
export function mapNoAnswer(
  result: { kind: "offline" | "network-error" | "timeout" },
  host: string,
  timeoutMs: number,
): ApiFailure {
  switch (result.kind) {
    case "offline":
      return { kind: "offline" };
    case "timeout":
      return { kind: "timeout", host, seconds: Math.round(timeoutMs / 1000) };
    case "network-error":
      return { kind: "network-error", host };
  }
}

/** Statuses the Placewise reference documents; their meaning holds even without a JSON body. */
const DOCUMENTED_STATUSES = new Set([401, 402, 403, 406, 422, 429, 444, 470, 471, 503]);

/** Maps an answer that is not a success to the failure it stands for. */
export function mapFailure(
  result: Extract<HttpResult, { kind: "answer" }>,
  secrets: readonly string[],
  permit = SEND_PERMIT,
): ApiFailure {
  const { status, body } = result;
  // A 200 or an unknown status with a whole HTML body came from a proxy or portal, not from
  // Placewise. A body that broke off says nothing either way, so the status decides.
  if (!result.isJson && result.bodyComplete && !DOCUMENTED_STATUSES.has(status)) {
    return { kind: "not-json", status, contentType: result.contentType || "none" };
  }
  switch (status) {
    case 401:
      return withDetail({ kind: "token-rejected", status }, body, secrets);
    case 402:
      return withDetail({ kind: "feature-disabled", status }, body, secrets);
    case 403:
      return withDetail({ kind: "permit-missing", status, permit }, body, secrets);
    case 406:
    case 422:
      return withDetail(
        { kind: "invalid-request", status, problems: readProblems(body, secrets) },
        body,
        secrets,
      );
    case 429:
      return withDetail(
        {
          kind: "rate-limited",
          status,
          ...optional("retryAfterSeconds", parseRetryAfter(result.retryAfter)),
        },
        body,
        secrets,
      );
    case 444:
      return withDetail({ kind: "firewall-rejected", status }, body, secrets);
    case 470:
    case 471:
      return withDetail({ kind: "header-problem", status }, body, secrets);
    case 503:
      return withDetail({ kind: "maintenance", status }, body, secrets);
    default:
      return withDetail(
        status >= 500 ? { kind: "server-error", status } : { kind: "unexpected-status", status },
        body,
        secrets,
      );
  }
}

/** A body as JSON when its content type says JSON and it parses. */
export function parseJson(text: string, contentType: string): { ok: true; value: unknown } | { ok: false } {
  if (!/\bjson\b/iu.test(contentType)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The longest Retry-After kept as asked (a day); past 15 minutes a bulk run stops anyway. */
const RETRY_AFTER_CEILING_S = 24 * 60 * 60;

/**
 * Retry-After is seconds or an HTTP date (RFC 9110 10.2.3). "0" or a past date still means "wait":
 * at least 1 s, or a run would retry at once in a loop. Anything unreadable (-1, garbage) is as if
 * absent, and the caller's own backoff applies. A huge value is kept at a day, never 1e+26 s.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  const text = value?.trim() ?? "";
  if (text === "") return undefined;
  let seconds: number;
  if (/^\d+$/u.test(text)) seconds = Number(text);
  else if (/^[A-Za-z]{3},/u.test(text) && !Number.isNaN(Date.parse(text)))
    seconds = Math.ceil((Date.parse(text) - now) / 1000);
  else return undefined;
  return Math.min(Math.max(seconds, 1), RETRY_AFTER_CEILING_S);
}

/** Adds the API's own `error` text, cleaned (api-text.ts) and without secrets, as the outcome's detail. */
export function withDetail<T extends object>(
  outcome: T,
  body: unknown,
  secrets: readonly string[],
): T & { detail?: string } {
  if (!isRecord(body) || typeof body.error !== "string") return outcome;
  const detail = cleanApiText(body.error, secrets);
  return detail === "" ? outcome : { ...outcome, detail };
}

/** Reads 422 `details`: `{param: [{value, error, message}]}`, each text cleaned like `error`. */
function readProblems(body: unknown, secrets: readonly string[]): ParameterProblem[] {
  if (!isRecord(body) || !isRecord(body.details)) return [];
  const problems: ParameterProblem[] = [];
  for (const [parameter, entries] of Object.entries(body.details)) {
    for (const entry of Array.isArray(entries) ? entries : [entries]) {
      const message = isRecord(entry)
        ? String(entry.message ?? entry.error ?? "")
        : typeof entry === "string"
          ? entry
          : "";
      problems.push({
        parameter: cleanApiText(parameter, secrets, 60),
        message: cleanApiText(message, secrets, 200),
      });
    }
  }
  return problems.slice(0, 10);
}

/** `{key: value}`, or `{}` when the value is absent (exactOptionalPropertyTypes). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
