//! The audit of a 决算 package's entered data (`spec/final/checks.md`).
//!
//! Most checks of the spec hold by construction — every table cell is
//! derived once from the lines, so the tables cannot disagree (T1–T10, X2–X4,
//! X6–X9, X11). What remains is about what the officer entered:
//!
//! - **错误 D1** references: every unit code used is one of the package's
//!   units; every 功能 code is a 7-digit 项 and every 经济 code a 5-digit 款
//!   of the catalog (a line with an unknown code cannot be printed).
//! - **错误 D2** amounts: not negative, at most two decimals (分).
//! - **错误 D3** text typed into a cell that is not a valid value for it: the
//!   editor keeps it in its row (`rejected`, as the 预算 does) and the row
//!   keeps its last valid value, which the tables use, until it is corrected.
//! - **错误 X1** a 年末结转和结余 below zero, per unit, fund nature and 功能 项
//!   (more spent than the year began with and received).
//! - **错误 X12** a basic line of 一般公共预算财政拨款 whose 经济 code is not
//!   on 公开06's fixed list (its money would be missing from 06's items).
//! - **错误 O1** 上缴上级 / 经营 / 对附属单位补助 paid from 财政拨款 (公开05, 07
//!   and 08 have no column for them).
//! - **错误 N10** vehicles bought and 公务用车购置费 disagree (one is zero).
//! - **错误 N12** 政府采购: 小微企业 more than 中小企业 contracts, 中小企业
//!   more than the 政府采购 total of the lines.
//! - **错误 N13** vehicles: the entered 车辆合计 is not the sum of the kinds,
//!   or differs from the 三公 保有量.
//! - **错误 P1** 整体自评: the 执行率 score over its weight. (项目自评数 =
//!   优 + 良 + 中 + 差 is checked by the importer; that the entered grade
//!   counts hold the grades of the scored A2 tables, and the rest of P1–P6
//!   and W1–W6, is [`super::eval_checks`]; the counts the narrative quotes are
//!   [`super::grades`].)

use std::collections::BTreeSet;
use std::fmt;

use yusuan_model::catalog::{Catalog, CodeKind};
use yusuan_model::{EntryField, FinalPackage, Nature, Rejected, Yuan, rejected_message};
use yusuan_report::table::{AmountStyle, format_wan_with};

use super::FinalTotals;
use super::forms::{PANEL_1, PANEL_2, PANEL_3};

/// 错误 blocks the export for publication; 警告 does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
}

/// One finding: the check's id (as in `checks.md`), where, and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct FinalFinding {
    pub id: &'static str,
    pub level: Level,
    /// Where, in the officer's words (`基本支出第3行`).
    pub place: String,
    pub message: String,
}

impl fmt::Display for FinalFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "错误",
            Level::Warning => "警告",
        };
        write!(f, "{level}（{}）{}：{}", self.id, self.place, self.message)
    }
}

/// The findings collector of the 决算 checks (this file, [`super::eval_checks`],
/// [`super::narrative_checks`]).
pub(crate) struct Out(pub(crate) Vec<FinalFinding>);

impl Out {
    pub(crate) fn push(
        &mut self,
        id: &'static str,
        level: Level,
        place: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.0.push(FinalFinding {
            id,
            level,
            place: place.into(),
            message: message.into(),
        });
    }
    pub(crate) fn error(&mut self, id: &'static str, place: impl Into<String>, message: impl Into<String>) {
        self.push(id, Level::Error, place, message);
    }
    pub(crate) fn warn(&mut self, id: &'static str, place: impl Into<String>, message: impl Into<String>) {
        self.push(id, Level::Warning, place, message);
    }
}

/// 万元 in a message: zero as 0.00.
pub(crate) fn wan(y: Yuan) -> String {
    format_wan_with(
        y,
        2,
        AmountStyle {
            zero_blank: false,
            thousands: true,
        },
    )
}

/// 政府采购支出: the lines flagged 政府采购 (N12, and the 政府采购执行率 of
/// [`super::eval_checks`]).
pub(crate) fn procured(p: &FinalPackage) -> Yuan {
    p.basic_lines
        .iter()
        .filter(|l| l.procurement.is_some())
        .map(|l| l.amount)
        .chain(
            p.projects
                .iter()
                .flat_map(|x| x.lines.iter().filter(|l| l.procurement.is_some()).map(|l| l.amount)),
        )
        .sum()
}

/// Every finding of the package, in the order of the list above.
pub fn findings(p: &FinalPackage, totals: &FinalTotals, catalog: &Catalog) -> Vec<FinalFinding> {
    let mut out = Out(Vec::new());
    references(p, catalog, &mut out);
    amounts(p, &mut out);
    entries(p, &mut out);
    for ((unit, nature, func), amount) in &totals.closing {
        if amount.is_sign_negative() && !amount.is_zero() {
            let item = if func.is_empty() {
                String::new()
            } else {
                format!("功能科目{func}，")
            };
            out.error(
                "X1",
                format!("单位{unit}"),
                format!(
                    "{item}{}的年末结转和结余为{}万元（小于零）：支出多于年初结转和结余与本年收入之和，请核对收入、支出或年初数",
                    nature.label(),
                    wan(*amount)
                ),
            );
        }
    }
    let listed: BTreeSet<&str> = PANEL_1
        .iter()
        .chain(PANEL_2.iter())
        .chain(PANEL_3.iter())
        .map(|(code, _)| *code)
        .collect();
    for (i, l) in p.basic_lines.iter().enumerate() {
        let econ = l.econ.trim();
        if Nature::of(l.source) == Nature::General && econ.len() == 5 && !listed.contains(econ) {
            out.error(
                "X12",
                format!("基本支出第{}行", i + 1),
                format!("经济科目{econ}不在公开06表的经济分类列表中，这笔一般公共预算财政拨款基本支出无法列示"),
            );
        }
    }
    for (i, l) in p.other_lines.iter().enumerate() {
        if l.source.budget().is_some() {
            out.error(
                "O1",
                format!("其他支出第{}行", i + 1),
                format!(
                    "{}的资金来源是{}：财政拨款支出表（公开05、07、08）没有这类支出的栏目，请核对资金来源",
                    l.kind.label(),
                    l.source.label()
                ),
            );
        }
    }
    let tp = &p.three_public;
    let bought = totals.three_public_actual.vehicle_purchase;
    if (tp.vehicles_bought > 0) == bought.is_zero() {
        out.error(
            "N10",
            "三公统计",
            format!(
                "公务用车购置数量为{}辆，而公务用车购置费为{}万元：两者应同时为零或同时不为零",
                tp.vehicles_bought,
                wan(bought)
            ),
        );
    }
    let procured = procured(p);
    let pf = &p.procurement;
    if pf.small_micro_contracts > pf.sme_contracts {
        out.error(
            "N12",
            "政府采购",
            format!(
                "授予小微企业合同金额{}万元大于授予中小企业合同金额{}万元（小微企业是中小企业的一部分）",
                wan(pf.small_micro_contracts),
                wan(pf.sme_contracts)
            ),
        );
    }
    if pf.sme_contracts > procured {
        out.error(
            "N12",
            "政府采购",
            format!(
                "授予中小企业合同金额{}万元大于政府采购支出总额{}万元（标为政府采购的支出行之和）",
                wan(pf.sme_contracts),
                wan(procured)
            ),
        );
    }
    let a = &p.assets;
    let kinds: u32 = a.vehicles.values().sum();
    let total = a.vehicles_total.unwrap_or(kinds);
    if a.vehicles_total.is_some() && total != kinds {
        out.error("N13", "资产", format!("车辆合计为{total}辆，各类车辆之和为{kinds}辆"));
    }
    if total != tp.vehicles_held {
        out.error(
            "N13",
            "资产",
            format!(
                "车辆合计为{total}辆，而三公统计的公务用车保有量为{}辆",
                tp.vehicles_held
            ),
        );
    }
    let e = &p.dept_eval;
    if let Some(score) = e.exec_score
        && score > e.exec_weight
        && !e.exec_weight.is_zero()
    {
        out.error(
            "P1",
            "整体自评",
            format!("执行率得分{score}大于其分值{}", e.exec_weight),
        );
    }
    out.0
}

fn references(p: &FinalPackage, catalog: &Catalog, out: &mut Out) {
    let units: BTreeSet<&str> = p.units.iter().map(|u| u.code.trim()).collect();
    let unit = |out: &mut Out, place: &str, code: &str| {
        if !units.contains(code.trim()) {
            out.error("D1", place, format!("单位代码“{}”不在单位表中", code.trim()));
        }
    };
    let func = |out: &mut Out, place: &str, code: &str| {
        let code = code.trim();
        if code.len() != 7 || !catalog.contains(CodeKind::Func, code) {
            out.error(
                "D1",
                place,
                format!("功能科目编码“{code}”不是支出功能分类的项级科目（7位）"),
            );
        }
    };
    let econ = |out: &mut Out, place: &str, code: &str| {
        let code = code.trim();
        if code.len() != 5 || !catalog.contains(CodeKind::DeptEcon, code) {
            out.error(
                "D1",
                place,
                format!("经济科目编码“{code}”不是部门预算支出经济分类的款级科目（5位）"),
            );
        }
    };
    for (i, x) in p.income.iter().enumerate() {
        let place = format!("收入第{}行", i + 1);
        unit(out, &place, &x.unit);
        func(out, &place, &x.func);
    }
    for (i, x) in p.opening.iter().enumerate() {
        let place = format!("结转结余第{}行", i + 1);
        unit(out, &place, &x.unit);
        func(out, &place, &x.func);
    }
    for (i, x) in p.surplus.iter().enumerate() {
        unit(out, &format!("非财政拨款结余第{}行", i + 1), &x.unit);
    }
    for (i, l) in p.basic_lines.iter().enumerate() {
        let place = format!("基本支出第{}行", i + 1);
        unit(out, &place, &l.unit);
        func(out, &place, &l.func);
        econ(out, &place, &l.econ);
    }
    for pr in &p.projects {
        let name = if pr.name.trim().is_empty() {
            pr.code.trim()
        } else {
            pr.name.trim()
        };
        unit(out, &format!("项目“{name}”"), &pr.unit);
        for (j, l) in pr.lines.iter().enumerate() {
            let place = format!("项目“{name}”明细第{}行", j + 1);
            func(out, &place, &l.func);
            econ(out, &place, &l.econ);
        }
    }
    for (i, l) in p.other_lines.iter().enumerate() {
        let place = format!("其他支出第{}行", i + 1);
        unit(out, &place, &l.unit);
        func(out, &place, &l.func);
        econ(out, &place, &l.econ);
    }
}

fn amounts(p: &FinalPackage, out: &mut Out) {
    let mut check = |place: String, a: Yuan| {
        if a.is_sign_negative() && !a.is_zero() {
            out.error("D2", place, format!("金额{a}元为负数"));
        } else if a.normalize().scale() > 2 {
            out.error("D2", place, format!("金额{a}元超过两位小数（分）"));
        }
    };
    for (i, x) in p.income.iter().enumerate() {
        check(format!("收入第{}行", i + 1), x.amount);
    }
    for (i, x) in p.opening.iter().enumerate() {
        check(format!("结转结余第{}行", i + 1), x.amount);
    }
    for (i, x) in p.surplus.iter().enumerate() {
        check(format!("非财政拨款结余第{}行（使用结余）", i + 1), x.used);
        check(format!("非财政拨款结余第{}行（结余分配）", i + 1), x.distributed);
    }
    for (i, l) in p.basic_lines.iter().enumerate() {
        check(format!("基本支出第{}行", i + 1), l.amount);
    }
    for pr in &p.projects {
        for (j, l) in pr.lines.iter().enumerate() {
            check(format!("项目“{}”明细第{}行", pr.code.trim(), j + 1), l.amount);
        }
    }
    for (i, l) in p.other_lines.iter().enumerate() {
        check(format!("其他支出第{}行", i + 1), l.amount);
    }
    for (i, l) in p.plan.initial.iter().enumerate() {
        check(format!("年初预算第{}行", i + 1), l.amount);
    }
}

/// D3: the kept entries of every row, where the grids show them.
fn entries(p: &FinalPackage, out: &mut Out) {
    let mut row = |place: String, rejected: &Rejected, amounts: [Yuan; 2]| {
        for (&f, text) in rejected {
            let (kept, place) = match f {
                EntryField::Amount => (format!("；改正前按原值{}万元计算", wan(amounts[0])), place.clone()),
                EntryField::Distributed => (
                    format!("；改正前按原值{}万元计算", wan(amounts[1])),
                    format!("{place}（结余分配）"),
                ),
                _ => (String::new(), place.clone()),
            };
            out.error("D3", place, rejected_message(text, &f.problem(text), &kept));
        }
    };
    let none = Yuan::ZERO;
    for (i, x) in p.income.iter().enumerate() {
        row(format!("收入第{}行", i + 1), &x.rejected, [x.amount, none]);
    }
    for (i, x) in p.opening.iter().enumerate() {
        row(format!("结转结余第{}行", i + 1), &x.rejected, [x.amount, none]);
    }
    for (i, x) in p.surplus.iter().enumerate() {
        row(
            format!("非财政拨款结余第{}行", i + 1),
            &x.rejected,
            [x.used, x.distributed],
        );
    }
    for (i, l) in p.basic_lines.iter().enumerate() {
        row(format!("基本支出第{}行", i + 1), &l.rejected, [l.amount, none]);
    }
    for pr in &p.projects {
        for (j, l) in pr.lines.iter().enumerate() {
            row(
                format!("项目“{}”明细第{}行", pr.code.trim(), j + 1),
                &l.rejected,
                [l.amount, none],
            );
        }
    }
    for (i, l) in p.other_lines.iter().enumerate() {
        row(format!("其他支出第{}行", i + 1), &l.rejected, [l.amount, none]);
    }
    for (i, l) in p.plan.initial.iter().enumerate() {
        row(format!("年初预算第{}行", i + 1), &l.rejected, [l.amount, none]);
    }
    for k in p.rejected.values() {
        let what = if k.label.is_empty() {
            String::new()
        } else {
            format!("“{}”", k.label)
        };
        out.error(
            "D3",
            &k.place,
            rejected_message(&k.text, &format!("不是{what}可填的数值"), "；改正前按原值计算"),
        );
    }
}
