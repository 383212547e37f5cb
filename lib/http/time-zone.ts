import { cookies } from 'next/headers';
import 'server-only';

/** The cookie the code screen sets with the browser's time zone, so pages without JavaScript can say clock times. */
const TIME_ZONE_COOKIE = 'tz';

/** The reader's IANA time zone, as their browser told us earlier; undefined when unknown or not a real zone. */
export async function readerTimeZone(): Promise<string | undefined> {
  const timeZone = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  if (!timeZone || timeZone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
