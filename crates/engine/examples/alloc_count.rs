//! Counts allocations per recompute of the 20,000-line department.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static N: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
static BIG: [AtomicUsize; 64] = [const { AtomicUsize::new(0) }; 64];
static ON: AtomicUsize = AtomicUsize::new(0);
fn big(n: usize) {
    if ON.load(Relaxed) == 1 && n >= 16384 {
        let i = BIG.iter().position(|b| b.load(Relaxed) == 0).unwrap_or(63);
        BIG[i].store(n, Relaxed);
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        N.fetch_add(1, Relaxed);
        BYTES.fetch_add(l.size(), Relaxed);
        big(l.size());
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        N.fetch_add(1, Relaxed);
        BYTES.fetch_add(n, Relaxed);
        big(n + 1);
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn main() {
    let p = yusuan_model::generate::department(600, 2000, 20_000);
    drop(yusuan_engine::compute(&p));
    let (n0, b0) = (N.load(Relaxed), BYTES.load(Relaxed));
    ON.store(1, Relaxed);
    drop(yusuan_engine::compute(&p));
    ON.store(0, Relaxed);
    let big: Vec<usize> = BIG.iter().map(|b| b.load(Relaxed)).filter(|&b| b > 0).collect();
    println!("allocations of 16 KB or more (odd: realloc), in order: {big:?}");
    println!(
        "{} allocations, {} KB",
        N.load(Relaxed) - n0,
        (BYTES.load(Relaxed) - b0) / 1024
    );
}
