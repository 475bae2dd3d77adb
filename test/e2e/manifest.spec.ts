import { expect, test } from "./fixtures";

test.describe("the manifest", () => {
  test("the manifest asks for storage and exactly the Placewise and loopback hosts", async ({
    openOptions,
  }) => {
    const options = await openOptions();
    const manifest = await options.manifest();
    expect(manifest.permissions).toEqual(["storage"]);
    expect(manifest.host_permissions).toEqual([
      "https://api.mpc.placewise.com/*",
      "https://api.mpc.apac.placewise.com/*",
      "https://api.mpc.dev.placewise.com/*",
      "http://localhost/*",
      "http://127.0.0.1/*",
    ]);
    expect(manifest.optional_host_permissions).toEqual(["https://*/*"]);
    expect(manifest).not.toHaveProperty("externally_connectable");
    expect(manifest).not.toHaveProperty("content_scripts");
  });
});
