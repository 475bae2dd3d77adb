import { describe, expect, it } from "vitest";
import { type ConnectionDraft, checkConnectionDraft, originPatternFor } from "./connection";
import { checkBaseUrl } from "./url";

const draft: ConnectionDraft = {
  id: "",
  label: "",
  language: "",
  loginUrl: "",
  environment: "staging",
  baseUrl: "",
  token: "  tok-123  ",
  productName: " default ",
  clubSlug: " infinity-mall ",
  customerId: " 447 ",
  rememberToken: true,
};

describe("checkConnectionDraft", () => {
  it("trims every field and takes a named environment's base URL", () => {
    expect(checkConnectionDraft(draft, false)).toEqual({
      ok: true,
      token: "tok-123",
      connection: {
        label: "infinity-mall",
        language: "",
        loginUrl: "",
        environment: "staging",
        baseUrl: "https://api.mpc.dev.placewise.com",
        productName: "default",
        clubSlug: "infinity-mall",
        customerId: "447",
        rememberToken: true,
      },
    });
  });

  it("ignores a typed base URL unless the environment is Custom", () => {
    const check = checkConnectionDraft(
      { ...draft, environment: "production", baseUrl: "https://evil.example" },
      false,
    );
    expect(check.ok && check.connection.baseUrl).toBe("https://api.mpc.placewise.com");
  });

  it("keeps the label, language and login URL, trimmed", () => {
    const check = checkConnectionDraft(
      {
        ...draft,
        label: " Infinity Mall ",
        language: " no ",
        loginUrl: " https://mall.example/login?src=desk ",
      },
      false,
    );
    expect(
      check.ok && [check.connection.label, check.connection.language, check.connection.loginUrl],
    ).toEqual(["Infinity Mall", "no", "https://mall.example/login?src=desk"]);
  });

  it("keeps the saved token when the token field is left empty", () => {
    const check = checkConnectionDraft({ ...draft, token: "" }, true);
    expect(check).toMatchObject({ ok: true, token: null });
  });

  it("requires a token when none is saved", () => {
    expect(checkConnectionDraft({ ...draft, token: " " }, false)).toEqual({
      ok: false,
      problems: { token: "required" },
    });
  });

  it.each<[string, Partial<ConnectionDraft>, Record<string, string>]>([
    ["token with a newline", { token: "abc\ndef" }, { token: "controlCharacters" }],
    ["token with a carriage return inside", { token: "abc\r\nX-Evil: 1" }, { token: "controlCharacters" }],
    ["token with non-ASCII", { token: "tøken" }, { token: "notAscii" }],
    ["empty product", { productName: "  " }, { productName: "required" }],
    ["product with a tab inside", { productName: "de\tfault" }, { productName: "controlCharacters" }],
    ["empty club", { clubSlug: "" }, { clubSlug: "required" }],
    ["club with upper case", { clubSlug: "Infinity-Mall" }, { clubSlug: "slugFormat" }],
    ["club with a slash", { clubSlug: "mall/../admin" }, { clubSlug: "slugFormat" }],
    ["club with a space", { clubSlug: "infinity mall" }, { clubSlug: "slugFormat" }],
    ["customer id with letters", { customerId: "44a" }, { customerId: "digitsOnly" }],
    ["customer id with a newline", { customerId: "447\n" + "1" }, { customerId: "controlCharacters" }],
    [
      "custom http URL off this machine",
      { environment: "custom", baseUrl: "http://api.example.com" },
      { baseUrl: "notHttps" },
    ],
    [
      "custom URL that is not a URL",
      { environment: "custom", baseUrl: "api.example.com" },
      { baseUrl: "invalidUrl" },
    ],
    ["empty custom URL", { environment: "custom", baseUrl: " " }, { baseUrl: "required" }],
    ["label with a newline", { label: "Mall\nX" }, { label: "controlCharacters" }],
    ["label over 60 characters", { label: "x".repeat(61) }, { label: "tooLong" }],
    ["language that is not a code", { language: "Norwegian" }, { language: "languageFormat" }],
    ["login URL over plain http", { loginUrl: "http://mall.example/login" }, { loginUrl: "notHttps" }],
    ["login URL that is not a URL", { loginUrl: "mall.example/login" }, { loginUrl: "invalidUrl" }],
    ["login URL with credentials", { loginUrl: "https://a:b@mall.example/" }, { loginUrl: "urlExtras" }],
  ])("refuses a %s", (_name, change, problems) => {
    expect(checkConnectionDraft({ ...draft, ...change }, false)).toEqual({ ok: false, problems });
  });

  it("reports every bad field at once", () => {
    const check = checkConnectionDraft({ ...draft, clubSlug: "X", customerId: "x", token: "" }, false);
    expect(check.ok ? {} : Object.keys(check.problems).sort()).toEqual(["clubSlug", "customerId", "token"]);
  });
});

describe("checkBaseUrl", () => {
  it.each([
    ["https://api.example.com", "https://api.example.com"],
    ["https://api.example.com/", "https://api.example.com"],
    ["  https://api.example.com/mpc//  ", "https://api.example.com/mpc"],
    ["http://localhost:8787", "http://localhost:8787"],
    ["http://127.0.0.1:8787/", "http://127.0.0.1:8787"],
    ["HTTPS://API.EXAMPLE.COM", "https://api.example.com"],
  ])("accepts %j as %s", (input, url) => {
    expect(checkBaseUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ["http://api.example.com", "notHttps"],
    ["http://localhost.evil.com", "notHttps"],
    ["http://127.0.0.2", "notHttps"],
    ["ftp://api.example.com", "invalidUrl"],
    ["javascript:alert(1)", "invalidUrl"],
    ["https://user:pass@api.example.com", "urlExtras"],
    ["https://api.example.com/?token=1", "urlExtras"],
    ["https://api.example.com/#x", "urlExtras"],
    ["https://api.exa\nmple.com", "controlCharacters"],
  ])("refuses %j (%s)", (input, problem) => {
    expect(checkBaseUrl(input)).toEqual({ ok: false, problem });
  });
});

describe("originPatternFor", () => {
  it("asks for the host, every path, any port", () => {
    expect(originPatternFor("https://api.example.com:8443/mpc")).toBe("https://api.example.com/*");
  });
});
