import { describe, expect, it } from "vitest";
import { describeWorkingHours } from "./describe-hours";

describe("describeWorkingHours", () => {
  it("groups consecutive days with the same hours and leaves closed days out", () => {
    const office = { from: "09:00", to: "17:00" };
    expect(describeWorkingHours(null)).toBe("Always open");
    expect(
      describeWorkingHours({
        mon: [office],
        tue: [office],
        wed: [office],
        thu: [office],
        fri: [office],
        sat: [{ from: "10:00", to: "14:00" }],
        sun: [],
      }),
    ).toBe("Mon–Fri 09:00–17:00; Sat 10:00–14:00");
    expect(describeWorkingHours({ mon: [office], tue: [], wed: [office], thu: [], fri: [], sat: [], sun: [] })).toBe(
      "Mon 09:00–17:00; Wed 09:00–17:00",
    );
    expect(describeWorkingHours({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] })).toBe(
      "Closed every day",
    );
  });
});
