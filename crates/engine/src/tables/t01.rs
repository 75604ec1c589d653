//! 预算01表 部门收支总体情况表.
//!
//! Two sides side by side. Income (from the income budget, every source):
//! 一、一般公共预算 and its 其中：财政拨款, then 二 政府性基金预算拨款收入 …
//! 九、其他收入; 本年收入合计, 上年结转结余, 收入总计. Expenditure (every line,
//! every source): one row per 功能 类, always all 30 of the standard list,
//! numbered with the Chinese ordinal of (code − 200) — 一、一般公共服务 (201) …
//! 三十四、抗疫特别国债安排的支出 (234); a 类 outside the list still gets its row
//! so that the side adds up; then 本年支出合计, 年终结转结余 (0), 支出总计.
//!
//! Reads from [`Totals`](crate::Totals): income by source, this year's income, carry-over,
//! 支出总计. Identities: 收入总计 = [`Totals::income_total`](crate::Totals::income_total), 支出总计 =
//! [`Totals::expense_total`](crate::Totals::expense_total) = 预算03 合计.

use rust_decimal::Decimal;
use yusuan_model::{FundSource, Yuan};
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::*;
use crate::resolve::Context;
use crate::totals::Totals;

/// The 功能 classes of table 01: (class code, label), as YS01 lists them.
const CLASSES_01: [(u16, &str); 30] = [
    (201, "一、一般公共服务"),
    (202, "二、外交"),
    (203, "三、国防"),
    (204, "四、公共安全"),
    (205, "五、教育"),
    (206, "六、科学技术"),
    (207, "七、文化旅游体育与传媒"),
    (208, "八、社会保障和就业"),
    (209, "九、社会保险基金支出"),
    (210, "十、卫生健康"),
    (211, "十一、节能环保"),
    (212, "十二、城乡社区事务"),
    (213, "十三、农林水事务"),
    (214, "十四、交通运输"),
    (215, "十五、资源勘探信息等"),
    (216, "十六、商业服务业等"),
    (217, "十七、金融支出"),
    (219, "十九、援助其他地区支出"),
    (220, "二十、自然资源海洋气象等支出"),
    (221, "二十一、住房保障支出"),
    (222, "二十二、粮油物资储备支出"),
    (223, "二十三、国有资本经营预算"),
    (224, "二十四、灾害防治及应急管理"),
    (227, "二十七、预备费"),
    (229, "二十九、其他支出"),
    (230, "三十、转移性支出"),
    (231, "三十一、债务还本支出"),
    (232, "三十二、债务付息支出"),
    (233, "三十三、债务发行费用支出"),
    (234, "三十四、抗疫特别国债安排的支出"),
];

pub(super) fn build(ctx: &Context, totals: &Totals) -> Table {
    let header = [
        group("收入", vec![leaf("项目"), leaf("金额")]),
        group("支出", vec![leaf("项目"), leaf("金额")]),
    ];
    let mut t = new_table(
        ctx,
        1,
        &header,
        &[(ColumnKind::Text, 22.0), AMT, (ColumnKind::Text, 26.0), AMT],
    );
    let g = |s: FundSource| totals.income_by_source.get(&s).copied().unwrap_or_default();
    let (current, carry) = (totals.income_current, totals.income_carryover);
    let income_rows: Vec<(&str, Yuan)> = vec![
        (
            "一、一般公共预算",
            g(FundSource::GeneralAppropriation) + g(FundSource::GeneralOther),
        ),
        ("其中：财政拨款", g(FundSource::GeneralAppropriation)),
        ("二、政府性基金预算拨款收入", g(FundSource::GovFund)),
        ("三、国有资本经营预算拨款收入", g(FundSource::StateCapital)),
        ("四、财政专户管理资金收入", g(FundSource::FiscalSpecial)),
        ("五、事业收入", g(FundSource::BusinessIncome)),
        ("六、事业单位经营收入", g(FundSource::OperatingIncome)),
        ("七、上级补助收入", g(FundSource::SuperiorSubsidy)),
        ("八、附属单位上缴收入", g(FundSource::AffiliateRemit)),
        ("九、其他收入", g(FundSource::OtherIncome)),
    ];
    let by_class = by_class(ctx, |_| true);
    let mut exp_rows: Vec<(String, Yuan)> = CLASSES_01
        .iter()
        .map(|&(c, label)| (label.to_string(), by_class[usize::from(c)].unwrap_or_default().yuan()))
        .collect();
    // A class the standard list lacks still gets its row, so the side adds up.
    for (c, a) in by_class
        .iter()
        .enumerate()
        .filter_map(|(c, a)| Some((c as u16, a.as_ref()?.yuan())))
    {
        if !CLASSES_01.iter().any(|&(k, _)| k == c) {
            let name = ctx.func_name(&c.to_string()).trim_end_matches("支出").to_string();
            let n = u32::from(c).saturating_sub(200);
            exp_rows.push((
                format!(
                    "{}、{}",
                    chinese_ordinal(n),
                    if name.is_empty() { c.to_string() } else { name }
                ),
                a,
            ));
        }
    }
    let expense = totals.expense_total;
    let n = income_rows.len().max(exp_rows.len());
    for i in 0..n {
        let mut cells = Vec::with_capacity(4);
        match income_rows.get(i) {
            Some((l, a)) => cells.extend([Cell::text(*l), Cell::Amount(*a)]),
            None => cells.extend([Cell::Empty, Cell::Empty]),
        }
        match exp_rows.get(i) {
            Some((l, a)) => cells.extend([Cell::text(l.clone()), Cell::Amount(*a)]),
            None => cells.extend([Cell::Empty, Cell::Empty]),
        }
        push(&mut t, RowRole::Item, cells);
    }
    let total_row =
        |a: &str, x: Yuan, b: &str, y: Yuan| vec![Cell::text(a), Cell::Amount(x), Cell::text(b), Cell::Amount(y)];
    push(
        &mut t,
        RowRole::Subtotal,
        total_row("本年收入合计", current, "本年支出合计", expense),
    );
    push(
        &mut t,
        RowRole::Item,
        total_row("上年结转结余", carry, "年终结转结余", Decimal::ZERO),
    );
    push(
        &mut t,
        RowRole::Total,
        total_row("收入总计", current + carry, "支出总计", expense),
    );
    t
}
