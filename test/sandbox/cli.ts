/**
 * Runs the sandbox for the demo and for browser tests:
 *   npx tsx test/sandbox/cli.ts [--port 8787] [--host 127.0.0.1] [--latency 0]
 * Stays up until SIGINT or SIGTERM.
 */
import { parseArgs } from "node:util";
import { startSandboxServer } from "./http-server";
import { SANDBOX_BULK_DOMAIN, SANDBOX_CLUBS, SANDBOX_MEMBERS, SANDBOX_PRODUCT, SANDBOX_TOKENS } from "./seed";
import { createSandboxState, setLatency } from "./state";

const TOKEN_NOTES: Record<keyof typeof SANDBOX_TOKENS, string> = {
  full: "every club, every permit",
  second: "harbour-centre and infinity-mall only",
  noSendPermit: "no CreateRegistrationPassword permit (send -> 403)",
  noResetPermit: "no Members:Tokens:Create permit (password reset -> 403)",
  noClubPermits: "no LoyaltyClubs permits (club reads -> 403)",
  noCheckPermit: "no Members:Check permit (public_info -> 403)",
  kioskProduct: 'product "kiosk" (x-product-name "default" -> 401)',
  unknown: "not a token (-> 401)",
};

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got "${value}"`);
  return port;
}

function formatBanner(url: string): string {
  const lines = [
    `Placewise sandbox listening on ${url}`,
    `  base URL for the extension: ${url}   x-product-name: ${SANDBOX_PRODUCT}`,
    "  tokens:",
    ...Object.entries(SANDBOX_TOKENS).map(
      ([key, token]) => `    ${token.padEnd(24)} ${TOKEN_NOTES[key as keyof typeof SANDBOX_TOKENS]}`,
    ),
    `  clubs: ${Object.values(SANDBOX_CLUBS).join(", ")}`,
    `    (${SANDBOX_CLUBS.noRegistrationMall}: sends answer 402)`,
    `  members: ${Object.values(SANDBOX_MEMBERS).slice(0, 4).join(", ")}, ${SANDBOX_MEMBERS.norwegianMsisdn} ...`,
    `    every address @${SANDBOX_BULK_DOMAIN} is a member of every club (bulk runs)`,
    `  controls: ${url}/__sandbox/requests | fault | latency | reset | release | members | health`,
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      host: { type: "string", default: "127.0.0.1" },
      latency: { type: "string", default: "0" },
    },
  });
  const state = createSandboxState({ catchAllEmailDomains: [SANDBOX_BULK_DOMAIN] });
  setLatency(state, Number(values.latency));
  const server = await startSandboxServer({ port: parsePort(values.port), host: values.host, state });
  console.log(formatBanner(server.url));

  const stop = (signal: string) => {
    console.log(`\n${signal}: stopping the sandbox`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
