import { describe, expect, it } from "vitest";
import { takeWidgetJoinTurn } from "./widget-join";

// Budgets that do not refill within a test; subjects of each test's own (the memory store is shared).
const BUDGETS = { perVisitor: { burst: 3, perSecond: 0.001 }, perAddress: { burst: 5, perSecond: 0.001 } };
let n = 0;
const unique = (what: string) => `${what}-${Date.now()}-${n++}`;

async function turns(visitor: string, address: string, attempts: number): Promise<boolean[]> {
  const answers = [];
  for (let i = 0; i < attempts; i++) answers.push(await takeWidgetJoinTurn(BUDGETS, { visitor, address }));
  return answers;
}

describe("a widget join's turn", () => {
  it("a visitor has its burst, wherever it joins from", async () => {
    const visitor = unique("visitor");
    expect(await turns(visitor, unique("address"), 2)).toEqual([true, true]);
    expect(await turns(visitor, unique("address"), 2)).toEqual([true, false]);
  });

  it("an address has its burst across its visitors; another address is untouched", async () => {
    const address = unique("address");
    expect([...(await turns(unique("visitor"), address, 3)), ...(await turns(unique("visitor"), address, 3))]).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(await turns(unique("visitor"), address, 1)).toEqual([false]);
    expect(await turns(unique("visitor"), unique("address"), 1)).toEqual([true]);
  });

  it("a visitor refused for its address's budget keeps its own turns", async () => {
    const crowded = unique("address");
    await turns(unique("visitor"), crowded, 3);
    await turns(unique("visitor"), crowded, 2);
    const visitor = unique("visitor");
    expect(await turns(visitor, crowded, 4)).toEqual([false, false, false, false]);
    expect(await turns(visitor, unique("address"), 4)).toEqual([true, true, true, false]);
  });
});
