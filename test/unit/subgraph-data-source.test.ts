import { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types";
import { generateKeyPair } from "jose";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { SubgraphDataSource } from "../../gateway/src/subgraph-data-source";

/**
 * How the gateway reports a national subgraph that does not answer, cannot be reached, or refuses the
 * request: what a caller reads in `errors` (docs/architecture.md, "The federation pattern").
 */
describe("the gateway's requests to a subgraph", () => {
  let server: Server;
  let port: number;
  let credentialKey: CryptoKey | Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
  const heard: Array<Record<string, string | string[] | undefined>> = [];

  beforeAll(async () => {
    ({ privateKey: credentialKey } = await generateKeyPair("ES256"));
    server = createServer((req, res) => {
      heard.push(req.headers);
      if (req.url === "/silent") return; // Holds the request open, never answering.
      if (req.url === "/trickles") {
        // Answers at once, then sends its body a byte at a time, never finishing.
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"data":');
        const drip = setInterval(() => res.write(" "), 100);
        res.on("close", () => clearInterval(drip));
        return;
      }
      if (req.url === "/refuses") {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            errors: [
              { message: "ageAtIdentification must be 0-17.", extensions: { code: "BAD_USER_INPUT" } },
            ],
          }),
        );
        return;
      }
      if (req.url === "/partial") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ data: { __typename: "Query" }, errors: [{ message: "One field failed." }] }),
        );
        return;
      }
      if (req.url === "/not-graphql") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end("[]");
        return;
      }
      if (req.url === "/floods") {
        // A valid start, then far more than the gateway reads, with no length announced.
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"data":{"padding":"');
        res.end(`${"x".repeat(64 * 1024)}"}}`);
        return;
      }
      if (req.url === "/signed-out") {
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: "Sign in to read this." }] }));
        return;
      }
      if (req.url === "/throttled") {
        res.writeHead(429, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "Slow down." }));
        return;
      }
      if (req.url === "/behind-a-broken-proxy") {
        res.writeHead(502, { "content-type": "text/html" });
        res.end("<html><body>Bad Gateway</body></html>");
        return;
      }
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ data: { __typename: "Query" } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const ask = (
    path: string,
    timeoutMs = 2_000,
    url = `http://127.0.0.1:${port}${path}`,
    maxAnswerBytes?: number,
  ) =>
    new SubgraphDataSource("national-se", url, timeoutMs, credentialKey, maxAnswerBytes).process({
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request: { query: "{ __typename }" },
      context: { authorization: "Bearer caller-token" },
      incomingRequestContext: {} as never,
    });

  /** What a caller reads when Sweden's subgraph fails it, for the reason given. */
  const swedenUnavailable = (reason: string) => ({
    message: `Sweden (SE) is unavailable: ${reason}. Data from the other countries is unaffected.`,
    extensions: { code: "COUNTRY_UNAVAILABLE", country: "SE" },
  });

  it("answers with the subgraph's data, sending the caller's token and a gateway credential", async () => {
    const response = await ask("/answers");
    expect(response.data).toEqual({ __typename: "Query" });
    const headers = heard[heard.length - 1];
    expect(headers.authorization).toBe("Bearer caller-token");
    expect(headers["x-gateway-credential"]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("tells the subgraph how long it waits, and no longer than its own caller does", async () => {
    await ask("/answers");
    expect(heard[heard.length - 1]["ncp-timeout-ms"]).toBe("2000");
    const soon = Date.now() + 300;
    await new SubgraphDataSource(
      "national-se",
      `http://127.0.0.1:${port}/answers`,
      2_000,
      credentialKey,
    ).process({
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request: { query: "{ __typename }" },
      context: { authorization: "Bearer caller-token", deadline: soon },
      incomingRequestContext: {} as never,
    });
    const told = Number(heard[heard.length - 1]["ncp-timeout-ms"]);
    expect(told).toBeGreaterThanOrEqual(0);
    expect(told).toBeLessThanOrEqual(300);
  });

  it("passes on an answer with both data and errors as it came", async () => {
    expect(await ask("/partial")).toEqual({
      data: { __typename: "Query" },
      errors: [{ message: "One field failed." }],
    });
  });

  it("names the country whose answer is JSON but not GraphQL, rather than dropping its data silently", async () => {
    await expect(ask("/not-graphql")).rejects.toMatchObject(swedenUnavailable("its answer was not GraphQL"));
  });

  it("names the country that did not answer in time", async () => {
    await expect(ask("/silent", 300)).rejects.toMatchObject(swedenUnavailable("it did not answer in time"));
  });

  it("gives up on a country that answers but never finishes, however steadily it sends", async () => {
    await expect(ask("/trickles", 500)).rejects.toMatchObject(swedenUnavailable("it did not answer in time"));
  });

  it("stops reading an answer larger than it reads, and names the country", async () => {
    await expect(ask("/floods", 2_000, undefined, 16 * 1024)).rejects.toMatchObject(
      swedenUnavailable("its answer was larger than the gateway reads"),
    );
    // The same answer within the bound is read whole.
    expect((await ask("/floods")).data).toEqual({ padding: "x".repeat(64 * 1024) });
  });

  it("names the country that could not be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(ask("/", 2_000, `http://127.0.0.1:${closedPort}/graphql`)).rejects.toMatchObject(
      swedenUnavailable("it could not be reached"),
    );
  });

  it("names the country whose answer was an HTTP error, not GraphQL", async () => {
    await expect(ask("/behind-a-broken-proxy")).rejects.toMatchObject(
      swedenUnavailable("it answered HTTP 502"),
    );
  });

  it("gives a refusal without a code of its own the code of its HTTP status", async () => {
    await expect(ask("/signed-out")).rejects.toMatchObject({
      message: "Sign in to read this.",
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("does not take a refusal that is not GraphQL for a fault in the caller's request", async () => {
    await expect(ask("/throttled")).rejects.toMatchObject(swedenUnavailable("it answered HTTP 429"));
  });

  it("passes on what the subgraph said when it refused the request", async () => {
    await expect(ask("/refuses")).rejects.toMatchObject({
      message: "ageAtIdentification must be 0-17.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});
