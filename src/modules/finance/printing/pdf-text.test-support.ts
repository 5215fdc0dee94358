/**
 * Tests only: the text of a PDF as a reader extracts it (pdf.js, through `unpdf`, a devDependency),
 * pages joined, whitespace runs collapsed to one space.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}
