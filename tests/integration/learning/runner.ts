import type { RunnerState } from "../../../app/models/meeting/meeting-runner.server";
import { action as runAction, loader as runLoader } from "../../../app/routes/w.$ws.sets.$id.meetings.$meetingId.run";
import { callRoute, getRequest, postRequest } from "../../helpers/requests";
import { meetingParams, type LearningWorld } from "./world";

/** Posts one runner form as `cookie` and returns the status and data. */
export function postRunner(world: LearningWorld, meetingId: string, cookie: string, form: Record<string, string>) {
  return callRoute(runAction, postRequest(`/w/${world.ws.slug}/sets/${world.setId}/meetings/${meetingId}/run`, form, { cookie }), meetingParams(world, meetingId));
}

export async function runnerState(world: LearningWorld, meetingId: string, cookie: string): Promise<RunnerState> {
  const result = await callRoute(runLoader, getRequest(`/w/${world.ws.slug}/sets/${world.setId}/meetings/${meetingId}/run`, { cookie }), meetingParams(world, meetingId));
  if (result.status !== 200) throw new Error(`runner loader answered ${result.status}`);
  return (result.data as { state: RunnerState }).state;
}
