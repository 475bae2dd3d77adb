import { describe, expect, it } from "vitest";
import { checkEmail, findUnseenCharacter } from "./email";

describe("checkEmail", () => {
  it.each([
    ["anna@example.no"],
    ["anna+mall@example.no"],
    ["first.last@sub.domain.example.com"],
    ["UPPER@EXAMPLE.NO"],
    ["bjørn@eksempel.no"],
    ["kari@xn--eksmpel-exa.no"],
    ["user@bücher.de"],
    ["o'brien@example.ie"],
    ["a_b-c@example-mall.no"],
  ])("accepts %s", (email) => {
    expect(checkEmail(email)).toEqual({ ok: true, email });
  });

  it("trims the ends and keeps the case as typed", () => {
    expect(checkEmail("  Ola.Nordmann@Example.no \n")).toEqual({
      ok: true,
      email: "Ola.Nordmann@Example.no",
    });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["anna.example.no", "noAt"],
    ["anna @example.no", "spaces"],
    ["anna@exa mple.no", "spaces"],
    ["anna\t@example.no", "spaces"],
    ["@example.no", "badLocalPart"],
    ["Anna <anna@example.no>", "spaces"],
    ['"anna"@example.no', "badLocalPart"],
    ["anna@@example.no", "badLocalPart"],
    ["anna@example", "badDomain"],
    ["anna@", "badDomain"],
    ["anna@.example.no", "badDomain"],
    ["anna@example..no", "badDomain"],
    ["anna@example.no.", "badDomain"],
    ["anna@-example.no", "badDomain"],
    ["anna@127.0.0.1", "badDomain"],
    [
      `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(4)}.no`,
      "tooLong",
    ],
    [`anna@${"b".repeat(64)}.no`, "badDomain"],
    [`${"a".repeat(65)}@example.no`, "badLocalPart"],
  ])("refuses %j (%s)", (email, problem) => {
    expect(checkEmail(email)).toEqual({ ok: false, problem });
  });

  // What a copied link, a chat client or a word processor leaves in an address. Each looks like a
  // valid address on screen, and each would be sent to Placewise as a different one.
  it.each([
    ["a right-to-left override (U+202E)", "anna\u202e@example.no"],
    ["a zero-width space (U+200B)", "an\u200bna@example.no"],
    ["a soft hyphen (U+00AD)", "anna@exam\u00adple.no"],
    ["a zero-width joiner (U+200D)", "anna@example\u200d.no"],
    ["a left-to-right mark (U+200E)", "\u200eanna@example.no"],
    ["a byte order mark inside (U+FEFF)", "anna@ex\ufeffample.no"],
    ["a word joiner (U+2060)", "anna\u2060@example.no"],
    ["a bidi isolate (U+2066)", "\u2066anna@example.no\u2069"],
    ["a null character", "anna\u0000@example.no"],
    ["a bell character", "anna@example.no\u0007x"],
    ["a C1 control (U+0085 is not whitespace to every tool)", "anna@exa\u009bmple.no"],
    ["a Hangul filler (U+3164, invisible but a letter)", "anna\u3164@example.no"],
    ["a variation selector (U+FE0F)", "anna@example\ufe0f.no"],
  ])("refuses %s as invisible", (_name, email) => {
    expect(checkEmail(email)).toEqual({ ok: false, problem: "invisible" });
  });

  it.each([
    ["a fullwidth at sign (U+FF20)", "anna\uff20example.no"],
    ["a small at sign (U+FE6B)", "anna\ufe6bexample.no"],
    ["a look-alike beside a real one", "anna\uff20x@example.no"],
  ])("refuses %s as a look-alike @", (_name, email) => {
    expect(checkEmail(email)).toEqual({ ok: false, problem: "lookalikeAt" });
  });

  it("knows every character that NFKC folds to an @", () => {
    const folded: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      const char = String.fromCodePoint(code);
      if (char !== "@" && char.normalize("NFKC").includes("@")) folded.push(char);
    }
    expect(folded.length).toBeGreaterThan(0);
    expect(folded.filter((char) => findUnseenCharacter(char) !== "lookalikeAt")).toEqual([]);
  });

  it("accepts exactly 254 characters", () => {
    const email = `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(3)}.no`;
    expect(email).toHaveLength(254);
    expect(checkEmail(email).ok).toBe(true);
  });
});
