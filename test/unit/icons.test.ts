import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const ICON_DIR = join(import.meta.dirname, "..", "..", "public", "icon");

interface Png {
  width: number;
  height: number;
  /** IHDR colour type: 6 is RGBA. */
  colorType: number;
  bitDepth: number;
  /** RGBA, 4 bytes a pixel, row by row (only for 8-bit RGBA). */
  pixels: Uint8Array;
}

/** Reads a PNG's header and, for 8-bit RGBA without interlacing, its pixels (PNG spec, chapters 11 and 9). */
function readPng(bytes: Buffer): Png {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let header: Omit<Png, "pixels"> | undefined;
  let interlace = 0;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8] ?? 0,
        colorType: body[9] ?? 0,
      };
      interlace = body[12] ?? 0;
    } else if (type === "IDAT") data.push(body);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  if (!header) throw new Error("no IHDR");
  const { width, height } = header;
  if (header.colorType !== 6 || header.bitDepth !== 8 || interlace !== 0)
    return { ...header, pixels: new Uint8Array() };
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? (pixels[y * stride + x - 4] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= 4 && y > 0 ? (pixels[(y - 1) * stride + x - 4] ?? 0) : 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = left;
          break;
        case 2:
          predicted = up;
          break;
        case 3:
          predicted = (left + up) >> 1;
          break;
        case 4: {
          const p = left + up - upLeft;
          const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
          predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default:
          throw new Error(`row ${y}: unknown filter ${filter}`);
      }
      pixels[y * stride + x] = ((line[x] ?? 0) + predicted) & 0xff;
    }
  }
  return { ...header, pixels };
}

function icon(size: number): Png {
  return readPng(readFileSync(join(ICON_DIR, `${size}.png`)));
}

// The Chrome Web Store's rule for the 128 px icon: 96×96 artwork with 16 px of transparent padding
// on every side (https://developer.chrome.com/docs/webstore/images). design/icon/ holds the sources.
describe("the 128 px icon", () => {
  const png = icon(128);
  const alpha = (x: number, y: number) => png.pixels[(y * png.width + x) * 4 + 3] ?? -1;
  const inside = (x: number, y: number) => x >= 16 && x < 112 && y >= 16 && y < 112;

  it("is 128×128, 8-bit RGBA", () => {
    expect({
      width: png.width,
      height: png.height,
      colorType: png.colorType,
      bitDepth: png.bitDepth,
    }).toEqual({
      width: 128,
      height: 128,
      colorType: 6,
      bitDepth: 8,
    });
    expect(png.pixels).toHaveLength(128 * 128 * 4);
  });

  it("is fully transparent outside the central 96×96 square", () => {
    const visible: string[] = [];
    for (let y = 0; y < 128; y++)
      for (let x = 0; x < 128; x++) if (!inside(x, y) && alpha(x, y) !== 0) visible.push(`${x},${y}`);
    expect(visible).toEqual([]);
  });

  it("has artwork inside it: opaque pixels, and transparent ones around the shapes", () => {
    let opaque = 0;
    let transparent = 0;
    for (let y = 16; y < 112; y++)
      for (let x = 16; x < 112; x++) {
        if (alpha(x, y) === 255) opaque++;
        if (alpha(x, y) === 0) transparent++;
      }
    expect(opaque).toBeGreaterThan(96 * 96 * 0.4);
    expect(transparent).toBeGreaterThan(0);
  });
});

describe("the toolbar icons", () => {
  it.each([16, 32, 48])("%i px exists at its size, RGBA, with artwork", (size) => {
    const png = icon(size);
    expect({ width: png.width, height: png.height, colorType: png.colorType }).toEqual({
      width: size,
      height: size,
      colorType: 6,
    });
    expect(png.pixels.some((value, index) => index % 4 === 3 && value === 255)).toBe(true);
  });
});
