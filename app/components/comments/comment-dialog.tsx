import { useFetcher } from "@remix-run/react";
import { createMappablePosition } from "@tiptap/extension-collaboration";
import type { Editor } from "@tiptap/react";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import * as Y from "yjs";

type Reply = { ok: true; threadId: string; mentioned: number } | { ok: false; message: string };

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Yjs relative positions of the selection's ends: they stay put while others type. */
function selectionAnchor(editor: Editor): { start: string; end: string; words: string } | null {
  const { from, to, empty } = editor.state.selection;
  if (empty) return null;
  const words = editor.state.doc.textBetween(from, to, " ", " ").replace(/\s+/g, " ").trim();
  if (!words) return null;
  const start = createMappablePosition(from, editor.state).yRelativePosition as Y.RelativePosition | null;
  const end = createMappablePosition(to, editor.state).yRelativePosition as Y.RelativePosition | null;
  if (!start || !end) return null;
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)), words };
}

/**
 * "Comment" on the selected words, in a modal dialog. The positions are taken when it opens, so
 * words typed meanwhile by others do not move the anchor; the server writes the mark, which
 * reaches this editor like anyone else's change (readers, who cannot edit, comment the same way).
 */
export function CommentDialog({ editor, action, onClose, onDone }: { editor: Editor; action: string; onClose: () => void; onDone: (message: string) => void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const [anchor] = useState(() => selectionAnchor(editor));
  const fetcher = useFetcher<Reply>();
  const handled = useRef<unknown>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  useEffect(() => {
    const reply = fetcher.data;
    if (fetcher.state !== "idle" || !reply || handled.current === reply) return;
    handled.current = reply;
    if (reply.ok) {
      onDone(reply.mentioned > 0 ? `Comment posted; ${reply.mentioned === 1 ? "the person you mentioned will see it" : "the people you mentioned will see it"} in their mentions` : "Comment posted");
      dialog.current?.close();
      return;
    }
    errorRef.current?.focus();
  }, [fetcher.state, fetcher.data, onDone]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!anchor) return;
    const form = new FormData(event.currentTarget);
    form.set("intent", "start");
    form.set("from", "log");
    form.set("anchorStart", anchor.start);
    form.set("anchorEnd", anchor.end);
    fetcher.submit(form, { method: "post", action });
  }

  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  const busy = fetcher.state !== "idle";
  return (
    <dialog ref={dialog} aria-labelledby={`${id}-title`} className="w-full max-w-lg rounded-md border border-slate-500 p-0 shadow-xl backdrop:bg-slate-900/40" onClose={onClose}>
      <div className="p-5">
        <h2 id={`${id}-title`} className="text-lg font-bold">
          Comment on the selected words
        </h2>
        {anchor ? (
          <blockquote className="mt-2 border-l-4 border-sky-700 pl-3 text-sm">“{anchor.words.length > 300 ? `${anchor.words.slice(0, 299)}…` : anchor.words}”</blockquote>
        ) : (
          <p className="mt-2 text-sm font-semibold" role="alert">
            Select some words in the log first, then choose Comment again.
          </p>
        )}
        {failure ? (
          <div ref={errorRef} tabIndex={-1} role="alert" aria-labelledby={`${id}-error-title`} className="mt-3 rounded-md border-4 border-red-700 bg-white p-3">
            <h3 id={`${id}-error-title`} className="font-bold text-red-800">
              There is a problem
            </h3>
            <p className="mt-1 text-sm">
              <a href={`#${id}-body`} className="font-semibold text-red-800 underline">
                {failure}
              </a>
            </p>
          </div>
        ) : null}
        {anchor ? (
          <form method="post" onSubmit={submit} className="mt-4 space-y-3" noValidate>
            <div>
              <label htmlFor={`${id}-body`} className="label">
                Comment
              </label>
              <p id={`${id}-hint`} className="hint">
                Type @ and a person’s name to mention them. Everyone who can read this log will see the comment.
              </p>
              {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the dialog exists to write this comment */}
              <textarea id={`${id}-body`} name="body" rows={4} className="input" autoFocus aria-describedby={`${id}-hint`} aria-invalid={failure ? true : undefined} />
            </div>
            <div className="flex gap-3">
              <button type="submit" className="btn-primary" disabled={busy}>
                {busy ? "Posting…" : "Post comment"}
              </button>
              <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="btn-secondary mt-4" onClick={() => dialog.current?.close()}>
            Close
          </button>
        )}
      </div>
    </dialog>
  );
}
