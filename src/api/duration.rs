//! Durations in Go's form (`5s`, `1m30s`, `500ms`, `1.5h`, `0`), as Docker's flags and
//! shoal's API take them. Go's `time.ParseDuration` grammar, without negative values
//! (no flag here means anything by them); the largest value is Go's, about 292 years.

use std::time::Duration;

/// Nanoseconds per unit, longest unit names first so `ms` is not read as `m`.
const UNITS: &[(&str, u128)] = &[
    ("ns", 1),
    ("us", 1_000),
    ("µs", 1_000), // U+00B5, what Go prints
    ("μs", 1_000), // U+03BC
    ("ms", 1_000_000),
    ("s", 1_000_000_000),
    ("m", 60_000_000_000),
    ("h", 3_600_000_000_000),
];

/// Go's limit: an int64 of nanoseconds.
const MAX_NANOS: u128 = i64::MAX as u128;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("empty duration: use e.g. 5s, 1m30s or 500ms")]
    Empty,
    #[error("a duration cannot be negative")]
    Negative,
    #[error("not a duration: use a number and a unit (ns, us, ms, s, m, h), e.g. 5s or 1m30s")]
    Syntax,
    #[error("missing unit after {0}: use ns, us, ms, s, m or h")]
    MissingUnit(String),
    #[error("unknown unit {0:?}: use ns, us, ms, s, m or h")]
    UnknownUnit(String),
    #[error("too long: at most 2562047h47m16.854775807s")]
    TooLong,
}

/// Parses a Go duration: an optional `+`, then one or more numbers (with an optional
/// fraction) each followed by a unit; or `0` alone.
pub fn parse(s: &str) -> Result<Duration, DurationError> {
    let body = match s.strip_prefix('+') {
        Some(rest) => rest,
        None if s.starts_with('-') => return Err(DurationError::Negative),
        None => s,
    };
    if body.is_empty() {
        return Err(if s.is_empty() {
            DurationError::Empty
        } else {
            DurationError::Syntax
        });
    }
    if body == "0" {
        return Ok(Duration::ZERO);
    }
    let mut rest = body;
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let (nanos, after) = term(rest)?;
        total = total.saturating_add(nanos);
        if total > MAX_NANOS {
            return Err(DurationError::TooLong);
        }
        rest = after;
    }
    // At most i64::MAX, so it fits in u64.
    Ok(Duration::from_nanos(total as u64))
}

/// One `<number>[.<fraction>]<unit>` at the start of `s`: its nanoseconds and the rest.
fn term(s: &str) -> Result<(u128, &str), DurationError> {
    let int_len = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (int, rest) = s.split_at(int_len);
    let (frac, rest) = match rest.strip_prefix('.') {
        Some(r) => r.split_at(r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len())),
        None => ("", rest),
    };
    if int.is_empty() && frac.is_empty() {
        return Err(DurationError::Syntax);
    }
    let unit_len = rest
        .find(|c: char| c.is_ascii_digit() || c == '.')
        .unwrap_or(rest.len());
    let (unit, after) = rest.split_at(unit_len);
    if unit.is_empty() {
        return Err(if rest.is_empty() {
            DurationError::MissingUnit(s.to_string())
        } else {
            DurationError::Syntax
        });
    }
    let per = UNITS
        .iter()
        .find(|(name, _)| *name == unit)
        .map(|(_, n)| *n)
        .ok_or_else(|| DurationError::UnknownUnit(unit.to_string()))?;
    let whole: u128 = if int.is_empty() {
        0
    } else {
        // More digits than any valid duration has: too long, not a syntax error.
        int.parse().map_err(|_| DurationError::TooLong)?
    };
    // Digits past nanosecond precision (19 covers hours) change nothing; Go drops them too.
    let (mut num, mut den) = (0u128, 1u128);
    for d in frac.bytes().take(19) {
        num = num * 10 + u128::from(d - b'0');
        den *= 10;
    }
    let nanos = whole
        .checked_mul(per)
        .ok_or(DurationError::TooLong)?
        .saturating_add(num * per / den);
    Ok((nanos, after))
}

/// Go's `Duration.String()`: `0s`, `500ms`, `1.5µs`, `5s`, `1m30s`, `1h0m0s`.
pub fn format(d: Duration) -> String {
    let nanos = d.as_nanos();
    if nanos == 0 {
        return "0s".into();
    }
    if nanos < 1_000 {
        return format!("{nanos}ns");
    }
    if nanos < 1_000_000 {
        return format!("{}µs", decimal(nanos, 3));
    }
    if nanos < 1_000_000_000 {
        return format!("{}ms", decimal(nanos, 6));
    }
    let secs = d.as_secs();
    let (h, m) = (secs / 3600, secs / 60 % 60);
    let s = decimal(
        u128::from(secs % 60) * 1_000_000_000 + u128::from(d.subsec_nanos()),
        9,
    );
    match (h, m) {
        (0, 0) => format!("{s}s"),
        (0, m) => format!("{m}m{s}s"),
        (h, m) => format!("{h}h{m}m{s}s"),
    }
}

/// `value / 10^places` with the fraction's trailing zeros (and a bare point) dropped.
fn decimal(value: u128, places: u32) -> String {
    let scale = 10u128.pow(places);
    let (int, frac) = (value / scale, value % scale);
    if frac == 0 {
        return int.to_string();
    }
    let frac = format!("{frac:0width$}", width = places as usize);
    format!("{int}.{}", frac.trim_end_matches('0'))
}

/// Serde for `Option<Duration>` as a Go duration string (`"5s"`), for API requests.
pub mod opt {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(v: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_str(&super::format(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(text) => super::parse(&text)
                .map(Some)
                .map_err(|e| D::Error::custom(format!("invalid duration {text:?}: {e}"))),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn parses_go_durations() {
        for (text, want) in [
            ("0", Duration::ZERO),
            ("0s", Duration::ZERO),
            ("+5s", ms(5_000)),
            ("5s", ms(5_000)),
            ("500ms", ms(500)),
            ("1m30s", ms(90_000)),
            ("1h", ms(3_600_000)),
            ("1h0m0s", ms(3_600_000)),
            ("1.5h", ms(5_400_000)),
            (".5s", ms(500)),
            ("1.s", ms(1_000)),
            ("2h45m10.25s", ms(9_910_250)),
            ("10us", Duration::from_micros(10)),
            ("10µs", Duration::from_micros(10)),
            ("10μs", Duration::from_micros(10)),
            ("7ns", Duration::from_nanos(7)),
            ("1.0000000001s", ms(1_000)),
            (
                "2562047h47m16.854775807s",
                Duration::from_nanos(i64::MAX as u64),
            ),
        ] {
            assert_eq!(parse(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn refuses_what_go_refuses_and_negatives() {
        use DurationError::*;
        for (text, want) in [
            ("", Empty),
            ("+", Syntax),
            ("-5s", Negative),
            ("-0", Negative),
            ("5", MissingUnit("5".into())),
            ("1m30", MissingUnit("30".into())),
            ("5d", UnknownUnit("d".into())),
            ("5 s", UnknownUnit(" s".into())),
            ("abc", Syntax),
            ("s", Syntax),
            (".s", Syntax),
            ("1..5s", Syntax),
            ("2562047h47m16.854775808s", TooLong),
            ("99999999999999999999999999999999999999999h", TooLong),
        ] {
            assert_eq!(parse(text), Err(want), "{text}");
        }
    }

    #[test]
    fn formats_like_go_and_round_trips() {
        for (d, text) in [
            (Duration::ZERO, "0s"),
            (Duration::from_nanos(7), "7ns"),
            (Duration::from_nanos(1_500), "1.5µs"),
            (ms(500), "500ms"),
            (ms(5_000), "5s"),
            (ms(5_250), "5.25s"),
            (ms(90_000), "1m30s"),
            (ms(3_600_000), "1h0m0s"),
            (ms(9_910_250), "2h45m10.25s"),
        ] {
            assert_eq!(format(d), text);
            assert_eq!(parse(text), Ok(d), "{text}");
        }
    }

    #[test]
    fn serde_takes_strings_and_names_the_bad_value() {
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct R {
            #[serde(default, with = "opt")]
            d: Option<Duration>,
        }
        let r: R = serde_json::from_str(r#"{"d":"1m30s"}"#).unwrap();
        assert_eq!(r.d, Some(ms(90_000)));
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"d":"1m30s"}"#);
        let r: R = serde_json::from_str("{}").unwrap();
        assert_eq!(r.d, None);
        let err = serde_json::from_str::<R>(r#"{"d":"-3s"}"#).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(r#"invalid duration "-3s": a duration cannot be negative"#),
            "{err}"
        );
    }
}
