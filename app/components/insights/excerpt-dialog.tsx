import {
  getFormProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
} from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import type { Editor } from "@tiptap/react";
import { useEffect, useId, useRef, useState } from "react";

import { INSIGHT_EXCERPT_ATTRIBUTE, INSIGHT_EXCERPT_MARK } from "../../collab/anchor-mark";
import {
  BARRIER_LEVELS,
  INSIGHT_KINDS,
  KIND_LABELS,
  LEVEL_LABELS,
} from "../../models/insight/insight.constants";
import { createFromExcerptSchema, linkExcerptSchema } from "../../models/insight/insight.schema";
import { collectErrors, ErrorSummary, SelectField, TextAreaField } from "../forms";
import { SearchCombobox } from "../search-combobox";
import { useZodForm } from "../use-zod-form";

type Reply = { insightId: string | null; result: SubmissionResult<string[]> };

/** The words of the editor's current selection (blocks joined by a space). */
export function selectedWords(editor: Editor): string {
  const { from, to } = editor.state.selection;
  return editor.state.doc.textBetween(from, to, " ", " ").replace(/\s+/g, " ").trim();
}

type Shared = {
  action: string;
  logId: string;
  quote: string;
  fetcher: ReturnType<typeof useFetcher<Reply>>;
  onCancel: () => void;
};

function Hidden({ intent, logId, quote }: { intent: string; logId: string; quote: string }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="logId" value={logId} />
      <input type="hidden" name="quote" value={quote} />
    </>
  );
}

function Buttons({
  label,
  busy,
  onCancel,
}: {
  label: string;
  busy: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <button type="submit" className="btn-primary" disabled={busy}>
        {label}
      </button>
      <button type="button" className="btn-secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function CreateForm({ action, logId, quote, fetcher, onCancel }: Shared) {
  const id = useId();
  const [form, fields] = useZodForm(createFromExcerptSchema, {
    id: `${id}-create`,
    lastResult: fetcher.data?.insightId ? null : fetcher.data?.result,
  });
  const [kind, setKind] = useState("finding");
  return (
    <>
      <ErrorSummary
        id={`${id}-create-errors`}
        errors={collectErrors(form.errors, [
          fields.statement,
          fields.kind,
          fields.barrierLevel,
          fields.quote,
        ])}
      />
      <fetcher.Form method="post" action={action} {...getFormProps(form)}>
        <Hidden intent="create-from-excerpt" logId={logId} quote={quote} />
        <TextAreaField
          meta={fields.statement}
          label="Insight"
          hint="What these words teach the board, in a sentence or two"
          rows={3}
          {...getTextareaProps(fields.statement)}
        />
        <SelectField
          meta={fields.kind}
          label="Kind"
          options={INSIGHT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          {...getSelectProps(fields.kind)}
          onChange={(e) => setKind(e.target.value)}
        />
        {kind === "barrier" ? (
          <SelectField
            meta={fields.barrierLevel}
            label="Barrier level"
            options={[
              { value: "", label: "Choose a level" },
              ...BARRIER_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
            ]}
            {...getSelectProps(fields.barrierLevel)}
          />
        ) : null}
        <Buttons label="Create insight" busy={fetcher.state !== "idle"} onCancel={onCancel} />
      </fetcher.Form>
    </>
  );
}

function LinkForm({ action, logId, quote, fetcher, onCancel, slug }: Shared & { slug: string }) {
  const id = useId();
  const [form, fields] = useZodForm(linkExcerptSchema, {
    id: `${id}-link`,
    lastResult: fetcher.data?.insightId ? null : fetcher.data?.result,
  });
  return (
    <>
      <ErrorSummary
        id={`${id}-link-errors`}
        errors={collectErrors(form.errors, [fields.insightId, fields.quote])}
      />
      <fetcher.Form method="post" action={action} {...getFormProps(form)}>
        <Hidden intent="link-excerpt" logId={logId} quote={quote} />
        <SearchCombobox
          inputId={fields.insightId.id}
          name={fields.insightId.name}
          label="Insight these words support"
          hint="Type some of its words, then choose it from the list"
          listLabel="Matching insights"
          searchUrl={(q) => `/w/${slug}/insights/options?${new URLSearchParams({ q }).toString()}`}
          errors={fields.insightId.errors}
          noMatches="No insight matches"
        />
        <Buttons label="Link to insight" busy={fetcher.state !== "idle"} onCancel={onCancel} />
      </fetcher.Form>
    </>
  );
}

/**
 * "Create insight" / "Link to insight" from a selection in a log, in a modal <dialog> (the
 * browser keeps focus inside it and Escape closes it). The server records the insight and the
 * excerpt first; only then does the editor set the mark, so a refused request leaves the text as
 * it was. The mark carries the insight id into the Yjs document, where the server reads the
 * quoted words from on every compaction (ADR 015).
 */
export function ExcerptDialog({
  editor,
  slug,
  logId,
  hasInsights,
  onClose,
  onDone,
}: {
  editor: Editor;
  slug: string;
  logId: string;
  /** Whether the workspace has any insight the words could back. */
  hasInsights: boolean;
  onClose: () => void;
  onDone: (message: { text: string; insightId: string }) => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const fetcher = useFetcher<Reply>();
  const [range] = useState(() => ({
    from: editor.state.selection.from,
    to: editor.state.selection.to,
  }));
  const [quote] = useState(() => selectedWords(editor));
  const [mode, setMode] = useState<"create" | "link">("create");
  const handled = useRef<unknown>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  useEffect(() => {
    const reply = fetcher.data;
    if (fetcher.state !== "idle" || !reply?.insightId || handled.current === reply) return;
    handled.current = reply;
    // The selection is mapped through collaborators' edits made while the dialog was open; the
    // remembered positions are only a fallback when it has collapsed.
    const { from, to } = editor.state.selection.empty ? range : editor.state.selection;
    editor
      .chain()
      .focus()
      .setTextSelection({ from, to })
      .setMark(INSIGHT_EXCERPT_MARK, { [INSIGHT_EXCERPT_ATTRIBUTE]: reply.insightId })
      .run();
    onDone({
      text:
        mode === "create"
          ? "Insight created from the selected words"
          : "The selected words now back the insight",
      insightId: reply.insightId,
    });
  }, [fetcher.state, fetcher.data, editor, range, mode, onDone]);

  const action = `/w/${slug}/insights?index`;
  const cancel = () => dialog.current?.close();
  return (
    // The native dialog's own Escape handling closes it; `onClose` keeps React's state in step.
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      className="w-full max-w-xl rounded-md border border-slate-500 p-0 shadow-xl backdrop:bg-slate-900/40"
      onClose={onClose}
    >
      <div className="p-5">
        <h2 id={`${id}-title`} className="text-lg font-bold">
          Insight from the selected words
        </h2>
        {quote ? (
          <blockquote className="mt-2 border-l-4 border-amber-700 pl-3 text-sm text-slate-900">
            “{quote.length > 300 ? `${quote.slice(0, 299)}…` : quote}”
          </blockquote>
        ) : (
          <p className="mt-2 text-sm font-semibold" role="alert">
            Select some words in the log first, then choose Insight again.
          </p>
        )}
        {quote ? (
          <div className="mt-4">
            <fieldset className="mb-4">
              <legend className="label">What to do with these words</legend>
              <label className="mr-6 inline-flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  checked={mode === "create"}
                  onChange={() => setMode("create")}
                  className="h-4 w-4"
                />
                Create a new insight
              </label>
              <label className="inline-flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  checked={mode === "link"}
                  onChange={() => setMode("link")}
                  className="h-4 w-4"
                  disabled={!hasInsights}
                />
                Link to an existing insight{hasInsights ? "" : " (none yet)"}
              </label>
            </fieldset>
            {mode === "create" ? (
              <CreateForm
                action={action}
                logId={logId}
                quote={quote}
                fetcher={fetcher}
                onCancel={cancel}
              />
            ) : (
              <LinkForm
                action={action}
                logId={logId}
                quote={quote}
                fetcher={fetcher}
                onCancel={cancel}
                slug={slug}
              />
            )}
          </div>
        ) : (
          <button type="button" className="btn-secondary mt-4" onClick={cancel}>
            Close
          </button>
        )}
      </div>
    </dialog>
  );
}
