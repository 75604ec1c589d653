//! Runs the engine on a generated 20,000-line department in a loop, for
//! profilers (`perf record target/release/examples/profile_engine`).
fn main() {
    let p = yusuan_model::generate::department(600, 2000, 20_000);
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(yusuan_engine::compute(&p));
    }
    println!("{:.2} ms per compute", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
}
