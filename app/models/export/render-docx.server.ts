import { Resvg } from "@resvg/resvg-js";
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

import type { Block, Chart, Outline } from "./outline";

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

/** Charts go in as SVG with a PNG fallback (Word before 2016 and some viewers cannot show SVG). */
function chartImage(chart: Chart): Paragraph {
  // Page charts size themselves to their container (width="100%"); an image needs its own size.
  const svg = chart.svg.replace(/<svg([^>]*?)\swidth="100%"/, `<svg$1 width="${chart.width}" height="${chart.height}"`);
  const png = new Resvg(svg, {
    fitTo: { mode: "width", value: chart.width * 2 },
    background: "white",
  })
    .render()
    .asPng();
  // 16 cm of text width at 96 dpi is about 600 px.
  const width = Math.min(600, chart.width);
  const height = Math.round((chart.height * width) / chart.width);
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    children: [
      new ImageRun({
        type: "svg",
        data: Buffer.from(svg, "utf8"),
        fallback: { type: "png", data: png },
        transformation: { width, height },
        altText: { name: chart.title, title: chart.title, description: chart.alt },
      }),
    ],
  });
}

function table(b: Extract<Block, { type: "table" }>): (Paragraph | Table)[] {
  const border = { style: BorderStyle.SINGLE, size: 4, color: "B1B4B6" };
  const borders = { top: border, bottom: border, left: border, right: border };
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text) =>
          new TableCell({
            borders,
            shading: header
              ? { type: ShadingType.CLEAR, color: "auto", fill: "F3F2F1" }
              : undefined,
            children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })],
          }),
      ),
    });
  return [
    new Paragraph({
      children: [new TextRun({ text: b.caption, bold: true })],
      keepNext: true,
      spacing: { before: 200 },
    }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [row(b.head, true), ...b.rows.map((r) => row(r, false))],
    }),
  ];
}

function blockToDocx(b: Block): (Paragraph | Table | TableOfContents)[] {
  switch (b.type) {
    case "heading":
      return [new Paragraph({ text: b.text, heading: HEADINGS[b.level] })];
    case "paragraph":
      return [
        new Paragraph({
          children: [new TextRun({ text: b.text, color: b.muted ? "505A5F" : undefined })],
          spacing: { after: 120 },
        }),
      ];
    case "list":
      return b.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    case "quote":
      return [
        new Paragraph({
          indent: { left: 567 },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: "B1B4B6", space: 8 } },
          children: [new TextRun({ text: b.text, italics: true })],
        }),
        new Paragraph({
          indent: { left: 567 },
          spacing: { after: 160 },
          children: [new TextRun({ text: `— ${b.source}`, color: "505A5F", size: 20 })],
        }),
      ];
    case "table":
      return table(b);
    case "chart":
      return [
        chartImage(b.chart),
        new Paragraph({
          children: [
            new TextRun({ text: `${b.chart.title}: ${b.chart.alt}`, size: 20, color: "505A5F" }),
          ],
        }),
      ];
    case "toc":
      return [
        new Paragraph({
          children: [new TextRun({ text: "Contents", bold: true, size: 32 })],
          spacing: { before: 240, after: 120 },
        }),
        new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-2" }),
      ];
    case "pagebreak":
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/** The learning summary as a Word document: real heading styles, a table of contents, tables, charts. */
export async function renderDocx(outline: Outline): Promise<Buffer> {
  const doc = new Document({
    creator: "Praxis",
    title: outline.title,
    description: outline.subtitle,
    features: { updateFields: true },
    styles: { default: { document: { run: { font: "Arial", size: 22 } } } },
    sections: [
      {
        children: [
          new Paragraph({ text: outline.title, heading: HeadingLevel.TITLE }),
          ...outline.blocks.flatMap(blockToDocx),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
