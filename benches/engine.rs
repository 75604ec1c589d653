//! Speed targets (issue 2): recompute of 义马 ≤ 0.2 ms median, of a generated
//! department of 600 units / 2,000 projects / 20,000 lines ≤ 20 ms; xlsx
//! export of 义马 ≤ 30 ms; PDF export of 义马 (issue 3) ≤ 300 ms. Run with `cargo bench --bench engine`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn yima() -> yusuan::model::Package {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yima-2024/import");
    yusuan::import::import_path(&dir).expect("yima fixture imports")
}

fn engine(c: &mut Criterion) {
    let yima = yima();
    c.bench_function("recompute yima", |b| {
        b.iter(|| yusuan::engine::compute(std::hint::black_box(&yima)))
    });
    let big = yusuan::generate::department(600, 2000, 20_000);
    c.bench_function("recompute 600 units 2000 projects 20000 lines", |b| {
        b.iter(|| yusuan::engine::compute(std::hint::black_box(&big)))
    });
    let computed = yusuan::engine::compute(&yima);
    c.bench_function("xlsx export yima", |b| {
        b.iter(|| yusuan::xlsx::workbook_bytes(std::hint::black_box(&computed.tables), "义马").unwrap())
    });
    c.bench_function("pdf export yima", |b| {
        b.iter(|| yusuan::pdf::publication_pdf(std::hint::black_box(&yima), std::hint::black_box(&computed)).unwrap())
    });
    // The parts of the PDF export: font parsing, layout, writing (subsetting).
    c.bench_function("pdf fonts load", |b| b.iter(|| yusuan::pdf::Fonts::load().unwrap()));
    let fonts = yusuan::pdf::Fonts::load().unwrap();
    c.bench_function("pdf layout yima", |b| {
        b.iter(|| yusuan::pdf::layout(std::hint::black_box(&yima), &computed, &fonts))
    });
    let layout = yusuan::pdf::layout(&yima, &computed, &fonts);
    c.bench_function("pdf write yima", |b| {
        b.iter(|| yusuan::pdf::write(std::hint::black_box(&layout), &fonts).unwrap())
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
