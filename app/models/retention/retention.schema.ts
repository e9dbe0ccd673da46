import { z } from "zod";

import { RETENTION_CEILING_MONTHS, RETENTION_FLOOR_MONTHS } from "./retention.constants";

function months(what: string) {
  return z.coerce
    .number({ error: `Enter how many months ${what} is kept` })
    .int(`Enter a whole number of months for ${what}`)
    .min(
      RETENTION_FLOOR_MONTHS,
      `${what[0]?.toUpperCase()}${what.slice(1)} must be kept for at least ${RETENTION_FLOOR_MONTHS} months`,
    )
    .max(
      RETENTION_CEILING_MONTHS,
      `${what[0]?.toUpperCase()}${what.slice(1)} can be kept for at most ${RETENTION_CEILING_MONTHS} months`,
    );
}

export const retentionFormSchema = z.object({
  intent: z.literal("retention"),
  learningMonths: months("learning material"),
  evidenceMonths: months("case evidence"),
});
