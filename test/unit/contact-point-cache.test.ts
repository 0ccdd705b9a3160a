import { ContactPointCache } from "../../subgraphs/national/src/modules/contact-point/contact-point-cache";
import { ContactPointRecord } from "../../subgraphs/national/src/modules/contact-point/contact-point.model";

const records = (n: number) => [{ email: `v${n}@ncp.example` }] as unknown as ContactPointRecord[];

describe("the contact points kept between store reads", () => {
  afterEach(() => jest.useRealTimers());

  it("reads the store once per period, again after it, and at once after the process's own write", async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new ContactPointCache(5_000);
    let reads = 0;
    const load = async () => records(++reads);
    expect(await cache.get(load)).toEqual(records(1));
    expect(await cache.get(load)).toEqual(records(1));
    jest.setSystemTime(5_001);
    expect(await cache.get(load)).toEqual(records(2));
    cache.invalidate();
    expect(await cache.get(load)).toEqual(records(3));
    expect(reads).toBe(3);
  });

  it("keeps nothing with a period of 0, and never keeps a failed read", async () => {
    const none = new ContactPointCache(0);
    let reads = 0;
    await none.get(async () => records(++reads));
    await none.get(async () => records(++reads));
    expect(reads).toBe(2);

    const cache = new ContactPointCache(5_000);
    await expect(cache.get(() => Promise.reject(new Error("store away")))).rejects.toThrow("store away");
    expect(await cache.get(async () => records(7))).toEqual(records(7));
  });
});
