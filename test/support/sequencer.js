const { readFileSync } = require("node:fs");
const Sequencer = require("@jest/test-sequencer").default;

/**
 * A fixed order, the same on every machine: unit tests, then the suites that share one federation, then
 * those that start their own (each stops the shared one first, so that no federation is started twice).
 * Plain JavaScript: jest loads its sequencer without transforming it.
 */
class FederationSequencer extends Sequencer {
  sort(tests) {
    const kind = (test) => {
      if (!test.path.includes("/integration/")) return 0;
      return /\buseFederation\(|LocalFederation\.start\(/.test(readFileSync(test.path, "utf8")) ? 2 : 1;
    };
    return [...tests].sort((a, b) => kind(a) - kind(b) || a.path.localeCompare(b.path));
  }
}

module.exports = FederationSequencer;
