//! Limits shared by every way a package comes in: the import workbook, the
//! `.yusuan` file and the editor check the same bounds.

use rust_decimal::Decimal;

use crate::Yuan;

/// The largest amount accepted, exclusive: 1e13 元 (10 万亿元).
pub fn max_amount() -> Yuan {
    Decimal::from(10_000_000_000_000i64)
}
