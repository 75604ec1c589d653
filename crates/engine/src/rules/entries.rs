//! 错误8: text typed into a field that is not a valid value for it. The
//! editor keeps such an entry in the package (`rejected`) instead of dropping
//! it; until it is corrected or cleared it is an error, and the field keeps
//! (and the tables use) its last valid value.

use yusuan_model::amount::entry_problem;
use yusuan_model::{EntryField, Rejected, Yuan, rejected_message};

use crate::resolve::Context;

use super::{Field, Location, Out, Rule, yuan};

fn field(f: EntryField) -> Field {
    match f {
        EntryField::Unit => Field::Unit,
        EntryField::Kind => Field::Kind,
        EntryField::Source => Field::Source,
        EntryField::Amount | EntryField::Distributed => Field::Amount,
    }
}

fn row(rejected: &Rejected, amount: Yuan, at: impl Fn(Field) -> Location, out: &mut Out) {
    for (&f, text) in rejected {
        let kept = match f {
            EntryField::Amount => format!("；改正前按原值{}计算", yuan(amount)),
            _ => String::new(),
        };
        out.push(
            Rule::Entry,
            at(field(f)),
            rejected_message(text, &f.problem(text), &kept),
        );
    }
}

pub(super) fn check(ctx: &Context, out: &mut Out) {
    let p = ctx.package;
    for (i, e) in p.income.iter().enumerate() {
        row(&e.rejected, e.amount, |f| Location::Income(i, f), out);
    }
    // The lines only when one has a rejected entry (noted while resolving).
    if ctx.lines_rejected {
        for (i, l) in p.basic_lines.iter().enumerate() {
            row(&l.rejected, l.amount, |f| Location::BasicLine(i, f), out);
        }
        for (i, project) in p.projects.iter().enumerate() {
            for (j, l) in project.lines.iter().enumerate() {
                row(&l.rejected, l.amount, |f| Location::ProjectLine(i, j, f), out);
            }
        }
    }
    for (&item, text) in &p.rejected.last_year {
        let kept = match p.last_year.get(item) {
            Some(v) => format!("；改正前按原值{}计算", yuan(v)),
            None => "；改正前按未填处理".to_string(),
        };
        out.push(
            Rule::Entry,
            Location::LastYear(item),
            rejected_message(text, &entry_problem(text), &kept),
        );
    }
    for (tag, text) in &p.rejected.assets {
        let kept = match p.assets.clone().count_mut(tag).and_then(|v| *v) {
            Some(v) => format!("；改正前按原值{v}计算"),
            None => "；改正前按未填处理".to_string(),
        };
        out.push(
            Rule::Entry,
            Location::Asset(tag.clone()),
            rejected_message(text, "应为不带小数的整数（留空表示不填）", &kept),
        );
    }
}
