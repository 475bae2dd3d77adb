import type { MessageKey } from "./i18n";

/** A Placewise environment the operator can pick; `custom` takes any base URL. */
export type EnvironmentId = "production" | "production-apac" | "staging" | "custom";

/** Base URL of each named Placewise environment (../shared/placewise-api/README.md, "Hosts"). */
export const ENVIRONMENT_BASE_URLS = {
  production: "https://api.mpc.placewise.com",
  "production-apac": "https://api.mpc.apac.placewise.com",
  staging: "https://api.mpc.dev.placewise.com",
} as const satisfies Record<Exclude<EnvironmentId, "custom">, string>;

/** Environments in the order the options page offers them. */
export const ENVIRONMENT_IDS: readonly EnvironmentId[] = [
  "production",
  "production-apac",
  "staging",
  "custom",
];

/** Catalog key of each environment's name (pages and the background's menu title both show it). */
export const ENVIRONMENT_LABEL_KEYS: Record<EnvironmentId, MessageKey> = {
  production: "env_production",
  "production-apac": "env_production_apac",
  staging: "env_staging",
  custom: "env_custom",
};

/** Whether a value is one of the known environment ids. */
export function isEnvironmentId(value: unknown): value is EnvironmentId {
  return typeof value === "string" && (ENVIRONMENT_IDS as readonly string[]).includes(value);
}

/** Production environments get a loud badge so nobody sends from the wrong one by mistake. */
export function isProductionEnvironment(environment: EnvironmentId): boolean {
  return environment === "production" || environment === "production-apac";
}

/** Hosts the manifest grants up front (wxt.config.ts); any other base URL needs an optional permission. */
const BUILT_IN_HOSTS: readonly string[] = [
  "api.mpc.placewise.com",
  "api.mpc.apac.placewise.com",
  "api.mpc.dev.placewise.com",
  "localhost",
  "127.0.0.1",
];

/** Whether a base URL needs an optional host permission before the background may call it. */
export function needsHostPermission(baseUrl: string): boolean {
  return !BUILT_IN_HOSTS.includes(new URL(baseUrl).hostname);
}
