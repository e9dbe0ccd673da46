import { createHash } from "node:crypto";

/** Refusal of an uploaded file as a whole; the message is shown to the person as it is. */
export class ImportFileError extends Error {}

/** The upload went past the size cap (so a caller may word the refusal its own way). */
export class UploadTooLargeError extends ImportFileError {}

export const DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Multipart framing and the other form fields on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export type Upload = {
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
  /** The other fields of the form (e.g. `source`). */
  fields: FormData;
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toLocaleString("en-GB")} MB`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Reads a form body with a hard cap on the bytes taken from the socket: the body is counted as it
 * streams, so an oversize (or lying Content-Length) upload is refused without ever being held in
 * memory whole.
 */
export async function readCappedForm(request: Request, maxBytes = DEFAULT_MAX_UPLOAD_BYTES): Promise<FormData> {
  const tooLarge = () => new UploadTooLargeError(`The file is too large: the largest file accepted is ${formatBytes(maxBytes)}.`);
  const contentType = request.headers.get("content-type") ?? "";
  const limit = maxBytes + MULTIPART_OVERHEAD_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return new FormData();

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return await new Request(request.url, { method: "POST", headers: { "content-type": contentType }, body }).formData();
  } catch {
    throw new ImportFileError("The upload could not be read. Choose the file again and upload it.");
  }
}

/** The uploaded file of a form already read with readCappedForm. */
export async function takeUpload(form: FormData, options: { field?: string; maxBytes?: number } = {}): Promise<Upload> {
  const field = options.field ?? "file";
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const file = form.get(field);
  if (!file || typeof file === "string" || file.size === 0) {
    if (file && typeof file !== "string" && file.name) throw new ImportFileError(`The file “${file.name}” is empty.`);
    throw new ImportFileError("Choose a file to upload.");
  }
  if (file.size > maxBytes) throw new ImportFileError(`The file is too large: the largest file accepted is ${formatBytes(maxBytes)}.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const fields = new FormData();
  for (const [k, v] of form.entries()) if (k !== field) fields.append(k, v);
  return { fileName: file.name.slice(0, 255) || "upload", bytes, sha256: sha256Hex(bytes), fields };
}

/** A multipart upload's file and other fields, read within the size cap. */
export async function readUpload(request: Request, options: { field?: string; maxBytes?: number } = {}): Promise<Upload> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) throw new ImportFileError("Choose a file to upload.");
  return takeUpload(await readCappedForm(request, options.maxBytes), options);
}
