export type SaveState = "connecting" | "saved" | "saving" | "offline";

export const SAVE_STATE_TEXT: Record<SaveState, string> = {
  connecting: "Connecting…",
  saved: "All changes saved",
  saving: "Saving…",
  offline: "Offline — your changes are kept on this device and will sync",
};

/**
 * What the save indicator may honestly say. "All changes saved" only once the server has
 * answered the first sync *and* every local change since (the provider counts unanswered
 * updates); until the first connection the page says it is connecting, after that a lost
 * connection is "Offline" (IndexedDB keeps the edits; they sync on reconnect).
 */
export function saveState(input: { status: "connecting" | "connected" | "disconnected"; everConnected: boolean; synced: boolean; unsynced: boolean }): SaveState {
  if (input.status !== "connected") return input.everConnected || input.status === "disconnected" ? "offline" : "connecting";
  if (!input.synced || input.unsynced) return "saving";
  return "saved";
}
