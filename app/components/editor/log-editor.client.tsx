import { HocuspocusProvider, WebSocketStatus } from "@hocuspocus/provider";
import { Extension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";

import { parseAccessChanged, SESSION_ENDED_CODE } from "../../collab/protocol";
import { DOCUMENT_FIELD, documentExtensions } from "./extensions";
import { deleteOfflineCopiesExcept, deleteOfflineCopy, offlineCopyName } from "./offline-copies";
import { SAVE_STATE_TEXT, saveState } from "./save-status";
import { EditorToolbar, SelectionToolbar, type ToolbarAction } from "./toolbar";

export type CollaboratorUser = { id: string; name: string; color: string };

export type SelectionAction = {
  label: string;
  text: string;
  shortcut: string;
  ariaShortcut: string;
  forReaders?: boolean;
  render: (editor: Editor, close: () => void) => ReactNode;
};

type Presence = { clientId: number; user: CollaboratorUser; self: boolean };

export type LogEditorProps = {
  documentName: string;
  user: CollaboratorUser;
  canEdit: boolean;
  label: string;
  /** Shown until the document has loaded (from this device or the server): the saved text. */
  placeholder: ReactNode;
  /**
   * Actions on the selected words (the log page's "Insight" and "Comment"): each a toolbar button,
   * a keyboard shortcut (Tiptap notation, e.g. "Mod-Alt-i"; `ariaShortcut` in aria-keyshortcuts
   * notation), and what it shows while open. `forReaders` offers it to people who cannot edit.
   */
  selectionActions?: SelectionAction[];
  /**
   * Called once, when the server has answered this person's first change typed here: the server
   * then counts them among the document's editors (the log page lists them as an author).
   */
  onOwnEditSaved?: () => void;
};

function collabUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}/collab`;
}

/** The caret label, with inline styles so it needs no stylesheet of its own (CSP allows them). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === "string" ? user.color : "#334155";
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.setAttribute("style", `border-left:2px solid ${color};margin-left:-1px;margin-right:-1px;position:relative;word-break:normal;pointer-events:none`);
  const label = document.createElement("span");
  label.className = "collaboration-carets__label";
  label.setAttribute(
    "style",
    `position:absolute;top:-1.45em;left:-1px;background:${color};color:#fff;font-size:12px;font-weight:600;line-height:1.2;padding:1px 4px;border-radius:3px 3px 3px 0;white-space:nowrap;user-select:none;font-style:normal`,
  );
  label.textContent = typeof user.name === "string" ? user.name : "Someone";
  caret.append(label);
  return caret;
}

/**
 * The live editor: one Y.Doc kept in IndexedDB (so edits made offline survive a reload and sync
 * on reconnect) and bound to the server by HocuspocusProvider on the same origin. The session
 * cookie authenticates the socket; the server decides whether this person may write. The copy is
 * named for this person and deleted the moment the server says they may no longer write it, or
 * that their session has ended (then every copy in this browser goes): see offline-copies.ts.
 */
type Session = { ydoc: Y.Doc; local: IndexeddbPersistence | null; provider: HocuspocusProvider };

export function LogEditor(props: LogEditorProps) {
  const { documentName, canEdit } = props;
  const userId = props.user.id;
  const [session, setSession] = useState<Session | null>(null);
  // Created in an effect (not during render) so React's double-invoked effects in development
  // tear the connection down and build it again instead of leaking one.
  useEffect(() => {
    const ydoc = new Y.Doc();
    const copyName = offlineCopyName(userId, documentName);
    // Readers cannot write, so there is nothing of theirs to keep offline — and a copy left from
    // when they could write goes now.
    if (!canEdit) void deleteOfflineCopy(copyName);
    const local = canEdit ? new IndexeddbPersistence(copyName, ydoc) : null;
    let dropped = false;
    const dropCopy = () => {
      if (!local || dropped) return;
      dropped = true;
      void local.clearData();
    };
    const dropEveryCopy = () => {
      dropCopy();
      void deleteOfflineCopiesExcept(null);
    };
    const provider = new HocuspocusProvider({
      url: collabUrl(),
      name: documentName,
      document: ydoc,
      onStateless: ({ payload }) => {
        if (parseAccessChanged(payload)?.canWrite === false) dropCopy();
      },
      onAuthenticationFailed: ({ reason }) => {
        if (reason === "Not signed in") dropEveryCopy();
        else dropCopy();
      },
      onClose: ({ event }) => {
        if (event.code === SESSION_ENDED_CODE) dropEveryCopy();
      },
    });
    setSession({ ydoc, local, provider });
    return () => {
      provider.destroy();
      if (!dropped) void local?.destroy();
      ydoc.destroy();
    };
  }, [documentName, canEdit, userId]);
  if (!session) return <div className="rounded-md border border-slate-400 bg-white">{props.placeholder}</div>;
  return <LiveEditor {...props} session={session} />;
}

function LiveEditor({ user, canEdit, label, placeholder, session, selectionActions = [], onOwnEditSaved }: LogEditorProps & { session: Session }) {
  const { ydoc, provider, local } = session;
  const ownEditSaved = useRef(onOwnEditSaved);
  ownEditSaved.current = onOwnEditSaved;
  // A change typed here reaches the Y.Doc from the editor, not from the server (origin: the
  // provider) nor from this device's offline copy (origin: the IndexedDB persistence).
  useEffect(() => {
    let edited = false;
    let told = false;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider && origin !== local) edited = true;
    };
    const onUnsynced = () => {
      if (!edited || told || provider.hasUnsyncedChanges) return;
      told = true;
      ownEditSaved.current?.();
    };
    ydoc.on("update", onUpdate);
    provider.on("unsyncedChanges", onUnsynced);
    return () => {
      ydoc.off("update", onUpdate);
      provider.off("unsyncedChanges", onUnsynced);
    };
  }, [ydoc, provider, local]);
  const actions = selectionActions.filter((a) => canEdit || a.forReaders);
  const [openIndex, setOpenIndex] = useState<number | null>(null);
  const openAction = useRef((index: number) => setOpenIndex(index));
  // Until the text has arrived, the saved text stays on screen rather than an empty editor.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const fragment = ydoc.getXmlFragment(DOCUMENT_FIELD);
    const markLoaded = () => {
      if (!cancelled) setLoaded(true);
    };
    provider.on("synced", markLoaded);
    if (provider.isSynced) markLoaded();
    void local?.whenSynced.then(() => {
      if (fragment.length > 0) markLoaded();
    });
    return () => {
      cancelled = true;
      provider.off("synced", markLoaded);
    };
  }, [provider, local, ydoc]);

  const [status, setStatus] = useState<WebSocketStatus>(WebSocketStatus.Connecting);
  const [everConnected, setEverConnected] = useState(false);
  const [synced, setSynced] = useState(false);
  const [unsynced, setUnsynced] = useState(false);
  const [denied, setDenied] = useState(false);
  const [present, setPresent] = useState<Presence[]>([]);
  const [online, setOnline] = useState(() => navigator.onLine);

  // The browser knows it is offline long before a silent socket times out: say so at once, drop
  // the dead socket, and reconnect as soon as the network is back (IndexedDB holds the edits).
  useEffect(() => {
    const socket = provider.configuration.websocketProvider;
    const goOffline = () => {
      setOnline(false);
      socket.disconnect();
    };
    const goOnline = () => {
      setOnline(true);
      if (socket.status !== WebSocketStatus.Connected) {
        void socket.connect();
        return;
      }
      const reconnectWhenClosed = ({ status: next }: { status: WebSocketStatus }) => {
        if (next !== WebSocketStatus.Disconnected) return;
        socket.off("status", reconnectWhenClosed);
        void socket.connect();
      };
      socket.on("status", reconnectWhenClosed);
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    return () => {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
    };
  }, [provider]);

  useEffect(() => {
    const onStatus = ({ status: next }: { status: WebSocketStatus }) => {
      setStatus(next);
      if (next === WebSocketStatus.Connected) setEverConnected(true);
      if (next !== WebSocketStatus.Connected) setSynced(false);
    };
    const onSynced = ({ state }: { state: boolean }) => setSynced(state);
    const onUnsynced = () => setUnsynced(provider.hasUnsyncedChanges);
    const onDenied = () => setDenied(true);
    // Said by the server just before it closes a document this person may no longer read.
    const onStateless = ({ payload }: { payload: string }) => {
      if (parseAccessChanged(payload)?.canRead === false) setDenied(true);
    };
    const onAwareness = () => {
      const states = provider.awareness?.getStates() ?? new Map();
      const people: Presence[] = [];
      for (const [clientId, state] of states) {
        const u = (state as { user?: CollaboratorUser }).user;
        if (u && typeof u.name === "string") people.push({ clientId, user: u, self: clientId === ydoc.clientID });
      }
      setPresent(people);
    };
    provider.on("status", onStatus);
    provider.on("synced", onSynced);
    provider.on("unsyncedChanges", onUnsynced);
    provider.on("authenticationFailed", onDenied);
    provider.on("stateless", onStateless);
    provider.awareness?.on("change", onAwareness);
    onAwareness();
    return () => {
      provider.off("status", onStatus);
      provider.off("synced", onSynced);
      provider.off("unsyncedChanges", onUnsynced);
      provider.off("authenticationFailed", onDenied);
      provider.off("stateless", onStateless);
      provider.awareness?.off("change", onAwareness);
    };
  }, [provider, ydoc]);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canEdit,
      extensions: [
        ...documentExtensions(),
        Collaboration.configure({ document: ydoc, field: DOCUMENT_FIELD }),
        CollaborationCaret.configure({ provider, user, render: renderCaret }),
        ...(actions.length
          ? [
              Extension.create({
                name: "selectionActionShortcuts",
                addKeyboardShortcuts: () =>
                  Object.fromEntries(
                    actions.map((action, index) => [
                      action.shortcut,
                      () => {
                        openAction.current(index);
                        return true;
                      },
                    ]),
                  ),
              }),
            ]
          : []),
      ],
      editorProps: {
        attributes: {
          class: "prose-praxis",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
          ...(canEdit ? {} : { "aria-readonly": "true" }),
        },
      },
    },
    [provider],
  );

  const state = saveState({ status: online ? status : WebSocketStatus.Disconnected, everConnected, synced, unsynced });
  const others = dedupe(present.filter((p) => !p.self));

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Who is here now" role="group">
          <span className="font-semibold text-slate-700">Here now:</span>
          <ul className="flex flex-wrap gap-2">
            <li className="badge" style={{ backgroundColor: user.color, color: "#fff" }}>
              {user.name} (you)
            </li>
            {others.map((p) => (
              <li key={p.user.id ?? p.clientId} className="badge" style={{ backgroundColor: p.user.color, color: "#fff" }}>
                {p.user.name}
              </li>
            ))}
          </ul>
        </div>
        {canEdit ? (
          <p role="status" aria-live="polite" data-save-state={state} className="text-sm font-semibold text-slate-700">
            {SAVE_STATE_TEXT[state]}
          </p>
        ) : (
          <p role="status" aria-live="polite" className="text-sm text-slate-700">
            {online && status === WebSocketStatus.Connected ? "Showing edits as they happen" : "Reconnecting…"}
          </p>
        )}
      </div>
      {denied ? (
        <p role="alert" className="mb-2 rounded-md border-l-4 border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
          This log can no longer be opened live: you may have lost access to it. Reload the page.
        </p>
      ) : null}
      <div className="rounded-md border border-slate-400 bg-white">
        {canEdit && editor ? <EditorToolbar editor={editor} extras={toolbarActions(actions, setOpenIndex)} /> : null}
        {!canEdit && editor && actions.length ? <SelectionToolbar actions={toolbarActions(actions, setOpenIndex)} /> : null}
        {openIndex !== null && editor && actions[openIndex] ? actions[openIndex].render(editor, () => setOpenIndex(null)) : null}
        {loaded ? null : placeholder}
        <EditorContent editor={editor} hidden={!loaded} />
      </div>
    </div>
  );
}

function toolbarActions(actions: SelectionAction[], open: (index: number) => void): ToolbarAction[] {
  return actions.map((action, index) => ({ label: action.label, text: action.text, shortcut: action.ariaShortcut, run: () => open(index) }));
}

function dedupe(people: Presence[]): Presence[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    const key = p.user.id ?? String(p.clientId);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
