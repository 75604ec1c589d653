//! 上年数 from last year's package (打开上年预算包 / 打开上年决算包).
//!
//! Each 上年数 item takes the figure last year's package *publishes* for the
//! quantity this year's narrative compares it with, in the same 口径 and in
//! exact 元 (the published 万元 figure is its rounding):
//!
//! | 预算 item | last year's figure |
//! | --- | --- |
//! | 收入总计 / 支出总计 | 预算01 收入总计 / 支出总计 |
//! | 一般公共预算, 政府性基金预算, 国有资本经营预算 | 预算04 each budget's 本年收入 (= its 支出) |
//! | 三公经费合计 and its four items | 预算08 |
//! | 机构运行经费 | 预算14 合计 |
//!
//! | 决算 item | last year's figure |
//! | --- | --- |
//! | 收支总计 | 公开01 总计 (行次31) |
//! | 财政拨款收支总计 | 公开04 总计 |
//! | 一般公共预算财政拨款支出 | 公开05 合计 |
//! | 机关运行经费 | 情况说明 十（一） |
//! | “三公”经费 and its items | 公开09 决算数 |
//!
//! That is: the figure [`Totals::current`] (预算) or [`final_current`] (决算)
//! gives for last year's package — the one the narrative of that year printed
//! as 本年.
//!
//! The fill is refused, with a Chinese message and nothing changed, unless
//! last year's package is of year − 1 and of the same department: the same
//! 部门名称 (a 部门代码 alone is not enough — the fixtures' 义马 and 郑州
//! 工信局 are both 021). A fill is one [`Edit`] (one [`FinalEdit`]):
//! every item and the recorded source together, one undo step.

use std::collections::BTreeMap;

use yusuan_model::edit::Edit;
use yusuan_model::final_edit::{FinalEdit, FinalValue};
use yusuan_model::{
    Department, FinalPackage, LastYear, LastYearFinal, LastYearFinalItem, LastYearItem, LastYearSource, Nature,
    Package, Yuan,
};

use crate::Totals;
use crate::final_accounts::{self, FinalComputed};

/// One item of a fill: its label, the value before (None = not given) and
/// the value taken from last year's package.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemChange {
    pub label: &'static str,
    pub old: Option<Yuan>,
    pub new: Yuan,
}

impl ItemChange {
    pub fn changed(&self) -> bool {
        self.old != Some(self.new)
    }
}

/// A fill, ready to apply: the edit (apply it and keep its inverse for
/// undo), what it changes item by item, and the source it records.
#[derive(Clone, Debug)]
pub struct Fill<E> {
    pub edit: E,
    pub changes: Vec<ItemChange>,
    pub source: LastYearSource,
}

/// The 上年数 of a 预算 as last year's package publishes them (exact 元).
pub fn published_last_year(last_totals: &Totals) -> BTreeMap<LastYearItem, Yuan> {
    LastYearItem::ALL
        .into_iter()
        .map(|item| (item, last_totals.current(item)))
        .collect()
}

/// This year's figure of a 决算 that a 上年决算数 item compares with: the
/// quantity the 决算 narrative states (exact 元).
pub fn final_current(p: &FinalPackage, c: &FinalComputed, item: LastYearFinalItem) -> Yuan {
    let t = &c.totals;
    match item {
        LastYearFinalItem::Total => t.grand_total(),
        LastYearFinalItem::FiscalTotal => [Nature::General, Nature::GovFund, Nature::StateCapital]
            .into_iter()
            .map(|n| t.fiscal_income(n.budget().expect("a fiscal nature")) + t.opening_of(n))
            .sum(),
        LastYearFinalItem::GeneralExpense => final_accounts::narrative::facts(p, c)
            .general_by_func
            .values()
            .copied()
            .sum(),
        LastYearFinalItem::AgencyOperating => t.agency_operating,
        LastYearFinalItem::ThreePublicTotal => t.three_public_actual.total(),
        LastYearFinalItem::Overseas => t.three_public_actual.overseas,
        LastYearFinalItem::VehiclePurchase => t.three_public_actual.vehicle_purchase,
        LastYearFinalItem::VehicleOperation => t.three_public_actual.vehicle_operation,
        LastYearFinalItem::Reception => t.three_public_actual.reception,
    }
}

/// The 上年决算数 as last year's 决算 package publishes them (exact 元).
pub fn published_last_year_final(last: &FinalPackage, c: &FinalComputed) -> BTreeMap<LastYearFinalItem, Yuan> {
    LastYearFinalItem::ALL
        .into_iter()
        .map(|item| (item, final_current(last, c, item)))
        .collect()
}

fn describe(d: &Department) -> String {
    let name = d.name.trim();
    let name = if name.is_empty() {
        "（未填部门名称）"
    } else {
        name
    };
    match d.code.trim() {
        "" => name.to_string(),
        code => format!("{name}（{code}）"),
    }
}

/// Year − 1 and the same department, else why not (nothing is changed).
fn check_source(this: &Department, last: &Department, file_name: &str, kind: &str) -> Result<(), String> {
    let want = this.year - 1;
    if last.year != want {
        return Err(format!(
            "“{file_name}”是{}年度的{kind}包，本包是{}年度：上年数只能取自{want}年度的{kind}包，未作任何修改",
            last.year, this.year
        ));
    }
    // The name decides: 部门代码 repeat across cities (义马 and 郑州's
    // 工信局 are both 021), while a code may be renumbered.
    let same_name = !this.name.trim().is_empty() && this.name.trim() == last.name.trim();
    if !same_name {
        let renamed = if !this.code.trim().is_empty() && this.code.trim() == last.code.trim() {
            "部门代码相同但部门名称不同；如部门已更名，请先在“概况”中把本包的部门名称改为上年的名称，取数后再改回。"
        } else {
            ""
        };
        return Err(format!(
            "“{file_name}”是{}的{kind}包，本包是{}：上年数只能取自同一部门（部门名称相同）的上年{kind}包。{renamed}未作任何修改",
            describe(last),
            describe(this)
        ));
    }
    Ok(())
}

fn source(file_name: &str, year: i32, fingerprint: String) -> LastYearSource {
    LastYearSource {
        file_name: file_name.to_string(),
        year,
        fingerprint,
    }
}

/// Fills every 上年数 of `this` from last year's 预算 package `last` (read
/// from a file named `file_name`), and records it as their source.
pub fn fill_last_year(this: &Package, last: &Package, file_name: &str) -> Result<Fill<Edit>, String> {
    check_source(&this.department, &last.department, file_name, "预算")?;
    let figures = published_last_year(&crate::compute(last).totals);
    let changes = figures
        .iter()
        .map(|(&item, &new)| ItemChange {
            label: item.label(),
            old: this.last_year.get(item),
            new,
        })
        .collect();
    let source = source(file_name, last.department.year, yusuan_model::file::fingerprint(last));
    // Every item gets a valid value: no typed text is left to correct.
    let edit = Edit::LastYear(Box::new((LastYear(figures), BTreeMap::new(), Some(source.clone()))));
    Ok(Fill { edit, changes, source })
}

/// Fills every 上年决算数 of `this` from last year's 决算 package `last`.
pub fn fill_last_year_final(
    this: &FinalPackage,
    last: &FinalPackage,
    file_name: &str,
) -> Result<Fill<FinalEdit>, String> {
    check_source(&this.department, &last.department, file_name, "决算")?;
    let figures = published_last_year_final(last, &final_accounts::compute(last));
    let changes = figures
        .iter()
        .map(|(&item, &new)| ItemChange {
            label: item.label(),
            old: this.last_year.get(item),
            new,
        })
        .collect();
    let source = source(file_name, last.department.year, yusuan_model::file::fingerprint(last));
    let edit = FinalEdit::Group(vec![
        FinalEdit::Field(Box::new(FinalValue::LastYear(LastYearFinal(figures)))),
        FinalEdit::Field(Box::new(FinalValue::LastYearSource(Some(source.clone())))),
    ]);
    Ok(Fill { edit, changes, source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use yusuan_model::edit::History;
    use yusuan_model::generate::department;

    fn pair() -> (Package, Package) {
        let last = department(2, 3, 30);
        let mut this = last.clone();
        this.department.year = last.department.year + 1;
        this.last_year.0.insert(LastYearItem::IncomeTotal, Decimal::from(123));
        this.rejected.last_year.insert(LastYearItem::Reception, "十二万".into());
        (this, last)
    }

    #[test]
    fn a_fill_takes_every_item_and_records_its_source() {
        let (mut this, last) = pair();
        let fill = fill_last_year(&this, &last, "上年.yusuan").unwrap();
        assert_eq!(fill.changes.len(), LastYearItem::ALL.len());
        let income = fill.changes.iter().find(|c| c.label == "收入总计").unwrap();
        assert_eq!(income.old, Some(Decimal::from(123)));
        fill.edit.apply(&mut this);
        // The generated package's income total, added up here from its entries.
        let income_total: Yuan = last.income.iter().map(|e| e.amount).sum();
        assert_eq!(this.last_year.get(LastYearItem::IncomeTotal), Some(income_total));
        assert!(this.rejected.last_year.is_empty());
        let s = this.last_year_source.as_ref().unwrap();
        assert_eq!(s.file_name, "上年.yusuan");
        assert_eq!(s.year, last.department.year);
        assert_eq!(s.fingerprint, yusuan_model::file::fingerprint(&last));
    }

    #[test]
    fn wrong_year_or_department_is_refused() {
        let (this, mut last) = pair();
        last.department.year -= 1;
        let e = fill_last_year(&this, &last, "旧.yusuan").unwrap_err();
        assert!(e.contains("年度") && e.contains("未作任何修改"), "{e}");
        let (this, mut last) = pair();
        last.department.year += 1;
        assert!(fill_last_year(&this, &last, "x").is_err());

        let (this, mut last) = pair();
        last.department.code = "999".into();
        last.department.name = "另一个部门".into();
        let e = fill_last_year(&this, &last, "别的.yusuan").unwrap_err();
        assert!(e.contains("另一个部门") && e.contains("同一部门"), "{e}");
        // The same name under another (or no) code is the same department.
        let (this, mut last) = pair();
        last.department.code = String::new();
        assert!(fill_last_year(&this, &last, "x").is_ok());
        // The same code under another name is not (codes repeat across cities).
        let (this, mut last) = pair();
        last.department.name = "另一个部门".into();
        let e = fill_last_year(&this, &last, "x").unwrap_err();
        assert!(e.contains("部门代码相同但部门名称不同"), "{e}");
    }

    #[test]
    fn one_undo_step_restores_the_typed_values() {
        let (mut this, last) = pair();
        let before = this.clone();
        let mut h = History::default();
        let fill = fill_last_year(&this, &last, "上年.yusuan").unwrap();
        h.record("", fill.edit.apply(&mut this));
        assert_ne!(this, before);
        assert!(h.undo(&mut this));
        assert_eq!(this, before);
        assert_eq!(this.last_year.get(LastYearItem::IncomeTotal), Some(Decimal::from(123)));
        assert_eq!(this.rejected.last_year.get(&LastYearItem::Reception).unwrap(), "十二万");
        assert!(h.redo(&mut this));
        assert!(this.last_year_source.is_some());
    }

    #[test]
    fn a_final_fill_is_one_step_too() {
        let mut last = FinalPackage::default();
        last.department.name = "测试部门".into();
        last.department.year = 2023;
        last.income.push(yusuan_model::FinalIncome {
            unit: "101001".into(),
            source: yusuan_model::FundSource::GeneralAppropriation,
            func: "2010101".into(),
            amount: Decimal::from(5000),
            rejected: Default::default(),
        });
        let mut this = last.clone();
        this.department.year = 2024;
        this.last_year.0.insert(LastYearFinalItem::Total, Decimal::from(7));
        let before = this.clone();
        let fill = fill_last_year_final(&this, &last, "2023决算.yusuan").unwrap();
        let mut h = History::default();
        h.record("", fill.edit.apply(&mut this));
        assert_eq!(this.last_year.get(LastYearFinalItem::Total), Some(Decimal::from(5000)));
        assert_eq!(
            this.last_year.get(LastYearFinalItem::FiscalTotal),
            Some(Decimal::from(5000))
        );
        assert_eq!(this.last_year_source.as_ref().unwrap().year, 2023);
        assert!(h.undo(&mut this));
        assert_eq!(this, before);

        let mut other = last.clone();
        other.department.year = 2024;
        let e = fill_last_year_final(&this, &other, "同年.yusuan").unwrap_err();
        assert!(e.contains("2023年度的决算包"), "{e}");
    }
}
