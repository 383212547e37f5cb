'use client';

import { useSyncExternalStore } from 'react';
import { formatMoment, type MomentStyle, type MomentWords } from './format-moment';

const noUpdates = () => () => {};

/**
 * A moment in the reader's own time zone. The server, which cannot know it, writes UTC (said so), and that stays
 * without JavaScript; "ago" reads the same everywhere.
 */
export function LocalTime({
  at,
  style,
  serverNow,
  words,
}: {
  at: number;
  style: MomentStyle;
  serverNow: number;
  words: MomentWords;
}) {
  const text = useSyncExternalStore(
    noUpdates,
    () => formatMoment(at, style, Date.now(), words),
    () => formatMoment(at, style, serverNow, words, 'UTC'),
  );
  return <time dateTime={new Date(at).toISOString()}>{text}</time>;
}
