// The live-chat settings form's values, shared by the form and its weekly-schedule field group.
import type { Weekday } from "@/lib/live-chat/working-hours";

export type Range = { from: string; to: string };
export type Schedule = Record<Weekday, Range[]>;

export interface LiveChatFormValues {
  alwaysOpen: boolean;
  schedule: Schedule;
  timeZone: string;
  /** A BLOCK_PRESETS minutes value, or "custom" (then `minutes`). */
  preset: string;
  minutes: string;
}
