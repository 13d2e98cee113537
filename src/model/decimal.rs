//! Exact decimal numbers for money (no floats anywhere near a sum a clerk signs).

use std::cmp::Ordering;
use std::fmt;

/// Largest scale kept (digits after the point).
pub const MAX_SCALE: u8 = 8;

/// An exact decimal: `mantissa × 10^-scale`. The scale is kept as typed, so 12.50 prints as 12.50.
#[derive(Clone, Copy)]
pub struct Decimal {
    /// The mantissa's high and low 64 bits. An `i128` field would align a Decimal to 16 bytes:
    /// 32 bytes with 15 of padding (and each `Told` of the checker, which copies hundreds of
    /// them on every keystroke, 48); as two halves it is 24 (a `Told` 32).
    high: i64,
    low: u64,
    scale: u8,
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal::new(0, 0);

    /// An integer.
    pub fn from_int(value: i64) -> Self {
        Decimal::new(i128::from(value), 0)
    }

    /// `mantissa × 10^-scale`.
    pub const fn new(mantissa: i128, scale: u8) -> Self {
        // The two halves of the bits: nothing is lost (`mantissa` puts them back together).
        Decimal {
            high: (mantissa >> 64) as i64,
            low: mantissa as u64,
            scale,
        }
    }

    fn mantissa(self) -> i128 {
        (i128::from(self.high) << 64) | i128::from(self.low)
    }

    /// Digits after the point.
    pub fn scale(self) -> u8 {
        self.scale
    }

    /// Whether it is below zero.
    pub fn is_negative(self) -> bool {
        self.high < 0
    }

    /// Whether it is zero.
    pub fn is_zero(self) -> bool {
        self.high == 0 && self.low == 0
    }

    /// The integer value, if it has no fractional part and fits.
    pub fn to_int(self) -> Option<i64> {
        if self.scale == 0 {
            return i64::try_from(self.mantissa()).ok();
        }
        let factor = 10i128.checked_pow(u32::from(self.scale))?;
        if self.mantissa() % factor != 0 {
            return None;
        }
        i64::try_from(self.mantissa() / factor).ok()
    }

    fn rescale(self, scale: u8) -> Option<i128> {
        let diff = scale.checked_sub(self.scale)?;
        self.mantissa()
            .checked_mul(10i128.checked_pow(u32::from(diff))?)
    }

    /// Sum, exact; `None` on overflow.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        // The checker adds whole counts on every keystroke: same scale, no rescaling.
        if self.scale == other.scale {
            return Some(Decimal::new(
                self.mantissa().checked_add(other.mantissa())?,
                self.scale,
            ));
        }
        let scale = self.scale.max(other.scale);
        Some(Decimal::new(
            self.rescale(scale)?.checked_add(other.rescale(scale)?)?,
            scale,
        ))
    }

    /// Multiplies by 10^`power` (positive: ×10000 for 万元 → 元), keeping exactness; `None` when
    /// the result would need more than [`MAX_SCALE`] decimals or overflows.
    pub fn shift(self, power: i8) -> Option<Decimal> {
        let p = power.unsigned_abs();
        if power >= 0 {
            if self.scale >= p {
                return Some(Decimal::new(self.mantissa(), self.scale - p));
            }
            let m = self
                .mantissa()
                .checked_mul(10i128.checked_pow(u32::from(p - self.scale))?)?;
            Some(Decimal::new(m, 0))
        } else {
            let scale = self.scale.checked_add(p)?;
            (scale <= MAX_SCALE).then_some(Decimal::new(self.mantissa(), scale))
        }
    }

    /// Drops trailing zero decimals beyond `keep`.
    fn trimmed_to(self, keep: u8) -> Decimal {
        let (mut mantissa, mut scale) = (self.mantissa(), self.scale);
        while scale > keep && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        Decimal::new(mantissa, scale)
    }

    /// Drops every trailing zero decimal (12.50 → 12.5, 3.00 → 3).
    pub fn normalized(self) -> Decimal {
        self.trimmed_to(0)
    }
}

impl std::ops::Neg for Decimal {
    type Output = Decimal;

    fn neg(self) -> Decimal {
        Decimal::new(-self.mantissa(), self.scale)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        if self.scale == other.scale {
            return self.mantissa().cmp(&other.mantissa());
        }
        let scale = self.scale.max(other.scale);
        match (self.rescale(scale), other.rescale(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Only reachable with absurd magnitudes; fall back to a lossy but total order.
            _ => (self.mantissa() as f64 / 10f64.powi(i32::from(self.scale)))
                .total_cmp(&(other.mantissa() as f64 / 10f64.powi(i32::from(other.scale)))),
        }
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decimal")
            .field("mantissa", &self.mantissa())
            .field("scale", &self.scale)
            .finish()
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.mantissa() < 0 { "-" } else { "" };
        let abs = self.mantissa().unsigned_abs();
        if self.scale == 0 {
            // A count fits 64 bits, whose formatting needs no 128-bit division.
            return match u64::try_from(abs) {
                Ok(small) => write!(f, "{sign}{small}"),
                Err(_) => write!(f, "{sign}{abs}"),
            };
        }
        let factor = 10u128.pow(u32::from(self.scale));
        write!(
            f,
            "{sign}{}.{:0width$}",
            abs / factor,
            abs % factor,
            width = usize::from(self.scale)
        )
    }
}

impl std::str::FromStr for Decimal {
    type Err = ();

    /// Parses plain ASCII `-123.45` (no separators, no units: see `value::parse_entry` for those).
    fn from_str(s: &str) -> Result<Self, ()> {
        let (neg, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty() {
            return Err(());
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
            || frac.len() > usize::from(MAX_SCALE)
        {
            return Err(());
        }
        if int.len() + frac.len() > 30 {
            return Err(());
        }
        let mut mantissa: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
        let scale = u8::try_from(frac.len()).map_err(|_| ())?;
        Ok(Decimal::new(if neg { -mantissa } else { mantissa }, scale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_typed_decimals_and_compares_by_value() {
        let a: Decimal = "12.50".parse().unwrap();
        assert_eq!(a.to_string(), "12.50");
        assert_eq!(a, "12.5".parse::<Decimal>().unwrap());
        assert_eq!(a.normalized().to_string(), "12.5");
        assert!("1621624.23".parse::<Decimal>().unwrap() > Decimal::from_int(1_621_624));
    }

    #[test]
    fn adds_exactly_across_scales() {
        let a: Decimal = "0.1".parse().unwrap();
        let b: Decimal = "0.2".parse().unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "0.3");
        assert_eq!(
            Decimal::from_int(3).checked_add(-a).unwrap().to_string(),
            "2.9"
        );
    }

    #[test]
    fn same_scale_arithmetic_is_exact_and_checked() {
        let (a, b) = (Decimal::from_int(-7), Decimal::from_int(5));
        assert_eq!(a.checked_add(b).unwrap().to_string(), "-2");
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Less);
        assert_eq!(a, Decimal::new(-7, 0));
        let max = Decimal::new(i128::MAX, 0);
        assert_eq!(max.checked_add(Decimal::from_int(1)), None);
        assert_eq!(max.to_int(), None);
        assert_eq!(max.to_string(), i128::MAX.to_string());
        assert_eq!(
            Decimal::new(i128::MIN, 0).to_string(),
            i128::MIN.to_string()
        );
        assert_eq!(Decimal::from_int(i64::MIN).to_int(), Some(i64::MIN));
        assert_eq!(Decimal::new(-150, 2).to_int(), None);
        assert_eq!(Decimal::new(-300, 2).to_int(), Some(-3));
        let (c, d): (Decimal, Decimal) = ("1.25".parse().unwrap(), "-1.30".parse().unwrap());
        assert!(d < c);
        assert_eq!(c.checked_add(d).unwrap().to_string(), "-0.05");
    }

    #[test]
    fn keeps_every_bit_of_the_mantissa_in_24_bytes() {
        for m in [
            0,
            1,
            -1,
            i128::MAX,
            i128::MIN,
            1 << 64,
            -(1 << 64),
            u64::MAX as i128,
        ] {
            assert_eq!(Decimal::new(m, 3).mantissa(), m);
        }
        assert_eq!(std::mem::size_of::<Decimal>(), 24);
        assert_eq!(
            format!("{:?}", Decimal::new(-1250, 2)),
            "Decimal { mantissa: -1250, scale: 2 }"
        );
    }

    #[test]
    fn shifts_between_units() {
        let wan: Decimal = "162.162423".parse().unwrap();
        assert_eq!(wan.shift(4).unwrap().to_string(), "1621624.23");
        let yuan: Decimal = "1621624.23".parse().unwrap();
        assert_eq!(yuan.shift(-4).unwrap().to_string(), "162.162423");
        assert_eq!(Decimal::from_int(-8).to_string(), "-8");
        assert_eq!("-0.05".parse::<Decimal>().unwrap().to_string(), "-0.05");
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", ".", "1.2.3", "abc", "1e5", "--1", "0.123456789"] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad}");
        }
    }
}
