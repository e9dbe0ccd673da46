import { useEffect, useRef, useState, type KeyboardEvent } from "react";

import { FieldError } from "./forms";

export type ComboboxOption = { id: string; label: string; detail: string };

type Props = {
  /** The text input's id (an error summary links to it). */
  inputId: string;
  /** The hidden field that carries the chosen option's id. */
  name: string;
  label: string;
  hint: string;
  /** What the list is called, e.g. "Matching cases". */
  listLabel: string;
  /** The resource route's address for a search (it answers `{ targets }`). */
  searchUrl: (q: string) => string;
  errors?: string[];
  /** Shown in the status line when nothing matches. */
  noMatches?: string;
};

/**
 * Search as you type in an ARIA combobox (WAI-ARIA APG "list autocomplete with manual
 * selection"): focus stays in the text box, the arrows move through the list
 * (aria-activedescendant), Enter chooses, Escape closes, and a polite status line says how many
 * match. The chosen option's id goes into a hidden field; the server checks it again.
 */
export function SearchCombobox({ inputId, name, label, hint, listLabel, searchUrl, errors, noMatches = "Nothing you can see matches" }: Props) {
  const listId = `${inputId}-list`;
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<ComboboxOption | null>(null);
  const { options, busy, failed, search: load } = useSearch(searchUrl);

  function search(q: string) {
    load(q);
    setOpen(true);
    setActive(-1);
  }

  function choose(option: ComboboxOption) {
    setChosen(option);
    setText(option.label);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) search(text);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (event.key === "Enter" && open && active >= 0 && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape" && open) {
      // Inside a modal dialog, the first Escape closes the list, not the dialog.
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  const status = !open
    ? ""
    : busy
      ? "Searching…"
      : failed
        ? "The search did not answer; type again to retry"
        : options.length === 0
        ? noMatches
        : `${options.length} ${options.length === 1 ? "match" : "matches"}; use the up and down arrows to choose`;
  const errorId = `${inputId}-error`;

  return (
    <div className="relative mb-3">
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <label htmlFor={inputId} className="label">
        {label}
      </label>
      <p id={`${inputId}-hint`} className="hint">
        {hint}
      </p>
      <FieldError id={errorId} errors={errors} />
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        className="input"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${inputId}-option-${active}` : undefined}
        aria-describedby={[`${inputId}-hint`, errors?.length ? errorId : null].filter(Boolean).join(" ")}
        aria-invalid={errors?.length ? true : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setChosen(null);
          search(e.target.value);
        }}
        onFocus={() => {
          if (!chosen) search(text);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={listLabel}
        hidden={!open || options.length === 0}
        className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-400 bg-white shadow-lg"
      >
        {options.map((option, i) => (
          <li
            key={option.id}
            id={`${inputId}-option-${i}`}
            role="option"
            aria-selected={i === active}
            className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-brand-100" : ""}`}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(option);
            }}
          >
            <span className="font-medium">{option.label}</span>
            {option.detail ? <span className="block text-slate-700">{option.detail}</span> : null}
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="sr-only">
        {status}
      </p>
      {chosen ? <p className="mt-2 text-sm">Chosen: {chosen.label}</p> : null}
    </div>
  );
}

/** How long typing must pause before the search is sent: one request per word, not per key. */
const SEARCH_PAUSE_MS = 150;

/**
 * The search behind the combobox: waits for a pause in typing, then asks the resource route,
 * cancelling the question before when a newer one is asked. A cancelled search is expected and
 * is not an error; one that fails says so in the status line.
 */
function useSearch(searchUrl: (q: string) => string) {
  const [options, setOptions] = useState<ComboboxOption[]>([]);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const pending = useRef<{ timer?: ReturnType<typeof setTimeout>; controller?: AbortController }>({});

  function cancel() {
    clearTimeout(pending.current.timer);
    pending.current.controller?.abort();
    pending.current = {};
  }

  useEffect(() => cancel, []);

  function search(q: string) {
    cancel();
    setBusy(true);
    const controller = new AbortController();
    pending.current = {
      controller,
      timer: setTimeout(() => {
        fetch(searchUrl(q), { signal: controller.signal, headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(async (response) => {
            const body = (await response.json()) as { targets?: ComboboxOption[] };
            if (controller.signal.aborted) return;
            setOptions(response.ok ? (body.targets ?? []) : []);
            setFailed(!response.ok);
            setBusy(false);
          })
          .catch(() => {
            if (controller.signal.aborted) return;
            setOptions([]);
            setFailed(true);
            setBusy(false);
          });
      }, SEARCH_PAUSE_MS),
    };
  }

  return { options, busy, failed, search };
}
