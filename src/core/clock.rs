//! Time as a value: the system clock, or `ADMIN_PROXY_NOW` for tests and replays. Read once
//! per command at the edge; the store and the policy are given the instant, never read it.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::error::{Invalid, Result};

/// The variable that replaces the clock (SPEC §9). It may go backwards.
pub const NOW_VAR: &str = "ADMIN_PROXY_NOW";

/// The current instant: `ADMIN_PROXY_NOW` when set, else the system clock.
pub fn now_from_env() -> Result<DateTime<Utc>> {
    match std::env::var(NOW_VAR) {
        Ok(raw) if !raw.is_empty() => parse_instant(&raw).map_err(|_| {
            Invalid::new(format!(
                "{NOW_VAR} must be an RFC 3339 time such as 2026-06-01T12:00:00Z (got {raw:?})"
            ))
        }),
        _ => Ok(Utc::now()),
    }
}

/// Parses RFC 3339, or `YYYY-MM-DD` meaning midnight UTC.
pub fn parse_instant(raw: &str) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Ok(t.with_timezone(&Utc));
    }
    if raw.len() == 10 {
        if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            if let Some(t) = d.and_hms_opt(0, 0, 0) {
                return Ok(t.and_utc());
            }
        }
    }
    Err(Invalid::new(format!(
        "{raw:?} is not a time: use RFC 3339 (2026-06-01T12:00:00Z) or a date (2026-06-01)"
    )))
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
    fn spans_read_naturally() {
        assert_eq!(human_span(3600), "1h");
        assert_eq!(human_span(900), "15m");
        assert_eq!(human_span(200), "3m 20s");
        assert_eq!(human_span(5400), "1h 30m");
        assert_eq!(human_span(-5), "0s");
    }
}
