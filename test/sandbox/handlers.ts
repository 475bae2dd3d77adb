import type { HttpHandler } from "msw";
import { HttpResponse, http } from "msw";
import { takeFault } from "./faults";
import { recordRequest } from "./request-log";
import type { ParamProblem } from "./responses";
import { cutBody, faultResponse, invalidParameters, jsonError, withHeaders } from "./responses";
import type { RouteSpec } from "./routes";
import { decodeParams, isApiPath, matchRoute, ROUTES } from "./routes";
import { findClub, findMember, holdRequest } from "./state";
import type {
  ClubModel,
  SandboxClub,
  SandboxMember,
  SandboxRequestEntry,
  SandboxState,
  SandboxTokenGrant,
} from "./types";
import { isValidEmail, isValidMsisdn } from "./validation";

// Checked in this order; the API names the header in its 470 message.
const REQUIRED_HEADERS = [
  ["x-client-authorization", "X-Client-Authorization"],
  ["x-product-name", "X-Product-Name"],
  ["x-user-agent", "X-User-Agent"],
] as const;

const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 1000;

interface Exchange {
  state: SandboxState;
  spec: RouteSpec;
  request: Request;
  entry: SandboxRequestEntry;
  malformed: ReadonlySet<string>;
}

function pathOf(request: Request): string {
  return new URL(request.url).pathname;
}

function toClubModel(club: SandboxClub): ClubModel {
  return {
    id: club.id,
    customer_id: club.customer_id,
    main_slug: club.main_slug,
    short_slug: club.short_slug,
    other_slugs: [...club.other_slugs],
    name: club.name,
    country: club.country,
    timezone: club.timezone,
    member_identifiers: [...club.member_identifiers],
  };
}

function isJsonMediaType(contentType: string | null): boolean {
  return contentType?.split(";", 1)[0]?.trim().toLowerCase() === "application/json";
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function tokenAllowsClub(token: SandboxTokenGrant, club: SandboxClub | undefined): boolean {
  if (token.clubs === "all") return true;
  return club !== undefined && token.clubs.includes(club.main_slug);
}

// The header may name the club by any of its slugs; an unknown club only matches itself.
function sameClub(state: SandboxState, headerSlug: string, pathClub: string): boolean {
  if (headerSlug === pathClub) return true;
  const club = findClub(state, pathClub);
  return club !== undefined && findClub(state, headerSlug) === club;
}

// Header, token and permit checks shared by every route, in the API's order: the first failure's
// answer, or the token's grant when all pass.
function checkAccess(exchange: Exchange, club: SandboxClub | undefined): Response | SandboxTokenGrant {
  const { state, spec, request, entry } = exchange;
  const headers = request.headers;
  for (const [name, display] of REQUIRED_HEADERS) {
    if (!headers.get(name)?.trim()) return jsonError(470, `Missing header ${display}`);
  }
  if (spec.method === "POST" && !isJsonMediaType(headers.get("content-type"))) {
    return jsonError(471, "Incorrect header Content-Type: expected application/json");
  }
  const slugHeader = headers.get("x-loyalty-club-slug");
  const pathClub = entry.pathParams.club;
  if (
    spec.clubContext &&
    slugHeader !== null &&
    pathClub !== undefined &&
    !sameClub(state, slugHeader, pathClub)
  ) {
    return jsonError(
      471,
      "Incorrect header X-Loyalty-Club-Slug: it does not match the loyalty club in the path",
    );
  }
  const token = state.tokens.get(headers.get("x-client-authorization") ?? "");
  if (!token) return jsonError(401, "Invalid client token");
  if (token.product !== headers.get("x-product-name")) {
    return jsonError(401, "Client token is not valid for this product");
  }
  if (pathClub !== undefined && !tokenAllowsClub(token, club)) {
    return jsonError(401, "Client token is not valid for this loyalty club");
  }
  if (!token.permits.includes(spec.permit)) return jsonError(403, `Missing permit ${spec.permit}`);
  return token;
}

// Returns the value, the fallback when absent, or null when it is not a positive integer.
function positiveInteger(value: string | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  return /^[1-9][0-9]*$/.test(value) ? Number(value) : null;
}

function listClubs(state: SandboxState, token: SandboxTokenGrant, query: Record<string, string>): Response {
  const perPage = positiveInteger(query.per_page, DEFAULT_PER_PAGE);
  const pageNo = positiveInteger(query.page_no, 1);
  const details: Record<string, ParamProblem[]> = {};
  const problem = (value: string): ParamProblem[] => [
    { value, error: "invalid_integer", message: "must be a positive integer" },
  ];
  if (perPage === null) details.per_page = problem(query.per_page ?? "");
  if (pageNo === null) details.page_no = problem(query.page_no ?? "");
  if (perPage === null || pageNo === null) return invalidParameters(details);

  const effectivePerPage = Math.min(perPage, MAX_PER_PAGE);
  const mine = state.clubs.filter((club) => tokenAllowsClub(token, club));
  const start = (pageNo - 1) * effectivePerPage;
  return HttpResponse.json({
    loyalty_clubs: mine.slice(start, start + effectivePerPage).map(toClubModel),
    pagination_info: {
      current_page: pageNo,
      per_page: effectivePerPage,
      total_pages: Math.ceil(mine.length / effectivePerPage),
      total_entries: mine.length,
    },
  });
}

function availableIdentifiers(member: SandboxMember): string[] {
  return [
    ...(member.email !== undefined ? ["email"] : []),
    ...(member.msisdn !== undefined ? ["msisdn"] : []),
  ];
}

function memberRoute(exchange: Exchange, club: SandboxClub): Response {
  const { state, spec, entry, malformed } = exchange;
  const isRegistration = spec.name === "send-by-email" || spec.name === "send-by-msisdn";
  // Both sends (registration password, password reset) are POSTs that answer {} or 404.
  const isSend = spec.method === "POST";
  if (isRegistration && !club.registration_password_enabled) {
    return jsonError(402, "Registration password is not enabled for this loyalty club");
  }
  if (isSend && entry.body !== null && !isJsonText(entry.body)) {
    return jsonError(406, "Request body is not valid JSON");
  }

  const details: Record<string, ParamProblem[]> = {};
  const { email, msisdn } = entry.pathParams;
  if (email !== undefined && (malformed.has("email") || !isValidEmail(email))) {
    details.email = [{ value: email, error: "invalid_email", message: "is not a valid email" }];
  }
  if (msisdn !== undefined && (malformed.has("msisdn") || !isValidMsisdn(msisdn))) {
    details.msisdn = [{ value: msisdn, error: "invalid_msisdn", message: "is not a valid msisdn" }];
  }
  const language = entry.query.language;
  if (isRegistration && language !== undefined && !club.member_schema.languages.includes(language)) {
    details.language = [
      { value: language, error: "invalid_language", message: "is not a supported language" },
    ];
  }
  if (Object.keys(details).length > 0) return invalidParameters(details);

  const member =
    email !== undefined
      ? findMember(state, club, { email })
      : findMember(state, club, { msisdn: msisdn ?? "" });
  if (!isSend) {
    if (!member) return HttpResponse.json(null);
    return HttpResponse.json({
      exists: true,
      available_identifiers: availableIdentifiers(member),
      has_password: member.has_password,
    });
  }
  return member ? HttpResponse.json({}) : jsonError(404, "Member not found");
}

/** The API's own answer to a request, faults aside. */
function answer(exchange: Exchange): Response {
  const { state, spec, entry } = exchange;
  const pathClub = entry.pathParams.club;
  const club =
    pathClub === undefined || exchange.malformed.has("club") ? undefined : findClub(state, pathClub);
  const access = checkAccess(exchange, club);
  if (access instanceof Response) return access;
  if (spec.name === "list-clubs") return listClubs(state, access, entry.query);
  if (!club) return jsonError(404, "Loyalty club not found");
  if (spec.name === "get-club") return HttpResponse.json(toClubModel(club));
  if (spec.name === "member-schema") return HttpResponse.json(structuredClone(club.member_schema));
  return memberRoute(exchange, club);
}

// A request that is never answered fails as a dropped connection; the log keeps status 0 for
// that, and null when it was the client that gave up.
function dropConnection(entry: SandboxRequestEntry, request: Request): Response {
  if (!request.signal.aborted) entry.status = 0;
  return HttpResponse.error();
}

async function deliver(
  state: SandboxState,
  entry: SandboxRequestEntry,
  request: Request,
  response: Response,
) {
  if (state.latencyMs > 0) {
    const completed = await holdRequest(state, state.latencyMs, request.signal);
    if (!completed) return dropConnection(entry, request);
  }
  entry.status = response.type === "error" ? 0 : response.status;
  return response;
}

async function serve(state: SandboxState, spec: RouteSpec, request: Request): Promise<Response> {
  const raw = matchRoute(spec, pathOf(request));
  if (!raw) throw new Error(`Route ${spec.name} was resolved for a path it does not match`);
  const { params, malformed } = decodeParams(spec, raw);
  const entry = await recordRequest(state, spec.name, request, params);
  const fault = takeFault(state, spec.name);
  if (fault?.kind === "hang") {
    await holdRequest(state, null, request.signal);
    return dropConnection(entry, request);
  }
  const exchange = { state, spec, request, entry, malformed };
  let response: Response;
  if (fault === undefined) response = answer(exchange);
  else if (fault.kind === "cut-body") response = cutBody(answer(exchange));
  else if (fault.kind === "headers") response = withHeaders(answer(exchange), fault.headers);
  else response = faultResponse(fault);
  return deliver(state, entry, request, response);
}

async function serveUnknown(state: SandboxState, request: Request): Promise<Response> {
  const entry = await recordRequest(state, "unknown", request, {});
  return deliver(state, entry, request, jsonError(404, "Not found"));
}

/** MSW handlers for the fake Placewise API on any origin; unknown /v3 paths answer 404 JSON. */
export function createSandboxHandlers(state: SandboxState): HttpHandler[] {
  const routeHandlers = ROUTES.map((spec) => {
    const method = spec.method === "GET" ? http.get : http.post;
    // A custom predicate, not a path pattern: MSW's patterns decode parameters with
    // decodeURIComponent and throw on a malformed escape such as %ZZ, which the API answers 422.
    return method(
      ({ request }) => matchRoute(spec, pathOf(request)) !== null,
      ({ request }) => serve(state, spec, request),
    );
  });
  const fallback = http.all(
    ({ request }) => isApiPath(pathOf(request)),
    ({ request }) => serveUnknown(state, request),
  );
  return [...routeHandlers, fallback];
}
