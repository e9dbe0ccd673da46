import { useLocation } from "@remix-run/react";
import { useEffect } from "react";

import { reconcileOfflineCopies } from "./offline-copies";

/**
 * On every page the browser shows, removes the offline copies that no longer belong here: those
 * of anyone but the signed-in person (everyone's after sign-out or a revoked session) and those
 * of documents this person may no longer write. Renders nothing.
 */
export function OfflineCopySweeper({ userId }: { userId: string | null }) {
  const location = useLocation();
  useEffect(() => {
    void reconcileOfflineCopies(userId);
  }, [userId, location.key]);
  return null;
}
