import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pinnedArchives, pinnedSources } from "../../scripts/store/documentdb";

/**
 * Where the store's build takes its pinned source archives from: the cache, filled from STORE_VENDOR_DIR
 * (or a download, which no test makes), never an archive whose checksum is not the pinned one.
 */
describe("the store's pinned sources", () => {
  let root: string;
  let vendor: string;
  const saved = { cache: process.env.STORE_CACHE_DIR, vendor: process.env.STORE_VENDOR_DIR };
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "store-sources-"));
    vendor = join(root, "vendor");
    mkdirSync(vendor);
    process.env.STORE_CACHE_DIR = join(root, "cache");
    process.env.STORE_VENDOR_DIR = vendor;
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    for (const [name, value] of [
      ["STORE_CACHE_DIR", saved.cache],
      ["STORE_VENDOR_DIR", saved.vendor],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("pins the three archives the build script unpacks", () => {
    const script = readFileSync(join(__dirname, "../../scripts/store/build-documentdb.sh"), "utf8");
    const files = [...pinnedArchives().keys()];
    expect(files).toHaveLength(3);
    for (const file of files) expect(script).toContain(file.replace(/\.tar\.gz$/, ""));
  });

  it("copies the archives from STORE_VENDOR_DIR into the cache, checked, and uses the cache from then on", async () => {
    writeFileSync(join(vendor, "a.tar.gz"), "archive a");
    writeFileSync(join(vendor, "b.tar.gz"), "archive b");
    const archives = new Map([
      ["a.tar.gz", sha256("archive a")],
      ["b.tar.gz", sha256("archive b")],
    ]);
    const dir = await pinnedSources(log, archives);
    expect(dir).toBe(join(root, "cache", "sources"));
    expect(readFileSync(join(dir, "b.tar.gz"), "utf8")).toBe("archive b");

    rmSync(vendor, { recursive: true });
    delete process.env.STORE_VENDOR_DIR;
    expect(await pinnedSources(log, archives)).toBe(dir);
  });

  it("refuses an archive that is not the pinned one and does not keep it", async () => {
    writeFileSync(join(vendor, "a.tar.gz"), "something else");
    const archives = new Map([["a.tar.gz", sha256("archive a")]]);
    await expect(pinnedSources(log, archives)).rejects.toThrow(
      `The store's source a.tar.gz is not the pinned archive: its SHA-256 is ${sha256("something else")}`,
    );
    expect(existsSync(join(root, "cache", "sources", "a.tar.gz"))).toBe(false);
  });

  it("names the files to put where when an archive cannot be had, and keeps nothing half-copied", async () => {
    writeFileSync(join(vendor, "a.tar.gz"), "archive a");
    const archives = new Map([
      ["a.tar.gz", sha256("archive a")],
      ["b.tar.gz", sha256("archive b")],
    ]);
    const failure = pinnedSources(log, archives);
    await expect(failure).rejects.toThrow(`b.tar.gz (not in STORE_VENDOR_DIR (${vendor}))`);
    await expect(failure).rejects.toThrow(
      `Put a.tar.gz, b.tar.gz (their SHA-256 is in scripts/store/vendor.sha256) into ${join(root, "cache", "sources")}`,
    );
    expect(existsSync(join(root, "cache", "sources", "b.tar.gz.partial"))).toBe(false);
  });
});
