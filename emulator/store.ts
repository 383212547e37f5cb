import type { AuthenticationFactor } from 'stytch';
import { newId, newSessionToken } from './ids';

export type UserStatus = 'active' | 'pending';

export type PhoneRecord = {
  phone_id: string;
  phone_number: string;
  verified: boolean;
  /** A phone added to an existing user by sms/send is dropped unless it is verified by then. */
  attachDeadline?: Date;
};

type UserLock = {
  createdAt: Date;
  expiresAt: Date;
};

export type UserRecord = {
  user_id: string;
  status: UserStatus;
  createdAt: Date;
  phones: PhoneRecord[];
  failedAttempts: number;
  lock?: UserLock;
};

export type OtpRecord = {
  code: string;
  expiresAt: Date;
  /** The send's `attributes`, which authenticate's `options` may require to match. */
  attributes: { ip_address?: string; user_agent?: string };
  state: 'active' | 'used' | 'superseded';
};

export type SessionRecord = {
  session_id: string;
  user_id: string;
  token: string;
  startedAt: Date;
  /** A start time Stytch states to the microsecond, which a Date cannot hold (the sandbox session's). */
  startedAtText?: string;
  lastAccessedAt: Date;
  expiresAt: Date;
  attributes: { ip_address: string; user_agent: string };
  factors: AuthenticationFactor[];
  customClaims: Record<string, unknown>;
};

export type PhoneMatch = {
  user: UserRecord;
  phone: PhoneRecord;
};

export type NewSession = Omit<SessionRecord, 'session_id' | 'token'>;

const HOUR_MS = 3_600_000;
// What has expired is gone from every lookup at once; the memory it holds is reclaimed by a sweep every so many calls.
const SWEEP_EVERY_CALLS = 1_000;

/**
 * Everything the API remembers, in memory. Only the signing key outlives a restart. Lookups go through indexes, so a
 * call costs the same after a long e2e or load run as on the first.
 */
export class Store {
  readonly #users = new Map<string, UserRecord>();
  /** Every phone with its user, by phone_id; a number belongs to one user at most. */
  readonly #phones = new Map<string, PhoneMatch>();
  readonly #phoneIdsByNumber = new Map<string, string>();
  readonly #sessions = new Map<string, SessionRecord>();
  readonly #sessionIdsByToken = new Map<string, string>();
  readonly #sessionIdsByUser = new Map<string, Set<string>>();
  /** Every code ever issued per phone_id, newest last, so a stale code can be told apart from a wrong one. */
  readonly #otps = new Map<string, OtpRecord[]>();
  /** Sends per `phone|hour`, where hour counts whole hours since the epoch (a fixed window, as Stytch's). */
  readonly #sends = new Map<string, number>();
  /** The time of the call under way, which every lookup holds records against. */
  #now = new Date(0);
  #callsSinceSweep = 0;

  reset(): void {
    for (const map of [
      this.#users,
      this.#phones,
      this.#phoneIdsByNumber,
      this.#sessions,
      this.#sessionIdsByToken,
      this.#sessionIdsByUser,
      this.#otps,
      this.#sends,
    ])
      map.clear();
    this.#callsSinceSweep = 0;
  }

  /**
   * Starts a call at `now`: no lookup sees a session, a lock or a lapsed phone that expired by then. Every
   * SWEEP_EVERY_CALLS calls, whatever has expired is also dropped from memory.
   */
  expire(now: Date): void {
    this.#now = now;
    if (++this.#callsSinceSweep < SWEEP_EVERY_CALLS) return;
    this.#callsSinceSweep = 0;
    for (const user of this.#users.values()) this.#current(user);
    for (const session of this.#sessions.values()) this.#live(session);
    const hour = hourIndex(now);
    for (const key of this.#sends.keys()) {
      if (Number(key.split('|')[1]) < hour) this.#sends.delete(key);
    }
  }

  getUser(userId: string): UserRecord | undefined {
    const user = this.#users.get(userId);
    return user && this.#current(user);
  }

  findPhoneByNumber(phoneNumber: string): PhoneMatch | undefined {
    const phoneId = this.#phoneIdsByNumber.get(phoneNumber);
    return phoneId === undefined ? undefined : this.findPhoneById(phoneId);
  }

  findPhoneById(phoneId: string): PhoneMatch | undefined {
    const match = this.#phones.get(phoneId);
    if (match) this.#current(match.user);
    // A phone whose attach window lapsed is gone by now.
    return this.#phones.get(phoneId);
  }

  createUser(phoneNumber: string, status: UserStatus, now: Date): PhoneMatch {
    const user: UserRecord = { user_id: newId('user'), status, createdAt: now, phones: [], failedAttempts: 0 };
    this.#users.set(user.user_id, user);
    return { user, phone: this.attachPhone(user, phoneNumber) };
  }

  attachPhone(user: UserRecord, phoneNumber: string, attachDeadline?: Date): PhoneRecord {
    const phone: PhoneRecord = { phone_id: newId('phone-number'), phone_number: phoneNumber, verified: false };
    if (attachDeadline) phone.attachDeadline = attachDeadline;
    user.phones.push(phone);
    this.#phones.set(phone.phone_id, { user, phone });
    this.#phoneIdsByNumber.set(phoneNumber, phone.phone_id);
    return phone;
  }

  deleteUser(userId: string): boolean {
    const user = this.#users.get(userId);
    if (!user) return false;
    for (const phone of user.phones) this.#removePhone(user, phone);
    for (const sessionId of this.#sessionIdsByUser.get(userId) ?? []) this.deleteSession(sessionId);
    return this.#users.delete(userId);
  }

  /** Removes a phone and its codes; the user keeps their sessions, and the number is free for anyone. */
  deletePhone(phoneId: string): UserRecord | undefined {
    const match = this.findPhoneById(phoneId);
    if (match) this.#removePhone(match.user, match.phone);
    return match?.user;
  }

  /** A new code supersedes every earlier one for the same phone: Stytch keeps one live code per method_id. */
  issueOtp(phoneId: string, otp: Omit<OtpRecord, 'state'>): void {
    const history = this.#otps.get(phoneId) ?? [];
    for (const earlier of history) if (earlier.state === 'active') earlier.state = 'superseded';
    history.push({ ...otp, state: 'active' });
    this.#otps.set(phoneId, history);
  }

  /** The newest code issued to this phone that equals `code`, if any. */
  findOtp(phoneId: string, code: string): OtpRecord | undefined {
    return this.#otps.get(phoneId)?.findLast((otp) => otp.code === code);
  }

  /** Counts one send for `phoneNumber` in the current hour; false once `limit` sends were already counted. */
  takeSendAllowance(phoneNumber: string, now: Date, limit: number): boolean {
    const key = `${phoneNumber}|${hourIndex(now)}`;
    const sent = this.#sends.get(key) ?? 0;
    if (sent >= limit) return false;
    this.#sends.set(key, sent + 1);
    return true;
  }

  createSession(fields: NewSession): SessionRecord {
    const session: SessionRecord = { session_id: newId('session'), token: newSessionToken(), ...fields };
    this.#sessions.set(session.session_id, session);
    this.#sessionIdsByToken.set(session.token, session.session_id);
    const ofUser = this.#sessionIdsByUser.get(session.user_id) ?? new Set();
    this.#sessionIdsByUser.set(session.user_id, ofUser.add(session.session_id));
    return session;
  }

  getSession(sessionId: string): SessionRecord | undefined {
    const session = this.#sessions.get(sessionId);
    return session && this.#live(session);
  }

  findSessionByToken(token: string): SessionRecord | undefined {
    const sessionId = this.#sessionIdsByToken.get(token);
    return sessionId === undefined ? undefined : this.getSession(sessionId);
  }

  sessionsOf(userId: string): SessionRecord[] {
    return [...(this.#sessionIdsByUser.get(userId) ?? [])].flatMap((sessionId) => this.getSession(sessionId) ?? []);
  }

  deleteSession(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (!session) return;
    this.#sessions.delete(sessionId);
    this.#sessionIdsByToken.delete(session.token);
    const ofUser = this.#sessionIdsByUser.get(session.user_id);
    ofUser?.delete(sessionId);
    if (ofUser?.size === 0) this.#sessionIdsByUser.delete(session.user_id);
  }

  // The user as of now: a lock that ran out is lifted (its failures forgotten), a phone whose window lapsed is gone.
  #current(user: UserRecord): UserRecord {
    if (user.lock && user.lock.expiresAt <= this.#now) {
      user.lock = undefined;
      user.failedAttempts = 0;
    }
    for (const phone of user.phones.filter((p) => p.attachDeadline && p.attachDeadline <= this.#now)) {
      this.#removePhone(user, phone);
    }
    return user;
  }

  // The session, or nothing once it has expired (and then it is dropped).
  #live(session: SessionRecord): SessionRecord | undefined {
    if (session.expiresAt > this.#now) return session;
    this.deleteSession(session.session_id);
    return undefined;
  }

  #removePhone(user: UserRecord, phone: PhoneRecord): void {
    user.phones = user.phones.filter((p) => p !== phone);
    this.#phones.delete(phone.phone_id);
    if (this.#phoneIdsByNumber.get(phone.phone_number) === phone.phone_id) {
      this.#phoneIdsByNumber.delete(phone.phone_number);
    }
    this.#otps.delete(phone.phone_id);
  }
}

function hourIndex(date: Date): number {
  return Math.floor(date.getTime() / HOUR_MS);
}
