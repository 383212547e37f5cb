import { timestamp } from './clock';
import { newId } from './ids';
import { maskPhoneNumber } from './phone';
import { smsBody, type SmsLocale } from './sms-text';

export type OutboxMessage = {
  id: string;
  phone_number: string;
  code: string;
  /** The `locale` the send asked for, or null when it asked for none (the text is then in English). */
  locale: SmsLocale | null;
  body: string;
  sent_at: string;
  expires_at: string;
};

/** Stands in for the SMS carrier: every "sent" text lands here and on the console. */
export class Outbox {
  /** Oldest first: a send appends, whatever the outbox holds. */
  #messages: OutboxMessage[] = [];
  /** The newest text of each number and code, for the sign-in that uses it. */
  #byCode = new Map<string, OutboxMessage>();
  #usedIds = new Set<string>();

  constructor(private readonly log: (line: string) => void) {}

  deliver(text: { phoneNumber: string; code: string; locale?: SmsLocale }, sentAt: Date, expiresAt: Date): void {
    const { phoneNumber, code, locale } = text;
    const message: OutboxMessage = {
      id: newId('message'),
      phone_number: phoneNumber,
      code,
      locale: locale ?? null,
      body: smsBody(code, locale),
      sent_at: timestamp(sentAt),
      expires_at: timestamp(expiresAt),
    };
    this.#messages.push(message);
    this.#byCode.set(codeKey(phoneNumber, code), message);
    this.log(`SMS to ${maskPhoneNumber(phoneNumber)}: ${message.body}`);
  }

  /** Newest first, optionally for one number. */
  list(phoneNumber?: string): OutboxMessage[] {
    const newestFirst = this.#messages.toReversed();
    return phoneNumber === undefined
      ? newestFirst
      : newestFirst.filter((message) => message.phone_number === phoneNumber);
  }

  /** The text that carried a code someone signed in with. */
  markUsed(phoneNumber: string, code: string): void {
    const message = this.#byCode.get(codeKey(phoneNumber, code));
    if (message) this.#usedIds.add(message.id);
  }

  isUsed(message: OutboxMessage): boolean {
    return this.#usedIds.has(message.id);
  }

  clear(): void {
    this.#messages = [];
    this.#byCode.clear();
    this.#usedIds.clear();
  }
}

function codeKey(phoneNumber: string, code: string): string {
  return `${phoneNumber} ${code}`;
}
