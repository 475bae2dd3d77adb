/**
 * Self-hosted Chrome/Edge packages: the extension id a signing key gives, the update manifest
 * Chrome polls, and packing a CRX with Chromium's own --pack-extension. Used by pack-crx.ts and
 * its unit test; nothing here reads a key from a fixed place (the company keeps it outside the repo).
 */
import { spawnSync } from "node:child_process";
import { createHash, createPublicKey } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The id Chrome and Edge give an extension signed with a key: the first 16 bytes of the SHA-256
 * of its public key (DER SubjectPublicKeyInfo), in hex, each digit 0-f written as a letter a-p
 * (https://developer.chrome.com/docs/extensions/reference/manifest/key).
 */
export function extensionIdFromPublicKey(subjectPublicKeyInfoDer: Uint8Array): string {
  const hex = createHash("sha256").update(subjectPublicKeyInfoDer).digest("hex").slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join("");
}

/** The id for a private key in PEM (PKCS#8, as Chromium writes and reads it). */
export function extensionIdFromPrivateKey(privateKeyPem: string): string {
  const spki = createPublicKey(privateKeyPem).export({ type: "spki", format: "der" });
  return extensionIdFromPublicKey(spki);
}

/** What one update manifest announces. */
export interface UpdateManifestEntry {
  appId: string;
  /** Where the .crx is downloaded from: an absolute http(s) URL. */
  codebase: string;
  version: string;
}

function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("'", "&apos;")
    .replaceAll('"', "&quot;");
}

/**
 * The gupdate XML Chrome and Edge fetch from the policy's update_url
 * (https://developer.chrome.com/docs/apps/autoupdate, "Update manifest").
 */
export function buildUpdateManifest({ appId, codebase, version }: UpdateManifestEntry): string {
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid='${escapeXml(appId)}'>`,
    `    <updatecheck codebase='${escapeXml(codebase)}' version='${escapeXml(version)}' />`,
    "  </app>",
    "</gupdate>",
    "",
  ].join("\n");
}

/** The CRX's address under a base URL (a folder; a missing trailing slash is added). */
export function codebaseFor(baseUrl: string, crxName: string): string {
  const base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new Error(`The update base URL must be http(s): ${baseUrl}`);
  }
  return new URL(encodeURIComponent(crxName), base).href;
}

/**
 * The headless flags every Chromium launch here needs (test/support/chromium.ts's CHROMIUM_FLAGS
 * say why); packing opens no window and exits.
 */
const PACK_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"];

/** What packCrx needs. */
export interface PackOptions {
  chromium: string;
  /** A built extension folder (manifest.json at its root). */
  extensionDir: string;
  /** The private key, PEM. */
  keyPath: string;
  /** Where the .crx goes; created when missing. */
  outPath: string;
}

/** Packs a CRX with Chromium and returns the extension id the key gives. Throws when Chromium fails. */
export function packCrx({ chromium, extensionDir, keyPath, outPath }: PackOptions): string {
  if (!existsSync(join(extensionDir, "manifest.json"))) {
    throw new Error(`No built extension at ${extensionDir}: run npm run zip first.`);
  }
  // Chromium writes <folder>.crx beside the folder, and a profile; both go to a scratch folder.
  const scratch = mkdtempSync(join(tmpdir(), "psh-crx-"));
  try {
    const folder = join(scratch, "extension");
    cpSync(extensionDir, folder, { recursive: true });
    const run = spawnSync(
      chromium,
      [
        ...PACK_FLAGS,
        `--user-data-dir=${join(scratch, "profile")}`,
        `--pack-extension=${folder}`,
        `--pack-extension-key=${keyPath}`,
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    const crx = `${folder}.crx`;
    if (!existsSync(crx)) {
      throw new Error(
        `Chromium packed nothing (exit ${run.status}): ${run.stderr || run.error?.message || ""}`,
      );
    }
    mkdirSync(join(outPath, ".."), { recursive: true });
    copyFileSync(crx, outPath);
    return extensionIdFromPrivateKey(readFileSync(keyPath, "utf8"));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
