//! 预算08表 一般公共预算“三公”经费支出情况表.
//!
//! One row: “三公”经费合计, 因公出国（境）费, 公务用车购置及运行费 {小计, 公务用车购置费,
//! 公务用车运行费}, 公务接待费; then the standard 注 paragraph. The figures are
//! [`Totals::three_public`](crate::Totals::three_public): 一般公共预算 lines, basic and project, by 部门 code —
//! 30212 因公出国（境）费用, 31013 公务用车购置, 30231 公务用车运行维护费, 30217
//! 公务接待费.

use yusuan_report::table::{ColumnKind, RowRole, Table, group, leaf};

use super::*;
use crate::resolve::Context;
use crate::totals::Totals;

pub const NOTE_08: &str = "注：按照党中央、国务院有关规定及部门预算管理有关规定，“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。（1）因公出国（境）费，指单位工作人员公务出国（境）的住宿费、差旅费、伙食补助费、杂费、培训费等支出。（2）公务用车购置及运行费，指单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出，公务用车指用于履行公务的机动车辆，包括一般公务用车和执法执勤用车。（3）公务接待费，指单位按规定开支的各类公务接待（含外宾接待）支出。";

pub(super) fn build(ctx: &Context, totals: &Totals) -> Table {
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
