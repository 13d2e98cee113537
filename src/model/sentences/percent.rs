//! 同比: the change of a figure against last year's, as a percentage of last year's, exact (no
//! floats): rounded to two decimals half up for the sentences, compared within a tolerance for
//! the checker.

use std::cmp::Ordering;

use crate::model::decimal::{Decimal, MAX_SCALE};

/// A change against last year's figure: its direction and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// Up, down or the same.
    pub direction: Ordering,
    /// The size in hundredths of a percent, rounded half up (12.35% is 1235).
    pub hundredths: i128,
}

impl Change {
    /// The size as printed: `12.35`.
    pub fn percent(&self) -> String {
        format!("{}.{:02}", self.hundredths / 100, self.hundredths % 100)
    }
}

/// Both figures as integers of the same scale (×10⁸).
fn scaled(d: Decimal) -> Option<i128> {
    d.shift(i8::try_from(MAX_SCALE).ok()?)?
        .to_int()
        .map(i128::from)
}

/// `round_half_up(|now − before| × 100 × 10^decimals / before)` and the direction, where
/// `before` is positive; `None` otherwise (no percentage of nothing) or on overflow.
fn rounded(now: Decimal, before: Decimal, decimals: u32) -> Option<(Ordering, i128)> {
    let (n, b) = (scaled(now)?, scaled(before)?);
    if b <= 0 || n < 0 {
        return None;
    }
    let diff = n.checked_sub(b)?;
    let num = diff
        .unsigned_abs()
        .checked_mul(100u128.checked_mul(10u128.checked_pow(decimals)?)?)?;
    let b = b.unsigned_abs();
    let (q, r) = (num / b, num % b);
    let q = if r.checked_mul(2)? >= b { q + 1 } else { q };
    Some((diff.cmp(&0), i128::try_from(q).ok()?))
}

/// The change from `before` to `now`, rounded to two decimals half up; `None` where last
/// year's figure is 0 or less (or this year's negative) and there is no percentage to give.
pub fn change(now: Decimal, before: Decimal) -> Option<Change> {
    let (direction, hundredths) = rounded(now, before, 2)?;
    Some(Change {
        direction,
        hundredths,
    })
}

/// Whether a stated change (`direction`, `stated` percent ≥ 0) agrees with the figures: within
/// `tolerance` percentage points of the exact change, or the exact change rounded half up to as
/// many decimals as the prose gives (20% for 20.4%). Equal figures are stated only as no change
/// (or 0%). `None` where there is no percentage to compare with.
pub fn agrees(
    now: Decimal,
    before: Decimal,
    direction: Ordering,
    stated: Decimal,
    tolerance: Decimal,
) -> Option<bool> {
    let decimals = u32::from(stated.scale());
    let (actual, _) = rounded(now, before, 0)?;
    let exact_sign = match actual {
        Ordering::Less => -1,
        _ => 1,
    };
    let stated_sign = match direction {
        Ordering::Less => -1,
        _ => 1,
    };
    // Same rounding as the prose: |exact| to the prose's decimals.
    let (_, at_prose) = rounded(now, before, decimals)?;
    let stated_units = scaled(stated)?.checked_div(10i128.checked_pow(8 - decimals)?)?;
    if direction == Ordering::Equal || stated_units == 0 {
        return Some(at_prose == 0);
    }
    if actual == Ordering::Equal {
        return Some(false);
    }
    if exact_sign == stated_sign && at_prose == stated_units {
        return Some(true);
    }
    // |stated·s − exact| ≤ tolerance, in 10⁻⁸ percent: exact = 100·(n−b)/b.
    let (n, b) = (scaled(now)?, scaled(before)?);
    let exact_num = n
        .checked_sub(b)?
        .checked_mul(100)?
        .checked_mul(100_000_000)?; // ×10⁸
    let stated_scaled = scaled(stated)?.checked_mul(i128::from(stated_sign))?;
    let gap = stated_scaled.checked_mul(b)?.checked_sub(exact_num)?.abs();
    let allowed = scaled(tolerance)?.checked_mul(b)?;
    Some(gap <= allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or(Decimal::ZERO)
    }

    #[test]
    fn rounds_half_up_to_two_decimals() {
        let c = change(d("120"), d("100")).unwrap();
        assert_eq!(
            (c.direction, c.percent()),
            (Ordering::Greater, "20.00".into())
        );
        // 1/3 = 33.333…% → 33.33; 2/3 → 66.67.
        assert_eq!(change(d("4"), d("3")).unwrap().percent(), "33.33");
        assert_eq!(change(d("5"), d("3")).unwrap().percent(), "66.67");
        // Exactly half: 0.125% → 0.13 (half up, not to even).
        assert_eq!(change(d("100125"), d("100000")).unwrap().percent(), "0.13");
        // A fall is rounded by its size: −12.345% → 12.35.
        let c = change(d("87655"), d("100000")).unwrap();
        assert_eq!((c.direction, c.percent()), (Ordering::Less, "12.35".into()));
        assert_eq!(change(d("7"), d("7")).unwrap().direction, Ordering::Equal);
        assert_eq!(change(d("7"), d("0")), None);
        assert_eq!(change(d("1.5"), d("0.5")).unwrap().percent(), "200.00");
    }

    #[test]
    fn agrees_within_the_tolerance_or_at_the_prose_precision() {
        let t = d("0.01");
        let up = Ordering::Greater;
        assert_eq!(agrees(d("120"), d("100"), up, d("20"), t), Some(true));
        assert_eq!(agrees(d("120"), d("100"), up, d("20.00"), t), Some(true));
        assert_eq!(agrees(d("120"), d("100"), up, d("20.01"), t), Some(true));
        assert_eq!(agrees(d("120"), d("100"), up, d("20.02"), t), Some(false));
        assert_eq!(agrees(d("120"), d("100"), up, d("21"), t), Some(false));
        assert_eq!(
            agrees(d("120"), d("100"), Ordering::Less, d("20"), t),
            Some(false)
        );
        // 1/3: 33.33 and 33.3 and 33 are right, 33.4 is not.
        assert_eq!(agrees(d("4"), d("3"), up, d("33.33"), t), Some(true));
        assert_eq!(agrees(d("4"), d("3"), up, d("33.3"), t), Some(true));
        assert_eq!(agrees(d("4"), d("3"), up, d("33"), t), Some(true));
        assert_eq!(agrees(d("4"), d("3"), up, d("33.4"), t), Some(false));
        // No change.
        assert_eq!(
            agrees(d("5"), d("5"), Ordering::Equal, d("0"), t),
            Some(true)
        );
        assert_eq!(
            agrees(d("6"), d("5"), Ordering::Equal, d("0"), t),
            Some(false)
        );
        assert_eq!(agrees(d("5"), d("5"), up, d("10"), t), Some(false));
        assert_eq!(agrees(d("5"), d("0"), up, d("10"), t), None);
    }
}
