import { Button } from '@/components/ui/button';
import { getTranslations } from 'next-intl/server';
import type { MomentWords } from './format-moment';
import { LocalTime } from './local-time';

/** A signed-in device as the list shows it (lib/auth/devices.ts makes them). */
type DeviceRow = { sessionId: string; name: string; signedInAt: number; lastActiveAt: number; current: boolean };

/**
 * The user's devices, this one marked, each other one with its own sign-out form: plain posts, so it works without
 * JavaScript. `devices` is null when they cannot be listed right now.
 */
export async function DeviceList({
  devices,
  serverNow,
  signOutDevice,
  signOutOtherDevices,
  momentWords,
}: {
  devices: DeviceRow[] | null;
  serverNow: number;
  signOutDevice: (formData: FormData) => Promise<void>;
  signOutOtherDevices: () => Promise<void>;
  momentWords: MomentWords;
}) {
  const t = await getTranslations('devices');
  const at = (time: number, style: 'date-time' | 'ago') =>
    function Moment() {
      return <LocalTime at={time} style={style} serverNow={serverNow} words={momentWords} />;
    };
  const others = devices?.filter((device) => !device.current).length ?? 0;
  return (
    <div className="mt-6">
      {devices === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('unavailable')}</p>
      ) : (
        <ul aria-label={t('heading')} className="divide-y divide-slate-200 dark:divide-slate-800">
          {devices.map((device) => (
            <li key={device.sessionId} className="py-3 text-sm">
              <p className="font-medium">
                {device.name}
                {device.current && (
                  <span className="ml-2 rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
                    {t('thisDevice')}
                  </span>
                )}
              </p>
              <p className="mt-1 text-slate-600 dark:text-slate-400">
                {t.rich('signedIn', { when: at(device.signedInAt, 'date-time') })}
              </p>
              <p className="text-slate-600 dark:text-slate-400">
                {t.rich('lastActive', { when: at(device.lastActiveAt, 'ago') })}
              </p>
              {!device.current && (
                <form action={signOutDevice} className="mt-2">
                  <input type="hidden" name="sessionId" value={device.sessionId} />
                  <Button type="submit" variant="secondary" aria-label={t('signOutNamed', { device: device.name })}>
                    {t('signOut')}
                  </Button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {others > 0 && (
        <form action={signOutOtherDevices} className="mt-3">
          <Button type="submit" variant="secondary">
            {t('signOutOthers')}
          </Button>
        </form>
      )}
    </div>
  );
}
