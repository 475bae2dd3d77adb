import type { Channel } from "@/utils/channel";
import { isRecord } from "@/utils/is-record";
import type {
  ApiNotes,
  ClubLanguages,
  ClubSummary,
  ConnectionCheckOutcome,
  PrecheckOutcome,
  ReadResult,
  SendOutcome,
} from "@/utils/send-outcome";
import { RESET_PERMIT, SEND_PERMIT } from "@/utils/send-outcome";
import { type HttpResult, mapFailure, mapNoAnswer, parseJson, toClubSummary, withDetail } from "./answers";
import {
  buildClubListUrl,
  buildClubUrl,
  buildHeaders,
  buildMemberSchemaUrl,
  buildPublicInfoUrl,
  buildResetUrl,
  buildSendUrl,
  type ClientIdentity,
  type SendOptions,
} from "./request";

/** Chrome stops a service worker whose fetch waits over 30 s; give up well before that. */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** What the client needs from its surroundings; tests pass the sandbox's fetch and a short timeout. */
export interface ClientDeps {
  fetch: typeof fetch;
  timeoutMs: number;
  /** navigator.onLine: false means the request would not leave the machine, so none is made. */
  isOnline?: () => boolean;
}

/** The client for the Placewise calls this extension makes. It never throws for an HTTP answer. */
export interface PlacewiseClient {
  /** POST send_registration_password, once. Never retried here: a retry could send a second message. */
  sendRegistrationPassword(
    channel: Channel,
    identifier: string,
    options?: SendOptions,
  ): Promise<SendOutcome & ApiNotes>;
  /** POST send_password_reset_token (email only), once, like the registration send. */
  sendPasswordReset(email: string): Promise<SendOutcome & ApiNotes>;
  /** GET /v3/loyalty_clubs/{slug}, used by "Test connection". */
  getLoyaltyClub(): Promise<ConnectionCheckOutcome>;
  /** GET /v3/loyalty_clubs/{slug} for what the popup needs: the club's identifiers and country. */
  readClub(): Promise<ReadResult<ClubSummary>>;
  /** GET .../public_info: does the member exist, has it a password. Information only. */
  getPublicInfo(channel: Channel, identifier: string): Promise<PrecheckOutcome>;
  /** GET /v3/loyalty_clubs, every page: the clubs this token may use. */
  listLoyaltyClubs(): Promise<ReadResult<ClubSummary[]>>;
  /** GET /v3/{club}/member_schema: the languages messages can be sent in. */
  getClubLanguages(): Promise<ReadResult<ClubLanguages>>;
}

/** Clubs asked for per page; the API allows up to 1000. */
const CLUBS_PER_PAGE = 1000;
/** A token with more clubs than this is not a desk's token; stop rather than loop for ever. */
const MAX_CLUB_PAGES = 20;

/** Creates a client bound to one connection. */
export function createPlacewiseClient(deps: ClientDeps, identity: ClientIdentity): PlacewiseClient {
  const host = new URL(identity.baseUrl).host;
  const headers = buildHeaders(identity);
  // What an answer's text must never show or store: the token this client sends.
  const secrets = [identity.token];

  async function call(method: "GET" | "POST", url: string): Promise<HttpResult> {
    if (deps.isOnline?.() === false) return { kind: "offline" };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
    let response: Response;
    try {
      response = await deps.fetch(url, {
        method,
        headers,
        // The API answers 406 to a body that is not JSON; an empty object is always accepted.
        body: method === "POST" ? "{}" : undefined,
        signal: controller.signal,
        credentials: "omit",
        cache: "no-store",
        redirect: "error",
      });
    } catch {
      clearTimeout(timer);
      // No status arrived: the request may or may not have reached Placewise.
      return controller.signal.aborted ? { kind: "timeout" } : { kind: "network-error" };
    }
    // From here on Placewise has answered: its status decides, even if the body never arrives.
    const contentType = response.headers.get("content-type") ?? "";
    let text: string | null;
    try {
      text = await response.text();
    } catch {
      text = null;
    } finally {
      clearTimeout(timer);
    }
    const parsed = text === null ? { ok: false as const } : parseJson(text, contentType);
    const remaining = Number.parseInt(response.headers.get("ratelimit-remaining") ?? "", 10);
    return {
      kind: "answer",
      status: response.status,
      contentType,
      body: parsed.ok ? parsed.value : text,
      isJson: parsed.ok,
      bodyComplete: text !== null,
      retryAfter: response.headers.get("retry-after"),
      ...(Number.isFinite(remaining) && remaining >= 0 ? { rateLimitRemaining: remaining } : {}),
    };
  }

  /** A GET that should answer JSON: the body, or the failure it stands for. */
  async function read(url: string, readPermit: string): Promise<ReadResult<unknown>> {
    const result = await call("GET", url);
    if (result.kind !== "answer") return { ok: false, outcome: mapNoAnswer(result, host, deps.timeoutMs) };
    if (result.status === 200 && result.isJson) return { ok: true, value: result.body };
    if (result.status === 404 && result.isJson) {
      return {
        ok: false,
        outcome: withDetail(
          { kind: "club-not-found", status: 404, slug: identity.clubSlug },
          result.body,
          secrets,
        ),
      };
    }
    if (result.status === 403 && result.isJson) {
      return {
        ok: false,
        outcome: withDetail(
          { kind: "permit-missing", status: 403, permit: readPermit },
          result.body,
          secrets,
        ),
      };
    }
    return { ok: false, outcome: mapFailure(result, secrets) };
  }

  /** One POST that sends a member a message; its `permit` is named when a 403 says it is missing. */
  async function send(url: string, identifier: string, permit: string): Promise<SendOutcome & ApiNotes> {
    const result = await call("POST", url);
    if (result.kind !== "answer") return mapNoAnswer(result, host, deps.timeoutMs);
    const notes: ApiNotes =
      result.rateLimitRemaining === undefined ? {} : { rateLimitRemaining: result.rateLimitRemaining };
    if (result.status === 200 && result.isJson)
      return { kind: "accepted", status: 200, recipient: identifier, ...notes };
    // A JSON 200 whose body broke off or does not parse is still Placewise saying yes.
    if (result.status === 200 && (!result.bodyComplete || /\bjson\b/iu.test(result.contentType)))
      return { kind: "accepted-incomplete", status: 200, recipient: identifier, ...notes };
    if (result.status === 404 && (result.isJson || !result.bodyComplete)) {
      return withDetail(
        { kind: "member-not-found", status: 404, recipient: identifier },
        result.body,
        secrets,
      );
    }
    return { ...mapFailure(result, secrets, permit), ...notes };
  }

  return {
    async readClub() {
      const result = await read(buildClubUrl(identity.baseUrl, identity.clubSlug), "BL:Api:LoyaltyClubs:Get");
      if (!result.ok) return result;
      const club = toClubSummary(result.value);
      return club === null
        ? { ok: false, outcome: { kind: "not-json", status: 200, contentType: "application/json" } }
        : { ok: true, value: club };
    },

    async getPublicInfo(channel, identifier) {
      const result = await read(
        buildPublicInfoUrl(identity.baseUrl, identity.clubSlug, channel, identifier),
        "BL:Api:Members:Check",
      );
      if (result.ok) {
        // The API answers JSON null when there is no such member.
        if (!isRecord(result.value) || result.value.exists !== true)
          return { kind: "no-member", club: identity.clubSlug };
        return { kind: "member-found", hasPassword: result.value.has_password === true };
      }
      if (result.outcome.kind === "club-not-found") return { kind: "no-member", club: identity.clubSlug };
      return result.outcome.kind === "permit-missing" ? { kind: "not-permitted" } : { kind: "unavailable" };
    },

    async listLoyaltyClubs() {
      const clubs: ClubSummary[] = [];
      for (let page = 1; page <= MAX_CLUB_PAGES; page++) {
        const result = await read(
          buildClubListUrl(identity.baseUrl, CLUBS_PER_PAGE, page),
          "BL:Api:LoyaltyClubs:ListMine",
        );
        if (!result.ok) return result;
        const body = isRecord(result.value) ? result.value : {};
        const pageClubs = Array.isArray(body.loyalty_clubs) ? body.loyalty_clubs : [];
        for (const raw of pageClubs) {
          const club = toClubSummary(raw);
          if (club !== null) clubs.push(club);
        }
        const info = isRecord(body.pagination_info) ? body.pagination_info : {};
        const totalPages = typeof info.total_pages === "number" ? info.total_pages : page;
        if (page >= totalPages || pageClubs.length === 0) break;
      }
      return { ok: true, value: clubs.sort((a, b) => a.name.localeCompare(b.name)) };
    },

    async getClubLanguages() {
      const result = await read(
        buildMemberSchemaUrl(identity.baseUrl, identity.clubSlug),
        "BL:Api:Schema:Get",
      );
      if (!result.ok) return result;
      const body = isRecord(result.value) ? result.value : {};
      const languages = Array.isArray(body.languages)
        ? body.languages.filter((l): l is string => typeof l === "string")
        : [];
      const defaultLanguage =
        typeof body.default_language === "string" ? body.default_language : (languages[0] ?? "");
      return { ok: true, value: { languages, defaultLanguage } };
    },

    sendRegistrationPassword: (channel, identifier, options = {}) =>
      send(
        buildSendUrl(identity.baseUrl, identity.clubSlug, channel, identifier, options),
        identifier,
        SEND_PERMIT,
      ),
    sendPasswordReset: (email) =>
      send(buildResetUrl(identity.baseUrl, identity.clubSlug, email), email, RESET_PERMIT),

    async getLoyaltyClub() {
      const result = await call("GET", buildClubUrl(identity.baseUrl, identity.clubSlug));
      if (result.kind !== "answer") return mapNoAnswer(result, host, deps.timeoutMs);
      if (result.status === 200 && result.isJson && isRecord(result.body)) {
        const name = typeof result.body.name === "string" ? result.body.name : identity.clubSlug;
        return { kind: "club-found", name, slug: identity.clubSlug };
      }
      if (result.status === 404 && result.isJson) {
        return withDetail(
          { kind: "club-not-found", status: 404, slug: identity.clubSlug },
          result.body,
          secrets,
        );
      }
      if (result.status === 403 && result.isJson) {
        return withDetail(
          { kind: "permit-missing", status: 403, permit: "BL:Api:LoyaltyClubs:Get" },
          result.body,
          secrets,
        );
      }
      return mapFailure(result, secrets);
    },
  };
}
