//! One line per package for a bureau that receives many (`yusuan summary`):
//! the department, the year, the kind and the totals each package publishes,
//! its audit counts and its fingerprint.
//!
//! | column | 预算 | 决算 |
//! | --- | --- | --- |
//! | 收入总计 | 预算01 收入总计 | 公开01 总计 (行次31) |
//! | 支出总计 | 预算01 支出总计 | 公开01 总计 (行次62) |
//! | 基本支出 / 项目支出 | 预算03 合计 row | 公开03 合计 row (all fund natures) |
//! | 三公 合计 | 预算08 合计 | 公开09 决算数 合计 |
//! | 错误 / 警告 | `yusuan check`'s counts | the 决算 audit's counts |
//!
//! Amounts are exact 元 here; the workbook prints them in 万元 at the
//! package's decimals, as its tables do.

use yusuan_model::{Document, Yuan};

use crate::final_accounts::{self, checks::Level as FinalLevel, totals::SpendKind};

/// One package's line of the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub department: String,
    pub code: String,
    pub year: i32,
    /// 预算 or 决算.
    pub kind: &'static str,
    /// The package's 小数位数 (the 万元 figures are printed with these).
    pub decimals: u32,
    pub income_total: Yuan,
    pub expense_total: Yuan,
    pub basic: Yuan,
    pub project: Yuan,
    pub three_public: Yuan,
    pub errors: usize,
    pub warnings: usize,
    pub fingerprint: String,
    pub file_name: String,
}

/// The summary line of a package read from `file_name`.
pub fn summary_row(doc: &Document, file_name: &str) -> SummaryRow {
    let d = doc.department();
    let mut row = SummaryRow {
        department: d.name.trim().to_string(),
        code: d.code.trim().to_string(),
        year: d.year,
        kind: "预算",
        decimals: d.decimals,
        income_total: Yuan::ZERO,
        expense_total: Yuan::ZERO,
        basic: Yuan::ZERO,
        project: Yuan::ZERO,
        three_public: Yuan::ZERO,
        errors: 0,
        warnings: 0,
        fingerprint: String::new(),
        file_name: file_name.to_string(),
    };
    match doc {
        Document::Budget(p) => {
            let c = crate::compute(p);
            let t = &c.totals;
            row.income_total = t.income_total;
            row.expense_total = t.expense_total;
            row.basic = t.basic;
            row.project = t.project;
            row.three_public = t.three_public.total();
            row.errors = c.error_count();
            row.warnings = c.warning_count();
            row.fingerprint = yusuan_model::file::fingerprint(p);
        }
        Document::Final(f) => {
            let c = final_accounts::compute(f);
            let t = &c.totals;
            row.kind = "决算";
            row.income_total = t.grand_total();
            row.expense_total = t.grand_total();
            row.basic = t.spend.iter().map(|n| n[SpendKind::Basic as usize]).sum();
            row.project = t.spend.iter().map(|n| n[SpendKind::Project as usize]).sum();
            row.three_public = t.three_public_actual.total();
            row.errors = c.findings.iter().filter(|x| x.level == FinalLevel::Error).count();
            row.warnings = c.findings.len() - row.errors;
            row.fingerprint = yusuan_model::file::fingerprint(f);
        }
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_model::generate::department;

    #[test]
    fn a_budget_line_adds_up_its_package() {
        let p = department(2, 3, 30);
        let r = summary_row(&Document::Budget(p.clone()), "a.yusuan");
        let basic: Yuan = p.basic_lines.iter().map(|l| l.amount).sum();
        let project: Yuan = p.projects.iter().flat_map(|x| &x.lines).map(|l| l.amount).sum();
        assert_eq!((r.basic, r.project), (basic, project));
        assert_eq!(r.expense_total, basic + project);
        assert_eq!(r.kind, "预算");
        assert_eq!(r.fingerprint, yusuan_model::file::fingerprint(&p));
        assert_eq!(r.file_name, "a.yusuan");
    }
}
