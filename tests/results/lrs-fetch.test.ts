/** What --auth becomes: the Authorization header an LRS expects. */
import { describe, expect, it } from "vitest";
import { authorization } from "../../src/results/lrsFetch";

describe("authorization", () => {
  it("turns user:password into Basic, in UTF-8", () => {
    expect(authorization("key:secret")).toBe(`Basic ${Buffer.from("key:secret").toString("base64")}`);
    expect(authorization("lærer:hemmelig-ø")).toBe(`Basic ${Buffer.from("lærer:hemmelig-ø", "utf8").toString("base64")}`);
  });
  it("keeps a ready header value, and takes a bare token as Basic", () => {
    expect(authorization("Basic a2V5OnNlY3JldA==")).toBe("Basic a2V5OnNlY3JldA==");
    expect(authorization("Bearer eyJhbGciOi")).toBe("Bearer eyJhbGciOi");
    expect(authorization("a2V5OnNlY3JldA==")).toBe("Basic a2V5OnNlY3JldA==");
  });
});
