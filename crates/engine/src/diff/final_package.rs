//! The diff of two 决算 packages: the same report as for the 预算 — inputs
//! by key, every published cell (公开01–09 and the 绩效自评 附件), the
//! 情况说明 paragraphs, the findings of the 决算 audit, both fingerprints.
//!
//! Keys: units, 基本支出 and projects as in the 预算 (the types are shared);
//! 收入 by (unit, source, 功能), 年初结转和结余 by (unit, nature, 功能), 结余 by
//! unit, 其他支出 by (unit, kind, 功能, 经济, source), 年初预算数 by (nature,
//! 功能), 项目自评 by project code; the fixed figures and facts by field.
//! The 自评 scores and the 表样 settings are listed as changed as a whole
//! (their effect shows in the cells). 决算 findings name their place by row
//! number (`基本支出第3行`); they are matched by the row's key instead
//! ([`stable_final_place`]), so a reordered row keeps its finding. The
//! comparison has no place in the 预算 editor ([`InputChange::location`] is
//! `None`): [`InputChange::place`] names the row in the 决算 editor.

use std::collections::BTreeMap;

use yusuan_model::TextKey;
use yusuan_model::final_package::{
    FinalIncome, FinalPackage, FinalTextKey, FundsSplit, LastYearFinalItem, NonFiscalSurplus, OpeningBalance,
    OtherSpending, PlanLine, ProjectEval, ThreePublicAmounts, VehicleKind,
};
use yusuan_report::text::Narrative;

use super::*;
use crate::final_accounts::{self, FinalComputed};

/// The diff of two 决算 packages; fingerprints as for [`diff`].
pub fn diff_final(old: &FinalPackage, new: &FinalPackage, old_fingerprint: &str, new_fingerprint: &str) -> PackageDiff {
    let (co, cn) = (final_accounts::compute(old), final_accounts::compute(new));
    let mut d = PackageDiff {
        old_name: old.department.name.clone(),
        new_name: new.department.name.clone(),
        old_year: old.department.year,
        new_year: new.department.year,
        old_fingerprint: old_fingerprint.to_string(),
        new_fingerprint: new_fingerprint.to_string(),
        is_final: true,
        ..Default::default()
    };
    inputs_final(old, new, &mut d);
    for c in &mut d.inputs {
        c.place = final_place(c, new);
        c.location = None;
        if c.kind != ChangeKind::Removed {
            c.where_shown = c.place.as_deref().unwrap_or("").trim_end_matches('第').to_string();
        }
    }
    let (cells, rows) = diff_tables(&co.published(), &cn.published());
    d.cells = cells;
    d.rows = rows;
    d.paragraphs = diff_narrative(&narrative(old, &co), &narrative(new, &cn));
    d.findings = findings_final(old, &co, new, &cn);
    d
}

/// The place in the 决算 editor of an input change (as `go_to_place` reads
/// the findings' places): the row in the new package by its section and the
/// row the key matched (the 决算's own sections carry it as
/// `Location::Income(row)`), the screen alone for a removed row.
fn final_place(c: &InputChange, new: &FinalPackage) -> Option<String> {
    let project = |i: usize| new.projects.get(i).map(|p| format!("项目“{}”", p.code.trim()));
    let grid = |prefix: &str, row: Option<usize>| match row {
        Some(j) if c.kind != ChangeKind::Removed => format!("{prefix}第{}行", j + 1),
        _ => format!("{prefix}第"),
    };
    let row = match &c.location {
        Some(Location::Income(j, _)) => Some(*j),
        _ => None,
    };
    Some(match (c.section, &c.location) {
        ("单位", Some(Location::Unit(i, _))) => grid("单位表", Some(*i)),
        ("单位", _) => grid("单位表", None),
        ("基本支出", Some(Location::BasicLine(i, _))) => grid("基本支出", Some(*i)),
        ("基本支出", _) => grid("基本支出", None),
        (_, Some(Location::ProjectLine(i, j, _))) => format!("{}明细第{}行", project(*i)?, j + 1),
        (_, Some(Location::Project(i, _))) => project(*i)?,
        ("项目" | "项目明细", _) => "项目“".to_string(),
        ("收入", _) => grid("收入", row),
        ("年初结转和结余", _) => grid("结转结余", row),
        ("结余", _) => grid("非财政拨款结余", row),
        ("其他支出", _) => grid("其他支出", row),
        ("年初预算数", _) => grid("年初预算", row),
        ("项目绩效自评", _) => "项目自评".to_string(),
        ("部门整体支出绩效自评", _) => "整体自评".to_string(),
        ("资产", _) => "资产".to_string(),
        ("三公经费情况", _) => "三公".to_string(),
        ("说明", _) => "说明：".to_string(),
        (s, _) if s.starts_with("预算数") || s.starts_with("部门预算总额") || s.starts_with("三公经费（") => {
            "预算数".to_string()
        }
        _ => "概况".to_string(),
    })
}

fn narrative(p: &FinalPackage, c: &FinalComputed) -> Narrative {
    Narrative {
        parts: final_accounts::publication(p, c).parts().cloned().collect(),
    }
}

/// A 决算 finding's place named by keys, not row numbers (`基本支出第3行` →
/// `基本支出（单位509001 功能2080505 经济30108 一般公共预算-财政拨款）`), so
/// that the same row elsewhere is the same place; places without a row
/// number, or whose row is not in `p`, as they are.
fn stable_final_place(place: &str, p: &FinalPackage) -> String {
    let Some((prefix, rest)) = place.split_once('第') else {
        return place.to_string();
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let Some(suffix) = rest[digits.len()..].strip_prefix('行') else {
        return place.to_string();
    };
    let Some(i) = digits.parse::<usize>().ok().and_then(|n| n.checked_sub(1)) else {
        return place.to_string();
    };
    let key = match prefix {
        "单位表" => p.units.get(i).map(|u| format!("单位{}", u.code.trim())),
        "收入" => p
            .income
            .get(i)
            .map(|e| format!("单位{} {} 功能{}", e.unit.trim(), e.source.label(), e.func.trim())),
        "结转结余" => p
            .opening
            .get(i)
            .map(|e| format!("单位{} {} 功能{}", e.unit.trim(), e.nature.label(), e.func.trim())),
        "非财政拨款结余" => p.surplus.get(i).map(|e| format!("单位{}", e.unit.trim())),
        "基本支出" => p.basic_lines.get(i).map(basic_item),
        "其他支出" => p.other_lines.get(i).map(|e| {
            format!(
                "单位{} {} 功能{} 经济{} {}",
                e.unit.trim(),
                e.kind.label(),
                e.func.trim(),
                e.econ.trim(),
                e.source.label()
            )
        }),
        "年初预算" => p
            .plan
            .initial
            .get(i)
            .map(|e| format!("{} 功能{}", e.nature.label(), e.func.trim())),
        _ => prefix
            .strip_prefix("项目“")
            .and_then(|r| r.strip_suffix("”明细"))
            .and_then(|name| {
                p.projects
                    .iter()
                    .find(|x| x.code.trim() == name || x.name.trim() == name)
            })
            .and_then(|x| x.lines.get(i))
            .map(project_line_item),
    };
    match key {
        Some(k) => format!("{prefix}（{k}）{suffix}"),
        None => place.to_string(),
    }
}

fn findings_final(
    old: &FinalPackage,
    co: &FinalComputed,
    new: &FinalPackage,
    cn: &FinalComputed,
) -> Vec<FindingChange> {
    let key_in = |f: &final_accounts::checks::FinalFinding, p: &FinalPackage| {
        (f.id, stable_final_place(&f.place, p), f.message.clone())
    };
    let level = |l: final_accounts::checks::Level| match l {
        final_accounts::checks::Level::Error => Level::Error,
        final_accounts::checks::Level::Warning => Level::Warning,
    };
    let mut left: HashMap<_, usize> = HashMap::new();
    for f in &co.findings {
        *left.entry(key_in(f, old)).or_default() += 1;
    }
    let mut out = Vec::new();
    for f in &cn.findings {
        match left.get_mut(&key_in(f, new)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(FindingChange {
                kind: ChangeKind::Added,
                level: level(f.level),
                rule: f.id.to_string(),
                place: f.place.clone(),
                message: f.message.clone(),
                location: None,
            }),
        }
    }
    for f in &co.findings {
        if let Some(n) = left.get_mut(&key_in(f, old)).filter(|n| **n > 0) {
            *n -= 1;
            out.push(FindingChange {
                kind: ChangeKind::Removed,
                level: level(f.level),
                rule: f.id.to_string(),
                place: f.place.clone(),
                message: f.message.clone(),
                location: None,
            });
        }
    }
    out
}

/// An amount field of a fixed part: (section, item) old → new.
fn fixed_amount(d: &mut PackageDiff, section: &'static str, item: &str, a: Decimal, b: Decimal) {
    if a != b {
        d.inputs.push(InputChange {
            section,
            item: item.to_string(),
            field: String::new(),
            kind: ChangeKind::Changed,
            old: yuan(a),
            new: yuan(b),
            delta: Some(b - a),
            location: None,
            place: None,
            where_shown: String::new(),
        });
    }
}

fn fixed_text(d: &mut PackageDiff, section: &'static str, item: &str, a: String, b: String) {
    single(d, section, item.to_string(), "", a, b, None);
}

fn split(d: &mut PackageDiff, what: &str, a: &FundsSplit, b: &FundsSplit) {
    fixed_amount(d, "预算数", &format!("{what}·政府预算资金"), a.government, b.government);
    fixed_amount(
        d,
        "预算数",
        &format!("{what}·财政专户管理资金"),
        a.fiscal_special,
        b.fiscal_special,
    );
    fixed_amount(d, "预算数", &format!("{what}·单位资金"), a.unit_funds, b.unit_funds);
}

fn three(d: &mut PackageDiff, what: &str, a: &ThreePublicAmounts, b: &ThreePublicAmounts) {
    fixed_amount(d, "预算数", &format!("{what}·因公出国（境）费"), a.overseas, b.overseas);
    fixed_amount(
        d,
        "预算数",
        &format!("{what}·公务用车购置费"),
        a.vehicle_purchase,
        b.vehicle_purchase,
    );
    fixed_amount(
        d,
        "预算数",
        &format!("{what}·公务用车运行维护费"),
        a.vehicle_operation,
        b.vehicle_operation,
    );
    fixed_amount(d, "预算数", &format!("{what}·公务接待费"), a.reception, b.reception);
}

fn text_keyed<K: Ord + Copy>(
    d: &mut PackageDiff,
    section: &'static str,
    a: &BTreeMap<K, String>,
    b: &BTreeMap<K, String>,
    label: impl Fn(K) -> String,
) {
    let keys: std::collections::BTreeSet<K> = a.keys().chain(b.keys()).copied().collect();
    for k in keys {
        let get = |m: &BTreeMap<K, String>| m.get(&k).cloned().unwrap_or_default();
        fixed_text(d, section, &label(k), get(a), get(b));
    }
}

fn inputs_final(old: &FinalPackage, new: &FinalPackage, d: &mut PackageDiff) {
    department(&old.department, &new.department, d);
    fixed_text(
        d,
        "概况",
        "封面日期",
        old.publish_date.clone(),
        new.publish_date.clone(),
    );
    units(&old.units, &new.units, d);
    Section::<FinalIncome> {
        name: "收入",
        old: &old.income,
        new: &new.income,
    }
    .run(
        d,
        |e| (e.unit.trim().to_string(), e.source, e.func.trim().to_string()),
        |e| format!("单位{} {} 功能{}", e.unit.trim(), e.source.label(), e.func.trim()),
        |e| yuan(e.amount),
        |a, b| {
            let mut v = Vec::new();
            amount_field(&mut v, "金额", a.amount, b.amount);
            v
        },
        |_, n| n.map(|j| Location::Income(j, Field::Amount)),
    );
    Section::<OpeningBalance> {
        name: "年初结转和结余",
        old: &old.opening,
        new: &new.opening,
    }
    .run(
        d,
        |e| (e.unit.trim().to_string(), e.nature, e.func.trim().to_string()),
        |e| format!("单位{} {} 功能{}", e.unit.trim(), e.nature.label(), e.func.trim()),
        |e| yuan(e.amount),
        |a, b| {
            let mut v = Vec::new();
            amount_field(&mut v, "金额", a.amount, b.amount);
            v
        },
        |_, n| n.map(|j| Location::Income(j, Field::Amount)),
    );
    Section::<NonFiscalSurplus> {
        name: "结余",
        old: &old.surplus,
        new: &new.surplus,
    }
    .run(
        d,
        |e| e.unit.trim().to_string(),
        |e| format!("单位{}", e.unit.trim()),
        |e| {
            format!(
                "使用非财政拨款结余和专用结余{}，结余分配{}",
                yuan(e.used),
                yuan(e.distributed)
            )
        },
        |a, b| {
            let mut v = Vec::new();
            amount_field(&mut v, "使用非财政拨款结余和专用结余", a.used, b.used);
            amount_field(&mut v, "结余分配", a.distributed, b.distributed);
            v
        },
        |_, n| n.map(|j| Location::Income(j, Field::Amount)),
    );
    basic_lines(&old.basic_lines, &new.basic_lines, d);
    projects(&old.projects, &new.projects, d);
    Section::<OtherSpending> {
        name: "其他支出",
        old: &old.other_lines,
        new: &new.other_lines,
    }
    .run(
        d,
        |e| {
            (
                e.unit.trim().to_string(),
                e.kind,
                e.func.trim().to_string(),
                e.econ.trim().to_string(),
                e.source,
            )
        },
        |e| {
            format!(
                "单位{} {} 功能{} 经济{} {}",
                e.unit.trim(),
                e.kind.label(),
                e.func.trim(),
                e.econ.trim(),
                e.source.label()
            )
        },
        |e| yuan(e.amount),
        |a, b| {
            let mut v = Vec::new();
            amount_field(&mut v, "金额", a.amount, b.amount);
            v
        },
        |_, n| n.map(|j| Location::Income(j, Field::Amount)),
    );
    let (pa, pb) = (&old.plan, &new.plan);
    Section::<PlanLine> {
        name: "年初预算数",
        old: &pa.initial,
        new: &pb.initial,
    }
    .run(
        d,
        |e| (e.nature, e.func.trim().to_string()),
        |e| match e.func.trim() {
            "" => format!("{}（合计）", e.nature.label()),
            f => format!("{} 功能{f}", e.nature.label()),
        },
        |e| yuan(e.amount),
        |a, b| {
            let mut v = Vec::new();
            amount_field(&mut v, "金额", a.amount, b.amount);
            v
        },
        |_, n| n.map(|j| Location::Income(j, Field::Amount)),
    );
    split(d, "部门预算总额（年初）", &pa.dept_initial, &pb.dept_initial);
    split(d, "部门预算总额（全年）", &pa.dept_adjusted, &pb.dept_adjusted);
    three(
        d,
        "三公经费（年初）",
        &pa.three_public_initial,
        &pb.three_public_initial,
    );
    three(
        d,
        "三公经费（全年）",
        &pa.three_public_adjusted,
        &pb.three_public_adjusted,
    );
    fixed_text(
        d,
        "预算数",
        "政府采购预算",
        pa.procurement_budget.map(yuan).unwrap_or_default(),
        pb.procurement_budget.map(yuan).unwrap_or_default(),
    );
    for item in LastYearFinalItem::ALL {
        let (a, b) = (old.last_year.get(item), new.last_year.get(item));
        match (a, b) {
            (Some(a), Some(b)) => fixed_amount(d, "上年决算数", item.label(), a, b),
            _ => fixed_text(
                d,
                "上年决算数",
                item.label(),
                a.map(yuan).unwrap_or_default(),
                b.map(yuan).unwrap_or_default(),
            ),
        }
    }
    let (ta, tb) = (&old.three_public, &new.three_public);
    let counts: [(&str, u32, u32); 8] = [
        ("因公出国（境）团组数", ta.overseas_groups, tb.overseas_groups),
        ("因公出国（境）人次", ta.overseas_persons, tb.overseas_persons),
        ("公务用车购置数", ta.vehicles_bought, tb.vehicles_bought),
        ("公务用车保有量", ta.vehicles_held, tb.vehicles_held),
        ("外事接待批次", ta.foreign_groups, tb.foreign_groups),
        ("外事接待人次", ta.foreign_persons, tb.foreign_persons),
        ("国内公务接待批次", ta.domestic_groups, tb.domestic_groups),
        ("国内公务接待人次", ta.domestic_persons, tb.domestic_persons),
    ];
    for (label, a, b) in counts {
        if a != b {
            fixed_text(d, "三公经费情况", label, a.to_string(), b.to_string());
        }
    }
    fixed_amount(
        d,
        "三公经费情况",
        "外事接待费",
        ta.foreign_reception,
        tb.foreign_reception,
    );
    let (ra, rb) = (&old.procurement, &new.procurement);
    fixed_amount(
        d,
        "政府采购",
        "授予中小企业合同金额",
        ra.sme_contracts,
        rb.sme_contracts,
    );
    fixed_amount(
        d,
        "政府采购",
        "其中授予小微企业合同金额",
        ra.small_micro_contracts,
        rb.small_micro_contracts,
    );
    let (aa, ab) = (&old.assets, &new.assets);
    let n = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_default();
    fixed_text(d, "资产", "车辆总数（辆）", n(aa.vehicles_total), n(ab.vehicles_total));
    for k in VehicleKind::ALL {
        let get = |m: &BTreeMap<VehicleKind, u32>| n(m.get(&k).copied());
        fixed_text(
            d,
            "资产",
            &format!("{}（辆）", k.label()),
            get(&aa.vehicles),
            get(&ab.vehicles),
        );
    }
    fixed_text(
        d,
        "资产",
        "单位价值100万元以上设备（台/套）",
        n(aa.equipment_over_1m),
        n(ab.equipment_over_1m),
    );
    if old.dept_eval != new.dept_eval {
        fixed_text(
            d,
            "绩效自评",
            "部门整体支出绩效自评",
            "（原内容）".into(),
            "内容有变化，见公开表的变化（附件）".into(),
        );
    }
    Section::<ProjectEval> {
        name: "项目绩效自评",
        old: &old.project_evals,
        new: &new.project_evals,
    }
    .run(
        d,
        |e| e.project.trim().to_string(),
        |e| format!("项目{}", e.project.trim()),
        |e| {
            if e.attach {
                "公开自评表".into()
            } else {
                "不公开自评表".into()
            }
        },
        |x, y| {
            if x == y {
                return Vec::new();
            }
            vec![FieldChange {
                field: "自评内容",
                old: "（原内容）".into(),
                new: "有变化，见公开表的变化（附件）".into(),
                delta: None,
            }]
        },
        |_, n| n.map(|j| Location::Income(j, Field::Amount)),
    );
    text_keyed(d, "说明", &old.dept_texts, &new.dept_texts, |k: TextKey| {
        k.label().to_string()
    });
    text_keyed(d, "说明", &old.texts, &new.texts, |k: FinalTextKey| {
        k.label().to_string()
    });
    let codes: std::collections::BTreeSet<&String> =
        old.reasons_by_func.keys().chain(new.reasons_by_func.keys()).collect();
    for code in codes {
        let get = |m: &BTreeMap<String, String>| m.get(code).cloned().unwrap_or_default();
        fixed_text(
            d,
            "差异原因",
            &format!("功能{code}"),
            get(&old.reasons_by_func),
            get(&new.reasons_by_func),
        );
    }
    overrides(&old.narrative_overrides, &new.narrative_overrides, d);
    if old.layout != new.layout {
        let (la, lb) = (&old.layout, &new.layout);
        let yes = |b: bool| if b { "是" } else { "否" };
        fixed_text(
            d,
            "表样",
            "零显示为空白",
            yes(la.zero_blank).into(),
            yes(lb.zero_blank).into(),
        );
        fixed_text(d, "表样", "千分位", yes(la.thousands).into(), yes(lb.thousands).into());
        let y = |v: Option<i32>| v.map(|x| x.to_string()).unwrap_or_default();
        fixed_text(d, "表样", "表样年度", y(la.form_year), y(lb.form_year));
        let o = |v: Option<bool>| v.map(yes).unwrap_or_default().to_string();
        fixed_text(
            d,
            "表样",
            "公开08表含年初年末结转结余",
            o(la.table08_with_balances),
            o(lb.table08_with_balances),
        );
    }
    catalog(&old.catalog, &new.catalog, d);
    let r = |p: &FinalPackage| {
        p.budget_ref
            .as_ref()
            .map(|r| format!("{}（指纹{}）", r.file_name, r.fingerprint))
            .unwrap_or_default()
    };
    fixed_text(d, "预算包来源", "新建决算所依据的预算包", r(old), r(new));
}
