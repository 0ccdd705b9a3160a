import { createServer, IncomingMessage } from "node:http";
import { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { Kind, OperationDefinitionNode, parse, print } from "graphql";
import { Webhook as Verifier, WebhookVerificationError } from "standardwebhooks";
import { DPOP_HEADER } from "#core";
import { proofKeyFile, signProof } from "./national-system/proof-key";
import { operationFiles } from "./national-system/operations";
import type {
  MarkNotificationsReadMutation,
  MarkNotificationsReadMutationVariables,
  ReferralQuery,
  ReferralQueryVariables,
  RegisterWebhookMutation,
  RegisterWebhookMutationVariables,
  RemoveWebhookMutation,
  RemoveWebhookMutationVariables,
} from "./national-system/operations.generated";

const USAGE =
  "Usage: npm run national-system -- --gateway <url> --token <NATIONAL_SYSTEM token of LT with scopes referrals:read and webhooks:manage> [--port 0] [--dpop-key <file the token is bound to>]";

/** A doorbell as the webhook delivers it (docs/referrals.md, "Doorbells"). */
interface DoorbellMessage {
  type: string;
  data: { id: string; event: string; referralId: string; from: string; to: string; at: string };
}

/**
 * An example national system of Lithuania that polls nothing: it registers a webhook at its country's
 * subgraph, verifies each delivery's Standard Webhooks signature, reads the referral a doorbell names with
 * the documented operations (docs/operations, typed by GraphQL Code Generator), prints one line per doorbell
 * and marks it read. Ctrl-C removes its webhook.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      gateway: { type: "string" },
      token: { type: "string" },
      port: { type: "string", default: "0" },
      "dpop-key": { type: "string" },
    },
  });
  if (!values.gateway || !values.token) throw new Error(USAGE);
  const gateway = values.gateway;
  const token = values.token;
  // A token bound to a key (`npm run token -- --dpop-key`) goes with a fresh proof of it on each request.
  const proofKey = values["dpop-key"] ? await proofKeyFile(values["dpop-key"]) : undefined;

  // The documented operations, by name.
  const operations = new Map<string, string>();
  for (const { text } of await operationFiles()) {
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) {
        operations.set(definition.name.value, print(definition as OperationDefinitionNode));
      }
    }
  }
  async function run<TData, TVariables>(name: string, variables: TVariables): Promise<TData> {
    const response = await fetch(gateway, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        ...(proofKey
          ? { [DPOP_HEADER]: await signProof(proofKey, { method: "POST", url: gateway, token }) }
          : {}),
      },
      body: JSON.stringify({ query: operations.get(name), variables }),
    });
    const result = (await response.json()) as { data?: TData; errors?: Array<{ message: string }> };
    if (result.errors?.length) throw new Error(`${name}: ${result.errors.map((e) => e.message).join("; ")}`);
    return result.data!;
  }

  let verifier: Verifier | undefined;
  const server = createServer(async (req, res) => {
    const body = await read(req);
    try {
      if (!verifier) throw new WebhookVerificationError("not registered yet");
      const message = verifier.verify(body, req.headers as Record<string, string>) as DoorbellMessage;
      res.writeHead(204).end();
      await handle(message);
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        console.log(`refused a delivery: ${error.message}`);
        if (!res.headersSent) res.writeHead(401).end();
        return;
      }
      console.error(`could not handle a doorbell: ${(error as Error).message}`);
    }
  });

  async function handle({ data }: DoorbellMessage): Promise<void> {
    const referral = await run<ReferralQuery, ReferralQueryVariables>("Referral", {
      from: data.referralId.slice(0, 2),
      id: data.referralId,
    });
    const found = referral.country?.referral;
    console.log(
      `${data.event} ${data.referralId} from ${data.from}` +
        (found ? `: ${found.purpose} (${found.urgency}), ${found.status}` : ": not readable"),
    );
    await run<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>(
      "MarkNotificationsRead",
      {
        ids: [data.id],
      },
    );
  }

  await new Promise<void>((resolve) => server.listen(Number(values.port), "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/doorbells`;
  const registered = await run<RegisterWebhookMutation, RegisterWebhookMutationVariables>("RegisterWebhook", {
    url,
  });
  verifier = new Verifier(registered.lithuania.registerWebhook.secret);
  const webhookId = registered.lithuania.registerWebhook.webhook.id;
  console.log(`listening at ${url} (webhook ${webhookId})`);

  const stop = async () => {
    await run<RemoveWebhookMutation, RemoveWebhookMutationVariables>("RemoveWebhook", {
      id: webhookId,
    }).then(
      () => console.log(`removed webhook ${webhookId}`),
      (error) => console.error(`could not remove the webhook: ${(error as Error).message}`),
    );
    server.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
