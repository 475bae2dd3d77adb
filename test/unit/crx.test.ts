import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildUpdateManifest,
  codebaseFor,
  extensionIdFromPrivateKey,
  extensionIdFromPublicKey,
} from "../../release/crx";
import { findChromium } from "../support/chromium";

const ROOT = join(import.meta.dirname, "../..");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** The length-delimited field `field` of a protobuf message (enough of the format to read a CRX3 header). */
function protobufBytes(message: Buffer, field: number): Buffer | undefined {
  let at = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = message[at++] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return value;
    }
  };
  while (at < message.length) {
    const tag = varint();
    if ((tag & 7) === 0) varint();
    else if ((tag & 7) === 2) {
      const length = varint();
      if (Math.floor(tag / 8) === field) return message.subarray(at, at + length);
      at += length;
    } else throw new Error(`unexpected wire type in tag ${tag}`);
  }
  return undefined;
}

/** The id Chromium itself wrote into a CRX3 (CrxFileHeader.signed_header_data -> SignedData.crx_id). */
function crxIdInHeader(crx: Buffer): string {
  const header = crx.subarray(12, 12 + crx.readUInt32LE(8));
  const signedData = protobufBytes(header, 10000);
  const crxId = signedData && protobufBytes(signedData, 1);
  if (!crxId) throw new Error("no crx_id in the CRX header");
  return [...crxId.toString("hex")].map((d) => String.fromCharCode(97 + Number.parseInt(d, 16))).join("");
}

describe("the extension id", () => {
  it("is the SHA-256 of the public key's first 32 hex digits, 0-f written a-p", () => {
    // SHA-256 of nothing starts e3b0c44298fc1c149afbf4c8996fb924.
    expect(extensionIdFromPublicKey(new Uint8Array())).toBe("odlameecjipmbmbejkplpemijjgpljce");
  });

  it("follows from a private key, 32 letters a-p", () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const id = extensionIdFromPrivateKey(pem);
    expect(id).toMatch(/^[a-p]{32}$/u);
    expect(id).toBe(extensionIdFromPublicKey(publicKey.export({ type: "spki", format: "der" })));
  });
});

describe("the update manifest", () => {
  it("names the id, the version and where the CRX is", () => {
    expect(
      buildUpdateManifest({
        appId: "odlameecjipmbmbejkplpemijjgpljce",
        codebase: "https://intranet.example/psh/placewise-support-helper-1.2.3.crx",
        version: "1.2.3",
      }),
    ).toBe(
      [
        "<?xml version='1.0' encoding='UTF-8'?>",
        "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
        "  <app appid='odlameecjipmbmbejkplpemijjgpljce'>",
        "    <updatecheck codebase='https://intranet.example/psh/placewise-support-helper-1.2.3.crx' version='1.2.3' />",
        "  </app>",
        "</gupdate>",
        "",
      ].join("\n"),
    );
  });

  it("escapes what would end an XML attribute", () => {
    const xml = buildUpdateManifest({ appId: "a", codebase: "https://h.example/x?a=1&b='2'", version: "1" });
    expect(xml).toContain("codebase='https://h.example/x?a=1&amp;b=&apos;2&apos;'");
  });

  it.each([
    ["https://intranet.example/psh", "https://intranet.example/psh/p-1.crx"],
    ["https://intranet.example/psh/", "https://intranet.example/psh/p-1.crx"],
    ["http://10.0.0.5:8080/ext/", "http://10.0.0.5:8080/ext/p-1.crx"],
  ])("puts the CRX under the base URL %s", (base, codebase) => {
    expect(codebaseFor(base, "p-1.crx")).toBe(codebase);
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(() => codebaseFor("file:///srv/psh/", "p.crx")).toThrow(/http\(s\)/u);
    expect(() => codebaseFor("intranet/psh", "p.crx")).toThrow();
  });
});

const chromium = findChromium();
const scratch = mkdtempSync(join(tmpdir(), "psh-crx-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!chromium)(
  `npm run pack:crx with a throwaway key${chromium ? "" : " (skipped: no Chromium at /usr/bin/chromium or $CHROMIUM_PATH)"}`,
  () => {
    it("packs a CRX whose id Chromium agrees with, and an update.xml naming it", () => {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const keyPath = join(scratch, "throwaway.pem");
      writeFileSync(keyPath, privateKey.export({ type: "pkcs8", format: "pem" }));
      // A minimal built extension, so the test needs no build.
      mkdirSync(join(scratch, "chrome-mv3"));
      writeFileSync(
        join(scratch, "chrome-mv3", "manifest.json"),
        JSON.stringify({ manifest_version: 3, name: "Pack test", version: VERSION }),
      );

      const run = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "release/pack-crx.ts",
          "--key",
          keyPath,
          "--base-url",
          "https://intranet.example/psh",
        ],
        {
          cwd: ROOT,
          encoding: "utf8",
          env: { ...process.env, PSH_OUT_DIR: scratch, CHROMIUM_PATH: chromium },
        },
      );
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);

      const id = extensionIdFromPrivateKey(readFileSync(keyPath, "utf8"));
      const crx = readFileSync(join(scratch, `placewise-support-helper-${VERSION}.crx`));
      expect(crx.subarray(0, 4).toString("latin1")).toBe("Cr24");
      expect(crx.readUInt32LE(4)).toBe(3);
      expect(crxIdInHeader(crx)).toBe(id);
      expect(run.stdout).toContain(`Extension id: ${id}`);

      const xml = readFileSync(join(scratch, "update.xml"), "utf8");
      expect(xml).toContain(`<app appid='${id}'>`);
      expect(xml).toContain(
        `<updatecheck codebase='https://intranet.example/psh/placewise-support-helper-${VERSION}.crx' version='${VERSION}' />`,
      );
    }, 30_000);
  },
);
