import { describe, expect, it } from "vitest";
import { buildClubUrl, buildHeaders, buildSendUrl, type ClientIdentity } from "./request";

const BASE = "https://api.mpc.dev.placewise.com";

describe("buildSendUrl", () => {
  it.each([
    ["plain address", "anna@example.no", "anna%40example.no"],
    ["plus-addressing keeps its +", "anna+mall@example.no", "anna%2Bmall%40example.no"],
    ["a slash cannot split the path", "a/b@example.no", "a%2Fb%40example.no"],
    ["a percent sign is not taken as an escape", "100%real@example.no", "100%25real%40example.no"],
    ["unicode (IDN) is UTF-8 percent-encoded", "bjørn@eksempel.no", "bj%C3%B8rn%40eksempel.no"],
    ["a question mark cannot start a query", "what?@example.no", "what%3F%40example.no"],
    ["a hash cannot start a fragment", "a#b@example.no", "a%23b%40example.no"],
    ["upper case is kept", "Ola.Nordmann@Example.NO", "Ola.Nordmann%40Example.NO"],
  ])("encodes %s", (_name, email, encoded) => {
    expect(buildSendUrl(BASE, "infinity-mall", "email", email)).toBe(
      `${BASE}/v3/infinity-mall/members/by_email/${encoded}/send_registration_password`,
    );
  });

  it("addresses SMS by msisdn", () => {
    expect(buildSendUrl(BASE, "infinity-mall", "msisdn", "4740769126")).toBe(
      `${BASE}/v3/infinity-mall/members/by_msisdn/4740769126/send_registration_password`,
    );
  });

  it("adds language and login_url as query parameters, encoded", () => {
    const url = new URL(
      buildSendUrl(BASE, "infinity-mall", "email", "a@example.no", {
        language: "no",
        loginUrl: "https://mall.example/login?x=1&y=2",
      }),
    );
    expect(url.searchParams.get("language")).toBe("no");
    expect(url.searchParams.get("login_url")).toBe("https://mall.example/login?x=1&y=2");
  });

  it("keeps a base URL's path prefix", () => {
    expect(buildSendUrl("http://127.0.0.1:8787/proxy", "c", "email", "a@b.no")).toBe(
      "http://127.0.0.1:8787/proxy/v3/c/members/by_email/a%40b.no/send_registration_password",
    );
  });
});

describe("buildClubUrl", () => {
  it("reads one club by slug", () => {
    expect(buildClubUrl(BASE, "infinity-mall")).toBe(`${BASE}/v3/loyalty_clubs/infinity-mall`);
  });
});

describe("buildHeaders", () => {
  const identity: ClientIdentity = {
    baseUrl: BASE,
    token: "secret-token",
    productName: "default",
    clubSlug: "infinity-mall",
    customerId: "",
    userAgent: "Placewise Support Helper/0.1.0",
  };

  it("sends the required headers and the club slug", () => {
    expect(buildHeaders(identity)).toEqual({
      "x-client-authorization": "secret-token",
      "x-product-name": "default",
      "x-user-agent": "Placewise Support Helper/0.1.0",
      "x-loyalty-club-slug": "infinity-mall",
      "content-type": "application/json",
      accept: "application/json",
    });
  });

  it("sends X-Customer only when a customer id is set", () => {
    expect(buildHeaders(identity)).not.toHaveProperty("x-customer");
    expect(buildHeaders({ ...identity, customerId: "447" })["x-customer"]).toBe("447");
  });
});
