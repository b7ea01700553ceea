//! The numbers of the output: scores rounded to 4 decimals, and floats
//! written as serde_json writes them.

use serde_json::ser::{CompactFormatter, Formatter};

/// Rounds a score for output: 4 decimals are plenty, and rounding keeps
/// the JSON short and stable.
pub fn round4(x: f64) -> f64 {
    round(x * 10_000.0) / 10_000.0
}

/// `x.round()` (halves away from zero), bit for bit, in instructions
/// every x86-64 has: without SSE4.1 `f64::round` is a library call
/// several times longer, and every key term's score goes through it.
#[inline]
pub fn round(x: f64) -> f64 {
    let a = x.abs();
    // 2^52: from there on every float is an integer. False for NaN.
    if a < 4_503_599_627_370_496.0 {
        // Truncation by conversion is exact below 2^52, and so is the
        // fraction left.
        let t = a as i64 as f64;
        let r = if a - t >= 0.5 { t + 1.0 } else { t };
        r.copysign(x)
    } else {
        // Already an integer, infinite or NaN; the addition quiets a
        // signalling NaN, as `f64::round` does.
        x + 0.0
    }
}

/// Appends `x` (finite) as serde_json writes it: its shortest decimal
/// that reads back as `x`. The scores it writes are [`round4`]'s, at most
/// four decimals, which are written from their integer count of 10^-4
/// without the general shortest-digits search.
pub(super) fn write_f64(out: &mut Vec<u8>, x: f64) {
    if !write_four_decimals(out, x) {
        CompactFormatter
            .write_f64(out, x)
            .expect("writing to a Vec cannot fail");
    }
}

/// Writes `x` as `n / 10^4` when it is the float nearest to such a
/// decimal and under 10^11, and says whether it did. There the floats
/// are less than 2^-16 apart, so any other decimal of at most four
/// decimals (at least 10^-4 away) reads back as another float, and one
/// with fewer significant digits has fewer decimals: `n / 10^4` with its
/// trailing zeros dropped is the shortest decimal of `x`. The same
/// digits in serde_json's layout: `12.5`, `0.0001`, `3.0`.
fn write_four_decimals(out: &mut Vec<u8>, x: f64) -> bool {
    if x.is_nan() || x.abs() >= 1e11 {
        return false;
    }
    let n = round(x * 10_000.0);
    // IEEE division rounds to nearest, as reading the decimal does.
    if (n / 10_000.0).to_bits() != x.to_bits() {
        return false;
    }
    // Right to left into one buffer: the digits of the fraction up to
    // its last non-zero one (one zero when there is none), the point,
    // the integer part, the sign (of -0.0 too, as serde_json writes it).
    let n = (n as i64).unsigned_abs();
    let (mut int, mut frac) = (n / 10_000, n % 10_000);
    let mut buf = [0u8; 24];
    let mut at = buf.len();
    let mut kept = false;
    for _ in 0..4 {
        let digit = (frac % 10) as u8;
        frac /= 10;
        kept |= digit != 0;
        if kept {
            at -= 1;
            buf[at] = b'0' + digit;
        }
    }
    if !kept {
        at -= 1;
        buf[at] = b'0';
    }
    at -= 1;
    buf[at] = b'.';
    loop {
        at -= 1;
        buf[at] = b'0' + (int % 10) as u8;
        int /= 10;
        if int == 0 {
            break;
        }
    }
    if x.is_sign_negative() {
        at -= 1;
        buf[at] = b'-';
    }
    out.extend_from_slice(&buf[at..]);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_json's own writing of a float.
    fn serde_json_f64(x: f64) -> String {
        let mut out = Vec::new();
        CompactFormatter.write_f64(&mut out, x).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn ours_f64(x: f64) -> String {
        let mut out = Vec::new();
        write_f64(&mut out, x);
        String::from_utf8(out).unwrap()
    }

    /// Every count of 10^-4 up to 2 000 (both signs), then every
    /// 997th up to 10^8, the edges of 10^11, the rounded scores'
    /// neighbours and floats of more decimals.
    #[test]
    fn four_decimals_written_as_serde_json_writes_them() {
        let mut fast = 0;
        let mut check = |x: f64| {
            assert_eq!(ours_f64(x), serde_json_f64(x), "{x:e}");
            let mut out = Vec::new();
            fast += usize::from(write_four_decimals(&mut out, x));
        };
        for n in (0..20_000i64).chain((20_000..100_000_000).step_by(997)) {
            let x = n as f64 / 10_000.0;
            check(x);
            check(-x);
        }
        for x in [
            1e11,
            -1e11,
            99_999_999_999.999_9,
            99_999_999_999.999_8,
            1e11 - 1.0,
            4_503_599_627_370_496.0,
            1e-4,
            5e-5,
            1e-5,
            0.000_15,
            -0.0,
            0.1 + 0.2,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
        ] {
            check(x);
            check(x.next_up());
            check(x.next_down());
        }
        assert!(fast > 20_000);
    }

    proptest::proptest! {
        #[test]
        fn any_float_written_as_serde_json_writes_it(
            bits in proptest::prelude::any::<u64>(),
            n in -1_000_000_000_000_000i64..1_000_000_000_000_000,
            scale in 0u32..12,
        ) {
            let scaled = n as f64 / 10f64.powi(scale as i32);
            for x in [f64::from_bits(bits), scaled, round4(scaled), n as f64 / 1e4] {
                if x.is_finite() {
                    proptest::prop_assert_eq!(ours_f64(x), serde_json_f64(x));
                }
            }
        }
    }

    #[test]
    fn rounding() {
        assert_eq!(round4(0.123_456), 0.1235);
        assert_eq!(round4(2.0), 2.0);
    }

    /// `round` is `f64::round` bit for bit: halves, the float under a
    /// half, the edge of 2^52, signed zeros, infinities and NaN, then
    /// any float.
    #[test]
    fn round_is_f64_round() {
        let two52 = 4_503_599_627_370_496.0f64;
        let mut cases = vec![
            0.0,
            0.5,
            1.5,
            2.5,
            0.499_999_999_999_999_94,
            two52 - 0.5,
            two52 - 1.5,
            two52,
            two52 + 1.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::INFINITY,
            f64::NAN,
        ];
        cases.extend(cases.clone().iter().map(|x| -x));
        for x in cases {
            assert_eq!(super::round(x).to_bits(), x.round().to_bits(), "{x}");
        }
    }

    proptest::proptest! {
        #[test]
        fn round_is_f64_round_anywhere(bits in proptest::prelude::any::<u64>(), scaled in -1e9f64..1e9) {
            for x in [f64::from_bits(bits), scaled, scaled / 7.0 + 0.5] {
                proptest::prop_assert_eq!(super::round(x).to_bits(), x.round().to_bits(), "{}", x);
            }
        }
    }
}
