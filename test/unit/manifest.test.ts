import { describe, expect, it } from "vitest";
import { firefoxSettings, GECKO_ID } from "../../wxt.config";

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
