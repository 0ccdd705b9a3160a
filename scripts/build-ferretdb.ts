import { ensureFerretDB } from "./lib/ferretdb";

/** `npm run ferretdb:build`: builds the embedded store once (CI calls it before the tests). */
console.log(`FerretDB ready: ${ensureFerretDB()}`);
