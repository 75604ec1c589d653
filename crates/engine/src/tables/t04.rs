//! 预算04表 财政拨款收支总体情况表: the three 财政拨款 budgets only.
//!
//! Income: 一、本年收入, （一）一般公共预算拨款 with 其中：财政拨款, （二）政府性基金预算拨款,
//! （三）国有资本经营预算拨款; 二、上年结转 with the same three; 收入合计.
//! Expenditure: 一、本年支出, then every 功能 类 of the list as published in YS04
//! (which keeps the legacy row （九）医疗卫生与计划生育支出, always blank, beside
//! （十）卫生健康支出), any other 类 used appended; 二、年终结转结余 (0); 支出合计.
//! Expenditure columns: 合计, 一般公共预算 {小计, 其中：财政拨款 (this year's
//! 财政拨款 and its carry-over)}, 政府性基金, 国有资本经营预算.
//!
//! Reads income by source from [`Totals`](crate::Totals). Identities: 一般公共预算 小计 =
//! [`Totals::general`](crate::Totals::general); 政府性基金 = [`Totals::gov_fund`](crate::Totals::gov_fund); 国有资本经营预算 =
//! [`Totals::state_capital`](crate::Totals::state_capital).

use rust_decimal::Decimal;
use yusuan_model::{Budget, FundSource, Yuan};
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::*;
use crate::resolve::{Context, Line};
use crate::sum::Sum;
use crate::totals::Totals;

/// The 功能 classes of table 04, as YS04 lists them: it keeps the legacy row
/// （九）医疗卫生与计划生育支出 (no class of today maps to it) beside （十）卫生健康支出.
const CLASSES_04: [(Option<u16>, &str); 30] = [
    (Some(201), "（一）一般公共服务支出"),
    (Some(202), "（二）外交支出"),
    (Some(203), "（三）国防支出"),
    (Some(204), "（四）公共安全支出"),
    (Some(205), "（五）教育支出"),
    (Some(206), "（六）科学技术支出"),
    (Some(207), "（七）文化体育旅游与传媒支出"),
    (Some(208), "（八）社会保障和就业支出"),
    (None, "（九）医疗卫生与计划生育支出"),
    (Some(210), "（十）卫生健康支出"),
    (Some(211), "（十一）节能环保支出"),
    (Some(212), "（十二）城乡社区事务支出"),
    (Some(213), "（十三）农林水事务支出"),
    (Some(214), "（十四）交通运输支出"),
    (Some(215), "（十五）资源勘探信息等支出"),
    (Some(216), "（十六）商业服务业等支出"),
    (Some(217), "（十七）金融支出"),
    (Some(219), "（十九）援助其他地区支出"),
    (Some(220), "（二十）自然资源海洋气象等支出"),
    (Some(221), "（二十一）住房保障支出"),
    (Some(222), "（二十二）粮油物资储备支出"),
    (Some(223), "（二十三）国有资本经营预算"),
    (Some(224), "（二十四）灾害防治及应急管理"),
    (Some(227), "（二十七）预备费"),
    (Some(229), "（二十九）其他支出"),
    (Some(230), "（三十）转移性支出"),
    (Some(231), "（三十一）债务还本支出"),
    (Some(232), "（三十二）债务付息支出"),
    (Some(233), "（三十三）债务发行费用支出"),
    (Some(234), "（三十四）抗疫特别国债安排的支出"),
];

/// The name this table gives 功能 class `code` (`215` → 「资源勘探信息等支出」, where
/// the catalog says 资源勘探工业信息等支出), without its number; `None` for a
/// class it does not list. The narrative names a class this way, as the
/// publication's own table does.
pub(crate) fn class_name(code: &str) -> Option<&'static str> {
    let code: u16 = code.parse().ok()?;
    let (_, label) = CLASSES_04.iter().find(|(c, _)| *c == Some(code))?;
    label.split_once('）').map(|(_, name)| name)
}

pub(super) fn build(ctx: &Context, totals: &Totals) -> Table {
    let header = [
        group("收入", vec![leaf("项目"), leaf("金额")]),
        group(
            "支出",
            vec![
                leaf("项目"),
                leaf("合计"),
                group("一般公共预算", vec![leaf("小计"), leaf("其中：财政拨款")]),
                leaf("政府性基金"),
                leaf("国有资本经营预算"),
            ],
        ),
    ];
    let mut t = new_table(
        ctx,
        4,
        &header,
        &[
            (ColumnKind::Text, 22.0),
            AMT,
            (ColumnKind::Text, 28.0),
            AMT,
            AMT,
            AMT,
            AMT,
            AMT,
        ],
    );
    use FundSource::*;
    let g = |s: FundSource| totals.income_by_source.get(&s).copied().unwrap_or_default();
    let general = g(GeneralAppropriation) + g(GeneralOther);
    let current = general + g(GovFund) + g(StateCapital);
    let carry = g(CarryGeneral) + g(CarryGovFund) + g(CarryStateCapital);
    let income_rows: Vec<(&str, Yuan)> = vec![
        ("一、本年收入", current),
        ("（一）一般公共预算拨款", general),
        ("其中：财政拨款", g(GeneralAppropriation)),
        ("（二）政府性基金预算拨款", g(GovFund)),
        ("（三）国有资本经营预算拨款", g(StateCapital)),
        ("二、上年结转", carry),
        ("（一）一般公共预算拨款", g(CarryGeneral)),
        ("（二）政府性基金预算拨款", g(CarryGovFund)),
        ("（三）国有资本经营预算拨款", g(CarryStateCapital)),
    ];
    let add = |r: &mut [Sum; 5], l: &Line| {
        match l.source.budget() {
            Some(Budget::General) => {
                r[1] += l.amount;
                if matches!(l.source, GeneralAppropriation | CarryGeneral) {
                    r[2] += l.amount;
                }
            }
            Some(Budget::GovFund) => r[3] += l.amount,
            Some(Budget::StateCapital) => r[4] += l.amount,
            None => return,
        }
        r[0] += l.amount;
    };
    // Figures in all and by 功能 类 (index: the class; `None` without lines of the three budgets).
    let class: Vec<usize> = ctx.funcs.codes.iter().map(|f| usize::from(class_of(f))).collect();
    let mut by_class: Vec<Option<[Sum; 5]>> = vec![None; 1000];
    let mut all = [Sum::ZERO; 5];
    for l in ctx.merged() {
        add(&mut all, l);
        if l.source.budget().is_some() {
            add(by_class[class[l.func_id as usize]].get_or_insert_default(), l);
        }
    }
    let all = all.map(Sum::yuan);
    let mut exp_rows: Vec<(String, [Yuan; 5])> = vec![("一、本年支出".to_string(), all)];
    let class_figures = |c: u16| by_class[usize::from(c)].unwrap_or_default().map(Sum::yuan);
    for (c, label) in CLASSES_04 {
        exp_rows.push((label.to_string(), c.map(class_figures).unwrap_or_default()));
    }
    for c in (0..1000u16).filter(|&c| by_class[usize::from(c)].is_some()) {
        if !CLASSES_04.iter().any(|(k, _)| *k == Some(c)) {
            let name = ctx.func_name(&c.to_string()).to_string();
            let n = u32::from(c).saturating_sub(200);
            exp_rows.push((
                format!(
                    "（{}）{}",
                    chinese_ordinal(n),
                    if name.is_empty() { c.to_string() } else { name }
                ),
                class_figures(c),
            ));
        }
    }
    exp_rows.push(("二、年终结转结余".to_string(), [Decimal::ZERO; 5]));
    for i in 0..income_rows.len().max(exp_rows.len()) {
        let mut cells = Vec::with_capacity(8);
        match income_rows.get(i) {
            Some((l, a)) => cells.extend([Cell::text(*l), Cell::Amount(*a)]),
            None => cells.extend([Cell::Empty, Cell::Empty]),
        }
        match exp_rows.get(i) {
            Some((l, v)) => {
                cells.push(Cell::text(l.clone()));
                cells.extend(amounts(*v));
            }
            None => cells.extend(vec![Cell::Empty; 6]),
        }
        push(&mut t, RowRole::Item, cells);
    }
    let mut cells = vec![
        Cell::text("收入合计"),
        Cell::Amount(current + carry),
        Cell::text("支出合计"),
    ];
    cells.extend(amounts(all));
    push(&mut t, RowRole::Total, cells);
    t
}

#[cfg(test)]
mod class_name_tests {
    use super::class_name;

    /// Seed 001's 预算04 (L297 「（十五）资源勘探信息等支出」, L306 「(二十四) 灾害防治及应急管理」).
    #[test]
    fn a_class_is_named_as_this_table_prints_it() {
        assert_eq!(class_name("215"), Some("资源勘探信息等支出"));
        assert_eq!(class_name("206"), Some("科学技术支出"));
        assert_eq!(class_name("224"), Some("灾害防治及应急管理"));
        // 209 社会保险基金支出 is not a row of 04.
        assert_eq!(class_name("209"), None);
        assert_eq!(class_name("x"), None);
    }
}
