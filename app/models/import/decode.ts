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

/*
 * Windows-1252's 0x80–0x9F block (WHATWG Encoding Standard). Node 20's TextDecoder accepts the
 * "windows-1252" label but decodes this block as Latin-1 control characters (checked on this
 * machine: 0x92 gave U+0092, not ’), so the block is mapped here; 0x81, 0x8D, 0x8F, 0x90 and 0x9D
 * are undefined and stay as they are, as the standard says.
 */
const CP1252_HIGH: Record<number, number> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += String.fromCharCode(CP1252_HIGH[b] ?? b);
  return out;
}

export type DecodedText = {
  text: string;
  encoding: "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";
};

export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe]))
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff]))
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
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
    return { text: decodeWindows1252(body), encoding: "windows-1252" };
  }
}
