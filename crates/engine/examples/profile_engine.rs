//! Runs the engine in a loop, for profilers
//! (`perf record target/release/examples/profile_engine [N] [yima]`): on a
//! generated 20,000-line department, or with `yima` on the embedded sample.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let p = if args.get(2).is_some_and(|a| a == "yima") {
        yusuan_model::sample_package()
    } else {
        yusuan_model::generate::department(600, 2000, 20_000)
    };
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(yusuan_engine::compute(&p));
    }
    println!("{:.3} ms per compute", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
}
