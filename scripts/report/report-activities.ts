// scripts/report/: the parts of `npm run report` (scripts/report.ts), the WGCC report. This file tells the
// Plan's activities; report-pdf.ts writes the PDF, svg-chart.ts the charts, csv.ts the CSV fields.
import { csvField } from "./csv";
import { escapeHtml } from "./svg-chart";

/** What the WGCC report says of the Plan's activities in a year: from the tracker, the events and the countries. */
export const ACTIVITIES_QUERY = `query WgccActivities($year: Int!) {
  planOfAction { title source sections { number title items { id title owner status
    notes(year: $year) { kind writtenOn text }
    events(year: $year) { title kind startsOn endsOn place participantCount participatingCountries } } } }
  countries { code name planProgress(year: $year) { itemId reportedOn text } }
}`;

interface EventSummary {
  title: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  place: string;
  participantCount: number;
  participatingCountries: string[];
}
interface ItemView {
  id: string;
  title: string;
  owner: string;
  status: string;
  notes: Array<{ kind: "PROGRESS" | "GAP" | "SUGGESTION"; writtenOn: string; text: string }>;
  events: EventSummary[];
}
export interface ActivitiesData {
  planOfAction: {
    title: string;
    source: string;
    sections: Array<{ number: string; title: string; items: ItemView[] }>;
  };
  countries: Array<{
    code: string;
    name: string;
    planProgress: Array<{ itemId: string; reportedOn: string; text: string }> | null;
  }>;
}

/** One item as the report tells it: what was done, by whom, what is missing, what is suggested. */
export interface ItemReport {
  id: string;
  title: string;
  owner: string;
  status: string;
  events: EventSummary[];
  national: Array<{ country: string; reportedOn: string; text: string }>;
  progress: string[];
  gaps: string[];
  suggestions: string[];
}

export interface SectionReport {
  number: string;
  title: string;
  items: ItemReport[];
}

const day = (iso: string) => iso.slice(0, 10);
/** An enum value as words: `IN_PROGRESS` -> "in progress". */
export const label = (value: string) => value.toLowerCase().replace(/_/g, " ");

export function activityReport(data: ActivitiesData): SectionReport[] {
  const national = data.countries.flatMap((c) =>
    (c.planProgress ?? []).map((p) => ({ country: c.code, ...p })),
  );
  return data.planOfAction.sections.map((section) => ({
    number: section.number,
    title: section.title,
    items: section.items.map((item) => {
      const notes = (kind: string) => item.notes.filter((n) => n.kind === kind).map((n) => n.text);
      return {
        id: item.id,
        title: item.title,
        owner: item.owner,
        status: item.status,
        events: item.events,
        national: national
          .filter((n) => n.itemId === item.id)
          .map((n) => ({ country: n.country, reportedOn: day(n.reportedOn), text: n.text })),
        progress: notes("PROGRESS"),
        // A stalled item is a gap even when nobody wrote one down.
        gaps:
          item.status === "STALLED" && !notes("GAP").length ? ["The activity has stalled."] : notes("GAP"),
        suggestions: notes("SUGGESTION"),
      };
    }),
  }));
}

export function eventLine(e: EventSummary): string {
  const dates = e.startsOn === e.endsOn ? day(e.startsOn) : `${day(e.startsOn)} to ${day(e.endsOn)}`;
  const who = e.participantCount
    ? `${e.participantCount} participants from ${e.participatingCountries.join(", ")}`
    : "no participants recorded";
  return `${label(e.kind)}: ${e.title}, ${e.place}, ${dates} (${who})`;
}

const list = (items: string[]) =>
  items.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>` : "";

export function activitiesHtml(sections: SectionReport[], source: string): string {
  const body = sections
    .map(
      (section) => `<h3>${escapeHtml(section.number)}. ${escapeHtml(section.title)}</h3>
${section.items
  .map(
    (
      item,
    ) => `<div class="item" data-item="${escapeHtml(item.id)}"><h4>${escapeHtml(item.id)} ${escapeHtml(item.title)}</h4>
<p class="note">Status: <strong>${escapeHtml(label(item.status))}</strong>; carried by ${escapeHtml(item.owner)}</p>
${item.events.length ? `<p>Events:</p>${list(item.events.map(eventLine))}` : ""}
${item.progress.length ? `<p>Done (Regional Focal Point):</p>${list(item.progress)}` : ""}
${item.national.length ? `<p>National progress:</p>${list(item.national.map((n) => `${n.country}, ${n.reportedOn}: ${n.text}`))}` : ""}
${item.gaps.length ? `<p>Gaps:</p>${list(item.gaps)}` : ""}
${item.suggestions.length ? `<p>Suggestions:</p>${list(item.suggestions)}` : ""}</div>`,
  )
  .join("\n")}`,
    )
    .join("\n");
  return `<section id="activities"><h2>Activities of the Plan of Action</h2>
<p class="note">${escapeHtml(source)}</p>
${body}
<p class="note">CSV: <a href="activities.csv">activities.csv</a></p></section>`;
}

/** One line per item: the figures and the texts, so the WGCC secretariat can sort and filter. */
export function activitiesCsv(sections: SectionReport[]): string {
  const lines = ["item,title,status,owner,events,participants,national_notes,done,gaps,suggestions"];
  for (const item of sections.flatMap((s) => s.items)) {
    lines.push(
      [
        item.id,
        item.title,
        item.status,
        item.owner,
        String(item.events.length),
        String(item.events.reduce((sum, e) => sum + e.participantCount, 0)),
        item.national.map((n) => `${n.country}: ${n.text}`).join(" | "),
        item.progress.join(" | "),
        item.gaps.join(" | "),
        item.suggestions.join(" | "),
      ]
        .map(csvField)
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}
