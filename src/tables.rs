//! The published tables 预算01–14 (`shared/spec/tables.md`), built from the
//! resolved lines into the shared table model.
//!
//! Layout rule: on a row whose label is a total (合计, 部门) the label stands in
//! the column right before the first amount, so every row reads
//! "label, figures" from left to right in every renderer.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use crate::engine::{Context, Line, Totals};
use crate::model::{Budget, CostKind, FundSource, IndicatorKind, ProjectKind, Yuan};
use crate::table::{Cell, Column, ColumnKind, HeaderNode, Merge, Row, RowRole, Table, group, layout_header, leaf};

pub const MASKED_NAME: &str = "涉密项目按规定不予公开";

/// Names of the tables, by number.
pub const TABLE_NAMES: [&str; 14] = [
    "部门收支总体情况表",
    "部门收入总体情况表",
    "部门支出总体情况表",
    "财政拨款收支总体情况表",
    "一般公共预算支出情况表",
    "一般公共预算基本支出情况表",
    "支出经济分类汇总表",
    "一般公共预算“三公”经费支出情况表",
    "政府性基金预算支出情况表",
    "项目支出预算表",
    "部门（单位）整体绩效目标表",
    "部门预算项目绩效目标汇总表",
    "国有资本经营支出预算表",
    "行政（事业）单位机构运行经费表",
];

pub const NOTE_08: &str = "注：按照党中央、国务院有关规定及部门预算管理有关规定，“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。（1）因公出国（境）费，指单位工作人员公务出国（境）的住宿费、差旅费、伙食补助费、杂费、培训费等支出。（2）公务用车购置及运行费，指单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出，公务用车指用于履行公务的机动车辆，包括一般公务用车和执法执勤用车。（3）公务接待费，指单位按规定开支的各类公务接待（含外宾接待）支出。";

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

/// Chinese ordinal numerals 1..=99: 一, 十, 十五, 二十一.
pub fn chinese_ordinal(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".to_string(),
        1..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10 % 10) as usize], D[(n % 10) as usize]),
    }
}

fn class_of(func: &str) -> u16 {
    func.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0)
}

pub fn build_all(ctx: &Context, totals: &Totals) -> Vec<Table> {
    vec![
        t01(ctx),
        t02(ctx),
        function_table(ctx, 3, |_| true, None),
        t04(ctx),
        function_table(ctx, 5, |l| l.source.budget() == Some(Budget::General), None),
        t06(ctx),
        t07(ctx),
        t08(ctx, totals),
        function_table(
            ctx,
            9,
            |l| l.source.budget() == Some(Budget::GovFund),
            Some("说明：没有政府性基金预算安排的部门单位，本表无数据。"),
        ),
        t10(ctx),
        t11(ctx),
        t12(ctx),
        function_table(
            ctx,
            13,
            |l| l.source.budget() == Some(Budget::StateCapital),
            Some("说明：没有国有资本经营支出预算安排的部门单位，本表无数据。"),
        ),
        t14(ctx),
    ]
}

fn new_table(ctx: &Context, number: u8, header: &[HeaderNode], kinds: &[(ColumnKind, f32)]) -> Table {
    let (cells, header_rows, ncols) = layout_header(header);
    debug_assert!(
        header.is_empty() || ncols == kinds.len(),
        "table {number}: header and columns differ"
    );
    let d = &ctx.package.department;
    Table {
        number,
        label: format!("预算{number:02}表"),
        title: format!("{}年{}", d.year, TABLE_NAMES[usize::from(number) - 1]),
        department: format!("部门名称：{}", d.name),
        unit_line: "单位：万元".to_string(),
        header: cells,
        header_rows,
        columns: kinds.iter().map(|&(kind, width)| Column { kind, width }).collect(),
        rows: Vec::new(),
        merges: Vec::new(),
        note: None,
        decimals: ctx.decimals,
    }
}

fn push(t: &mut Table, role: RowRole, cells: Vec<Cell>) {
    debug_assert_eq!(cells.len(), t.columns.len(), "{}: row width", t.label);
    t.rows.push(Row { role, cells });
}

fn amounts(v: impl IntoIterator<Item = Yuan>) -> impl Iterator<Item = Cell> {
    v.into_iter().map(Cell::Amount)
}

/// `n` empty cells then `label`: the label stands right before the figures.
/// (部门 code, 政府 code) pairs with their figures, sorted by 部门 code then 政府 code.
fn sorted_pairs<'a, const N: usize>(
    ctx: &Context<'a>,
    pairs: HashMap<(u32, u32), [Yuan; N]>,
) -> Vec<(&'a str, &'a str, [Yuan; N])> {
    let mut v: Vec<(&str, &str, [Yuan; N])> = pairs
        .into_iter()
        .map(|((e, g), v)| (ctx.econs.codes[e as usize], ctx.govs.codes[g as usize], v))
        .collect();
    v.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    v
}

fn label_at(n: usize, label: &str) -> Vec<Cell> {
    let mut v = vec![Cell::Empty; n];
    v.push(Cell::text(label));
    v
}

const AMT: (ColumnKind, f32) = (ColumnKind::Amount, 9.0);

// ---------------------------------------------------------------- 预算01表

fn t01(ctx: &Context) -> Table {
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
    let mut inc: BTreeMap<FundSource, Yuan> = BTreeMap::new();
    for e in &ctx.package.income {
        *inc.entry(e.source).or_default() += e.amount;
    }
    let g = |s: FundSource| inc.get(&s).copied().unwrap_or_default();
    let carry: Yuan = inc.iter().filter(|(s, _)| s.is_carryover()).map(|(_, a)| *a).sum();
    let current: Yuan = inc.iter().filter(|(s, _)| !s.is_carryover()).map(|(_, a)| *a).sum();
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
    let mut by_class: BTreeMap<u16, Yuan> = BTreeMap::new();
    for l in &ctx.lines {
        *by_class.entry(class_of(l.func)).or_default() += l.amount;
    }
    let mut exp_rows: Vec<(String, Yuan)> = CLASSES_01
        .iter()
        .map(|(c, label)| (label.to_string(), by_class.get(c).copied().unwrap_or_default()))
        .collect();
    // A class the standard list lacks still gets its row, so the side adds up.
    for (c, a) in &by_class {
        if !CLASSES_01.iter().any(|(k, _)| k == c) {
            let name = ctx.func_name(&c.to_string()).trim_end_matches("支出").to_string();
            let n = u32::from(*c).saturating_sub(200);
            exp_rows.push((
                format!(
                    "{}、{}",
                    chinese_ordinal(n),
                    if name.is_empty() { c.to_string() } else { name }
                ),
                *a,
            ));
        }
    }
    let expense: Yuan = crate::engine::sum(&ctx.lines);
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

// ---------------------------------------------------------------- 预算02表

fn t02(ctx: &Context) -> Table {
    let header = [
        leaf("部门(单位)代码"),
        leaf("部门(单位)名称"),
        leaf("总计"),
        group(
            "本年收入",
            vec![
                leaf("合计"),
                group("一般公共预算", vec![leaf("小计"), leaf("其中：财政拨款")]),
                leaf("政府性基金"),
                leaf("国有资本经营预算"),
                leaf("财政专户管理资金收入"),
                leaf("事业收入"),
                leaf("事业单位经营收入"),
                leaf("上级补助收入"),
                leaf("附属单位上缴收入"),
                leaf("其他收入"),
            ],
        ),
        group(
            "上年结转结余",
            vec![
                leaf("合计"),
                leaf("一般公共预算"),
                leaf("政府性基金"),
                leaf("国有资本经营预算"),
                leaf("财政专户管理资金"),
                leaf("单位资金"),
            ],
        ),
    ];
    let mut kinds = vec![(ColumnKind::Code, 8.0), (ColumnKind::Text, 20.0)];
    kinds.extend([AMT; 18]);
    let mut t = new_table(ctx, 2, &header, &kinds);
    let p = ctx.package;
    // Income by unit and source, gathered once.
    let mut by_unit: BTreeMap<&str, BTreeMap<FundSource, Yuan>> = BTreeMap::new();
    let mut by_all: BTreeMap<FundSource, Yuan> = BTreeMap::new();
    for e in &p.income {
        *by_unit.entry(e.unit.trim()).or_default().entry(e.source).or_default() += e.amount;
        *by_all.entry(e.source).or_default() += e.amount;
    }
    let row = |by: Option<&BTreeMap<FundSource, Yuan>>| -> [Yuan; 18] {
        let g = |s: FundSource| by.and_then(|b| b.get(&s)).copied().unwrap_or_default();
        use FundSource::*;
        let carry = [
            CarryGeneral,
            CarryGovFund,
            CarryStateCapital,
            CarryFiscalSpecial,
            CarryUnitFunds,
        ]
        .map(g);
        let carry_total: Yuan = carry.iter().sum();
        let current: Yuan = FundSource::ALL.into_iter().filter(|s| !s.is_carryover()).map(g).sum();
        [
            current + carry_total,
            current,
            g(GeneralAppropriation) + g(GeneralOther),
            g(GeneralAppropriation),
            g(GovFund),
            g(StateCapital),
            g(FiscalSpecial),
            g(BusinessIncome),
            g(OperatingIncome),
            g(SuperiorSubsidy),
            g(AffiliateRemit),
            g(OtherIncome),
            carry_total,
            carry[0],
            carry[1],
            carry[2],
            carry[3],
            carry[4],
        ]
    };
    let all = row(Some(&by_all));
    let mut cells = label_at(1, "合计");
    cells.extend(amounts(all));
    push(&mut t, RowRole::Total, cells);
    let mut cells = vec![Cell::code(&p.department.code), Cell::text(&p.department.name)];
    cells.extend(amounts(all));
    push(&mut t, RowRole::Subtotal, cells);
    for u in &p.units {
        let mut cells = vec![Cell::code(&u.code), Cell::text(&u.name)];
        cells.extend(amounts(row(by_unit.get(u.code.trim()))));
        push(&mut t, RowRole::Item, cells);
    }
    t
}

// ------------------------------------------------- 预算03/05/09/13表

/// The nine figures of a 功能 row: 合计, 基本 {小计, 工资福利, 对个人, 商品服务, 资本性},
/// 项目 {小计, 其他运转类, 特定目标类}. The basic split follows the line's kind first,
/// then its code (tables.md).
fn add_function_line(ctx: &Context, r: &mut [Yuan; 9], l: &Line) {
    r[0] += l.amount;
    match ctx.project_kind(l) {
        None => {
            r[1] += l.amount;
            let class = l.econ.get(..3).unwrap_or("");
            let col = match l.kind {
                CostKind::Personnel if class == "303" => 3,
                CostKind::Personnel => 2,
                CostKind::Public if class == "309" || class == "310" => 5,
                CostKind::Public => 4,
            };
            r[col] += l.amount;
        }
        Some(kind) => {
            r[6] += l.amount;
            r[if kind == ProjectKind::Operating { 7 } else { 8 }] += l.amount;
        }
    }
}

fn function_table(ctx: &Context, number: u8, keep: impl Fn(&Line) -> bool, empty_note: Option<&str>) -> Table {
    let header = [
        group("科目编码", vec![leaf("类"), leaf("款"), leaf("项")]),
        leaf("单位代码"),
        leaf("单位（科目名称）"),
        leaf("合计"),
        group(
            "基本支出",
            vec![
                leaf("小计"),
                group("人员经费", vec![leaf("工资福利支出"), leaf("对个人和家庭的补助")]),
                group("公用经费", vec![leaf("商品和服务支出"), leaf("资本性支出")]),
            ],
        ),
        group("项目支出", vec![leaf("小计"), leaf("其他运转类"), leaf("特定目标类")]),
    ];
    let mut kinds = vec![
        (ColumnKind::Code, 4.0),
        (ColumnKind::Code, 3.0),
        (ColumnKind::Code, 3.0),
        (ColumnKind::Code, 8.0),
        (ColumnKind::Text, 24.0),
    ];
    kinds.extend([AMT; 9]);
    let mut t = new_table(ctx, number, &header, &kinds);
    // Figures per 功能 code (by interned id) and in all.
    let mut per: Vec<Option<[Yuan; 9]>> = vec![None; ctx.funcs.len()];
    let mut all = [Decimal::ZERO; 9];
    let mut any = false;
    for l in ctx.lines.iter().filter(|l| keep(l)) {
        any = true;
        add_function_line(ctx, per[l.func_id as usize].get_or_insert_default(), l);
        add_function_line(ctx, &mut all, l);
    }
    if !any && empty_note.is_some() {
        t.note = empty_note.map(str::to_string);
        return t;
    }
    let mut cells = label_at(4, "合计");
    cells.extend(amounts(all));
    push(&mut t, RowRole::Total, cells);
    let d = &ctx.package.department;
    let mut cells = vec![
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::code(&d.code),
        Cell::text(&d.name),
    ];
    cells.extend(amounts(all));
    push(&mut t, RowRole::Subtotal, cells);
    for id in ctx.funcs.sorted_ids() {
        let Some(figures) = per[id as usize] else { continue };
        let func = ctx.funcs.codes[id as usize];
        let part = |r: std::ops::Range<usize>| Cell::code(func.get(r).unwrap_or(""));
        let mut cells = vec![
            part(0..3),
            part(3..5),
            part(5..7),
            Cell::Empty,
            Cell::text(ctx.func_name(func)),
        ];
        cells.extend(amounts(figures));
        push(&mut t, RowRole::Item, cells);
    }
    t
}

// ---------------------------------------------------------------- 预算04表

fn t04(ctx: &Context) -> Table {
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
    let mut inc: BTreeMap<FundSource, Yuan> = BTreeMap::new();
    for e in &ctx.package.income {
        *inc.entry(e.source).or_default() += e.amount;
    }
    use FundSource::*;
    let g = |s: FundSource| inc.get(&s).copied().unwrap_or_default();
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
    let figures = |ls: &mut dyn Iterator<Item = &Line>| -> [Yuan; 5] {
        let mut r = [Decimal::ZERO; 5];
        for l in ls {
            match l.source.budget() {
                Some(Budget::General) => {
                    r[1] += l.amount;
                    if matches!(l.source, GeneralAppropriation | CarryGeneral) {
                        r[2] += l.amount;
                    }
                }
                Some(Budget::GovFund) => r[3] += l.amount,
                Some(Budget::StateCapital) => r[4] += l.amount,
                None => continue,
            }
            r[0] += l.amount;
        }
        r
    };
    let mut by_class: BTreeMap<u16, Vec<&Line>> = BTreeMap::new();
    for l in ctx.lines.iter().filter(|l| l.source.budget().is_some()) {
        by_class.entry(class_of(l.func)).or_default().push(l);
    }
    let all = figures(&mut ctx.lines.iter());
    let mut exp_rows: Vec<(String, [Yuan; 5])> = vec![("一、本年支出".to_string(), all)];
    let class_figures = |c: u16| figures(&mut by_class.get(&c).into_iter().flatten().copied());
    for (c, label) in CLASSES_04 {
        exp_rows.push((label.to_string(), c.map(class_figures).unwrap_or_default()));
    }
    for c in by_class.keys() {
        if !CLASSES_04.iter().any(|(k, _)| *k == Some(*c)) {
            let name = ctx.func_name(&c.to_string()).to_string();
            let n = u32::from(*c).saturating_sub(200);
            exp_rows.push((
                format!(
                    "（{}）{}",
                    chinese_ordinal(n),
                    if name.is_empty() { c.to_string() } else { name }
                ),
                class_figures(*c),
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

// ---------------------------------------------------------------- 预算06表

fn t06(ctx: &Context) -> Table {
    let header = [
        group("部门预算支出经济分类科目", vec![leaf("科目编码"), leaf("科目名称")]),
        group("政府预算支出经济分类科目", vec![leaf("科目编码"), leaf("科目名称")]),
        group(
            "本年一般公共预算基本支出",
            vec![leaf("合计"), leaf("人员经费"), leaf("公用经费")],
        ),
    ];
    let mut t = new_table(
        ctx,
        6,
        &header,
        &[
            (ColumnKind::Code, 7.0),
            (ColumnKind::Text, 18.0),
            (ColumnKind::Code, 7.0),
            (ColumnKind::Text, 16.0),
            AMT,
            AMT,
            AMT,
        ],
    );
    let mut pairs: HashMap<(u32, u32), [Yuan; 3]> = HashMap::new();
    let mut all = [Decimal::ZERO; 3];
    for l in ctx
        .lines
        .iter()
        .filter(|l| l.is_basic() && l.source.budget() == Some(Budget::General))
    {
        let e = pairs.entry((l.econ_id, l.gov_id)).or_default();
        let k = if l.kind == CostKind::Personnel { 1 } else { 2 };
        for v in [&mut *e, &mut all] {
            v[0] += l.amount;
            v[k] += l.amount;
        }
    }
    let mut cells = label_at(3, "合计");
    cells.extend(amounts(all));
    push(&mut t, RowRole::Total, cells);
    for (econ, gov, v) in sorted_pairs(ctx, pairs) {
        let mut cells = vec![
            Cell::code(econ),
            Cell::text(ctx.econ_name(econ)),
            Cell::code(gov),
            Cell::text(ctx.gov_name(gov)),
        ];
        cells.extend(amounts(v));
        push(&mut t, RowRole::Item, cells);
    }
    t
}

// ---------------------------------------------------------------- 预算07表

fn t07(ctx: &Context) -> Table {
    let header = [
        group("部门预算经济分类", vec![leaf("类"), leaf("款"), leaf("科目名称")]),
        group("政府预算经济分类", vec![leaf("类"), leaf("款"), leaf("科目名称")]),
        leaf("总计"),
        group("一般公共预算", vec![leaf("小计"), leaf("其中：财政拨款")]),
        leaf("政府性基金"),
        leaf("国有资本经营预算"),
        leaf("上年结转结余"),
        leaf("财政专户管理资金收入"),
        leaf("事业收入"),
        leaf("上级补助收入"),
        leaf("附属单位上缴收入"),
        leaf("事业单位经营收入"),
        leaf("其他收入"),
    ];
    let mut kinds = vec![
        (ColumnKind::Code, 4.0),
        (ColumnKind::Code, 3.0),
        (ColumnKind::Text, 16.0),
        (ColumnKind::Code, 4.0),
        (ColumnKind::Code, 3.0),
        (ColumnKind::Text, 14.0),
    ];
    kinds.extend([AMT; 12]);
    let mut t = new_table(ctx, 7, &header, &kinds);
    let add = |v: &mut [Yuan; 12], l: &Line| {
        use FundSource::*;
        v[0] += l.amount;
        let col = match l.source {
            GeneralAppropriation => {
                v[2] += l.amount;
                1
            }
            GeneralOther => 1,
            GovFund => 3,
            StateCapital => 4,
            s if s.is_carryover() => 5,
            FiscalSpecial => 6,
            BusinessIncome => 7,
            SuperiorSubsidy => 8,
            AffiliateRemit => 9,
            OperatingIncome => 10,
            _ => 11,
        };
        v[col] += l.amount;
    };
    let mut pairs: HashMap<(u32, u32), [Yuan; 12]> = HashMap::new();
    let mut all = [Decimal::ZERO; 12];
    for l in &ctx.lines {
        add(pairs.entry((l.econ_id, l.gov_id)).or_default(), l);
        add(&mut all, l);
    }
    let mut cells = label_at(5, "合计");
    cells.extend(amounts(all));
    push(&mut t, RowRole::Total, cells);
    let d = &ctx.package.department;
    let mut cells = vec![
        Cell::code(&d.code),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::text(&d.name),
    ];
    cells.extend(amounts(all));
    push(&mut t, RowRole::Subtotal, cells);
    for (econ, gov, v) in sorted_pairs(ctx, pairs) {
        let part = |s: &str, r: std::ops::Range<usize>| Cell::code(s.get(r).unwrap_or(""));
        let mut cells = vec![
            part(econ, 0..3),
            part(econ, 3..5),
            Cell::text(ctx.econ_name(econ)),
            part(gov, 0..3),
            part(gov, 3..5),
            Cell::text(ctx.gov_name(gov)),
        ];
        cells.extend(amounts(v));
        push(&mut t, RowRole::Item, cells);
    }
    t
}

// ---------------------------------------------------------------- 预算08表

fn t08(ctx: &Context, totals: &Totals) -> Table {
    let header = [
        leaf("“三公”经费合计"),
        leaf("因公出国（境）费"),
        group(
            "公务用车购置及运行费",
            vec![leaf("小计"), leaf("公务用车购置费"), leaf("公务用车运行费")],
        ),
        leaf("公务接待费"),
    ];
    let mut t = new_table(ctx, 8, &header, &[(ColumnKind::Amount, 14.0); 6]);
    let s = &totals.three_public;
    push(
        &mut t,
        RowRole::Total,
        amounts([
            s.total(),
            s.overseas,
            s.vehicles(),
            s.vehicle_purchase,
            s.vehicle_operation,
            s.reception,
        ])
        .collect(),
    );
    t.note = Some(NOTE_08.to_string());
    t
}

// ---------------------------------------------------------------- 预算10表

fn t10(ctx: &Context) -> Table {
    let header = [
        leaf("类型"),
        leaf("项目名称"),
        leaf("项目单位"),
        leaf("合计"),
        group(
            "本年拨款",
            vec![leaf("一般公共预算"), leaf("政府性基金预算"), leaf("国有资本经营预算")],
        ),
        group(
            "财政拨款结转结余",
            vec![leaf("一般公共预算"), leaf("政府性基金预算"), leaf("国有资本经营预算")],
        ),
        leaf("财政专户管理资金"),
        leaf("单位资金"),
    ];
    let mut kinds = vec![
        (ColumnKind::Text, 9.0),
        (ColumnKind::Text, 30.0),
        (ColumnKind::Text, 16.0),
    ];
    kinds.extend([AMT; 9]);
    let mut t = new_table(ctx, 10, &header, &kinds);
    let p = ctx.package;
    let mut per: Vec<[Yuan; 9]> = vec![[Decimal::ZERO; 9]; p.projects.len()];
    for l in &ctx.lines {
        let Some(pi) = l.project else { continue };
        use FundSource::*;
        let col = match l.source {
            GeneralAppropriation | GeneralOther => 1,
            GovFund => 2,
            StateCapital => 3,
            CarryGeneral => 4,
            CarryGovFund => 5,
            CarryStateCapital => 6,
            FiscalSpecial | CarryFiscalSpecial => 7,
            _ => 8,
        };
        per[pi][0] += l.amount;
        per[pi][col] += l.amount;
    }
    let mut all = [Decimal::ZERO; 9];
    for v in &per {
        for (a, b) in all.iter_mut().zip(v) {
            *a += *b;
        }
    }
    let mut cells = label_at(2, "合计");
    cells.extend(amounts(all));
    push(&mut t, RowRole::Total, cells);
    let mut cells = vec![
        Cell::Empty,
        Cell::code(&p.department.code),
        Cell::text(&p.department.name),
    ];
    cells.extend(amounts(all));
    push(&mut t, RowRole::Subtotal, cells);
    for (pi, proj) in p.projects.iter().enumerate() {
        let unit = ctx.unit_name(ctx.unit_of(&proj.unit));
        let mut cells;
        if proj.secret {
            cells = vec![Cell::Empty, Cell::text(MASKED_NAME), Cell::text(unit)];
            cells.extend(per[pi].iter().map(|a| Cell::Masked(*a)));
        } else {
            cells = vec![Cell::text(proj.kind.label()), Cell::text(&proj.name), Cell::text(unit)];
            cells.extend(amounts(per[pi]));
        }
        push(&mut t, RowRole::Item, cells);
    }
    t
}

// ---------------------------------------------------------------- 预算11表

fn t11(ctx: &Context) -> Table {
    let mut t = new_table(
        ctx,
        11,
        &[],
        &[
            (ColumnKind::Text, 12.0),
            (ColumnKind::Text, 14.0),
            (ColumnKind::Text, 22.0),
            (ColumnKind::Text, 12.0),
            (ColumnKind::LongText, 60.0),
        ],
    );
    let p = ctx.package;
    let perf = &p.performance;
    let text = |s: &str| Cell::text(s.trim());
    push(
        &mut t,
        RowRole::Heading,
        vec![
            text("部门名称"),
            text(&p.department.name),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ],
    );
    t.merges.push(Merge {
        row: 0,
        col: 1,
        rows: 1,
        cols: 4,
    });
    push(
        &mut t,
        RowRole::Item,
        vec![
            text("年度履职目标"),
            text(&perf.goal),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ],
    );
    t.merges.push(Merge {
        row: 1,
        col: 1,
        rows: 1,
        cols: 4,
    });
    let start = t.rows.len();
    push(
        &mut t,
        RowRole::Heading,
        vec![
            text("年度主要任务"),
            text("任务名称"),
            text("主要内容"),
            Cell::Empty,
            Cell::Empty,
        ],
    );
    t.merges.push(Merge {
        row: start,
        col: 2,
        rows: 1,
        cols: 3,
    });
    for task in &perf.tasks {
        let r = t.rows.len();
        push(
            &mut t,
            RowRole::Item,
            vec![
                Cell::Empty,
                text(&task.name),
                text(&task.content),
                Cell::Empty,
                Cell::Empty,
            ],
        );
        t.merges.push(Merge {
            row: r,
            col: 2,
            rows: 1,
            cols: 3,
        });
    }
    if t.rows.len() - start > 1 {
        t.merges.push(Merge {
            row: start,
            col: 0,
            rows: t.rows.len() - start,
            cols: 1,
        });
    }
    // 预算情况: derived from the lines.
    let mut gov = Decimal::ZERO;
    let mut special = Decimal::ZERO;
    let mut unit_funds = Decimal::ZERO;
    let mut basic = Decimal::ZERO;
    for l in &ctx.lines {
        if l.source.is_government() {
            gov += l.amount;
        } else if l.source.is_fiscal_special() {
            special += l.amount;
        } else {
            unit_funds += l.amount;
        }
        if l.is_basic() {
            basic += l.amount;
        }
    }
    let total = gov + special + unit_funds;
    let b = t.rows.len();
    let money_row = |head: &str, sub: &str, label: &str, a: Yuan| {
        vec![text(head), text(sub), text(label), Cell::Amount(a), Cell::Empty]
    };
    push(
        &mut t,
        RowRole::Total,
        money_row("预算情况", "", "部门预算总额（万元）", total),
    );
    push(
        &mut t,
        RowRole::Item,
        money_row("", "1、资金来源：", "（1）政府预算资金", gov),
    );
    push(
        &mut t,
        RowRole::Item,
        money_row("", "", "（2）财政专户管理资金", special),
    );
    push(&mut t, RowRole::Item, money_row("", "", "（3）单位资金", unit_funds));
    push(
        &mut t,
        RowRole::Item,
        money_row("", "2、资金结构：", "（1）基本支出", basic),
    );
    push(&mut t, RowRole::Item, money_row("", "", "（2）项目支出", total - basic));
    t.merges.push(Merge {
        row: b,
        col: 0,
        rows: 6,
        cols: 1,
    });
    t.merges.push(Merge {
        row: b + 1,
        col: 1,
        rows: 3,
        cols: 1,
    });
    t.merges.push(Merge {
        row: b + 4,
        col: 1,
        rows: 2,
        cols: 1,
    });
    push(
        &mut t,
        RowRole::Heading,
        ["一级指标", "二级指标", "三级指标", "指标值", "指标值说明"]
            .map(text)
            .to_vec(),
    );
    // Indicator rows: empty 一级/二级 continue the group above; groups are merged.
    let first = t.rows.len();
    let mut l1 = String::new();
    let mut l2 = String::new();
    let mut keys: Vec<(String, String)> = Vec::new();
    for ind in &perf.indicators {
        if !ind.level1.trim().is_empty() {
            l1 = ind.level1.trim().to_string();
            l2.clear();
        }
        if !ind.level2.trim().is_empty() {
            l2 = ind.level2.trim().to_string();
        }
        keys.push((l1.clone(), l2.clone()));
        push(
            &mut t,
            RowRole::Item,
            vec![
                Cell::Empty,
                Cell::Empty,
                text(&ind.level3),
                text(&ind.value),
                text(&ind.note),
            ],
        );
    }
    for level in 0..2 {
        let mut i = 0;
        while i < keys.len() {
            let mut j = i + 1;
            let same = |a: &(String, String), b: &(String, String)| if level == 0 { a.0 == b.0 } else { a == b };
            while j < keys.len() && same(&keys[i], &keys[j]) {
                j += 1;
            }
            let label = if level == 0 { &keys[i].0 } else { &keys[i].1 };
            t.rows[first + i].cells[level] = Cell::text(label.clone());
            if j - i > 1 {
                t.merges.push(Merge {
                    row: first + i,
                    col: level,
                    rows: j - i,
                    cols: 1,
                });
            }
            i = j;
        }
    }
    t
}

// ---------------------------------------------------------------- 预算12表

fn t12(ctx: &Context) -> Table {
    let pair = |k: IndicatorKind| group(k.label(), vec![leaf("三级指标"), leaf("指标值")]);
    let header = [
        leaf("单位编码（项目编码）"),
        leaf("项目单位（项目名称）"),
        group(
            "项目金额（万元）",
            vec![
                leaf("资金总额"),
                leaf("政府预算资金"),
                leaf("财政专户管理资金"),
                leaf("单位资金"),
            ],
        ),
        group("绩效目标", IndicatorKind::ALL.map(pair).to_vec()),
    ];
    let mut kinds = vec![(ColumnKind::Code, 12.0), (ColumnKind::Text, 22.0), AMT, AMT, AMT, AMT];
    for _ in 0..4 {
        kinds.extend([(ColumnKind::Text, 12.0), (ColumnKind::Text, 8.0)]);
    }
    let mut t = new_table(ctx, 12, &header, &kinds);
    let p = ctx.package;
    let mut per: Vec<[Yuan; 4]> = vec![[Decimal::ZERO; 4]; p.projects.len()];
    for l in &ctx.lines {
        let Some(pi) = l.project else { continue };
        let col = if l.source.is_government() {
            1
        } else if l.source.is_fiscal_special() {
            2
        } else {
            3
        };
        per[pi][0] += l.amount;
        per[pi][col] += l.amount;
    }
    let add = |acc: &mut [Yuan; 4], v: &[Yuan; 4]| acc.iter_mut().zip(v).for_each(|(a, b)| *a += *b);
    let mut all = [Decimal::ZERO; 4];
    per.iter().for_each(|v| add(&mut all, v));
    let blanks = |n: usize| std::iter::repeat_n(Cell::Empty, n);
    let mut cells = vec![Cell::Empty, Cell::code(&p.department.code)];
    cells.extend(amounts(all));
    cells.extend(blanks(8));
    push(&mut t, RowRole::Total, cells);
    let mut by_unit: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, proj) in p.projects.iter().enumerate() {
        by_unit.entry(proj.unit.trim()).or_default().push(i);
    }
    for u in &p.units {
        let Some(projects) = by_unit.get(u.code.trim()) else {
            continue;
        };
        let projects = projects.clone();
        let mut sum = [Decimal::ZERO; 4];
        projects.iter().for_each(|&i| add(&mut sum, &per[i]));
        let mut cells = vec![Cell::code(&u.code), Cell::text(&u.name)];
        cells.extend(amounts(sum));
        cells.extend(blanks(8));
        push(&mut t, RowRole::Subtotal, cells);
        for i in projects {
            let proj = &p.projects[i];
            if proj.secret {
                let mut cells = vec![Cell::Empty, Cell::text(MASKED_NAME)];
                cells.extend(per[i].iter().map(|a| Cell::Masked(*a)));
                cells.extend(blanks(8));
                push(&mut t, RowRole::Item, cells);
                continue;
            }
            let by_kind: Vec<Vec<&crate::model::Indicator>> = IndicatorKind::ALL
                .iter()
                .map(|k| proj.indicators.iter().filter(|x| x.kind == *k).collect())
                .collect();
            let n = by_kind.iter().map(Vec::len).max().unwrap_or(0).max(1);
            for r in 0..n {
                let mut cells = if r == 0 {
                    let mut c = vec![Cell::code(&proj.code), Cell::text(&proj.name)];
                    c.extend(amounts(per[i]));
                    c
                } else {
                    blanks(6).collect()
                };
                for list in &by_kind {
                    match list.get(r) {
                        Some(ind) => cells.extend([Cell::text(ind.level3.trim()), Cell::text(ind.value.trim())]),
                        None => cells.extend(blanks(2)),
                    }
                }
                push(&mut t, RowRole::Item, cells);
            }
        }
    }
    t
}

// ---------------------------------------------------------------- 预算14表

fn t14(ctx: &Context) -> Table {
    let header = [
        group("部门预算支出经济分类项目", vec![leaf("科目编码"), leaf("科目名称")]),
        group("机构运行经费支出", vec![leaf("合计")]),
    ];
    let mut t = new_table(
        ctx,
        14,
        &header,
        &[
            (ColumnKind::Code, 10.0),
            (ColumnKind::Text, 24.0),
            (ColumnKind::Amount, 14.0),
        ],
    );
    let mut by: Vec<Option<Yuan>> = vec![None; ctx.econs.len()];
    for l in ctx
        .lines
        .iter()
        .filter(|l| l.is_basic() && l.source.is_government() && l.kind == CostKind::Public)
    {
        *by[l.econ_id as usize].get_or_insert_default() += l.amount;
    }
    let mut cells = label_at(1, "合计");
    cells.push(Cell::Amount(by.iter().flatten().sum()));
    push(&mut t, RowRole::Total, cells);
    for id in ctx.econs.sorted_ids() {
        let Some(a) = by[id as usize] else { continue };
        let econ = ctx.econs.codes[id as usize];
        push(
            &mut t,
            RowRole::Item,
            vec![Cell::code(econ), Cell::text(ctx.econ_name(econ)), Cell::Amount(a)],
        );
    }
    t
}

#[cfg(test)]
mod tests {
    use super::chinese_ordinal;

    #[test]
    fn ordinals() {
        assert_eq!(chinese_ordinal(1), "一");
        assert_eq!(chinese_ordinal(10), "十");
        assert_eq!(chinese_ordinal(15), "十五");
        assert_eq!(chinese_ordinal(20), "二十");
        assert_eq!(chinese_ordinal(34), "三十四");
    }
}
