import { currentBridge } from "../../collab/bridge.server";
import { getBook } from "../../collab/document-state.server";
import { updateLog } from "../../collab/update-log.server";

/**
 * Before collaborative documents' rows are deleted: any of them open in this process is marked
 * deleted (never stored again, further edits refused) and its editors disconnected, and every
 * update already handed to the update log is committed, so the deleting transaction sees them.
 * `match` picks documents by name or, for a whole workspace, by the workspace they belong to.
 */
export async function evictLoadedDocuments(match: {
  names?: Iterable<string>;
  workspaceId?: string;
}): Promise<void> {
  const hocuspocus = currentBridge()?.hocuspocus;
  if (hocuspocus) {
    const names = new Set(match.names ?? []);
    for (const [name, document] of hocuspocus.documents) {
      const book = getBook(document);
      const chosen =
        names.has(name) ||
        (match.workspaceId !== undefined && book?.workspaceId === match.workspaceId);
      if (!chosen) continue;
      if (book) book.deleted = true;
      hocuspocus.closeConnections(name);
    }
  }
  await updateLog().drain();
}
