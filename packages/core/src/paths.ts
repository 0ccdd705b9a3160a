import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The repository (or image) root: the nearest folder above this file holding package.json. */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Works the same from the TypeScript sources (tests) and from dist/ (deployments). */
export const ROOT_DIR = findRoot(__dirname);
