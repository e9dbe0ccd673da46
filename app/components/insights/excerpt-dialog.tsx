import { useFetcher } from "@remix-run/react";
import type { Editor } from "@tiptap/react";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";

import { BARRIER_LEVELS, INSIGHT_KINDS, KIND_LABELS, LEVEL_LABELS } from "../../models/insight/insight.constants";
import { INSIGHT_EXCERPT_ATTRIBUTE, INSIGHT_EXCERPT_MARK } from "../editor/anchor-mark";
import type { SummaryError } from "../forms";

export type InsightOption = { id: string; statement: string };

type Reply = { insightId: string | null; result: { error?: Record<string, string[] | null> | null; status?: string } };

const FIELD_IDS: Record<string, string> = { statement: "statement", kind: "kind", barrierLevel: "barrier-level", insightId: "insight", quote: "statement", relayedTo: "statement" };

/** The words of the editor's current selection (blocks joined by a space). */
export function selectedWords(editor: Editor): string {
  const { from, to } = editor.state.selection;
  return editor.state.doc.textBetween(from, to, " ", " ").replace(/\s+/g, " ").trim();
}

/**
 * "Create insight" / "Link to insight" from a selection in a log, in a modal <dialog> (the
 * browser keeps focus inside it and Escape closes it). The server records the insight and the
 * excerpt first; only then does the editor set the mark, so a refused request leaves the text as
 * it was. The mark carries the insight id into the Yjs document, where the server reads the
 * quoted words from on every compaction.
 */
export function ExcerptDialog({
  editor,
  slug,
  logId,
  insights,
  onClose,
  onDone,
}: {
  editor: Editor;
  slug: string;
  logId: string;
  insights: InsightOption[];
  onClose: () => void;
  onDone: (message: { text: string; insightId: string }) => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const fetcher = useFetcher<Reply>();
  const [range] = useState(() => ({ from: editor.state.selection.from, to: editor.state.selection.to }));
  const [quote] = useState(() => selectedWords(editor));
  const [mode, setMode] = useState<"create" | "link">("create");
  const [kind, setKind] = useState<string>("finding");
  const handled = useRef<unknown>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  useEffect(() => {
    const reply = fetcher.data;
    if (fetcher.state !== "idle" || !reply || handled.current === reply) return;
    handled.current = reply;
    if (reply.insightId) {
      // Map the range through edits made while the dialog was open is y-prosemirror's job; the
      // remembered positions are only a fallback when the selection has collapsed.
      const { from, to } = editor.state.selection.empty ? range : editor.state.selection;
      editor.chain().focus().setTextSelection({ from, to }).setMark(INSIGHT_EXCERPT_MARK, { [INSIGHT_EXCERPT_ATTRIBUTE]: reply.insightId }).run();
      onDone({ text: mode === "create" ? "Insight created from the selected words" : "The selected words now back the insight", insightId: reply.insightId });
      return;
    }
    summary.current?.focus();
  }, [fetcher.state, fetcher.data, editor, range, mode, onDone]);

  const errors: SummaryError[] = Object.entries(fetcher.data?.result.error ?? {}).flatMap(([field, messages]) =>
    (messages ?? []).map((message) => ({ fieldId: field ? `${id}-${FIELD_IDS[field] ?? "statement"}` : undefined, message })),
  );
  const errorsFor = (field: string) => (fetcher.data?.result.error?.[field] ?? []) as string[];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("intent", mode === "create" ? "create-from-excerpt" : "link-excerpt");
    form.set("logId", logId);
    form.set("quote", quote);
    fetcher.submit(form, { method: "post", action: `/w/${slug}/insights?index` });
  }

  const busy = fetcher.state !== "idle";
  return (
    // The native dialog's own Escape handling closes it; `onClose` keeps React's state in step.
    <dialog ref={dialog} aria-labelledby={`${id}-title`} className="w-full max-w-xl rounded-md border border-slate-500 p-0 shadow-xl backdrop:bg-slate-900/40" onClose={onClose}>
      <div className="p-5">
        <h2 id={`${id}-title`} className="text-lg font-bold">
          Insight from the selected words
        </h2>
        {quote ? (
          <blockquote className="mt-2 border-l-4 border-amber-700 pl-3 text-sm text-slate-900">“{quote.length > 300 ? `${quote.slice(0, 299)}…` : quote}”</blockquote>
        ) : (
          <p className="mt-2 text-sm font-semibold" role="alert">
            Select some words in the log first, then choose Insight again.
          </p>
        )}
        {errors.length ? (
          <div ref={summary} tabIndex={-1} role="alert" aria-labelledby={`${id}-errors-title`} className="mt-3 rounded-md border-4 border-red-700 bg-white p-3">
            <h3 id={`${id}-errors-title`} className="font-bold text-red-800">
              There is a problem
            </h3>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {errors.map((e, i) => (
                <li key={i}>{e.fieldId ? <a href={`#${e.fieldId}`} className="font-semibold text-red-800 underline">{e.message}</a> : <span className="font-semibold text-red-800">{e.message}</span>}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {quote ? (
          <form method="post" onSubmit={submit} className="mt-4" noValidate>
            <fieldset className="mb-4">
              <legend className="label">What to do with these words</legend>
              <label className="mr-6 inline-flex items-center gap-2 text-sm">
                <input type="radio" name="mode" value="create" checked={mode === "create"} onChange={() => setMode("create")} className="h-4 w-4" />
                Create a new insight
              </label>
              <label className="inline-flex items-center gap-2 text-sm">
                <input type="radio" name="mode" value="link" checked={mode === "link"} onChange={() => setMode("link")} className="h-4 w-4" disabled={insights.length === 0} />
                Link to an existing insight{insights.length === 0 ? " (none yet)" : ""}
              </label>
            </fieldset>
            {mode === "create" ? (
              <>
                <Field id={`${id}-statement`} label="Insight" hint="What these words teach the board, in a sentence or two" errors={errorsFor("statement")}>
                  {(props) => <textarea {...props} name="statement" rows={3} className="input" />}
                </Field>
                <Field id={`${id}-kind`} label="Kind" errors={errorsFor("kind")}>
                  {(props) => (
                    <select {...props} name="kind" className="input" value={kind} onChange={(e) => setKind(e.target.value)}>
                      {INSIGHT_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {KIND_LABELS[k]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {kind === "barrier" ? (
                  <Field id={`${id}-barrier-level`} label="Barrier level" errors={errorsFor("barrierLevel")}>
                    {(props) => (
                      <select {...props} name="barrierLevel" className="input" defaultValue="local">
                        {BARRIER_LEVELS.map((l) => (
                          <option key={l} value={l}>
                            {LEVEL_LABELS[l]}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                ) : null}
              </>
            ) : (
              <Field id={`${id}-insight`} label="Insight these words support" errors={errorsFor("insightId")}>
                {(props) => (
                  <select {...props} name="insightId" className="input" defaultValue="">
                    <option value="">Choose an insight</option>
                    {insights.map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.statement}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <div className="flex flex-wrap gap-2">
              <button type="submit" className="btn-primary" disabled={busy}>
                {mode === "create" ? "Create insight" : "Link to insight"}
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

type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

function Field({ id, label, hint, errors, children }: { id: string; label: string; hint?: string; errors: string[]; children: (props: ControlProps) => React.ReactNode }) {
  const described = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="mb-4">
      <label htmlFor={id} className="label">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={`${id}-error`} className="field-error">
          <span className="sr-only">Error: </span>
          {errors.join(". ")}
        </p>
      ) : null}
      {children({ id, ...(described ? { "aria-describedby": described } : {}), ...(errors.length ? { "aria-invalid": true as const } : {}) })}
    </div>
  );
}
