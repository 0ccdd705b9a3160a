import { csvField } from "../../scripts/report/csv";

describe("a CSV field of the WGCC report", () => {
  it("quotes what would split the line", () => {
    expect(csvField("Malmö, Sweden")).toBe('"Malmö, Sweden"');
    expect(csvField('the "Bridge" project')).toBe('"the ""Bridge"" project"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("keeps a formula a spreadsheet would run as text, and numbers as numbers", () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""x"")"',
    );
    for (const formula of ["+1+1", "-2+3", "@SUM(A1)", "\tcmd"])
      expect(csvField(formula)).toBe(`'${formula}`);
    for (const number of ["0", "12", "-3", "4.5"]) expect(csvField(number)).toBe(number);
    expect(csvField("")).toBe("");
  });
});
