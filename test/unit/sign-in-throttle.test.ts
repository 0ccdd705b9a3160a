import {
  MAX_FAILED_SIGN_INS,
  SIGN_IN_LOCKOUT_S,
  SignInThrottle,
} from "../../scripts/federation/sign-in-throttle";

describe("the development identity providers' sign-in throttle", () => {
  const at = (seconds: number) => 1_000_000 + seconds * 1000;

  it("locks a name after five failures in a row, for a minute, and then lets it try again", () => {
    const throttle = new SignInThrottle();
    for (let n = 1; n < MAX_FAILED_SIGN_INS; n++) throttle.failed("officer.fi", at(n));
    expect(throttle.lockedFor("officer.fi", at(5))).toBe(0);
    throttle.failed("officer.fi", at(5));
    expect(throttle.lockedFor("officer.fi", at(5))).toBe(SIGN_IN_LOCKOUT_S);
    expect(throttle.lockedFor("officer.lt", at(5))).toBe(0);
    expect(throttle.lockedFor("officer.fi", at(5 + SIGN_IN_LOCKOUT_S))).toBe(0);
  });

  it("forgets failures after a quiet minute, and on a success", () => {
    const throttle = new SignInThrottle();
    for (let n = 1; n < MAX_FAILED_SIGN_INS; n++) throttle.failed("officer.fi", at(n));
    throttle.failed("someone-else", at(10 + SIGN_IN_LOCKOUT_S)); // a minute later: the four are forgotten
    throttle.failed("officer.fi", at(11 + SIGN_IN_LOCKOUT_S));
    expect(throttle.lockedFor("officer.fi", at(11 + SIGN_IN_LOCKOUT_S))).toBe(0);
    for (let n = 1; n < MAX_FAILED_SIGN_INS; n++) throttle.failed("officer.lt", at(100 + n));
    throttle.succeeded("officer.lt");
    throttle.failed("officer.lt", at(110));
    expect(throttle.lockedFor("officer.lt", at(110))).toBe(0);
  });
});
