//! Changes to a 决算 package as values, the sibling of [`crate::edit`]: a
//! [`FinalEdit`] applied to a [`FinalPackage`] returns its inverse, and the
//! same [`History`](crate::edit::History) keeps them for undo and redo.
//!
//! An editor says beforehand which [`FinalPart`] a change may touch: rows of
//! one list (a changed cell keeps one row in the history), one part of the
//! package (the plan, the 三公 facts, the texts …), or the whole package.

use std::collections::BTreeMap;
use std::mem;
use std::ops::Range;

use crate::Department;
use crate::edit::{Step, splice};
use crate::{
    BasicLine, CatalogOverrides, DeptEval, FinalAssets, FinalIncome, FinalLayout, FinalPackage, FinalTextKey, KeptText,
    LastYearFinal, NonFiscalSurplus, OpeningBalance, OtherSpending, Plan, ProcurementFacts, Project, ProjectEval,
    TextKey, ThreePublicFacts, Unit,
};

macro_rules! final_lists {
    ($($variant:ident: $ty:ty => $field:ident;)*) => {
        /// A list of rows in a 决算 package.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum FinalList { $($variant,)* }

        /// Rows of one list.
        #[derive(Clone, Debug, PartialEq)]
        pub enum FinalRows { $($variant(Vec<$ty>),)* }

        impl FinalList {
            /// The number of rows of this list in `p`.
            pub fn len(self, p: &FinalPackage) -> usize {
                match self { $(FinalList::$variant => p.$field.len(),)* }
            }
            fn take(self, p: &FinalPackage, range: Range<usize>) -> FinalRows {
                match self { $(FinalList::$variant => FinalRows::$variant(p.$field[range].to_vec()),)* }
            }
        }

        impl FinalRows {
            pub fn list(&self) -> FinalList {
                match self { $(FinalRows::$variant(_) => FinalList::$variant,)* }
            }
            pub fn len(&self) -> usize {
                match self { $(FinalRows::$variant(v) => v.len(),)* }
            }
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }
            /// Puts these rows in place of `remove` rows at `at`; returns those.
            fn splice_into(self, p: &mut FinalPackage, at: usize, remove: usize) -> FinalRows {
                match self { $(FinalRows::$variant(r) => FinalRows::$variant(splice(&mut p.$field, at, remove, r)),)* }
            }
            fn same_as(&self, p: &FinalPackage, at: usize, end: usize) -> bool {
                match self { $(FinalRows::$variant(r) => p.$field.get(at..end) == Some(r.as_slice()),)* }
            }
            fn heap_bytes(&self) -> usize {
                match self { $(FinalRows::$variant(r) => mem::size_of_val(r.as_slice()),)* }
            }
        }
    };
}

final_lists! {
    Units: Unit => units;
    Income: FinalIncome => income;
    Opening: OpeningBalance => opening;
    Surplus: NonFiscalSurplus => surplus;
    Basic: BasicLine => basic_lines;
    Projects: Project => projects;
    Other: OtherSpending => other_lines;
    ProjectEvals: ProjectEval => project_evals;
}

macro_rules! final_fields {
    ($($variant:ident: $ty:ty => $($path:ident).+;)*) => {
        /// A part of a 决算 package that is kept whole in the history.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum FinalField { $($variant,)* }

        /// The value of a [`FinalField`].
        #[derive(Clone, Debug, PartialEq)]
        pub enum FinalValue { $($variant($ty),)* }

        impl FinalField {
            fn capture(self, p: &FinalPackage) -> FinalValue {
                match self { $(FinalField::$variant => FinalValue::$variant(p.$($path).+.clone()),)* }
            }
        }

        impl FinalValue {
            fn swap(self, p: &mut FinalPackage) -> FinalValue {
                match self { $(FinalValue::$variant(v) => FinalValue::$variant(mem::replace(&mut p.$($path).+, v)),)* }
            }
            fn same_as(&self, p: &FinalPackage) -> bool {
                match self { $(FinalValue::$variant(v) => *v == p.$($path).+,)* }
            }
        }
    };
}

final_fields! {
    Department: Department => department;
    PublishDate: String => publish_date;
    Plan: Plan => plan;
    LastYear: LastYearFinal => last_year;
    LastYearSource: Option<crate::LastYearSource> => last_year_source;
    ThreePublic: ThreePublicFacts => three_public;
    Procurement: ProcurementFacts => procurement;
    Assets: FinalAssets => assets;
    DeptEval: DeptEval => dept_eval;
    DeptTexts: BTreeMap<TextKey, String> => dept_texts;
    Texts: BTreeMap<FinalTextKey, String> => texts;
    Reasons: BTreeMap<String, String> => reasons_by_func;
    NarrativeOverrides: BTreeMap<String, String> => narrative_overrides;
    Layout: FinalLayout => layout;
    Wording: crate::Wording => wording;
    Catalog: CatalogOverrides => catalog;
    Rejected: BTreeMap<String, KeptText> => rejected;
}

/// What a change may touch (see [`crate::edit::Part`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinalPart {
    Field(FinalField),
    /// The change replaces, inserts or removes rows only within the range
    /// (clipped to the list), and may append rows when it reaches the end.
    Rows(FinalList, Range<usize>),
    Whole,
}

impl FinalPart {
    /// One row of a list.
    pub fn row(list: FinalList, i: usize) -> FinalPart {
        FinalPart::Rows(list, i..i + 1)
    }
    /// Rows appended at the end of a list (and nothing else).
    pub fn append(list: FinalList, p: &FinalPackage) -> FinalPart {
        let n = list.len(p);
        FinalPart::Rows(list, n..n)
    }

    /// Keeps the old value of this part of `p`, before a change.
    pub fn capture(&self, p: &FinalPackage) -> FinalCaptured {
        match self {
            FinalPart::Field(f) => FinalCaptured {
                old: FinalEdit::Field(Box::new(f.capture(p))),
                old_len: 0,
            },
            FinalPart::Rows(list, range) => {
                let old_len = list.len(p);
                let start = range.start.min(old_len);
                let end = range.end.min(old_len).max(start);
                FinalCaptured {
                    old: FinalEdit::Splice {
                        at: start,
                        remove: 0,
                        rows: list.take(p, start..end),
                    },
                    old_len,
                }
            }
            FinalPart::Whole => FinalCaptured {
                old: FinalEdit::Whole(Box::new(p.clone())),
                old_len: 0,
            },
        }
    }
}

impl From<FinalField> for FinalPart {
    fn from(f: FinalField) -> FinalPart {
        FinalPart::Field(f)
    }
}

/// The old value of a [`FinalPart`], taken before a change.
#[derive(Debug)]
pub struct FinalCaptured {
    old: FinalEdit,
    old_len: usize,
}

impl FinalCaptured {
    /// The edit that undoes the change made since the capture (`p` is the
    /// package after it).
    pub fn inverse(self, p: &FinalPackage) -> FinalEdit {
        match self.old {
            FinalEdit::Splice { at, rows, .. } => {
                let new_len = rows.list().len(p);
                let remove = (rows.len() + new_len).saturating_sub(self.old_len);
                FinalEdit::Splice { at, remove, rows }
            }
            other => other,
        }
    }
}

/// One change to a 决算 package, as a value.
#[derive(Clone, Debug, PartialEq)]
pub enum FinalEdit {
    /// `remove` rows at `at` replaced by `rows`.
    Splice {
        at: usize,
        remove: usize,
        rows: FinalRows,
    },
    Field(Box<FinalValue>),
    /// Several edits as one step (applied in order; the inverse undoes them
    /// in reverse): 上年决算数 filled together with their source.
    Group(Vec<FinalEdit>),
    Whole(Box<FinalPackage>),
}

impl FinalEdit {
    /// Applies the edit; returns the edit that undoes it.
    pub fn apply(self, p: &mut FinalPackage) -> FinalEdit {
        match self {
            FinalEdit::Splice { at, remove, rows } => {
                let inserted = rows.len();
                let removed = rows.splice_into(p, at, remove);
                FinalEdit::Splice {
                    at,
                    remove: inserted,
                    rows: removed,
                }
            }
            FinalEdit::Field(v) => FinalEdit::Field(Box::new(v.swap(p))),
            FinalEdit::Group(edits) => {
                let mut back: Vec<FinalEdit> = edits.into_iter().map(|e| e.apply(p)).collect();
                back.reverse();
                FinalEdit::Group(back)
            }
            FinalEdit::Whole(x) => FinalEdit::Whole(Box::new(mem::replace(p, *x))),
        }
    }

    /// Whether applying the edit to `p` would change nothing.
    pub fn is_noop(&self, p: &FinalPackage) -> bool {
        match self {
            FinalEdit::Splice { at, remove, rows } => *remove == rows.len() && rows.same_as(p, *at, at + remove),
            FinalEdit::Field(v) => v.same_as(p),
            FinalEdit::Group(edits) => edits.iter().all(|e| e.is_noop(p)),
            FinalEdit::Whole(x) => **x == *p,
        }
    }
}

/// Moves every row that names unit `old` (收入, 年初结转, 结余, 基本支出,
/// projects, 其他支出) to `new`, the unit's corrected code; returns the edit
/// that puts them back, or `None` when no row named `old` (the 预算's
/// [`crate::edit::rename_unit_refs`]). Codes compare trimmed.
pub fn rename_unit_refs(p: &mut FinalPackage, old: &str, new: &str) -> Option<FinalEdit> {
    let (old, new) = (old.trim(), new.trim());
    fn span<T>(rows: &[T], unit: impl Fn(&T) -> &str, old: &str) -> Option<Range<usize>> {
        let first = rows.iter().position(|x| unit(x).trim() == old)?;
        let last = rows.iter().rposition(|x| unit(x).trim() == old)?;
        Some(first..last + 1)
    }
    fn rename<T>(rows: &mut [T], unit: impl Fn(&mut T) -> &mut String, old: &str, new: &str) {
        for x in rows {
            let u = unit(x);
            if u.trim() == old {
                *u = new.to_string();
            }
        }
    }
    let spans = [
        (FinalList::Income, span(&p.income, |x| &x.unit, old)),
        (FinalList::Opening, span(&p.opening, |x| &x.unit, old)),
        (FinalList::Surplus, span(&p.surplus, |x| &x.unit, old)),
        (FinalList::Basic, span(&p.basic_lines, |x| &x.unit, old)),
        (FinalList::Projects, span(&p.projects, |x| &x.unit, old)),
        (FinalList::Other, span(&p.other_lines, |x| &x.unit, old)),
    ];
    let mut back = Vec::new();
    for (list, range) in spans {
        let Some(range) = range else { continue };
        let captured = FinalPart::Rows(list, range.clone()).capture(p);
        match list {
            FinalList::Income => rename(&mut p.income[range], |x| &mut x.unit, old, new),
            FinalList::Opening => rename(&mut p.opening[range], |x| &mut x.unit, old, new),
            FinalList::Surplus => rename(&mut p.surplus[range], |x| &mut x.unit, old, new),
            FinalList::Basic => rename(&mut p.basic_lines[range], |x| &mut x.unit, old, new),
            FinalList::Projects => rename(&mut p.projects[range], |x| &mut x.unit, old, new),
            FinalList::Other => rename(&mut p.other_lines[range], |x| &mut x.unit, old, new),
            FinalList::Units | FinalList::ProjectEvals => {}
        }
        back.push(captured.inverse(p));
    }
    (!back.is_empty()).then_some(FinalEdit::Group(back))
}

impl Step for FinalEdit {
    type Doc = FinalPackage;
    fn apply_to(self, doc: &mut FinalPackage) -> FinalEdit {
        self.apply(doc)
    }
    fn changes_nothing(&self, doc: &FinalPackage) -> bool {
        self.is_noop(doc)
    }
    fn heap_bytes(&self) -> usize {
        match self {
            FinalEdit::Splice { rows, .. } => rows.heap_bytes(),
            FinalEdit::Field(_) => mem::size_of::<FinalValue>() + 256,
            FinalEdit::Group(edits) => edits.iter().map(Step::heap_bytes).sum(),
            FinalEdit::Whole(p) => {
                mem::size_of::<FinalPackage>()
                    + mem::size_of_val(p.basic_lines.as_slice())
                    + mem::size_of_val(p.income.as_slice())
                    + mem::size_of_val(p.projects.as_slice())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::{FundSource, Nature, ProjectLine};
    use rust_decimal::Decimal;

    fn package() -> FinalPackage {
        let mut p = FinalPackage::default();
        p.department.name = "测试部门".into();
        for i in 0..5 {
            p.income.push(FinalIncome {
                unit: "101001".into(),
                source: FundSource::GeneralAppropriation,
                func: "2010101".into(),
                amount: Decimal::from(100 * (i + 1)),
                ..Default::default()
            });
            p.basic_lines.push(BasicLine {
                unit: "101001".into(),
                func: "2010101".into(),
                econ: "30101".into(),
                amount: Decimal::from(10 * (i + 1)),
                ..Default::default()
            });
        }
        p.projects.push(Project {
            code: "P1".into(),
            lines: vec![ProjectLine::default(); 3],
            ..Default::default()
        });
        p
    }

    /// Makes a change through a part; the inverse restores, and applying
    /// the inverse's inverse redoes it.
    fn round_trip(part: FinalPart, change: impl FnOnce(&mut FinalPackage)) {
        let mut p = package();
        let before = p.clone();
        let captured = part.capture(&p);
        change(&mut p);
        let after = p.clone();
        assert_ne!(after, before, "{part:?}: the change changes something");
        let inverse = captured.inverse(&p);
        assert!(!inverse.is_noop(&p));
        let redo = inverse.apply(&mut p);
        assert_eq!(p, before, "{part:?}: undo restores");
        redo.apply(&mut p);
        assert_eq!(p, after, "{part:?}: redo reapplies");
    }

    #[test]
    fn every_kind_of_change_goes_back_and_forth() {
        round_trip(FinalPart::row(FinalList::Basic, 2), |p| {
            p.basic_lines[2].amount = Decimal::new(7, 0)
        });
        round_trip(FinalPart::Rows(FinalList::Income, 1..3), |p| {
            p.income.drain(1..3);
        });
        round_trip(FinalPart::row(FinalList::Income, 4), |p| {
            p.income[4].func = "2080501".into();
            p.income.push(FinalIncome::default());
        });
        round_trip(FinalPart::append(FinalList::Opening, &package()), |p| {
            p.opening.push(OpeningBalance {
                nature: Nature::GovFund,
                amount: Decimal::ONE,
                ..Default::default()
            })
        });
        round_trip(FinalPart::row(FinalList::Projects, 0), |p| p.projects[0].lines.clear());
        round_trip(FinalPart::Field(FinalField::Plan), |p| {
            p.plan.three_public_adjusted.reception = Decimal::from(3)
        });
        round_trip(FinalPart::Field(FinalField::Texts), |p| {
            p.texts.insert(FinalTextKey::FiscalReason, "原因".into());
        });
        round_trip(FinalPart::Field(FinalField::Department), |p| {
            p.department.name = "新".into()
        });
        round_trip(FinalPart::Whole, |p| *p = FinalPackage::default());
    }

    #[test]
    fn a_typing_run_is_one_step_in_the_shared_history() {
        let mut p = package();
        let before = p.clone();
        let mut h: History<FinalEdit> = History::default();
        for v in [1, 12, 123] {
            let c = FinalPart::row(FinalList::Basic, 0).capture(&p);
            p.basic_lines[0].amount = Decimal::new(v, 0);
            h.record("basic:0:amount", c.inverse(&p));
        }
        assert_eq!(h.len(), 1);
        assert!(h.undo(&mut p));
        assert_eq!(p, before);
        assert!(h.redo(&mut p));
        assert_eq!(p.basic_lines[0].amount, Decimal::new(123, 0));
        // A run that ends where it began leaves a step that changes nothing.
        let c = FinalPart::row(FinalList::Income, 1).capture(&p);
        h.record("income:1", c.inverse(&p));
        assert!(h.drop_noop(&p));
        assert_eq!(h.len(), 1);
    }
}
