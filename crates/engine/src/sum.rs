//! Exact sums of 元 amounts in whole 分 (issue 9): what `Decimal` addition
//! gives, to the last digit and scale, at the cost of an integer addition.
//!
//! A [`Sum`] holds an amount of at most two decimals as an `i64` count of 分
//! plus the scale `Decimal` would print it with. [`Sum::yuan`] turns it back
//! into the very `Decimal` that adding the same amounts in the same order with
//! `Decimal`'s `+=` gives — same value, same scale, same sign of a zero — so a
//! table built from sums is identical to one built from `Decimal`s. That is
//! `rust_decimal`'s addition of two amounts below 2^63 in their own scale:
//!
//! - a zero on the left gives the right-hand side as it is (its scale, its
//!   sign: `-0.00` stays negative); a zero on the right leaves the left-hand
//!   side as it is;
//! - otherwise the exact sum at the larger scale (`-1.5 + 1.50` is `0.00`).
//!
//! An amount with more than two decimals, or a sum that leaves `i64`, carries
//! on as a `Decimal` (exact, just slower): the model allows such amounts (rule
//! 4 reports them), it only does not expect them.

use std::ops::AddAssign;

use rust_decimal::Decimal;
use yusuan_model::Yuan;

/// An exact amount or sum of amounts in 元 (see the module's doc).
#[derive(Clone, Copy, Debug)]
pub struct Sum(Repr);

#[derive(Clone, Copy, Debug)]
enum Repr {
    /// `fen` 分, shown with `scale` (0..=2) decimals; `negative` is the sign
    /// of a zero (an amount `-0.00`; a non-zero sum has the sign of `fen`).
    Fen { fen: i64, scale: u8, negative: bool },
    /// Anything else, added up as `Decimal` does.
    Decimal(Decimal),
}

const FEN_PER: [i64; 3] = [100, 10, 1];

impl Sum {
    /// `Decimal::ZERO`.
    pub const ZERO: Sum = Sum(Repr::Fen {
        fen: 0,
        scale: 0,
        negative: false,
    });

    /// The amount as the `Decimal` the same additions give.
    pub fn yuan(self) -> Yuan {
        match self.0 {
            Repr::Fen { fen, scale, negative } => {
                let mut d = Decimal::from_i128_with_scale(i128::from(fen / FEN_PER[scale as usize]), u32::from(scale));
                if fen == 0 && negative {
                    d.set_sign_negative(true);
                }
                d
            }
            Repr::Decimal(d) => d,
        }
    }

    pub fn is_zero(self) -> bool {
        match self.0 {
            Repr::Fen { fen, .. } => fen == 0,
            Repr::Decimal(d) => d.is_zero(),
        }
    }
}

impl Default for Sum {
    fn default() -> Sum {
        Sum::ZERO
    }
}

impl From<Yuan> for Sum {
    fn from(d: Yuan) -> Sum {
        let scale = d.scale();
        if scale <= 2
            && let Ok(m) = i64::try_from(d.mantissa())
            && let Some(fen) = m.checked_mul(FEN_PER[scale as usize])
        {
            return Sum(Repr::Fen {
                fen,
                scale: scale as u8,
                negative: d.is_sign_negative(),
            });
        }
        Sum(Repr::Decimal(d))
    }
}

impl AddAssign for Sum {
    #[inline(always)]
    fn add_assign(&mut self, x: Sum) {
        if let (
            Repr::Fen {
                fen: a,
                scale: sa,
                negative,
            },
            Repr::Fen { fen: b, scale: sb, .. },
        ) = (&mut self.0, x.0)
        {
            if *a == 0 {
                *self = x;
                return;
            }
            if b == 0 {
                return;
            }
            if let Some(s) = a.checked_add(b) {
                if s == 0 {
                    *negative = false;
                }
                *a = s;
                *sa = (*sa).max(sb);
                return;
            }
        }
        self.add_decimal(x);
    }
}

impl Sum {
    /// Adds as `Decimal`: an operand of more than two decimals, or a sum
    /// beyond `i64` 分.
    #[cold]
    #[inline(never)]
    fn add_decimal(&mut self, x: Sum) {
        *self = Sum(Repr::Decimal(self.yuan() + x.yuan()));
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

    #[test]
    fn many_amounts() {
        let mut seed = 7u64;
        let (mut want, mut got) = (Decimal::ZERO, Sum::ZERO);
        for i in 0..10_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let x = Decimal::new((seed % 1_000_000) as i64 - 400_000, (i % 3) as u32);
            want += x;
            got += Sum::from(x);
            assert_eq!(format!("{:?}", got.yuan()), format!("{want:?}"));
        }
    }
}
