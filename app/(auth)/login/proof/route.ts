import { getProofOfWork } from '@/lib/limits/proof-of-work';

/** A fresh proof-of-work challenge for the phone form's widget, asked for only while the country's budget runs hot. */
export async function GET() {
  return Response.json(await getProofOfWork().challenge(), { headers: { 'cache-control': 'no-store' } });
}
