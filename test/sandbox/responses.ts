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

/**
 * The same answer with a body that breaks off after its first bytes: the status and headers
 * arrive, then the stream errors (over HTTP the socket is destroyed mid-body).
 */
export function cutBody(response: Response): Response {
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      controller.enqueue(bytes.slice(0, Math.max(1, Math.floor(bytes.length / 2))));
      controller.error(new Error("sandbox: connection dropped mid-body"));
    },
  });
  const headers = new Headers(response.headers);
  headers.set(CUT_BODY_HEADER, "1");
  return new Response(stream, { status: response.status, headers });
}

/** Marks a cut-off answer for the HTTP server, which must drop the socket rather than end it. */
export const CUT_BODY_HEADER = "x-sandbox-cut-body";

/** The same answer with extra headers. */
export function withHeaders(response: Response, extra: Record<string, string>): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(response.body, { status: response.status, headers });
}

/** The answer a fault gives; `reset` is a network error (fetch rejects). `hang` never reaches here. */
export function faultResponse(
  fault: Exclude<SandboxFault, { kind: "hang" | "cut-body" | "headers" }>,
): Response {
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
      return jsonError(429, "Too many requests", {
        "Retry-After": fault.retryAfter ?? String(fault.retryAfterSeconds ?? 1),
      });
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
