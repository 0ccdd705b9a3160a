import PDFDocument from "pdfkit";
import { createWriteStream } from "node:fs";
import { dirname, join } from "node:path";
import { eventLine, label, SectionReport } from "./report-activities";

/** DejaVu Sans (an npm package), because the PDF standard fonts cannot write ā, ė, ł, š or Cyrillic. */
const FONTS = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

export interface PdfTable {
  title: string;
  /** Country and its total, or "suppressed". */
  totals: Array<[string, string]>;
}

/** The WGCC report as a PDF (pdfkit): the statistics' totals by country, then the activities item by item. */
export function writeReportPdf(
  path: string,
  report: {
    year: number;
    generated: string;
    unreachable: string[];
    tables: PdfTable[];
    activities: SectionReport[];
  },
): Promise<void> {
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `WGCC report ${report.year}` } });
  const done = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    out.on("finish", resolve);
    out.on("error", reject);
    doc.pipe(out);
  });
  doc.registerFont("body", join(FONTS, "DejaVuSans.ttf"));
  doc.registerFont("bold", join(FONTS, "DejaVuSans-Bold.ttf"));
  const heading = (text: string, size: number) => doc.moveDown(0.6).font("bold").fontSize(size).text(text);
  const para = (text: string, size = 10) => doc.font("body").fontSize(size).text(text);
  const bullets = (title: string, lines: string[]) => {
    if (!lines.length) return;
    para(title);
    for (const line of lines) doc.font("body").fontSize(9).text(`- ${line}`, { indent: 12 });
  };

  heading(`Unaccompanied and trafficked children in the Baltic Sea region, ${report.year}`, 16);
  para(
    `Report of the Regional Focal Point to the WGCC, generated ${report.generated} from the federated national ` +
      "registries. Each country computed its own figures; no record left a country.",
  );
  if (report.unreachable.length) para(`Did not answer: ${report.unreachable.join(", ")}.`);

  heading("Statistics: totals by country", 13);
  for (const table of report.tables) {
    heading(table.title, 11);
    para(table.totals.map(([country, total]) => `${country} ${total}`).join("   "), 9);
  }

  doc.addPage();
  heading("Activities of the Plan of Action", 13);
  for (const section of report.activities) {
    heading(`${section.number}. ${section.title}`, 12);
    for (const item of section.items) {
      heading(`${item.id} ${item.title}`, 10);
      para(`Status: ${label(item.status)}; carried by ${item.owner}`, 9);
      bullets("Events:", item.events.map(eventLine));
      bullets("Done (Regional Focal Point):", item.progress);
      bullets(
        "National progress:",
        item.national.map((n) => `${n.country}, ${n.reportedOn}: ${n.text}`),
      );
      bullets("Gaps:", item.gaps);
      bullets("Suggestions:", item.suggestions);
    }
  }
  doc.end();
  return done;
}
