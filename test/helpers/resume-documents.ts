import { Document, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';

/** Renders lines of text as a real PDF (pdfkit, text layer) for upload tests. */
export function renderPdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(11);
    for (const line of lines) doc.text(line);
    doc.end();
  });
}

/** Renders lines of text as a real DOCX (docx package), one paragraph per line. */
export function renderDocx(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] });
  return Packer.toBuffer(doc);
}
