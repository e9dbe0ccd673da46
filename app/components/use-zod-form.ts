import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { $ZodType, input } from "zod/v4/core";

/**
 * Every form's Conform set-up: the same zod schema the action parses with validates in the
 * browser, first on submit, then on each input once a field has shown an error.
 */
export function useZodForm<
  Schema extends $ZodType<Record<string, unknown>, Record<string, unknown>>,
>(
  schema: Schema,
  options: {
    id: string;
    lastResult?: SubmissionResult<string[]> | null;
    defaultValue?: DefaultValue<input<Schema>>;
  },
) {
  return useForm({
    ...options,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
