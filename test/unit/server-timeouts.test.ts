import { buildSchema } from "graphql";
import { connect } from "node:net";
import { RunningServer, SERVER_TIMEOUTS, startGraphQLHttpServer } from "#core";

/**
 * A client that sends its request slowly (a slowloris) is cut off: the server answers 408 and closes the
 * connection once the headers, or the whole request, take longer than allowed. The services' own bounds
 * (SERVER_TIMEOUTS) are seconds; here the same server runs with bounds of a fraction of a second.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startGraphQLHttpServer({
    apollo: { schema: buildSchema("type Query { hello: String }"), rootValue: { hello: "hi" } },
    context: async () => ({}),
    port: 0,
    isReady: async () => true,
    timeouts: { headersMs: 300, requestMs: 600 },
  });
});
afterAll(() => server.stop());

/** Sends `text` and nothing more; resolves with what the server answered when it closed, within 10 s. */
function sendAndWait(text: string): Promise<{ answer: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(server.port, "127.0.0.1", () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closed: false });
    }, 10_000);
    socket.on("close", () => {
      clearTimeout(giveUp);
      resolve({ answer, closed: true });
    });
  });
}

describe("a service's HTTP server", () => {
  it("bounds the headers and the whole request to seconds, not Node's minutes", () => {
    expect(SERVER_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(SERVER_TIMEOUTS.requestMs).toBeLessThanOrEqual(30_000);
  });

  it("cuts off a client whose headers never end", async () => {
    const { answer, closed } = await sendAndWait("POST /graphql HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1");
    expect(closed).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("cuts off a client whose body never ends", async () => {
    const { answer, closed } = await sendAndWait(
      "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    );
    expect(closed).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("still answers a request sent at once", async () => {
    const body = JSON.stringify({ query: "{ hello }" });
    const { answer } = await sendAndWait(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('{"data":{"hello":"hi"}}');
  });
});
