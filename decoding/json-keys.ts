/**
 * How sigs.k8s.io/yaml v1.6.0 (yaml.go convertToJSONableObject) turns a go-yaml map key into a
 * JSON object key: strings as they are, integers in decimal, booleans as true/false, floats with
 * strconv.FormatFloat(f, 'g', -1, 32) — float32 precision, so `0.1` stays "0.1" but `3.14159265`
 * becomes "3.1415927" and `1e6` "1e+06" — with ±Inf and NaN as ".inf", "-.inf", ".nan". A null
 * or uint64 key has no JSON form: Kubernetes refuses the document.
 */
import { GoType, type GoScalar } from "./yaml-scalars";

/** The JSON key, or undefined when sigs.k8s.io/yaml refuses the key. */
export function jsonKey(key: GoScalar): string | undefined {
  switch (key.type) {
    case GoType.String:
    case GoType.Timestamp:
    case GoType.Bytes:
      return key.value as string;
    case GoType.Int:
      return String(key.value);
    case GoType.Bool:
      return key.value ? "true" : "false";
    case GoType.Float:
      return formatFloat32(key.value as number);
    default:
      return undefined;
  }
}

/** What tells two go-yaml keys apart (Go's map equality: type and value; +0 equals -0; NaN nothing). */
export function keyIdentity(key: GoScalar, uniqueNaN: () => number): string {
  switch (key.type) {
    case GoType.String:
    case GoType.Timestamp:
      return `s${key.value as string}`;
    case GoType.Bytes:
      return `x${key.bytes!}`;
    case GoType.Int:
      return `i${String(key.value)}`;
    case GoType.Uint:
      return `u${String(key.value)}`;
    case GoType.Float: {
      const value = key.value as number;
      return Number.isNaN(value) ? `nan${uniqueNaN()}` : `f${value === 0 ? 0 : value}`;
    }
    case GoType.Bool:
      return `b${String(key.value)}`;
    case GoType.Null:
      return "null";
  }
}

/** strconv.FormatFloat(value, 'g', -1, 32), with sigs.k8s.io/yaml's names for ±Inf and NaN. */
export function formatFloat32(value: number): string {
  const single = Math.fround(value);
  if (Number.isNaN(single)) return ".nan";
  if (single === Infinity) return ".inf";
  if (single === -Infinity) return "-.inf";
  const sign = single < 0 || Object.is(single, -0) ? "-" : "";
  if (single === 0) return `${sign}0`;
  const { digits, pointAt } = shortestDigits(Math.abs(single));
  const exponent = pointAt - 1;
  // %e when the exponent is < -4 or >= 6 (the precision Go uses for shortest 'g').
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${magnitude}`;
  }
  if (pointAt <= 0) return `${sign}0.${"0".repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${"0".repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/**
 * The fewest decimal digits that read back as the same float32 (the closest such when several
 * qualify), as `0.<digits> × 10^pointAt`.
 */
function shortestDigits(single: number): { digits: string; pointAt: number } {
  for (let precision = 1; precision <= 9; precision++) {
    const exponential = single.toExponential(precision - 1);
    // The nearest decimal of this length is the answer when it reads back; only when it does not
    // can a farther one (the interval around a power of two is lopsided) still qualify.
    if (Math.fround(Number(exponential)) !== single && !neighbourQualifies(exponential, single)) continue;
    const [mantissa, exponentText] = exponential.split("e") as [string, string];
    const nearest = BigInt(mantissa.replace(".", ""));
    const scale = Number(exponentText) - (precision - 1);
    let best: { digits: bigint; distance: number } | undefined;
    for (const candidate of [nearest - 1n, nearest, nearest + 1n]) {
      if (candidate <= 0n) continue;
      const decimal = Number(`${candidate}e${scale}`);
      if (Math.fround(decimal) !== single) continue;
      const distance = Math.abs(decimal - single);
      if (!best || distance < best.distance) best = { digits: candidate, distance };
    }
    if (best) {
      const text = String(best.digits);
      const digits = text.replace(/0+$/, "");
      return { digits, pointAt: scale + text.length };
    }
  }
  throw new Error(`no float32 digits for ${single}`);
}

function neighbourQualifies(exponential: string, single: number): boolean {
  const [mantissa, exponentText] = exponential.split("e") as [string, string];
  const digits = BigInt(mantissa.replace(".", ""));
  const scale = Number(exponentText) - (mantissa.replace(".", "").length - 1);
  return [digits - 1n, digits + 1n].some((candidate) => candidate > 0n && Math.fround(Number(`${candidate}e${scale}`)) === single);
}
