import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx$/u.test(name) && !/\.test\.tsx$/u.test(name) ? [path] : [];
  });
}

const FILES = [...sourceFiles(join(ROOT, "entrypoints")), ...sourceFiles(join(ROOT, "components"))];

/** Attributes a person reads or hears. */
const READ_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "aria-roledescription",
  "title",
  "placeholder",
  "alt",
]);
const HAS_LETTER = /\p{L}/u;

/** Text typed straight into the markup: JSX text and string-valued read attributes. */
function literalUiText(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && HAS_LETTER.test(node.text)) found.push(node.text.trim());
    if (
      ts.isJsxAttribute(node) &&
      READ_ATTRIBUTES.has(node.name.getText(source)) &&
      node.initializer !== undefined &&
      ts.isStringLiteral(node.initializer) &&
      HAS_LETTER.test(node.initializer.text)
    ) {
      found.push(`${node.name.getText(source)}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// A word typed straight into the markup would stay English in every language: every string a
// person sees or hears on a page comes from the message catalog through t().
describe("user-visible text", () => {
  it.each(FILES.map((file) => [relative(ROOT, file), file]))(
    "in %s comes from the message catalog",
    (_name, file) => {
      expect(literalUiText(file)).toEqual([]);
    },
  );

  it("is found by this check (it would catch a literal)", () => {
    const probe = join(import.meta.dirname, "fixtures/literal-text.tsx");
    expect(literalUiText(probe)).toEqual(["Send now", 'aria-label="Close"']);
  });
});
