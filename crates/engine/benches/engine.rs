//! Recompute speed (medians in docs/benchmarks.md): 义马 ≤ 0.2 ms; a generated
//! department of 600 units / 2,000 projects / 20,000 lines ≤ 3 ms and within
//! 15× of `floor` — every line's amount summed once, in the same run (issue 9;
//! it was ≤ 20 ms, issue 2). The recompute includes dropping its result, as an
//! editor does with the previous one.
//! Run with `cargo bench -p yusuan-engine --bench engine`.

use criterion::{Criterion, criterion_group, criterion_main};

/// The program's allocator (crates/yusuan/src/main.rs), so that the
/// recompute is measured as the editor runs it.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use rust_decimal::Decimal;

fn engine(c: &mut Criterion) {
    // The embedded sample is the 义马 2024 fixture (tested in yusuan-fixtures).
    let yima = yusuan_model::sample_package();
    c.bench_function("recompute yima", |b| {
        b.iter(|| yusuan_engine::compute(std::hint::black_box(&yima)))
    });
    // The narrative's share of a recompute.
    let totals = yusuan_engine::compute(&yima).totals;
    c.bench_function("narrative yima", |b| {
        b.iter(|| yusuan_engine::narrative::generate(std::hint::black_box(&yima), &totals))
    });
    let big = yusuan_model::generate::department(600, 2000, 20_000);
    c.bench_function("recompute 600 units 2000 projects 20000 lines", |b| {
        b.iter(|| yusuan_engine::compute(std::hint::black_box(&big)))
    });
    // The 决算 beside it (issue 12): 平顶山 2023, read by the importer.
    let pds = yusuan_workbook::import_final::import_final(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pingdingshan-2023/import"),
    )
    .expect("the 平顶山 fixture imports");
    c.bench_function("recompute pingdingshan 决算", |b| {
        b.iter(|| yusuan_engine::final_accounts::compute(std::hint::black_box(&pds)))
    });
    // Drill-down (issue 13): on demand, nothing recorded by the recompute.
    // One cell probes every input (1 + ⌈inputs / 18⌉ builds of the tables).
    c.bench_function("explain one cell yima (预算05 合计)", |b| {
        b.iter(|| yusuan_engine::explain::explain(std::hint::black_box(&yima), 5, 0, 5))
    });
    c.bench_function("explain every cell yima", |b| {
        b.iter(|| yusuan_engine::explain::explain_all(std::hint::black_box(&yima)))
    });
    c.bench_function("explain one cell pingdingshan 决算 (公开05 合计)", |b| {
        b.iter(|| yusuan_engine::final_accounts::explain::explain(std::hint::black_box(&pds), 5, 0, 2))
    });
    let mid = yusuan_model::generate::department(60, 200, 2_000);
    let mut slow = c.benchmark_group("explain, large");
    slow.sample_size(10);
    slow.bench_function("explain one cell 60 units 200 projects 2000 lines", |b| {
        b.iter(|| yusuan_engine::explain::explain(std::hint::black_box(&mid), 5, 0, 5))
    });
    slow.bench_function("explain one cell 600 units 2000 projects 20000 lines", |b| {
        b.iter(|| yusuan_engine::explain::explain(std::hint::black_box(&big), 5, 0, 5))
    });
    slow.finish();
    // The floor (issue 9): every line's amount read and added once, nothing
    // else — what no recompute can beat.
    c.bench_function("floor: sum every line's amount once", |b| {
        b.iter(|| {
            let p = std::hint::black_box(&big);
            let basic: Decimal = p.basic_lines.iter().map(|l| l.amount).sum();
            let projects: Decimal = p.projects.iter().flat_map(|x| &x.lines).map(|l| l.amount).sum();
            std::hint::black_box(basic + projects)
        })
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
