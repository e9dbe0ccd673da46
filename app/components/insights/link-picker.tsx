import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

import { LINK_KIND_LABELS, type LinkKind } from "../../models/insight/insight.constants";

export type PickerTarget = { id: string; label: string; detail: string };

type Props = {
  /** Resource route answering `?pick=<kind>&q=<text>` with `{ targets }`. */
  targetsUrl: string;
  kinds: readonly LinkKind[];
  /** What the page was asked for without JavaScript (the plain GET form). */
  pick: LinkKind | null;
  q: string;
  results: PickerTarget[] | null;
  errors?: string[];
};

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function ErrorText({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      <span className="sr-only">Error: </span>
      {errors.join(". ")}
    </p>
  );
}

/**
 * Choosing what to link: a plain search form and a list of radio buttons without JavaScript; with
 * it, the same search as you type in an ARIA combobox (WAI-ARIA APG "list autocomplete"). Either
 * way the server only offers what this person may see, and checks again when the link is made.
 */
export function LinkPicker(props: Props) {
  const hydrated = useHydrated();
  return hydrated ? <ComboboxPicker {...props} /> : <PlainPicker {...props} />;
}

function KindSelect({
  id,
  value,
  kinds,
  onChange,
}: {
  id: string;
  value: LinkKind;
  kinds: readonly LinkKind[];
  onChange?: (kind: LinkKind) => void;
}) {
  return (
    <div className="mb-3">
      <label htmlFor={id} className="label">
        What to link
      </label>
      <select
        id={id}
        name="pick"
        className="input"
        {...(onChange
          ? { value, onChange: (e) => onChange(e.target.value as LinkKind) }
          : { defaultValue: value })}
      >
        {kinds.map((k) => (
          <option key={k} value={k}>
            {LINK_KIND_LABELS[k].one}
          </option>
        ))}
      </select>
    </div>
  );
}

function PlainPicker({ kinds, pick, q, results, errors }: Props) {
  const id = useId();
  const navigation = useNavigation();
  return (
    <div>
      <Form method="get" preventScrollReset>
        <KindSelect id={`${id}-kind`} value={pick ?? kinds[0]} kinds={kinds} />
        <div className="mb-3">
          <label htmlFor={`${id}-q`} className="label">
            Search
          </label>
          <input
            id={`${id}-q`}
            name="q"
            type="search"
            className="input"
            defaultValue={q}
            maxLength={100}
          />
        </div>
        <button type="submit" className="btn-secondary">
          Find
        </button>
      </Form>
      {pick && results ? (
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="link" />
          <input type="hidden" name="kind" value={pick} />
          <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
            <legend className="label">
              Choose one of the {LINK_KIND_LABELS[pick].many.toLowerCase()} found
            </legend>
            <ErrorText id={`${id}-error`} errors={errors} />
            {results.length === 0 ? (
              <p className="text-sm">Nothing you can see matches “{q}”.</p>
            ) : null}
            <ul className="space-y-1">
              {results.map((t) => (
                <li key={t.id}>
                  <label className="flex items-start gap-2 text-sm">
                    <input type="radio" name="targetId" value={t.id} className="mt-1 h-4 w-4" />
                    <span>
                      <span className="font-medium">{t.label}</span>
                      {t.detail ? <span className="block text-slate-700">{t.detail}</span> : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {results.length > 0 ? (
            <button
              type="submit"
              className="btn-primary mt-3"
              disabled={navigation.state === "submitting"}
            >
              Link
            </button>
          ) : null}
        </Form>
      ) : null}
    </div>
  );
}

function ComboboxPicker({ targetsUrl, kinds, pick, errors }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const navigation = useNavigation();
  const fetcher = useFetcher<{ targets: PickerTarget[] }>();
  const [kind, setKind] = useState<LinkKind>(pick ?? kinds[0]);
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<PickerTarget | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const options = fetcher.data?.targets ?? [];
  const { load } = fetcher;

  function search(kindToSearch: LinkKind, q: string) {
    load(`${targetsUrl}?${new URLSearchParams({ pick: kindToSearch, q }).toString()}`);
    setOpen(true);
    setActive(-1);
  }

  function choose(target: PickerTarget) {
    setChosen(target);
    setText(target.label);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) search(kind, text);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (event.key === "Enter" && open && active >= 0 && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  }

  const busy = fetcher.state !== "idle";
  const status = !open
    ? ""
    : busy
      ? "Searching…"
      : options.length === 0
        ? "Nothing you can see matches"
        : `${options.length} ${options.length === 1 ? "match" : "matches"}; use the up and down arrows to choose`;

  return (
    <Form method="post">
      <input type="hidden" name="intent" value="link" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="targetId" value={chosen?.id ?? ""} />
      <KindSelect
        id={`${id}-kind`}
        value={kind}
        kinds={kinds}
        onChange={(next) => {
          setKind(next);
          setChosen(null);
          setText("");
          setOpen(false);
        }}
      />
      <div className="relative mb-3">
        <label htmlFor={`${id}-q`} className="label">
          Search {LINK_KIND_LABELS[kind].many.toLowerCase()}
        </label>
        <p id={`${id}-hint`} className="hint">
          Type to search, then choose from the list
        </p>
        <ErrorText id={`${id}-error`} errors={errors} />
        <input
          ref={input}
          id={`${id}-q`}
          type="text"
          role="combobox"
          autoComplete="off"
          className="input"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${id}-option-${active}` : undefined}
          aria-describedby={[`${id}-hint`, errors?.length ? `${id}-error` : null]
            .filter(Boolean)
            .join(" ")}
          aria-invalid={errors?.length ? true : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setChosen(null);
            search(kind, e.target.value);
          }}
          onFocus={() => {
            if (!chosen) search(kind, text);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={`Matching ${LINK_KIND_LABELS[kind].many.toLowerCase()}`}
          hidden={!open || options.length === 0}
          className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-400 bg-white shadow-lg"
        >
          {options.map((t, i) => (
            <li
              key={t.id}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-brand-100" : ""}`}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(t);
              }}
            >
              <span className="font-medium">{t.label}</span>
              {t.detail ? <span className="block text-slate-700">{t.detail}</span> : null}
            </li>
          ))}
        </ul>
        <p role="status" aria-live="polite" className="sr-only">
          {status}
        </p>
      </div>
      {chosen ? <p className="mb-2 text-sm">Chosen: {chosen.label}</p> : null}
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        Link
      </button>
    </Form>
  );
}
