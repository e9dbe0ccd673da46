import ICAL from "ical.js";
import { describe, expect, it } from "vitest";

import { londonToUtc } from "../../../app/models/meeting/london-time";
import { loader as icsLoader } from "../../../app/routes/w.$ws.sets.$id.meetings.$meetingId.calendar[.ics]";
import { callRoute, getRequest } from "../../helpers/requests";
import { makeLearningWorld, makeMeeting, meetingParams } from "./world";

describe("Add to calendar", () => {
  it("the .ics file parsed with ical.js has the meeting's start and end in UTC, its summary, place and a stable UID", async () => {
    const world = await makeLearningWorld();
    // 15 April 2015 is British Summer Time: 14:00 in London is 13:00 UTC.
    const { id } = await makeMeeting(world, world.setId, "2015-04-15", "Meeting 1");
    const path = `/w/${world.ws.slug}/sets/${world.setId}/meetings/${id}/calendar.ics`;
    const result = await callRoute(icsLoader, getRequest(path, { cookie: world.ws.users.member.cookie }), meetingParams(world, id));
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(result.headers.get("Content-Disposition")).toMatch(/^attachment; filename="board-set-2015-04-15\.ics"$/);
    const text = await result.response!.text();
    expect(text).toMatch(/DTSTART:20150415T130000Z/);
    expect(text).toMatch(/DTEND:20150415T153000Z/);

    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.startDate.toJSDate().toISOString()).toBe("2015-04-15T13:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2015-04-15T15:30:00.000Z");
    expect(event.startDate.zone.tzid).toBe("UTC");
    expect(event.summary).toBe("Board set: Meeting 1");
    expect(event.location).toBe("Brunton Hall, Musselburgh");
    expect(event.uid).toBe(`meeting-${id}@localhost`);
    expect(event.description).toContain(`/w/${world.ws.slug}/sets/${world.setId}/meetings/${id}`);
  });

  it("a winter meeting is in GMT, so London and UTC times agree", async () => {
    const world = await makeLearningWorld();
    const { id } = await makeMeeting(world, world.setId, "2015-01-14");
    const result = await callRoute(
      icsLoader,
      getRequest(`/w/${world.ws.slug}/sets/${world.setId}/meetings/${id}/calendar.ics`, { cookie: world.ws.users.facilitator.cookie }),
      meetingParams(world, id),
    );
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await result.response!.text())).getFirstSubcomponent("vevent")!);
    expect(event.startDate.toJSDate().toISOString()).toBe("2015-01-14T14:00:00.000Z");
    expect(event.summary).toBe("Board set — action learning set meeting");
  });
});

describe("London wall-clock times", () => {
  it("convert to UTC across the clock changes and refuse impossible dates", () => {
    expect(new Date(londonToUtc("2015-03-28", "12:00")!).toISOString()).toBe("2015-03-28T12:00:00.000Z");
    expect(new Date(londonToUtc("2015-03-30", "12:00")!).toISOString()).toBe("2015-03-30T11:00:00.000Z");
    expect(new Date(londonToUtc("2015-10-26", "09:30")!).toISOString()).toBe("2015-10-26T09:30:00.000Z");
    expect(londonToUtc("2015-02-30", "12:00")).toBeNull();
    expect(londonToUtc("2015-04-15", "25:00")).toBeNull();
  });
});
