import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useId, useState } from "react";

import { LINK_KIND_LABELS, type LinkKind } from "../../models/insight/insight.constants";
import { FieldError } from "../forms";
import { SearchCombobox, type ComboboxOption } from "../search-combobox";

export type PickerTarget = ComboboxOption;

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
            <FieldError id={`${id}-error`} errors={errors} />
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
  const navigation = useNavigation();
  const [kind, setKind] = useState<LinkKind>(pick ?? kinds[0]);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="link" />
      <input type="hidden" name="kind" value={kind} />
      <KindSelect id={`${id}-kind`} value={kind} kinds={kinds} onChange={setKind} />
      <SearchCombobox
        // A new kind starts a new search: nothing typed, nothing chosen.
        key={kind}
        inputId={`${id}-q`}
        name="targetId"
        label={`Search ${LINK_KIND_LABELS[kind].many.toLowerCase()}`}
        hint="Type to search, then choose from the list"
        listLabel={`Matching ${LINK_KIND_LABELS[kind].many.toLowerCase()}`}
        searchUrl={(q) => `${targetsUrl}?${new URLSearchParams({ pick: kind, q }).toString()}`}
        errors={errors}
      />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        Link
      </button>
    </Form>
  );
}
