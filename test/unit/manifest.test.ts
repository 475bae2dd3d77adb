import { describe, expect, it } from "vitest";
import type { ConfigEnv, UserManifest } from "wxt";
import config, {
  firefoxSettings,
  GECKO_ID,
  LOOPBACK_HOST_PERMISSIONS,
  PLACEWISE_HOST_PERMISSIONS,
} from "../../wxt.config";

/** The manifest wxt.config.ts gives WXT for one build (browser, mode), before WXT adds its parts. */
async function manifestFor(browser: string, mode: string): Promise<UserManifest> {
  const manifest = config.manifest;
  if (typeof manifest !== "function") throw new Error("wxt.config.ts's manifest is no longer a function");
  const env: ConfigEnv = {
    browser,
    mode,
    command: "build",
    manifestVersion: 3,
  };
  return await manifest(env);
}

const LOOPBACK = /^https?:\/\/(localhost|127\.0\.0\.1)[/:]/u;

// What differs between the Chrome and Firefox builds is the manifest; the code is the same.
describe("the manifest's browser-specific part", () => {
  it("is empty for Chrome and Edge", () => {
    expect(firefoxSettings("chrome")).toEqual({});
    expect(firefoxSettings("edge")).toEqual({});
  });

  it("gives Firefox a stable add-on id, a minimum version, and the data it handles", () => {
    expect(firefoxSettings("firefox")).toEqual({
      browser_specific_settings: {
        gecko: {
          id: GECKO_ID,
          strict_min_version: "140.0",
          data_collection_permissions: { required: ["personallyIdentifyingInfo", "authenticationInfo"] },
        },
      },
    });
  });
});

describe("the side panel permission", () => {
  it.each(["chrome", "edge"])("for %s asks for sidePanel", async (browser) => {
    expect((await manifestFor(browser, "production")).permissions).toContain("sidePanel");
  });

  it("for Firefox asks for none: its sidebar_action needs no permission (web-ext lint warns on unknown ones)", async () => {
    expect((await manifestFor("firefox", "production")).permissions).not.toContain("sidePanel");
  });
});

// A store package with loopback access would let an extension page read any local HTTP service.
describe("the packages desks install (wxt zip, production mode)", () => {
  it.each(["chrome", "edge", "firefox"])("for %s ask for the three Placewise hosts only", async (browser) => {
    const manifest = await manifestFor(browser, "production");
    expect(manifest.host_permissions).toEqual(PLACEWISE_HOST_PERMISSIONS);
    expect(PLACEWISE_HOST_PERMISSIONS).toHaveLength(3);
    const everyHost = [
      ...(manifest.host_permissions ?? []),
      ...(manifest.permissions ?? []),
      ...(manifest.optional_host_permissions ?? []),
    ];
    expect(everyHost.filter((host) => LOOPBACK.test(String(host)))).toEqual([]);
  });

  it("for Firefox keep the gecko id, minimum version and data collection", async () => {
    const manifest = await manifestFor("firefox", "production");
    expect(manifest).toMatchObject(firefoxSettings("firefox"));
  });

  it("for Chrome carry no Firefox settings", async () => {
    expect(await manifestFor("chrome", "production")).not.toHaveProperty("browser_specific_settings");
  });

  it("any mode not made for the sandbox is a store build too", async () => {
    expect((await manifestFor("chrome", "staging")).host_permissions).toEqual(PLACEWISE_HOST_PERMISSIONS);
  });
});

describe("the builds that talk to the sandbox", () => {
  it.each([
    ["development", "chrome"],
    ["e2e", "chrome"],
    ["development", "firefox"],
  ])("(%s, %s) also ask for the loopback hosts", async (mode, browser) => {
    const manifest = await manifestFor(browser, mode);
    expect(manifest.host_permissions).toEqual([...PLACEWISE_HOST_PERMISSIONS, ...LOOPBACK_HOST_PERMISSIONS]);
    expect(LOOPBACK_HOST_PERMISSIONS).toEqual(["http://localhost/*", "http://127.0.0.1/*"]);
  });

  it("keep the same optional host permission as the store build", async () => {
    const dev = await manifestFor("chrome", "development");
    const store = await manifestFor("chrome", "production");
    expect(dev.optional_host_permissions).toEqual(["https://*/*"]);
    expect(store.optional_host_permissions).toEqual(dev.optional_host_permissions);
  });
});
