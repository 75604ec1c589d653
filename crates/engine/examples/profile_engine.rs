//! Runs the engine in a loop, for profilers
//! (`perf record target/release/examples/profile_engine [N] [yima]`): on a
//! generated 20,000-line department, or with `yima` on the embedded sample.
//! Prints the wall time and the CPU time of this thread per recompute (the
//! CPU time from `/proc/thread-self/schedstat`: on a busy machine the wall
//! time measures the other processes too).
/// The program's allocator, as in the benchmark.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let p = if args.get(2).is_some_and(|a| a == "yima") {
        yusuan_model::sample_package()
    } else {
        yusuan_model::generate::department(600, 2000, 20_000)
    };
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    // One recompute before timing (the thread's first one allocates its spares).
    std::hint::black_box(yusuan_engine::compute(&p));
    let cpu = cpu_ns();
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(yusuan_engine::compute(&p));
    }
    let wall = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    match (cpu, cpu_ns()) {
        (Some(a), Some(b)) => println!(
            "{wall:.3} ms per compute (wall), {:.3} ms CPU",
            (b - a) as f64 / 1e6 / n as f64
        ),
        _ => println!("{wall:.3} ms per compute (wall)"),
    }
}
