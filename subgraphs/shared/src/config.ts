/** Small typed readers for environment configuration, validated once at start-up. */

export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`Environment variable ${name} is required.`);
  return value;
}

export function portEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Environment variable ${name} must be a port number, got '${raw}'.`);
  }
  return port;
}

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === "production";
}

/** A whole number, 1 or more, such as a rate: `what` names its unit in the error. */
export function positiveIntEnv(
  name: string,
  fallback: number,
  what: string,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Environment variable ${name} must be a whole number of ${what}, 1 or more, got '${raw}'.`,
    );
  }
  return value;
}
