//! 公开04表 财政拨款收入支出决算总表.
//!
//! Two sides of 32 行次 each. Columns: 收入 {项目, 行次, 金额 (1)} | 支出 {项目,
//! 行次, 合计 (2), 一般公共预算财政拨款 (3), 政府性基金预算财政拨款 (4),
//! 国有资本经营预算财政拨款 (5)}.
//!
//! 收入: 1–3 本年收入 of each 财政拨款 budget; 4–26 blank; 27 本年收入合计 =
//! 1 + 2 + 3; 28 年初财政拨款结转和结余 = 29 + 30 + 31, the entered 年初 of each
//! budget; 32 总计 = 27 + 28.
//!
//! 支出: 33–58 the 26 classes of 公开01 ([`forms::CLASSES`]), each the spending
//! of the class paid from each budget (this year's money and its 年初结转, every
//! kind), 2 = 3 + 4 + 5; 59 本年支出合计 (every 财政拨款 line); 60
//! 年末财政拨款结转和结余, per budget the derived 年末 (= 年初 + 本年收入 − 本年支出);
//! 61–63 blank; 64 总计 = 59 + 60 per column (column 2 = 行次32).

use yusuan_model::Yuan;
use yusuan_model::final_package::Nature;
use yusuan_report::table::{Cell, ColumnKind, RowRole, Table, group, leaf};

use super::totals::nature_index;
use super::*;

const FISCAL: [Nature; 3] = [Nature::General, Nature::GovFund, Nature::StateCapital];

/// [合计, GPB, 政府性基金, 国资] of per-budget figures.
fn four(per: [Yuan; 3]) -> [Yuan; 4] {
    [per[0] + per[1] + per[2], per[0], per[1], per[2]]
}

pub(super) fn build(ctx: &Ctx) -> Table {
    let text = (ColumnKind::Text, 26.0);
    let row_no = (ColumnKind::Code, 4.0);
    let header = [
        group("收入", vec![leaf("项目"), leaf("行次"), leaf("金额")]),
        group(
            "支出",
            vec![
                leaf("项目"),
                leaf("行次"),
                leaf("合计"),
                leaf("一般公共预算财政拨款"),
                leaf("政府性基金预算财政拨款"),
                leaf("国有资本经营预算财政拨款"),
            ],
        ),
    ];
    let mut t = new_table(
        ctx,
        4,
        TABLE_NAMES[3],
        &header,
        &[text, row_no, AMT, text, row_no, AMT, AMT, AMT, AMT],
        Some(
            ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"]
                .map(String::from)
                .to_vec(),
        ),
    );
    let tt = ctx.totals;
    let income = FISCAL.map(|n| tt.fiscal_income(n.budget().expect("fiscal")));
    let opening = FISCAL.map(|n| tt.opening_of(n));
    let spent = FISCAL.map(|n| tt.spend_of(n));
    let closing = FISCAL.map(|n| tt.closing_of(n));
    let income_total: Yuan = income.iter().copied().sum();
    let opening_total: Yuan = opening.iter().copied().sum();
    let mut left: Vec<(&str, Option<Yuan>, RowRole)> = vec![
        ("一、一般公共预算财政拨款", Some(income[0]), RowRole::Item),
        ("二、政府性基金预算财政拨款", Some(income[1]), RowRole::Item),
        ("三、国有资本经营预算财政拨款", Some(income[2]), RowRole::Item),
    ];
    left.extend(std::iter::repeat_n(("", None, RowRole::Item), 23));
    left.extend([
        ("本年收入合计", Some(income_total), RowRole::Subtotal),
        ("年初财政拨款结转和结余", Some(opening_total), RowRole::Item),
        ("一般公共预算财政拨款", Some(opening[0]), RowRole::Item),
        ("政府性基金预算财政拨款", Some(opening[1]), RowRole::Item),
        ("国有资本经营预算财政拨款", Some(opening[2]), RowRole::Item),
        ("总计", Some(income_total + opening_total), RowRole::Total),
    ]);
    let classes: [BTreeMap<String, Yuan>; 3] = FISCAL.map(|n| spend_by_class(tt, |i, _| i == nature_index(n)));
    let mut right: Vec<(&str, Option<[Yuan; 4]>)> = forms::CLASSES
        .iter()
        .map(|&(code, label)| {
            (
                label,
                Some(four(
                    classes.each_ref().map(|m| m.get(code).copied().unwrap_or_default()),
                )),
            )
        })
        .collect();
    let spent4 = four(spent);
    let closing4 = four(closing);
    right.extend([
        ("本年支出合计", Some(spent4)),
        ("年末财政拨款结转和结余", Some(closing4)),
        ("", None),
        ("", None),
        ("", None),
        ("总计", Some([0, 1, 2, 3].map(|i| spent4[i] + closing4[i]))),
    ]);
    debug_assert_eq!((left.len(), right.len()), (32, 32));
    for (i, ((ll, la, role), (rl, ra))) in left.into_iter().zip(right).enumerate() {
        let mut cells = vec![
            Cell::text(ll),
            Cell::code((i + 1).to_string()),
            la.map_or(Cell::Empty, Cell::Amount),
            Cell::text(rl),
            Cell::code((i + 33).to_string()),
        ];
        match ra {
            Some(v) => cells.extend(v.map(Cell::Amount)),
            None => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]),
        }
        push(&mut t, role, cells);
    }
    t.note = Some(note(
        "本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
        true,
        None,
    ));
    t
}
