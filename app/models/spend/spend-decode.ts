/*
 * Bytes of an uploaded file → text. Councils' files come as UTF-8 with a byte-order mark, with a
 * BOM that was itself decoded as Windows-1252 and encoded again (c3 af c2 bb c2 bf), with none,
 * or as Windows-1252 (a £ as a3, ’ as 92). Valid UTF-8 is taken as UTF-8; anything else is
 * Windows-1252, which decodes every byte.
 */
export type DecodedFile =
  | { ok: true; text: string; encoding: "utf-8" | "windows-1252"; bom: "none" | "utf-8" | "double" }
  | { ok: false; message: string };

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

/*
 * Bytes 80–9F as the WHATWG Encoding Standard's windows-1252 index has them. Node 20's
 * TextDecoder("windows-1252") decodes them as Latin-1 control characters (so ’ came out as
 * U+0092); mapping them afterwards gives the right text on every Node, including ones whose
 * decoder is already right (they leave no such characters behind).
 */
const C1_TO_WINDOWS_1252: Record<number, string> = {
  0x80: "€",
  0x82: "‚",
  0x83: "ƒ",
  0x84: "„",
  0x85: "…",
  0x86: "†",
  0x87: "‡",
  0x88: "ˆ",
  0x89: "‰",
  0x8a: "Š",
  0x8b: "‹",
  0x8c: "Œ",
  0x8e: "Ž",
  0x91: "‘",
  0x92: "’",
  0x93: "“",
  0x94: "”",
  0x95: "•",
  0x96: "–",
  0x97: "—",
  0x98: "˜",
  0x99: "™",
  0x9a: "š",
  0x9b: "›",
  0x9c: "œ",
  0x9e: "ž",
  0x9f: "Ÿ",
};

export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252")
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => C1_TO_WINDOWS_1252[c.charCodeAt(0)] ?? c);
}

export function decodeSpendFile(bytes: Uint8Array): DecodedFile {
  if (bytes.length === 0) return { ok: false, message: "The file is empty." };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return {
      ok: false,
      message:
        "The file is saved as UTF-16 text. Save it as “CSV UTF-8 (comma delimited)” and upload it again.",
    };
  }
  if (looksBinary(bytes)) {
    return {
      ok: false,
      message:
        "The file is not a CSV text file (it holds binary data, such as a spreadsheet or a picture). Save it as CSV and upload it again.",
    };
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
    return {
      ok: true,
      text: new TextDecoder("utf-8", { fatal: true }).decode(body),
      encoding: "utf-8",
      bom,
    };
  } catch {
    return { ok: true, text: decodeWindows1252(body), encoding: "windows-1252", bom };
  }
}
