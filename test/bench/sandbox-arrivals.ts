import type { SandboxRequestEntry, SandboxState } from "../sandbox";

/**
 * Waits until the sandbox has logged a send to `email` and returns when it arrived, on the
 * machine's high-resolution clock (epoch ms), the same clock as a page's
 * `performance.timeOrigin + performance.now()`.
 */
export async function waitForArrival(
  state: SandboxState,
  email: string,
  timeoutMs = 10_000,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  const matches = (entry: SandboxRequestEntry) =>
    entry.route === "send-by-email" && entry.pathParams.email === email;
  for (;;) {
    const entry = state.requests.find(matches);
    if (entry?.receivedAt !== undefined) return entry.receivedAt;
    if (entry) throw new Error("The sandbox logged the request without receivedAt.");
    if (performance.now() > deadline)
      throw new Error(`No send to ${email} reached the sandbox in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** The headers a logged request carried that the extension sets itself (not the browser). */
export function extensionHeadersOf(entry: SandboxRequestEntry): Record<string, string> {
  const names = [
    "x-client-authorization",
    "x-product-name",
    "x-user-agent",
    "x-loyalty-club-slug",
    "x-customer",
    "content-type",
    "accept",
  ];
  return Object.fromEntries(
    names.flatMap((name) => (entry.headers[name] === undefined ? [] : [[name, entry.headers[name]]])),
  );
}
