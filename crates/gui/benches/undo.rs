//! The undo history's memory on the 20,000-line package (issue 9: 200 steps
//! under 50 MB). A logged measurement, not a timed test: a counting
//! allocator reports the bytes the history keeps. Run with
//! `cargo bench -p yusuan-gui --bench undo`; figures in docs/benchmarks.md.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

use rust_decimal::Decimal;
use yusuan_gui::App;
use yusuan_model::edit::{List, Part};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

fn mb(b: isize) -> String {
    format!("{:.2} MB", b as f64 / 1e6)
}

fn main() {
    let big = yusuan_model::generate::department(600, 2000, 20_000);
    let n = big.basic_lines.len();
    let before = live();
    let copy = big.clone();
    let package_bytes = live() - before;
    drop(copy);

    let mut app = App::new(big, None, false);
    // Settle what the first recompute and the app allocate once.
    app.edit("", Part::row(List::Basic, 0), |p| p.basic_lines[0].note = "x".into());
    let start = live();
    let mut times = Vec::new();
    for k in 0..200usize {
        let row = (k * 97) % n;
        let t = Instant::now();
        app.edit(&format!("basic:{row}:amount"), Part::row(List::Basic, row), |p| {
            p.basic_lines[row].amount = Decimal::from(k + 1)
        });
        times.push(t.elapsed());
        app.end_edit_run();
    }
    let edits = live() - start;
    // Sorting the whole grid and deleting 100 rows, twice each, on top.
    let start = live();
    for _ in 0..2 {
        let mut order: Vec<usize> = (0..app.package.basic_lines.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(app.package.basic_lines[i].amount));
        app.apply_edit(yusuan_model::edit::Edit::Reorder(List::Basic, order));
        app.edit("", Part::Rows(List::Basic, 100..200), |p| {
            p.basic_lines.drain(100..200);
        });
    }
    let structural = live() - start;
    times.sort();
    println!("machine: see docs/benchmarks.md");
    println!("one copy of the package (the old undo step): {}", mb(package_bytes));
    println!(
        "200 one-cell edits: history keeps {} (estimate {}), old scheme {}",
        mb(edits),
        mb((app.history_heap_size()) as isize),
        mb(package_bytes * 200)
    );
    println!("2 sorts + 2 deletes of 100 rows on top: {}", mb(structural));
    println!(
        "app.edit incl. recompute: median {:.2} ms, max {:.2} ms",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
    assert!(edits + structural < 50_000_000, "history over 50 MB");
}
