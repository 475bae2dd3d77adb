import { ENVIRONMENT_BASE_URLS, type EnvironmentId } from "../environments";
import type { Connection } from "../settings-schema";
import type { FieldProblem } from "./field-problem";
import { hasControlCharacters, isPrintableAscii } from "./text";
import { checkBaseUrl, checkLoginUrl, isClubSlug } from "./url";

/** What the options form submits. An empty token means "keep the saved one". */
export interface ConnectionDraft {
  /** The connection being edited, or "" for a new one. */
  id: string;
  /** The operator's name for it; "" takes the club slug. */
  label: string;
  /** "" until the operator picks one: a new connection never lands on production by default. */
  environment: EnvironmentId | "";
  baseUrl: string;
  token: string;
  productName: string;
  clubSlug: string;
  customerId: string;
  rememberToken: boolean;
  /** Message language code, or "" for the club's default. */
  language: string;
  /** Custom link for the message, or "". */
  loginUrl: string;
}

/** The fields a problem can be shown next to. */
export type ConnectionField =
  | "environment"
  | "label"
  | "baseUrl"
  | "token"
  | "productName"
  | "clubSlug"
  | "customerId"
  | "language"
  | "loginUrl";

/** The checked, cleaned connection a draft describes (what the background stores, less what it learns). */
export type CheckedConnection = Omit<Connection, "id" | "hasToken" | "memberIdentifiers" | "country">;

export type { FieldProblem };

/** A checked draft: clean values ready to store, or a problem per field. */
export type ConnectionDraftCheck =
  | { ok: true; connection: CheckedConnection; token: string | null }
  | { ok: false; problems: Partial<Record<ConnectionField, FieldProblem>> };

/**
 * Checks and cleans an options-form draft. Shared by the options page (to show problems next to the
 * fields) and the background (which checks again: a message is not trusted because a page sent it).
 */
export function checkConnectionDraft(
  draft: ConnectionDraft,
  hasSavedToken: boolean,
  /** The club list is read before a club is picked. */
  options: { clubOptional?: boolean } = {},
): ConnectionDraftCheck {
  const problems: Partial<Record<ConnectionField, FieldProblem>> = {};
  const { environment } = draft;
  if (environment === "") problems.environment = "required";
  const baseUrl =
    environment === ""
      ? null
      : checkBaseUrl(environment === "custom" ? draft.baseUrl : ENVIRONMENT_BASE_URLS[environment]);
  if (baseUrl !== null && !baseUrl.ok) problems.baseUrl = baseUrl.problem;

  const token = draft.token.trim();
  const tokenProblem = token === "" ? (hasSavedToken ? undefined : "required") : checkHeaderValue(token);
  if (tokenProblem) problems.token = tokenProblem;

  const productName = draft.productName.trim();
  const productProblem = productName === "" ? "required" : checkHeaderValue(productName);
  if (productProblem) problems.productName = productProblem;

  const clubSlug = draft.clubSlug.trim();
  if (clubSlug === "") {
    if (!options.clubOptional) problems.clubSlug = "required";
  } else if (hasControlCharacters(clubSlug)) problems.clubSlug = "controlCharacters";
  else if (!isClubSlug(clubSlug)) problems.clubSlug = "slugFormat";

  const customerId = draft.customerId.trim();
  if (hasControlCharacters(customerId)) problems.customerId = "controlCharacters";
  else if (customerId !== "" && !/^\d+$/u.test(customerId)) problems.customerId = "digitsOnly";

  const label = draft.label.trim();
  if (hasControlCharacters(label)) problems.label = "controlCharacters";
  else if (label.length > 60) problems.label = "tooLong";

  const language = draft.language.trim();
  if (language !== "" && !/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/u.test(language))
    problems.language = "languageFormat";

  const loginUrlInput = draft.loginUrl.trim();
  const loginUrl = loginUrlInput === "" ? null : checkLoginUrl(loginUrlInput);
  if (loginUrl !== null && !loginUrl.ok) problems.loginUrl = loginUrl.problem;

  if (environment === "" || baseUrl === null || !baseUrl.ok || Object.keys(problems).length > 0)
    return { ok: false, problems };
  return {
    ok: true,
    connection: {
      label: label || clubSlug,
      language,
      loginUrl: loginUrl?.ok ? loginUrl.url : "",
      environment,
      baseUrl: baseUrl.url,
      productName,
      clubSlug,
      customerId,
      rememberToken: draft.rememberToken,
    },
    token: token === "" ? null : token,
  };
}

function checkHeaderValue(value: string): FieldProblem | undefined {
  if (hasControlCharacters(value)) return "controlCharacters";
  if (!isPrintableAscii(value)) return "notAscii";
  return undefined;
}

/** The host-permission pattern a base URL needs, e.g. https://api.example.com/*. */
export function originPatternFor(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
