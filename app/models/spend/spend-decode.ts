/*
 * Bytes of an uploaded file → text. Councils' files come as UTF-8 with a byte-order mark, with a
 * BOM that was itself decoded as Windows-1252 and encoded again (c3 af c2 bb c2 bf), with none,
 * or as Windows-1252 (a £ as a3, ’ as 92). Valid UTF-8 is taken as UTF-8; anything else is
 * Windows-1252, which decodes every byte.
 */
export type DecodedFile = { ok: true; text: string; encoding: "utf-8" | "windows-1252"; bom: "none" | "utf-8" | "double" } | { ok: false; message: string };

const DOUBLE_BOM = [0xc3, 0xaf, 0xc2, 0xbb, 0xc2, 0xbf];
const BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Control bytes no CSV text holds (NUL and friends; tab, line feed and carriage return are fine). */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > sample.length / 100;
}

export function decodeSpendFile(bytes: Uint8Array): DecodedFile {
  if (bytes.length === 0) return { ok: false, message: "The file is empty." };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return { ok: false, message: "The file is saved as UTF-16 text. Save it as “CSV UTF-8 (comma delimited)” and upload it again." };
  }
  if (looksBinary(bytes)) {
    return { ok: false, message: "The file is not a CSV text file (it holds binary data, such as a spreadsheet or a picture). Save it as CSV and upload it again." };
  }
  let bom: "none" | "utf-8" | "double" = "none";
  let body = bytes;
  if (startsWith(bytes, DOUBLE_BOM)) {
    bom = "double";
    body = bytes.subarray(DOUBLE_BOM.length);
  } else if (startsWith(bytes, BOM)) {
    bom = "utf-8";
    body = bytes.subarray(BOM.length);
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8", bom };
  } catch {
    return { ok: true, text: new TextDecoder("windows-1252").decode(body), encoding: "windows-1252", bom };
  }
}
