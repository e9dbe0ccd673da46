import { z } from "zod";

/**
 * Collaborative document names are `<kind>:<id>`, parsed here and nowhere else. The client picks
 * the name on every message, so a name only says *which* object; access always comes from the
 * session (see extensions/authentication.server.ts).
 */
export const DOCUMENT_KINDS = ["log", "meeting"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const idSchema = z.string().min(1).max(64).regex(/^[a-z0-9]+$/i);

export type DocumentName = { kind: DocumentKind; id: string; name: string };

export function parseDocumentName(name: unknown): DocumentName | null {
  if (typeof name !== "string" || name.length > 80) return null;
  const separator = name.indexOf(":");
  if (separator < 0) return null;
  const kind = name.slice(0, separator);
  const id = name.slice(separator + 1);
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) return null;
  if (!idSchema.safeParse(id).success) return null;
  return { kind: kind as DocumentKind, id, name };
}

export function documentName(kind: DocumentKind, id: string): string {
  return `${kind}:${id}`;
}
