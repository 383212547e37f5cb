import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core/es6';
import 'server-only';

/* Numbers already in E.164, written back for people. Reading what a person typed is `./phone-input.ts`. */

/** The national part of an E.164 number, formatted for its country, to put back into the phone field. */
export function toNationalInput(e164: string, metadata: MetadataJson) {
  const phone = parsePhoneNumberFromString(e164, metadata);
  return phone?.country ? { country: phone.country, national: phone.formatNational() } : null;
}

/**
 * The product's one format for a stored number shown to its owner (code screen, account page, inbox): the national
 * format of the number's own country, "(201) 555-0123". Typing uses the as-you-type national format of lib/fields.
 */
export function formatPhoneNational(e164: string, metadata: MetadataJson): string {
  return parsePhoneNumberFromString(e164, metadata)?.formatNational() ?? e164;
}

/** An E.164 number written for people: "+1 201 555 0123". */
export function formatPhone(e164: string, metadata: MetadataJson): string {
  return parsePhoneNumberFromString(e164, metadata)?.formatInternational() ?? e164;
}

/** The calling code of an E.164 number ("1" for +1 201 555 0123), the key of its country's budget. */
export function callingCodeOf(e164: string, metadata: MetadataJson): string {
  return parsePhoneNumberFromString(e164, metadata)?.countryCallingCode ?? 'unknown';
}

/** Shows a number with all but its last four digits hidden, e.g. `+1 ••• ••• 0162`; safe for screens and logs. */
export function maskPhone(e164: string, metadata: MetadataJson): string {
  const phone = parsePhoneNumberFromString(e164, metadata);
  const callingCode = phone ? `+${phone.countryCallingCode}` : '';
  const rest = phone ? phone.formatInternational().slice(callingCode.length) : e164.replace(/^\+/, '');
  // Digits of any script count: text that does not parse may hold full-width or Arabic-Indic ones.
  const digits = rest.replace(/\P{Nd}/gu, '').length;
  let seen = 0;
  const masked = rest.replace(/\p{Nd}/gu, (digit) => (++seen > digits - 4 ? digit : '•'));
  return `${callingCode || '+'}${masked}`;
}

export { getCountryCallingCode } from 'libphonenumber-js/core/es6';
