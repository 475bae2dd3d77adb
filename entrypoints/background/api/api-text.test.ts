import { describe, expect, it } from "vitest";
import { cleanApiText, HIDDEN_MARKER } from "./api-text";

const TOKEN = "pw_live/9f+Ab=c d";

describe("cleanApiText", () => {
  it.each([
    ["plain text, as is", "Invalid client token", "Invalid client token"],
    ["newlines and tabs, folded", "Invalid\n\tclient   token\r\n", "Invalid client token"],
    ["a right-to-left override (U+202E), removed", "Not \u202esent\u202c", "Not sent"],
    ["bidi embeddings U+202A–202D, removed", "\u202a\u202b\u202ca\u202db", "ab"],
    ["bidi isolates U+2066–2069, removed", "\u2066x\u2067y\u2068z\u2069", "xyz"],
    ["marks U+200E, U+200F, U+061C, removed", "a\u200eb\u200fc\u061cd", "abcd"],
    ["zero-width characters and a BOM, removed", "to\u200bken\u200d\ufeff!", "token!"],
    ["a soft hyphen, removed", "mem\u00adber", "member"],
    ["C0 and C1 controls, removed", "a\u0000b\u0007c\u001bd\u009be", "abcde"],
    ["a lone surrogate, removed", "a\ud800b", "ab"],
    [
      "letters of any script, kept",
      "Medlem ikke funnet: bjørn@eksempel.no — 会员",
      "Medlem ikke funnet: bjørn@eksempel.no — 会员",
    ],
  ])("leaves %s", (_name, text, expected) => {
    expect(cleanApiText(text, [])).toBe(expected);
  });

  it.each([
    ["as sent", `Token ${TOKEN} is invalid`],
    ["URL-encoded", `Token ${encodeURIComponent(TOKEN)} is invalid`],
    ["URL-encoded in lower case", `Token ${encodeURIComponent(TOKEN).toLowerCase()} is invalid`],
    ["form-encoded", `Token ${encodeURIComponent(TOKEN).replace(/%20/gu, "+")} is invalid`],
    ["split by a zero-width space", `Token ${TOKEN.slice(0, 4)}\u200b${TOKEN.slice(4)} is invalid`],
  ])("hides the token %s", (_name, text) => {
    const cleaned = cleanApiText(text, [TOKEN]);
    expect(cleaned).toBe(`Token ${HIDDEN_MARKER} is invalid`);
    expect(cleaned).not.toContain("9f");
  });

  it("hides every occurrence of every secret", () => {
    expect(cleanApiText("abc, xyz and abc again", ["abc", "xyz"])).toBe(
      "[hidden], [hidden] and [hidden] again",
    );
  });

  it("ignores an empty secret instead of hiding between every character", () => {
    expect(cleanApiText("Forbidden", [""])).toBe("Forbidden");
  });

  it("treats a secret's regular-expression characters literally", () => {
    expect(cleanApiText("a.c abc", ["a.c"])).toBe("[hidden] abc");
  });

  it("caps the length, with an ellipsis, and never leaves the start of a token behind", () => {
    const text = `${"x".repeat(290)} ${TOKEN}`;
    const cleaned = cleanApiText(text, [TOKEN], 295);
    expect([...cleaned]).toHaveLength(295);
    expect(cleaned.endsWith("…")).toBe(true);
    expect(cleaned).not.toContain("pw_");
  });

  it("keeps a surrogate pair whole at the cut", () => {
    expect(cleanApiText("ab😀cd", [], 4)).toBe("ab😀…");
  });

  it("caps at 300 characters by default", () => {
    expect([...cleanApiText("y".repeat(1000), [])]).toHaveLength(300);
  });
});
