import type { SandboxPathParams, SandboxRequestEntry, SandboxRoute, SandboxState } from "./types";

/**
 * Set by the HTTP server to the request-target exactly as it arrived, because building a fetch
 * Request normalises the URL. Never recorded as a header.
 */
export const RAW_TARGET_HEADER = "x-sandbox-raw-target";

function headersOf(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (name !== RAW_TARGET_HEADER) headers[name] = value;
  });
  return headers;
}

function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!(name in query)) query[name] = value;
  }
  return query;
}

/** Appends a request to the log (reading its body) and returns the entry, status still null. */
export async function recordRequest(
  state: SandboxState,
  route: SandboxRoute,
  request: Request,
  pathParams: SandboxPathParams,
): Promise<SandboxRequestEntry> {
  // Taken on entry, before the body is read: the benchmark compares it with the browser's clock.
  const receivedAt = performance.timeOrigin + performance.now();
  const url = new URL(request.url);
  const rawTarget = request.headers.get(RAW_TARGET_HEADER);
  const text = request.body === null ? "" : await request.text();
  const entry: SandboxRequestEntry = {
    id: state.nextRequestId++,
    time: state.now().toISOString(),
    receivedAt,
    method: request.method,
    url:
      rawTarget === null ? request.url : rawTarget.startsWith("/") ? `${url.origin}${rawTarget}` : rawTarget,
    path: rawTarget?.startsWith("/") ? (rawTarget.split(/[?#]/, 1)[0] ?? rawTarget) : url.pathname,
    route,
    pathParams,
    query: queryOf(url),
    headers: headersOf(request),
    body: text === "" ? null : text,
    status: null,
  };
  state.requests.push(entry);
  return entry;
}
