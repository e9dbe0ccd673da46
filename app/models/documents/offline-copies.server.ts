import { parseDocumentName } from "../../collab/document-name";
import type { AuthUser } from "../../utils/auth.server";
import { DOCUMENT_KIND_CONFIG } from "./document-kinds.server";

/**
 * Of the documents a browser keeps offline copies of, those this person may still write — by
 * the same resolvers the collaboration socket uses, so a copy outlives neither a role change, a
 * removal, a log made private nor a set left. Readers keep no copy, so read access is not enough.
 */
export async function documentsStillWritable(user: AuthUser, documentNames: string[]): Promise<string[]> {
  const keep: string[] = [];
  for (const name of new Set(documentNames)) {
    const parsed = parseDocumentName(name);
    const resolve = parsed ? DOCUMENT_KIND_CONFIG[parsed.kind]?.resolve : undefined;
    if (!parsed || !resolve) continue;
    const access = await resolve(user, parsed.id);
    if (access?.canWrite) keep.push(name);
  }
  return keep;
}
