import { ensureStoreBuilt, storeCacheDir } from "./store/documentdb";

/** `npm run store:build`: builds the embedded store into the machine's cache, if it is not there yet. */
ensureStoreBuilt()
  .then((build) => console.log(`The embedded store is ready in ${build.prefix} (cache: ${storeCacheDir()}).`))
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
