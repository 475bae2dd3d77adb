// @vitest-environment node
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { addFault, setFault } from "./faults";
import { createSandboxHandlers } from "./handlers";
import { PERMITS, SANDBOX_CLUBS, SANDBOX_MEMBERS, SANDBOX_PRODUCT, SANDBOX_TOKENS } from "./seed";
import {
  addMembers,
  clearRequests,
  createSandboxState,
  resetSandbox,
  sendRequests,
  setLatency,
} from "./state";
import { apiHeaders, publicInfoUrl, sendUrl } from "./test-helpers";

// Any origin works: the handlers match the path only.
const BASE = "https://api.mpc.dev.placewise.com";
const state = createSandboxState({ catchAllEmailDomains: ["bulk.example"] });
const server = setupServer(...createSandboxHandlers(state));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetSandbox(state));
afterAll(() => server.close());

const { infinityMall, harbourCentre, nordicOutlet, noRegistrationMall } = SANDBOX_CLUBS;
const anna = { email: SANDBOX_MEMBERS.anna };

function post(url: string, overrides: Record<string, string | null> = {}, body?: string) {
  return fetch(url, { method: "POST", headers: apiHeaders(overrides), ...(body !== undefined && { body }) });
}

function get(url: string, overrides: Record<string, string | null> = {}) {
  return fetch(url, { headers: apiHeaders({ "content-type": null, ...overrides }) });
}

describe("send_registration_password", () => {
  it("answers 200 {} for a member found by email, as JSON", async () => {
    const response = await post(sendUrl(BASE, infinityMall, anna));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({});
  });

  it("answers 200 {} for a member found by msisdn", async () => {
    const response = await post(sendUrl(BASE, nordicOutlet, { msisdn: SANDBOX_MEMBERS.danishMsisdn }));
    expect(response.status).toBe(200);
  });

  it("matches emails case-insensitively", async () => {
    const response = await post(sendUrl(BASE, infinityMall, { email: "ANNA+Mall@Example.NO" }));
    expect(response.status).toBe(200);
  });

  it.each([
    ["x-client-authorization", "Missing header X-Client-Authorization"],
    ["x-product-name", "Missing header X-Product-Name"],
    ["x-user-agent", "Missing header X-User-Agent"],
  ])("answers 470 when %s is missing", async (header, error) => {
    const response = await post(sendUrl(BASE, infinityMall, anna), { [header]: null });
    expect(response.status).toBe(470);
    expect(await response.json()).toEqual({ error });
  });

  it.each<[string, Record<string, string | null>, string | undefined, number]>([
    ["content-type text/plain", { "content-type": "text/plain" }, undefined, 471],
    ["no content-type", { "content-type": null }, undefined, 471],
    ["content-type with charset", { "content-type": "application/json; charset=utf-8" }, undefined, 200],
    ["X-Loyalty-Club-Slug of another club", { "x-loyalty-club-slug": harbourCentre }, undefined, 471],
    ["X-Loyalty-Club-Slug equal to the path", { "x-loyalty-club-slug": infinityMall }, undefined, 200],
    [
      "X-Loyalty-Club-Slug naming the club by its short slug",
      { "x-loyalty-club-slug": "infinity" },
      undefined,
      200,
    ],
    ["an unknown token", { "x-client-authorization": SANDBOX_TOKENS.unknown }, undefined, 401],
    [
      "a kiosk token with product default",
      { "x-client-authorization": SANDBOX_TOKENS.kioskProduct },
      undefined,
      401,
    ],
    [
      "a kiosk token with product kiosk",
      { "x-client-authorization": SANDBOX_TOKENS.kioskProduct, "x-product-name": "kiosk" },
      undefined,
      200,
    ],
    ["a default token with product kiosk", { "x-product-name": "kiosk" }, undefined, 401],
    [
      "a token without the send permit",
      { "x-client-authorization": SANDBOX_TOKENS.noSendPermit },
      undefined,
      403,
    ],
    [
      "a token without club permits",
      { "x-client-authorization": SANDBOX_TOKENS.noClubPermits },
      undefined,
      200,
    ],
    ["a body that is not JSON", {}, "email=anna", 406],
    ["an empty JSON object body", {}, "{}", 200],
  ])("answers for %s", async (_label, overrides, body, status) => {
    const response = await post(sendUrl(BASE, infinityMall, anna), overrides, body);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("names the missing permit in the 403 error", async () => {
    const response = await post(sendUrl(BASE, infinityMall, anna), {
      "x-client-authorization": SANDBOX_TOKENS.noSendPermit,
    });
    expect(await response.json()).toEqual({ error: `Missing permit ${PERMITS.createRegistrationPassword}` });
  });

  it.each([
    ["a club the second token may not use", SANDBOX_TOKENS.second, nordicOutlet, 401],
    ["an unknown club with a token limited to some clubs", SANDBOX_TOKENS.second, "no-such-club", 401],
    ["an unknown club with an all-clubs token", SANDBOX_TOKENS.full, "no-such-club", 404],
    ["a club without the registration password feature", SANDBOX_TOKENS.full, noRegistrationMall, 402],
    ["the second token on a club it may use", SANDBOX_TOKENS.second, harbourCentre, 200],
  ])("answers for %s", async (_label, token, club, status) => {
    const response = await post(sendUrl(BASE, club, anna), { "x-client-authorization": token });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(status === 200 ? {} : { error: expect.any(String) });
  });

  it("answers 404 Member not found for an unknown member", async () => {
    const response = await post(sendUrl(BASE, infinityMall, { email: SANDBOX_MEMBERS.unknownEmail }));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Member not found" });
  });

  it("answers 422 with details for a malformed email", async () => {
    const response = await post(sendUrl(BASE, infinityMall, { email: "anna.example.no" }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "Invalid parameters",
      details: {
        email: [{ value: "anna.example.no", error: "invalid_email", message: "is not a valid email" }],
      },
    });
  });

  it.each(["1234567", "+4740769126", "004740769126", "47 40769126", "4740769126123456"])(
    "answers 422 invalid_msisdn for %j",
    async (msisdn) => {
      const response = await post(sendUrl(BASE, nordicOutlet, { msisdn }));
      expect(response.status).toBe(422);
      const body = (await response.json()) as {
        details: Record<string, Array<{ error: string; value: string }>>;
      };
      expect(body.details.msisdn).toEqual([
        { value: msisdn, error: "invalid_msisdn", message: "is not a valid msisdn" },
      ]);
    },
  );

  it("accepts a language the club supports and rejects one it does not", async () => {
    const ok = await post(
      sendUrl(BASE, infinityMall, anna, "?language=en&login_url=https%3A%2F%2Fmall.example%2Flogin"),
    );
    expect(ok.status).toBe(200);
    const bad = await post(sendUrl(BASE, harbourCentre, anna, "?language=no"));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({
      error: "Invalid parameters",
      details: {
        language: [{ value: "no", error: "invalid_language", message: "is not a supported language" }],
      },
    });
  });

  it("checks headers before the token, the token before the club, the club before the member", async () => {
    const noHeaderBadToken = await post(sendUrl(BASE, "no-such-club", anna), {
      "x-user-agent": null,
      "x-client-authorization": SANDBOX_TOKENS.unknown,
    });
    expect(noHeaderBadToken.status).toBe(470);
    const badTokenUnknownClub = await post(sendUrl(BASE, "no-such-club", anna), {
      "x-client-authorization": SANDBOX_TOKENS.unknown,
    });
    expect(badTokenUnknownClub.status).toBe(401);
    const noPermitNoFeature = await post(sendUrl(BASE, noRegistrationMall, anna), {
      "x-client-authorization": SANDBOX_TOKENS.noSendPermit,
    });
    expect(noPermitNoFeature.status).toBe(403);
    const noFeatureBadEmail = await post(
      sendUrl(BASE, noRegistrationMall, { email: "not-an-email" }),
      {},
      "nope",
    );
    expect(noFeatureBadEmail.status).toBe(402);
  });

  it("finds members added in bulk and every address of a catch-all domain", async () => {
    const emails = Array.from({ length: 300 }, (_, index) => `member${index}@many.example`);
    addMembers(state, harbourCentre, emails);
    expect((await post(sendUrl(BASE, harbourCentre, { email: "member299@many.example" }))).status).toBe(200);
    expect((await post(sendUrl(BASE, nordicOutlet, { email: "anyone-at-all@bulk.example" }))).status).toBe(
      200,
    );
  });
});

describe("public_info", () => {
  it("describes a member: identifiers and whether a password is set", async () => {
    const kari = await get(publicInfoUrl(BASE, infinityMall, { msisdn: SANDBOX_MEMBERS.norwegianMsisdn }));
    expect(await kari.json()).toEqual({
      exists: true,
      available_identifiers: ["email", "msisdn"],
      has_password: false,
    });
    const ola = await get(publicInfoUrl(BASE, infinityMall, { email: SANDBOX_MEMBERS.ola }));
    expect(await ola.json()).toEqual({ exists: true, available_identifiers: ["email"], has_password: true });
  });

  it("answers JSON null when there is no such member", async () => {
    const response = await get(publicInfoUrl(BASE, infinityMall, { email: SANDBOX_MEMBERS.unknownEmail }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("null");
  });

  it("answers 403 to a token without Members:Check", async () => {
    const response = await get(publicInfoUrl(BASE, infinityMall, anna), {
      "x-client-authorization": SANDBOX_TOKENS.noCheckPermit,
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: `Missing permit ${PERMITS.check}` });
  });

  it("works on a club without the registration password feature", async () => {
    const response = await get(publicInfoUrl(BASE, noRegistrationMall, anna));
    expect(response.status).toBe(200);
  });
});

describe("loyalty clubs and member schema", () => {
  it("answers one club with the model fields, by any of its slugs", async () => {
    const response = await get(`${BASE}/v3/loyalty_clubs/infinity-senter`);
    expect(await response.json()).toEqual({
      id: 101,
      customer_id: 447,
      main_slug: "infinity-mall",
      short_slug: "infinity",
      other_slugs: ["infinity-senter"],
      name: "Infinity Mall",
      country: "NO",
      timezone: "Europe/Oslo",
      member_identifiers: ["email", "msisdn"],
    });
  });

  it("answers 404 for an unknown club", async () => {
    const response = await get(`${BASE}/v3/loyalty_clubs/no-such-club`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Loyalty club not found" });
  });

  it("answers a club's member schema", async () => {
    const response = await get(`${BASE}/v3/${infinityMall}/member_schema`);
    expect(await response.json()).toEqual({
      identifiers: ["email", "msisdn"],
      languages: ["en", "no"],
      default_language: "no",
    });
  });

  it.each([`/v3/loyalty_clubs?per_page=10&page_no=1`, `/v3/loyalty_clubs/${infinityMall}`])(
    "answers 403 on %s to a token without the club permits",
    async (path) => {
      const response = await get(`${BASE}${path}`, {
        "x-client-authorization": SANDBOX_TOKENS.noClubPermits,
      });
      expect(response.status).toBe(403);
    },
  );

  it("pages through every club, honouring per_page and page_no", async () => {
    const slugs: string[] = [];
    let totalPages = 1;
    for (let page = 1; page <= totalPages; page++) {
      const response = await get(`${BASE}/v3/loyalty_clubs?per_page=3&page_no=${page}`);
      const body = (await response.json()) as {
        loyalty_clubs: Array<{ main_slug: string }>;
        pagination_info: {
          current_page: number;
          per_page: number;
          total_pages: number;
          total_entries: number;
        };
      };
      expect(body.pagination_info).toEqual({
        current_page: page,
        per_page: 3,
        total_pages: 3,
        total_entries: 8,
      });
      expect(body.loyalty_clubs.length).toBe(page < 3 ? 3 : 2);
      slugs.push(...body.loyalty_clubs.map((club) => club.main_slug));
      totalPages = body.pagination_info.total_pages;
    }
    expect(slugs).toEqual(Object.values(SANDBOX_CLUBS));
  });

  it("lists only the clubs the token may use", async () => {
    const response = await get(`${BASE}/v3/loyalty_clubs?per_page=1000&page_no=1`, {
      "x-client-authorization": SANDBOX_TOKENS.second,
    });
    const body = (await response.json()) as { loyalty_clubs: Array<{ main_slug: string }> };
    expect(body.loyalty_clubs.map((club) => club.main_slug)).toEqual([infinityMall, harbourCentre]);
  });

  it("answers an empty page past the end, caps per_page at 1000 and rejects bad numbers", async () => {
    const past = (await (await get(`${BASE}/v3/loyalty_clubs?per_page=5&page_no=9`)).json()) as {
      loyalty_clubs: unknown[];
    };
    expect(past.loyalty_clubs).toEqual([]);
    const capped = (await (await get(`${BASE}/v3/loyalty_clubs?per_page=5000`)).json()) as {
      pagination_info: { per_page: number };
    };
    expect(capped.pagination_info.per_page).toBe(1000);
    const bad = await get(`${BASE}/v3/loyalty_clubs?per_page=0&page_no=x`);
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as { details: object }).details)).toEqual(["per_page", "page_no"]);
  });
});

describe("unknown routes", () => {
  it("answers 404 JSON for a /v3 path it does not serve, and logs it", async () => {
    const response = await post(
      `${BASE}/v3/${infinityMall}/members/by_email/a/b@example.no/send_registration_password`,
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Not found" });
    expect(state.requests.at(-1)).toMatchObject({ route: "unknown", status: 404 });
  });
});

describe("request log", () => {
  it("records the raw path, decoded params, query, headers, body and status", async () => {
    await post(
      sendUrl(BASE, infinityMall, anna, "?language=en&login_url=https%3A%2F%2Fmall.example%2Fa%3Fb%3D1"),
      {},
      "{}",
    );
    const [entry] = sendRequests(state);
    expect(entry).toMatchObject({
      id: expect.any(Number),
      method: "POST",
      url: `${BASE}/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password?language=en&login_url=https%3A%2F%2Fmall.example%2Fa%3Fb%3D1`,
      path: "/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password",
      route: "send-by-email",
      pathParams: { club: infinityMall, email: SANDBOX_MEMBERS.anna },
      query: { language: "en", login_url: "https://mall.example/a?b=1" },
      body: "{}",
      status: 200,
    });
    expect(entry?.headers).toMatchObject({
      "x-client-authorization": SANDBOX_TOKENS.full,
      "x-product-name": SANDBOX_PRODUCT,
      "x-user-agent": "Sandbox Tests/1.0",
      "content-type": "application/json",
    });
    expect(Number.isNaN(Date.parse(entry?.time ?? ""))).toBe(false);
  });

  it("keeps body null when none was sent, and only sends in sendRequests", async () => {
    await get(publicInfoUrl(BASE, infinityMall, anna));
    await post(sendUrl(BASE, nordicOutlet, { msisdn: SANDBOX_MEMBERS.danishMsisdn }));
    expect(state.requests.map((entry) => entry.route)).toEqual(["public-info-by-email", "send-by-msisdn"]);
    expect(sendRequests(state).map((entry) => entry.pathParams)).toEqual([
      { club: nordicOutlet, msisdn: SANDBOX_MEMBERS.danishMsisdn },
    ]);
    expect(sendRequests(state)[0]?.body).toBeNull();
    clearRequests(state);
    expect(state.requests).toEqual([]);
  });
});

describe("faults", () => {
  it("answers a status fault for the next N requests, then normally", async () => {
    setFault(state, { kind: "status", status: 500, remaining: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(sendUrl(BASE, infinityMall, anna))).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(state.faults).toEqual([]);
    expect(state.requests.map((entry) => entry.status)).toEqual([500, 500, 200]);
  });

  it("keeps a fault without a count until cleared, and applies a send-only fault to sends only", async () => {
    setFault(state, { kind: "maintenance", scope: "send" });
    expect((await get(`${BASE}/v3/loyalty_clubs/${infinityMall}`)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const response = await post(sendUrl(BASE, infinityMall, anna));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: "Down for maintenance" });
    }
  });

  it("runs queued faults in order", async () => {
    setFault(state, { kind: "status", status: 502, error: "Upstream exploded", remaining: 1 });
    addFault(state, { kind: "rate-limit", retryAfterSeconds: 7, remaining: 1 });
    const first = await post(sendUrl(BASE, infinityMall, anna));
    expect([first.status, await first.json()]).toEqual([502, { error: "Upstream exploded" }]);
    const second = await post(sendUrl(BASE, infinityMall, anna));
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("7");
    expect((await post(sendUrl(BASE, infinityMall, anna))).status).toBe(200);
  });

  it("answers an HTML page for a non-json fault", async () => {
    setFault(state, { kind: "non-json", remaining: 1 });
    const response = await post(sendUrl(BASE, infinityMall, anna));
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    await expect(response.clone().json()).rejects.toThrow();
    expect(await response.text()).toContain("<html");
  });

  it("makes fetch reject on a reset fault and logs status 0", async () => {
    setFault(state, { kind: "reset", remaining: 1 });
    await expect(post(sendUrl(BASE, infinityMall, anna))).rejects.toThrow(TypeError);
    expect(state.requests.at(-1)?.status).toBe(0);
  });

  it("applies faults before header checks", async () => {
    setFault(state, { kind: "status", status: 500, remaining: 1 });
    expect((await post(sendUrl(BASE, infinityMall, anna), { "x-user-agent": null })).status).toBe(500);
  });

  it("releases a hanging request on reset, failing it as a network error", async () => {
    setFault(state, { kind: "hang" });
    const pending = post(sendUrl(BASE, infinityMall, anna), {}).catch((error: unknown) => error);
    await vi.waitFor(() => expect(state.pending.size).toBe(1));
    resetSandbox(state);
    expect(await pending).toBeInstanceOf(TypeError);
  });

  it("lets a client timeout abort a hanging request, leaving its status null", async () => {
    setFault(state, { kind: "hang" });
    const controller = new AbortController();
    const pending = fetch(sendUrl(BASE, infinityMall, anna), {
      method: "POST",
      headers: apiHeaders(),
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(state.pending.size).toBe(1));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(state.pending.size).toBe(0));
    expect(state.requests.at(-1)?.status).toBeNull();
  });

  it("delays every answer by the latency", async () => {
    setLatency(state, 40);
    const started = performance.now();
    const response = await post(sendUrl(BASE, infinityMall, anna));
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });
});
