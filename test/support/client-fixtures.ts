import type { ClientIdentity } from "@/entrypoints/background/api/request";

/** The identity the API client's own tests send with; the tests name its values in what they expect. */
export const CLIENT_IDENTITY: ClientIdentity = {
  baseUrl: "https://api.mpc.dev.placewise.com",
  // Not a word that error texts hold: the client hides its token wherever an answer echoes it.
  token: "tok-5f1c9a7e",
  productName: "default",
  clubSlug: "infinity-mall",
  customerId: "447",
  userAgent: "Placewise Support Helper/0.1.0",
};

/**
 * A fetch that answers every call with one canned response (JSON unless `contentType` says
 * otherwise) and remembers what it was asked.
 */
export function answering(body: string, init: ResponseInit & { contentType?: string } = {}) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (url: RequestInfo | URL, requestInit: RequestInit = {}) => {
    calls.push({ url: String(url), init: requestInit });
    const headers = new Headers(init.headers);
    headers.set("content-type", init.contentType ?? "application/json");
    return new Response(body, { ...init, headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}
