/**
 * Go's `time.Now().UTC().String()`, the text of Dapr's `readTimeUTC`:
 * `2024-05-01 10:20:30.123 +0000 UTC` (the fraction trimmed of zeros, left out when whole).
 */
export function goTimeString(ms: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction === '' ? '' : `.${fraction}`} +0000 UTC`;
}
