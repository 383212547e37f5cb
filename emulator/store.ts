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

/** Everything the API remembers, in memory. Only the signing key outlives a restart. */
export class Store {
  readonly #users = new Map<string, UserRecord>();
  readonly #sessions = new Map<string, SessionRecord>();
  /** Every code ever issued per phone_id, newest last, so a stale code can be told apart from a wrong one. */
  readonly #otps = new Map<string, OtpRecord[]>();
  /** Sends per `phone|hour`, where hour counts whole hours since the epoch (a fixed window, as Stytch's). */
  readonly #sends = new Map<string, number>();

  reset(): void {
    this.#users.clear();
    this.#sessions.clear();
    this.#otps.clear();
    this.#sends.clear();
  }

  /** Drops whatever has expired by `now`, so no lookup ever sees a dead session, a stale lock or a lapsed phone. */
  expire(now: Date): void {
    for (const user of this.#users.values()) {
      if (user.lock && user.lock.expiresAt <= now) {
        user.lock = undefined;
        user.failedAttempts = 0;
      }
      for (const phone of user.phones.filter((p) => p.attachDeadline && p.attachDeadline <= now)) {
        this.#removePhone(user, phone);
      }
    }
    for (const session of this.#sessions.values()) {
      if (session.expiresAt <= now) this.#sessions.delete(session.session_id);
    }
    const hour = hourIndex(now);
    for (const key of this.#sends.keys()) {
      if (Number(key.split('|')[1]) < hour) this.#sends.delete(key);
    }
  }

  getUser(userId: string): UserRecord | undefined {
    return this.#users.get(userId);
  }

  findPhoneByNumber(phoneNumber: string): PhoneMatch | undefined {
    return this.#findPhone((phone) => phone.phone_number === phoneNumber);
  }

  findPhoneById(phoneId: string): PhoneMatch | undefined {
    return this.#findPhone((phone) => phone.phone_id === phoneId);
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
    return phone;
  }

  deleteUser(userId: string): boolean {
    const user = this.#users.get(userId);
    if (!user) return false;
    for (const phone of user.phones) this.#otps.delete(phone.phone_id);
    for (const session of this.sessionsOf(userId)) this.#sessions.delete(session.session_id);
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
    return session;
  }

  getSession(sessionId: string): SessionRecord | undefined {
    return this.#sessions.get(sessionId);
  }

  findSessionByToken(token: string): SessionRecord | undefined {
    for (const session of this.#sessions.values()) if (session.token === token) return session;
    return undefined;
  }

  sessionsOf(userId: string): SessionRecord[] {
    return [...this.#sessions.values()].filter((session) => session.user_id === userId);
  }

  deleteSession(sessionId: string): void {
    this.#sessions.delete(sessionId);
  }

  #findPhone(matches: (phone: PhoneRecord) => boolean): PhoneMatch | undefined {
    for (const user of this.#users.values()) {
      const phone = user.phones.find(matches);
      if (phone) return { user, phone };
    }
    return undefined;
  }

  #removePhone(user: UserRecord, phone: PhoneRecord): void {
    user.phones = user.phones.filter((p) => p !== phone);
    this.#otps.delete(phone.phone_id);
  }
}

function hourIndex(date: Date): number {
  return Math.floor(date.getTime() / HOUR_MS);
}
