import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { missingPackages, storePackages, TEST_PACKAGES } from "../../scripts/store/system-packages";
import { ROOT_DIR } from "#core";

describe("the Debian packages the project needs", () => {
  it("tells installed packages from missing ones", () => {
    expect(missingPackages(["dpkg", "no-such-package-cbss", "coreutils"])).toEqual(["no-such-package-cbss"]);
  });

  it("reads the store's packages from its list, without comments", () => {
    const packages = storePackages();
    expect(packages).toEqual(expect.arrayContaining(["postgresql-15", "libbson-dev"]));
    expect(packages.some((p) => p.startsWith("#") || p.includes(" "))).toBe(false);
    expect(TEST_PACKAGES).toEqual(["chromium", "poppler-utils", "docker-compose"]);
  });

  it("where it may not install (APT_INSTALL=off here), stops with the one command to run, and installs nothing", () => {
    const script = `require(${JSON.stringify(join(ROOT_DIR, "dist/scripts/store/system-packages.js"))})
      .ensurePackages(["no-such-package-cbss", "dpkg"], "a test", () => console.log("installing"))`;
    const run = spawnSync(process.execPath, ["-e", script], {
      encoding: "utf8",
      env: { ...process.env, APT_INSTALL: "off" },
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toContain("installing");
    expect(run.stderr).toContain("Missing Debian packages (a test): no-such-package-cbss\n");
    expect(run.stderr).toMatch(/\n {2}(sudo )?apt-get install -y no-such-package-cbss\n/);
  });
});
