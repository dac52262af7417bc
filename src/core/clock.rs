//! Time as a value: the system clock, or `ADMIN_PROXY_NOW` for tests and replays. Read once
//! per command at the edge; the store and the policy are given the instant, never read it.

use chrono::{DateTime, NaiveDate, SecondsFormat, SubsecRound, Utc};

use super::error::{Invalid, Result};

/// The variable that replaces the clock (SPEC §9). It may go backwards.
pub const NOW_VAR: &str = "ADMIN_PROXY_NOW";

/// The earliest and the latest instant the CLI takes in (the clock override,
/// `first_login_at`, the export filters). A day from either end of the four-digit years, so
/// that every sum the CLI makes on a time (a session timeout of at most 24h, the 5-minute
/// warning, an approval's hour, a request's day) stays valid RFC 3339 with a four-digit year.
pub const EARLIEST: &str = "0001-01-02T00:00:00Z";
pub const LATEST: &str = "9999-12-30T00:00:00Z";
// The same two instants in milliseconds since the epoch; a test checks they agree.
const EARLIEST_MS: i64 = -62_135_510_400_000;
const LATEST_MS: i64 = 253_402_128_000_000;

/// Whether `t` is between [`EARLIEST`] and [`LATEST`], both included.
pub fn in_range(t: DateTime<Utc>) -> bool {
    (EARLIEST_MS..=LATEST_MS).contains(&t.timestamp_millis())
        && (t.timestamp_millis() < LATEST_MS || t.timestamp_subsec_nanos() % 1_000_000 == 0)
}

/// The current instant: `ADMIN_PROXY_NOW` when set, else the system clock.
pub fn now_from_env() -> Result<DateTime<Utc>> {
    match std::env::var(NOW_VAR) {
        Ok(raw) if !raw.is_empty() => match parse_any(&raw) {
            Some(t) if in_range(t) => Ok(t),
            None if !far_year(&raw) => Err(Invalid::new(format!(
                "{NOW_VAR} must be an RFC 3339 time such as 2026-06-01T12:00:00Z (got {raw:?})"
            ))),
            _ => Err(Invalid::new(format!(
                "{NOW_VAR} must be from {EARLIEST} to {LATEST} (got {raw:?})"
            ))),
        },
        _ => Ok(Utc::now()),
    }
}

/// Parses RFC 3339, or `YYYY-MM-DD` meaning midnight UTC, to the millisecond (the stored
/// precision: finer digits are dropped, so that reading a time back gives the same time), and
/// between [`EARLIEST`] and [`LATEST`].
pub fn parse_instant(raw: &str) -> Result<DateTime<Utc>> {
    match parse_any(raw) {
        Some(t) if in_range(t) => Ok(t),
        None if !far_year(raw) => Err(Invalid::new(format!(
            "{raw:?} is not a time: use RFC 3339 (2026-06-01T12:00:00Z) or a date (2026-06-01)"
        ))),
        _ => Err(Invalid::new(format!(
            "{raw:?} is out of range: times must be from {EARLIEST} to {LATEST}"
        ))),
    }
}

/// RFC 3339 or `YYYY-MM-DD`, truncated to milliseconds as [`format_instant`] does; any year.
fn parse_any(raw: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(t.with_timezone(&Utc).trunc_subsecs(3));
    }
    if raw.len() == 10 {
        if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        }
    }
    None
}

/// A time whose year has a sign or more than four digits (`+10000-01-01`): RFC 3339 cannot
/// write it, and it is outside the range.
fn far_year(raw: &str) -> bool {
    let (signed, rest) = match raw.strip_prefix(['+', '-']) {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits >= 5 || (signed && digits >= 4)) && rest.as_bytes().get(digits) == Some(&b'-')
}

/// The one stored and shown form: RFC 3339 UTC with milliseconds, `2026-06-01T12:00:00.000Z`.
/// Fixed width, so that text order is time order in SQL.
pub fn format_instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads back what [`format_instant`] wrote.
pub fn parse_stored(raw: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `1h`, `42m`, `3m 20s`: a short human form of a span of seconds.
pub fn human_span(seconds: i64) -> String {
    let s = seconds.max(0);
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    match (h, m, sec) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, s) if m < 5 => format!("{m}m {s}s"),
        (0, m, _) => format!("{m}m"),
        (h, 0, _) => format!("{h}h"),
        (h, m, _) => format!("{h}h {m}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_parse_and_format() {
        let t = parse_instant("2026-06-01T14:00:00+02:00").unwrap();
        assert_eq!(format_instant(t), "2026-06-01T12:00:00.000Z");
        let d = parse_instant("2026-06-01").unwrap();
        assert_eq!(format_instant(d), "2026-06-01T00:00:00.000Z");
        for bad in ["2026-13-45", "yesterday", "2026-06-01 12:00", ""] {
            assert!(parse_instant(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times_are_kept_to_the_millisecond() {
        let t = parse_instant("2026-01-05T09:00:00.123456789Z").unwrap();
        assert_eq!(format_instant(t), "2026-01-05T09:00:00.123Z");
        assert_eq!(parse_stored(&format_instant(t)), Some(t));
    }

    #[test]
    fn the_range_leaves_room_for_every_sum() {
        let (earliest, latest) = (
            parse_stored(EARLIEST).unwrap(),
            parse_stored(LATEST).unwrap(),
        );
        assert_eq!(earliest.timestamp_millis(), EARLIEST_MS);
        assert_eq!(latest.timestamp_millis(), LATEST_MS);
        assert_eq!(parse_instant(EARLIEST).unwrap(), earliest);
        assert_eq!(parse_instant(LATEST).unwrap(), latest);
        assert_eq!(parse_instant("9999-12-30").unwrap(), latest);
        // A day either way from the ends is still four-digit RFC 3339.
        let day = chrono::Duration::hours(24);
        assert_eq!(format_instant(latest + day), "9999-12-31T00:00:00.000Z");
        assert_eq!(format_instant(earliest - day), "0001-01-01T00:00:00.000Z");
        for far in [
            "9999-12-30T00:00:00.001Z",
            "9999-12-31T23:30:00Z",
            "0000-01-01T00:30:00+01:00",
            "0001-01-01T23:59:59.999Z",
            "0000-06-01",
            "10000-01-01",
            "+10000-01-01T00:00:00Z",
            "-0001-01-01",
        ] {
            let e = parse_instant(far).unwrap_err().to_string();
            assert!(
                e.contains("out of range") && e.contains(EARLIEST),
                "{far}: {e}"
            );
        }
        // Text that is no time at all says so.
        let e = parse_instant("yesterday").unwrap_err().to_string();
        assert!(e.contains("is not a time"), "{e}");
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(human_span(3600), "1h");
        assert_eq!(human_span(900), "15m");
        assert_eq!(human_span(200), "3m 20s");
        assert_eq!(human_span(5400), "1h 30m");
        assert_eq!(human_span(-5), "0s");
    }
}
