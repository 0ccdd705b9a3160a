const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** A horizontal bar chart as a standalone SVG; a suppressed (null) value is labelled, not drawn. */
export function svgBarChart(title: string, bars: Array<{ label: string; value: number | null }>): string {
  const width = 640;
  const barHeight = 22;
  const left = 170;
  const top = 36;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const scale = (width - left - 60) / max;
  const rows = bars.map((bar, i) => {
    const y = top + i * (barHeight + 6);
    const label = `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="12">${escape(bar.label)}</text>`;
    if (bar.value === null) {
      return `${label}<text x="${left + 4}" y="${y + 15}" font-size="12" font-style="italic" fill="#9b1c1c">suppressed</text>`;
    }
    const w = Math.max(1, bar.value * scale);
    return `${label}<rect x="${left}" y="${y}" width="${w}" height="${barHeight}" fill="#0b3d6b"/><text x="${left + w + 4}" y="${y + 15}" font-size="12">${bar.value}</text>`;
  });
  const height = top + bars.length * (barHeight + 6) + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(title)}"><text x="0" y="20" font-size="14" font-weight="bold">${escape(title)}</text>${rows.join("")}</svg>`;
}

export { escape as escapeHtml };
