//! Exact sums of 元 amounts in whole 分 (issue 9): what `Decimal` addition
//! gives, to the last digit and scale, at the cost of an integer addition.
//!
//! A [`Sum`] holds an amount of at most two decimals as an `i64` count of 分
//! plus what it takes to know the scale `Decimal` would print it with.
//! [`Sum::yuan`] turns it back into the very `Decimal` that adding the same
//! amounts in the same order with `Decimal`'s `+=` gives — same value, same
//! scale, same sign of a zero — so a table built from sums is identical to one
//! built from `Decimal`s. That is `rust_decimal`'s addition of two amounts
//! below 2^63 in their own scale:
//!
//! - a zero on the left gives the right-hand side as it is (its scale, its
//!   sign: `-0.00` stays negative); a zero on the right leaves the left-hand
//!   side as it is;
//! - otherwise the exact sum at the larger scale (`-1.5 + 1.50` is `0.00`).
//!
//! Amounts are almost always positive (rule 4 reports a negative one). Over
//! amounts ≥ 0 (no `-0`) those rules come down to: the sum's scale is the
//! largest scale of its non-zero amounts, or, when all are zero, the scale of
//! the last one (0 for none). So such a sum is kept as its 分, the set of
//! scales of its non-zero amounts and the scale of its last amount, and adds
//! up with no branch ([`Repr::Plain`]). Anything else (a negative amount,
//! `-0`) follows the rules above step by step ([`Repr::Fen`]); an amount with
//! more than two decimals, or a sum that leaves `i64`, carries on as a
//! `Decimal` (exact, just slower): the model allows such amounts, it only does
//! not expect them.

use std::ops::AddAssign;

use rust_decimal::Decimal;
use yusuan_model::Yuan;

/// An exact amount or sum of amounts in 元 (see the module's doc).
#[derive(Clone, Copy, Debug)]
pub struct Sum(Repr);

#[derive(Clone, Copy, Debug)]
enum Repr {
    /// A sum of amounts ≥ 0 (not `-0`) of at most two decimals: `fen` 分 (≥ 0);
    /// bit `s` of `scales` set when a non-zero amount has `s` decimals; `last`
    /// the decimals of the last amount.
    Plain { fen: i64, scales: u8, last: u8 },
    /// `fen` 分, shown with `scale` (0..=2) decimals; `negative` is the sign
    /// of a zero (an amount `-0.00`; a non-zero sum has the sign of `fen`).
    Fen { fen: i64, scale: u8, negative: bool },
    /// Anything else, added up as `Decimal` does: the `Decimal` as its
    /// parts, the 96-bit mantissa (`lo`, `hi`), scale and sign (so that a sum
    /// takes 16 bytes, not 24).
    Decimal {
        lo: u64,
        hi: u32,
        scale: u8,
        negative: bool,
    },
}

impl Repr {
    fn of_decimal(d: Decimal) -> Repr {
        let m = d.mantissa().unsigned_abs();
        Repr::Decimal {
            lo: m as u64,
            hi: (m >> 64) as u32,
            scale: d.scale() as u8,
            negative: d.is_sign_negative(),
        }
    }
}

impl Sum {
    /// `Decimal::ZERO`.
    pub const ZERO: Sum = Sum(Repr::Plain {
        fen: 0,
        scales: 0,
        last: 0,
    });

    /// The amount as the `Decimal` the same additions give.
    pub fn yuan(self) -> Yuan {
        let (fen, scale, negative) = match self.0 {
            Repr::Plain { fen, scales, last } => (fen, plain_scale(fen, scales, last), false),
            Repr::Fen { fen, scale, negative } => (fen, scale, negative),
            Repr::Decimal {
                lo,
                hi,
                scale,
                negative,
            } => {
                let mut d = Decimal::from_parts(lo as u32, (lo >> 32) as u32, hi, negative, u32::from(scale));
                // `from_parts` makes every zero positive; `-0` stays `-0`.
                if negative {
                    d.set_sign_negative(true);
                }
                return d;
            }
        };
        // Constant divisors: a multiplication, not a division.
        let m = match scale {
            0 => fen / 100,
            1 => fen / 10,
            _ => fen,
        };
        let u = m.unsigned_abs();
        let mut d = Decimal::from_parts(u as u32, (u >> 32) as u32, 0, m < 0, u32::from(scale));
        if fen == 0 && negative {
            d.set_sign_negative(true);
        }
        d
    }

    /// The 分 of a sum of amounts ≥ 0 (not `-0`) of at most two decimals,
    /// kept without branches ([`Repr::Plain`]); `None` for any other. Such
    /// sums add up in any grouping to the same sum, provided they are
    /// combined so that the one holding the last amount comes last (its
    /// scale is the sum's when every amount is zero) and the total stays in
    /// `i64` (see `resolve::merge`).
    pub(crate) fn plain_fen(self) -> Option<i64> {
        match self.0 {
            Repr::Plain { fen, .. } => Some(fen),
            _ => None,
        }
    }

    /// `self.yuan() == other.yuan()` (equal values, whatever their scales),
    /// without making the `Decimal`s when both are counts of 分.
    pub(crate) fn same_value(self, other: Sum) -> bool {
        match (self.fen(), other.fen()) {
            (Some(a), Some(b)) => a == b,
            _ => self.yuan() == other.yuan(),
        }
    }

    /// `self.yuan() >= fen / 100` (by value, whatever the scale), without
    /// making the `Decimal` when the sum is a count of 分.
    pub(crate) fn at_least_fen(self, fen: i64) -> bool {
        match self.fen() {
            Some(f) => f >= fen,
            None => self.yuan() >= Decimal::new(fen, 2),
        }
    }

    /// The 分 of a sum kept as 分 (not as a `Decimal`).
    fn fen(self) -> Option<i64> {
        match self.0 {
            Repr::Plain { fen, .. } | Repr::Fen { fen, .. } => Some(fen),
            Repr::Decimal { .. } => None,
        }
    }

    pub fn is_zero(self) -> bool {
        match self.0 {
            Repr::Plain { fen, .. } | Repr::Fen { fen, .. } => fen == 0,
            Repr::Decimal { lo, hi, .. } => lo == 0 && hi == 0,
        }
    }

    /// The same sum kept step by step ([`Repr::Fen`] or [`Repr::Decimal`]).
    fn stepwise(self) -> Repr {
        match self.0 {
            Repr::Plain { fen, scales, last } => Repr::Fen {
                fen,
                scale: plain_scale(fen, scales, last),
                negative: false,
            },
            r => r,
        }
    }
}

/// The scale of a [`Repr::Plain`] sum: the largest of its non-zero amounts,
/// else that of its last amount.
fn plain_scale(fen: i64, scales: u8, last: u8) -> u8 {
    if fen == 0 {
        last
    } else {
        7 - scales.leading_zeros() as u8
    }
}

impl Default for Sum {
    fn default() -> Sum {
        Sum::ZERO
    }
}

impl From<Yuan> for Sum {
    #[inline]
    fn from(d: Yuan) -> Sum {
        let u = d.unpack();
        // A mantissa below 2^62: its 分 fit in `i64`.
        let m = (u64::from(u.mid) << 32) | u64::from(u.lo);
        if u.scale <= 2 && u.hi == 0 && m < 1 << 62 {
            let m = m as i64;
            let fen = match u.scale {
                0 => m.checked_mul(100),
                1 => m.checked_mul(10),
                _ => Some(m),
            };
            let Some(fen) = fen else {
                return Sum(Repr::of_decimal(d));
            };
            let fen = if u.negative { -fen } else { fen };
            let scale = u.scale as u8;
            return Sum(if !u.negative {
                Repr::Plain {
                    fen,
                    scales: if fen == 0 { 0 } else { 1 << scale },
                    last: scale,
                }
            } else {
                Repr::Fen {
                    fen,
                    scale,
                    negative: true,
                }
            });
        }
        Sum(Repr::of_decimal(d))
    }
}

impl AddAssign for Sum {
    #[inline(always)]
    fn add_assign(&mut self, x: Sum) {
        if let (
            Repr::Plain { fen: a, scales, last },
            Repr::Plain {
                fen: b,
                scales: sb,
                last: lb,
            },
        ) = (&mut self.0, x.0)
        {
            // Both ≥ 0: the sum leaves `i64` when it wraps below zero.
            let s = a.wrapping_add(b);
            if s >= 0 {
                *a = s;
                *scales |= sb;
                *last = lb;
                return;
            }
        }
        self.add_stepwise(x);
    }
}

impl Sum {
    /// `Decimal`'s rules step by step: a negative amount or `-0` on either
    /// side, an operand of more than two decimals, or a sum beyond `i64` 分.
    #[inline(never)]
    fn add_stepwise(&mut self, x: Sum) {
        let (mut l, r) = (self.stepwise(), x.stepwise());
        if let (
            Repr::Fen {
                fen: a,
                scale: sa,
                negative,
            },
            Repr::Fen { fen: b, scale: sb, .. },
        ) = (&mut l, r)
        {
            if *a == 0 {
                *self = Sum(r);
                return;
            }
            if b == 0 {
                *self = Sum(l);
                return;
            }
            if let Some(s) = a.checked_add(b) {
                if s == 0 {
                    *negative = false;
                }
                *a = s;
                *sa = (*sa).max(sb);
                *self = Sum(l);
                return;
            }
        }
        *self = Sum(Repr::of_decimal(Sum(l).yuan() + Sum(r).yuan()));
    }
}

impl std::iter::Sum for Sum {
    fn sum<I: Iterator<Item = Sum>>(iter: I) -> Sum {
        let mut s = Sum::ZERO;
        for x in iter {
            s += x;
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Sum>(), 16);
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// Every order of every pair and triple of a set of awkward amounts adds up
    /// to the same `Decimal`, scale and sign included, as `Decimal` itself.
    #[test]
    fn adds_up_as_decimal_does() {
        let xs = [
            "0",
            "0.0",
            "0.00",
            "-0",
            "-0.00",
            "1",
            "1.5",
            "1.50",
            "-1.5",
            "-1.50",
            "2.25",
            "-2.25",
            "0.01",
            "-0.01",
            "100",
            "-100",
            "0.001",
            "-1.005",
            "99999999999999999.99",
            "92233720368547758.07",
            "-92233720368547758.08",
            "19807040628566084398385987584",
            "-1.9807040628566084398385987584",
        ]
        .map(d);
        let show = |y: Decimal| format!("{y:?} {} {}", y.scale(), y.is_sign_negative());
        for a in xs {
            for b in xs {
                for c in xs {
                    let (mut want, mut got) = (Decimal::ZERO, Sum::ZERO);
                    for x in [a, b, c] {
                        want += x;
                        got += Sum::from(x);
                    }
                    assert_eq!(show(got.yuan()), show(want), "{a} + {b} + {c}");
                    for y in xs {
                        assert_eq!(got.same_value(Sum::from(y)), want == y, "{want} = {y}");
                    }
                    for fen in [0, 1, -1, 150, -150, 225, 100_000_000, i64::MAX, i64::MIN] {
                        let limit = Decimal::new(fen, 2);
                        assert_eq!(got.at_least_fen(fen), want >= limit, "{want} ≥ {limit}");
                    }
                    // Sums of sums too.
                    let mut s = Sum::from(a);
                    let mut t = Sum::from(b);
                    t += Sum::from(c);
                    s += t;
                    assert_eq!(show(s.yuan()), show(a + (b + c)), "{a} + ({b} + {c})");
                }
            }
        }
    }

    /// Long runs: signed amounts, then amounts ≥ 0 with zeros of every scale,
    /// each sum also added into a sum of sums.
    #[test]
    fn many_amounts() {
        let mut seed = 7u64;
        for signed in [true, false] {
            let (mut want, mut got) = (Decimal::ZERO, Sum::ZERO);
            let (mut want_all, mut got_all) = (Decimal::ZERO, Sum::ZERO);
            for i in 0..10_000u32 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let m = if signed {
                    (seed % 1_000_000) as i64 - 400_000
                } else if seed.is_multiple_of(5) {
                    0
                } else {
                    (seed % 1_000) as i64
                };
                let x = Decimal::new(m, (seed / 7 % 3) as u32);
                want += x;
                got += Sum::from(x);
                assert_eq!(format!("{:?}", got.yuan()), format!("{want:?}"));
                if i.is_multiple_of(7) {
                    want_all += want;
                    got_all += got;
                    (want, got) = (Decimal::ZERO, Sum::ZERO);
                    assert_eq!(format!("{:?}", got_all.yuan()), format!("{want_all:?}"));
                }
            }
        }
    }
}
