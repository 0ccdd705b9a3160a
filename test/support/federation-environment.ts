import type { EnvironmentContext, JestEnvironmentConfig } from "@jest/environment";
import NodeEnvironment from "jest-environment-node";
import { federationWith, releaseFederation } from "./federation-pool";

/** What a suite reaches of the run's federations, from inside its sandbox (see test/support/federation.ts). */
export interface TestFederations {
  federationWith: typeof federationWith;
  release: typeof releaseFederation;
}

/**
 * Node's environment, with a handle on the federations that outlive one suite: they are started and
 * stopped in jest's own realm (test/support/federation-pool.ts), and a suite asks for them through it.
 */
export default class FederationEnvironment extends NodeEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const federations: TestFederations = { federationWith, release: releaseFederation };
    this.global.testFederations = federations;
  }
}
