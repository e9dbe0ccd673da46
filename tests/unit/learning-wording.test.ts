import { describe, expect, it } from "vitest";

import { formatActionCounts, formatMeetingWhen } from "../../app/components/learning/format";

describe("learning wording", () => {
  it("an inquiry with no actions says so rather than '0 open of 0 actions'", () => {
    expect(formatActionCounts({ actionCount: 0, openActionCount: 0 })).toBe("No actions yet");
  });

  it("hidden actions are named with the reason", () => {
    expect(formatActionCounts({ actionCount: 0, openActionCount: 0, hiddenActionCount: 2 })).toBe("No actions you can see · 2 actions in learning sets you are not in");
    expect(formatActionCounts({ actionCount: 2, openActionCount: 1, hiddenActionCount: 1 })).toBe("1 open of 2 actions · 1 action in learning sets you are not in");
  });

  it("a meeting's time reads as a range, not 'at 14:00 to 16:30'", () => {
    // 15 April 2015 is British Summer Time: 13:00 UTC is 14:00 in London.
    expect(formatMeetingWhen(Date.UTC(2015, 3, 15, 13), Date.UTC(2015, 3, 15, 15, 30))).toBe("Wed, 15 April 2015, 14:00 to 16:30");
  });
});
