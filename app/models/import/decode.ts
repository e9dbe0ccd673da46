/*
 * Turning an uploaded file's bytes into text. Public-sector CSV files come as UTF-8 with or
 * without a byte-order mark (sometimes a doubly encoded one), or as Windows-1252 from older Excel.
 */

export type FileFormat = "xlsx" | "xls" | "text" | "binary";

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** A UTF-8 BOM that was itself decoded as Windows-1252 and encoded as UTF-8 again ("ï»¿"). */
const DOUBLE_BOM = [0xc3, 0xaf, 0xc2, 0xbb, 0xc2, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** What kind of file these bytes are, by content rather than by name. */
export function sniffFormat(bytes: Uint8Array): FileFormat {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "xls";
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return "text";
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return "binary";
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return sample.length > 0 && control / sample.length > 0.01 ? "binary" : "text";
}

export type DecodedText = { text: string; encoding: "utf-8" | "windows-1252" | "utf-16le" | "utf-16be" };

export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  let body = bytes;
  for (;;) {
    if (startsWith(body, UTF8_BOM)) body = body.subarray(UTF8_BOM.length);
    else if (startsWith(body, DOUBLE_BOM)) body = body.subarray(DOUBLE_BOM.length);
    else break;
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    // Not valid UTF-8: the other encoding council exports actually use is Windows-1252.
    return { text: new TextDecoder("windows-1252").decode(body), encoding: "windows-1252" };
  }
}
