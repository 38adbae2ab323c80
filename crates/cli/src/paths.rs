//! Default locations and the build timestamp. The timestamp honours `SOURCE_DATE_EPOCH`
//! (<https://reproducible-builds.org/specs/source-date-epoch/>), so two builds of the same input can
//! be byte-identical files.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};

/// `$XDG_CACHE_HOME/fairwatch/caat`, else `~/.cache/fairwatch/caat`.
pub fn corpus_cache() -> Result<PathBuf> {
    cache("caat")
}

/// `$XDG_CACHE_HOME/fairwatch/NAME`, else `~/.cache/fairwatch/NAME`.
pub fn cache(name: &str) -> Result<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .context("neither XDG_CACHE_HOME nor HOME is set: pass --source DIR or --dest DIR")?;
    Ok(base.join("fairwatch").join(name))
}

/// The time a build records: `SOURCE_DATE_EPOCH` (seconds since 1970-01-01 UTC) when it is set, else
/// now, as an ISO 8601 UTC timestamp. A value that is not a whole number of seconds is an error, as
/// the specification asks, rather than a silently different file.
pub fn build_time() -> Result<String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => match value.trim().parse::<i64>() {
            Ok(seconds) => Ok(iso_utc(seconds)),
            Err(_) => bail!("SOURCE_DATE_EPOCH={value:?} is not a number of seconds since 1970-01-01"),
        },
        Err(_) => Ok(utc_now()),
    }
}

/// The current time as an ISO 8601 UTC timestamp.
pub fn utc_now() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    iso_utc(seconds)
}

/// Seconds since 1970-01-01 UTC as an ISO 8601 UTC timestamp.
fn iso_utc(seconds: i64) -> String {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::iso_utc;

    #[test]
    fn timestamps_are_civil_utc() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_utc(-1), "1969-12-31T23:59:59Z");
    }
}
