// @vitest-environment node
import { describe, expect, it } from "vitest";
import { decodeSegment, isValidEmail, isValidMsisdn } from "./validation";

describe("isValidEmail", () => {
  it.each([
    ["anna+mall@example.no", true],
    ["bjørn@eksempel.no", true],
    ["team/support@example.no", true],
    ["100%real@example.no", true],
    ["kari@sub.example.com", true],
    ["anna.example.no", false],
    ["@example.no", false],
    ["anna@", false],
    ["anna@localhost", false],
    ["anna@example.n", false],
    ["an na@example.no", false],
    ["anna..mall@example.no", false],
    [".anna@example.no", false],
    ["anna@-example.no", false],
    ["anna@example..no", false],
    ["anna@exa/mple.no", false],
    [`${"a".repeat(65)}@example.no`, false],
  ])("%j -> %s", (value, expected) => {
    expect(isValidEmail(value)).toBe(expected);
  });
});

describe("isValidMsisdn", () => {
  it.each([
    ["4740769126", true],
    ["46701234567", true],
    ["12345678", true],
    ["123456789012345", true],
    ["1234567", false],
    ["1234567890123456", false],
    ["+4740769126", false],
    ["004740769126", false],
    ["47 40769126", false],
    ["47407691a6", false],
  ])("%j -> %s", (value, expected) => {
    expect(isValidMsisdn(value)).toBe(expected);
  });
});

describe("decodeSegment", () => {
  it.each([
    ["anna%2Bmall%40example.no", "anna+mall@example.no"],
    ["anna+mall", "anna+mall"],
    ["bj%C3%B8rn", "bjørn"],
    ["%2F", "/"],
    ["%ZZ", null],
    ["%E0%A4%A", null],
  ])("%j -> %j", (raw, expected) => {
    expect(decodeSegment(raw)).toBe(expected);
  });
});
