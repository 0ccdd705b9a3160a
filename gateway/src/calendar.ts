import express from "express";
import ical, { ICalCalendarMethod } from "ical-generator";

const DAY_MS = 86_400_000;

/** The feed reaches a year back; calendars keep what they already have. */
const EVENTS_QUERY = `query CalendarFeed($since: DateTimeISO!) { regionalEvents(since: $since) {
  id kind title topic startsOn endsOn place organiser planItemIds version updatedAt materials { title url } } }`;

interface FeedEvent {
  id: string;
  kind: string;
  title: string;
  topic: string;
  startsOn: string;
  endsOn: string;
  place: string;
  organiser: string;
  planItemIds: string[];
  version: number;
  updatedAt: string;
  materials: Array<{ title: string; url: string }>;
}

/** The HTTP status of a refused GraphQL answer: what a calendar client understands. */
function statusOf(code: string | undefined): number {
  if (code === "UNAUTHENTICATED") return 401;
  if (code === "FORBIDDEN") return 403;
  return 503;
}

/**
 * `GET /calendar.ics`: the regional events as an iCalendar feed, for the caller's own token. The events are
 * read through this gateway's own GraphQL endpoint like any client's, so the directory checks the token and
 * nothing is kept here.
 */
export function mountCalendar(app: express.Express, graphqlUrl: () => string | undefined): void {
  app.get("/calendar.ics", async (req, res) => {
    const url = graphqlUrl();
    if (!url) {
      res.status(503).type("text/plain").send("The gateway is starting; try again shortly.\n");
      return;
    }
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    let result: {
      data?: { regionalEvents?: FeedEvent[] | null };
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify({
          query: EVENTS_QUERY,
          variables: { since: new Date(Date.now() - 365 * DAY_MS).toISOString() },
        }),
        signal: AbortSignal.timeout(15_000),
      });
      result = (await response.json()) as typeof result;
    } catch {
      res.status(503).type("text/plain").send("The events could not be read; try again shortly.\n");
      return;
    }
    const events = result.data?.regionalEvents;
    if (!events) {
      const error = result.errors?.[0];
      res
        .status(statusOf(error?.extensions?.code))
        .type("text/plain")
        .send(`${error?.message ?? "The events could not be read."}\n`);
      return;
    }
    const calendar = ical({
      name: "CBSS Children's Unit: regional events",
      prodId: { company: "CBSS Children's Unit", product: "NCP federation", language: "EN" },
      method: ICalCalendarMethod.PUBLISH,
    });
    for (const event of events) {
      const materials = event.materials.map((m) => `${m.title}: ${m.url}`);
      calendar.createEvent({
        id: `${event.id}@regional-events.cbss-ncp`,
        sequence: event.version,
        stamp: new Date(event.updatedAt),
        allDay: true,
        start: new Date(event.startsOn),
        // iCalendar's all-day end is exclusive: the day after the last day.
        end: new Date(new Date(event.endsOn).getTime() + DAY_MS),
        summary: event.title,
        location: event.place,
        categories: [{ name: event.kind }],
        description: [
          event.topic,
          `Organised by ${event.organiser}`,
          `Plan of Action: ${event.planItemIds.join(", ")}`,
          ...(materials.length ? ["Materials:", ...materials] : []),
        ].join("\n"),
      });
    }
    res.status(200).type("text/calendar; charset=utf-8").send(calendar.toString());
  });
}
