//! Typed values written for a viewer's locale: numbers, amounts of money,
//! percentages and dates.
//!
//! Owns the [`Formatter`] trait and the value types it writes. How a locale
//! writes a number or a date is the platform's knowledge, never this
//! crate's: the player implements the trait with the browser's `Intl`, and
//! native tests use [`PlainFormatter`], which is deterministic. Formatted
//! texts of viewer data are personal data: callers keep them only in
//! [`crate::SecretText`]. Never logs, and never puts a value into an error.

/// How a number field is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    /// Plain number, money or percentage.
    pub style: NumberStyle,
    /// Exactly this many digits after the decimal point; `None` lets the
    /// locale decide (two for most currencies, up to three otherwise).
    pub decimals: Option<u8>,
}

/// What a number means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// A quantity: `1,234.5`.
    Decimal,
    /// An amount in the currency with this ISO 4217 code (upper case).
    Currency([u8; 3]),
    /// A ratio shown as a percentage: 0.25 is `25%`.
    Percent,
}

impl NumberStyle {
    /// The ISO 4217 code of a currency style.
    pub fn currency_code(&self) -> Option<&str> {
        match self {
            NumberStyle::Currency(code) => std::str::from_utf8(code).ok(),
            _ => None,
        }
    }
}

/// How long a date is written (`Intl.DateTimeFormat`'s `dateStyle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `Wednesday, November 25, 2026`
    Full,
    /// `November 25, 2026`
    Long,
    /// `Nov 25, 2026`
    Medium,
    /// `11/25/26`
    Short,
}

impl DateStyle {
    /// The style's name in a manifest and in `Intl`.
    pub fn name(self) -> &'static str {
        match self {
            DateStyle::Full => "full",
            DateStyle::Long => "long",
            DateStyle::Medium => "medium",
            DateStyle::Short => "short",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Self> {
        [Self::Full, Self::Long, Self::Medium, Self::Short]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// A calendar day (proleptic Gregorian), without time or time zone: the
/// same day for every viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// 1 to 9999.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to the month's length.
    pub day: u8,
}

/// Why a text is not a [`Date`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD`.
    Syntax,
    /// `YYYY-MM-DD`, but no such day (month 13, February 30).
    NoSuchDay,
}

impl Date {
    /// Reads `YYYY-MM-DD` (ISO 8601's calendar date, years 1 to 9999).
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = bytes.get(range)?;
            part.iter().try_fold(0u16, |n, b| {
                b.is_ascii_digit().then(|| n * 10 + u16::from(b - b'0'))
            })
        };
        let (Some(year), Some(month), Some(day), 10, Some(b'-'), Some(b'-')) = (
            digits(0..4),
            digits(5..7),
            digits(8..10),
            bytes.len(),
            bytes.get(4),
            bytes.get(7),
        ) else {
            return Err(DateError::Syntax);
        };
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let length = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => 0,
        };
        if year == 0 || day == 0 || day > length {
            return Err(DateError::NoSuchDay);
        }
        Ok(Self {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}

/// Writes typed values for one locale.
pub trait Formatter {
    /// `value` (finite) as `format` says, or `None` when the platform
    /// cannot (the engine then writes it plainly).
    fn number(&mut self, value: f64, format: &NumberFormat) -> Option<String>;
    /// `date` in `style`, or `None` when the platform cannot.
    fn date(&mut self, date: Date, style: DateStyle) -> Option<String>;
}

/// A locale-free formatter: `1,234.56`, `USD 1,234.56`, `25%`,
/// `2026-11-25`. Deterministic, for native tests and tools, and the
/// fallback when a platform formatter fails.
#[derive(Debug, Default, Clone, Copy)]
pub struct PlainFormatter;

impl Formatter for PlainFormatter {
    fn number(&mut self, value: f64, format: &NumberFormat) -> Option<String> {
        let (value, default_decimals) = match format.style {
            NumberStyle::Percent => (value * 100.0, 0),
            NumberStyle::Currency(_) => (value, 2),
            NumberStyle::Decimal => (value, 3),
        };
        let decimals = format.decimals.unwrap_or(default_decimals).min(9);
        let mut text = String::new();
        if let Some(code) = format.style.currency_code() {
            text.push_str(code);
            text.push(' ');
        }
        // A plain number shows the digits it has (up to three); money and
        // percentages a fixed count.
        let trim = format.decimals.is_none() && format.style == NumberStyle::Decimal;
        text.push_str(&grouped(value, decimals, trim));
        if format.style == NumberStyle::Percent {
            text.push('%');
        }
        Some(text)
    }

    fn date(&mut self, date: Date, _style: DateStyle) -> Option<String> {
        let pad = |n: u16, width: usize| {
            let digits = crate::json::decimal(i64::from(n));
            "0".repeat(width.saturating_sub(digits.len())) + &digits
        };
        Some(
            pad(date.year, 4)
                + "-"
                + &pad(u16::from(date.month), 2)
                + "-"
                + &pad(u16::from(date.day), 2),
        )
    }
}

/// `value` rounded to `decimals` digits, thousands grouped with `,`;
/// trailing zeros dropped when `trim`.
fn grouped(value: f64, decimals: u8, trim: bool) -> String {
    let scale = 10f64.powi(i32::from(decimals));
    // Whole units and the fraction as integers; beyond 2^53 no digits are
    // exact anyway.
    let scaled = (value.abs() * scale).round().min(9.0e15);
    let whole = (scaled / scale).floor();
    let mut fraction = (scaled - whole * scale) as u64;
    let digits = crate::json::decimal(whole as i64);
    let mut text = String::new();
    if value < 0.0 && scaled > 0.0 {
        text.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            text.push(',');
        }
        text.push(c);
    }
    let mut places = decimals;
    if trim {
        while places > 0 && fraction % 10 == 0 {
            fraction /= 10;
            places -= 1;
        }
    }
    if places > 0 {
        let digits = crate::json::decimal(fraction as i64);
        text.push('.');
        text.push_str(&"0".repeat(usize::from(places).saturating_sub(digits.len())));
        text.push_str(&digits);
    }
    text
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn reads_calendar_dates_only() {
        assert_eq!(
            Date::parse("2026-11-25"),
            Ok(Date {
                year: 2026,
                month: 11,
                day: 25
            })
        );
        assert!(Date::parse("2024-02-29").is_ok(), "a leap day");
        for no_day in [
            "2026-02-29",
            "2100-02-29",
            "2026-13-01",
            "2026-04-31",
            "0000-01-01",
            "2026-00-10",
        ] {
            assert_eq!(Date::parse(no_day), Err(DateError::NoSuchDay), "{no_day}");
        }
        for syntax in [
            "",
            "2026-1-05",
            "26-11-25",
            "2026/11/25",
            "2026-11-25T10:00",
            "２０２６-11-25",
            "2026-11-2x",
        ] {
            assert_eq!(Date::parse(syntax), Err(DateError::Syntax), "{syntax}");
        }
    }

    #[test]
    fn the_plain_formatter_is_deterministic() {
        let mut f = PlainFormatter;
        let n = |style, decimals| NumberFormat { style, decimals };
        let usd = NumberStyle::Currency(*b"USD");
        assert_eq!(f.number(1234.5, &n(usd, None)).unwrap(), "USD 1,234.50");
        assert_eq!(f.number(-0.004, &n(usd, None)).unwrap(), "USD 0.00");
        assert_eq!(
            f.number(1234567.891, &n(NumberStyle::Decimal, None))
                .unwrap(),
            "1,234,567.891"
        );
        assert_eq!(
            f.number(12.5, &n(NumberStyle::Decimal, None)).unwrap(),
            "12.5"
        );
        assert_eq!(
            f.number(12.0, &n(NumberStyle::Decimal, Some(2))).unwrap(),
            "12.00"
        );
        assert_eq!(
            f.number(-987.0, &n(NumberStyle::Decimal, Some(0))).unwrap(),
            "-987"
        );
        assert_eq!(
            f.number(0.256, &n(NumberStyle::Percent, None)).unwrap(),
            "26%"
        );
        assert_eq!(
            f.number(0.256, &n(NumberStyle::Percent, Some(1))).unwrap(),
            "25.6%"
        );
        assert_eq!(
            f.number(1e300, &n(NumberStyle::Decimal, Some(0))).unwrap(),
            "9,000,000,000,000,000"
        );
        let date = Date::parse("0987-03-04").unwrap();
        assert_eq!(f.date(date, DateStyle::Long).unwrap(), "0987-03-04");
    }
}
