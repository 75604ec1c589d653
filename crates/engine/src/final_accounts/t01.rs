//! 公开01表 收入支出决算总表.
//!
//! Two sides of 31 行次 each. Columns: 收入 {项目, 行次, 决算数 (栏次1)} | 支出
//! {项目, 行次, 决算数 (栏次2)}.
//!
//! 收入: 1–3 本年收入 of the three 财政拨款 budgets (一般公共预算-其他 counts as
//! 一般公共预算财政拨款), 4 上级补助收入, 5 事业收入 (财政专户管理资金 included), 6
//! 经营收入, 7 附属单位上缴收入, 8 其他收入; 9–26 blank (行次 only); 27
//! 本年收入合计 = Σ 1–8; 28 使用非财政拨款结余和专用结余 (表样 2022:
//! 使用非财政拨款结余) = Σ units' entries; 29 年初结转和结余, every nature; 30
//! blank; 31 总计 = 27 + 28 + 29.
//!
//! 支出: 32–57 the fixed list of 26 功能 classes ([`forms::CLASSES`]), each the
//! spending of the class from every source and of every kind; 58 本年支出合计 =
//! every spending line (a class off the list counts here only); 59 结余分配; 60
//! 年末结转和结余, derived (= 31 − 58 − 59); 61 blank; 62 总计 = 58 + 59 + 60
//! (= 31 by construction).

use yusuan_model::Yuan;
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::*;

pub(super) fn build(ctx: &Ctx) -> Table {
    // 「决算数」 (002) or 「金额」 (003): the package's layout.
    let amount = if ctx.package.layout.table01_amount_header {
        "金额"
    } else {
        "决算数"
    };
    let side = |s: &str| group(s, vec![leaf("项目"), leaf("行次"), leaf(amount)]);
    let text = (ColumnKind::Text, 26.0);
    let row_no = (ColumnKind::Code, 4.0);
    let mut t = new_table(
        ctx,
        1,
        TABLE_NAMES[0],
        &[side("收入"), side("支出")],
        &[text, row_no, AMT, text, row_no, AMT],
        Some(["栏次", "", "1", "栏次", "", "2"].map(String::from).to_vec()),
    );
    let tt = ctx.totals;
    let inc = |c: totals::IncomeCol| Some(tt.income[c as usize]);
    use totals::IncomeCol as C;
    let used_label = if ctx.form_year <= 2022 {
        "使用非财政拨款结余"
    } else {
        "使用非财政拨款结余和专用结余"
    };
    let opening: Yuan = tt.opening_by_nature.iter().copied().sum();
    let closing: Yuan = tt.closing_by_nature.iter().copied().sum();
    let mut income: Vec<(&str, Option<Yuan>, RowRole)> = vec![
        ("一、一般公共预算财政拨款收入", inc(C::General), RowRole::Item),
        ("二、政府性基金预算财政拨款收入", inc(C::GovFund), RowRole::Item),
        ("三、国有资本经营预算财政拨款收入", inc(C::StateCapital), RowRole::Item),
        ("四、上级补助收入", inc(C::SuperiorSubsidy), RowRole::Item),
        ("五、事业收入", inc(C::Business), RowRole::Item),
        ("六、经营收入", inc(C::Operating), RowRole::Item),
        ("七、附属单位上缴收入", inc(C::AffiliateRemit), RowRole::Item),
        ("八、其他收入", inc(C::Other), RowRole::Item),
    ];
    income.extend(std::iter::repeat_n(("", None, RowRole::Item), 18));
    income.extend([
        ("本年收入合计", Some(tt.income_total), RowRole::Subtotal),
        (used_label, Some(tt.surplus_used), RowRole::Item),
        ("年初结转和结余", Some(opening), RowRole::Item),
        ("", None, RowRole::Item),
        ("总计", Some(tt.grand_total()), RowRole::Total),
    ]);
    let by_class = spend_by_class(tt, |_, _| true);
    let mut expense: Vec<(&str, Option<Yuan>)> = forms::CLASSES
        .iter()
        .map(|&(code, label)| (label, Some(by_class.get(code).copied().unwrap_or_default())))
        .collect();
    expense.extend([
        ("本年支出合计", Some(tt.expense_total)),
        ("结余分配", Some(tt.surplus_distributed)),
        ("年末结转和结余", Some(closing)),
        ("", None),
        ("总计", Some(tt.expense_total + tt.surplus_distributed + closing)),
    ]);
    debug_assert_eq!((income.len(), expense.len()), (31, 31));
    for (i, ((il, ia, role), (el, ea))) in income.into_iter().zip(expense).enumerate() {
        let cells = vec![
            Cell::text(il),
            Cell::code((i + 1).to_string()),
            ia.map_or(Cell::Empty, Cell::Amount),
            Cell::text(el),
            Cell::code((i + 32).to_string()),
            ea.map_or(Cell::Empty, Cell::Amount),
        ];
        push(&mut t, role, cells);
    }
    t.note = Some(note("本表反映部门本年度的总收支和年末结转结余情况。", true, None));
    t
}
