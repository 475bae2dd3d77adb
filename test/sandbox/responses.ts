import { HttpResponse } from "msw";
import type { SandboxFault } from "./types";

/** One problem with one parameter, in the shape of the API's 422 `details`. */
export interface ParamProblem {
  value: string;
  error: string;
  message: string;
}

/** A JSON error answer `{"error": ...}`, the shape the API uses for handled errors. */
export function jsonError(status: number, error: string, headers?: Record<string, string>): Response {
  return HttpResponse.json({ error }, { status, ...(headers && { headers }) });
}

/** The API's 422 answer, naming each bad parameter. */
export function invalidParameters(details: Record<string, ParamProblem[]>): Response {
  return HttpResponse.json({ error: "Invalid parameters", details }, { status: 422 });
}

const STATUS_TEXT: Record<number, string> = {
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

// fetch's Response refuses a body on these statuses.
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function htmlPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? "Error"}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>sandbox proxy</p></body></html>\n`;
}

/** The answer a fault gives; `reset` is a network error (fetch rejects). `hang` never reaches here. */
export function faultResponse(fault: Exclude<SandboxFault, { kind: "hang" }>): Response {
  switch (fault.kind) {
    case "status": {
      if (NULL_BODY_STATUSES.has(fault.status))
        return new HttpResponse(null, {
          status: fault.status,
          ...(fault.headers && { headers: fault.headers }),
        });
      const error = fault.error ?? STATUS_TEXT[fault.status] ?? `Sandbox fault: status ${fault.status}`;
      return jsonError(fault.status, error, fault.headers);
    }
    case "maintenance":
      return jsonError(503, "Down for maintenance");
    case "rate-limit":
      return jsonError(429, "Too many requests", { "Retry-After": String(fault.retryAfterSeconds ?? 1) });
    case "non-json": {
      // Like a proxy's error page: what a client gets when something in front of the API fails.
      const status = fault.status ?? 502;
      const body = NULL_BODY_STATUSES.has(status) ? null : (fault.body ?? htmlPage(status));
      return new HttpResponse(body, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    case "reset":
      return HttpResponse.error();
  }
}
