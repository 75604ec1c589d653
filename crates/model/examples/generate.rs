//! Writes a generated department as a `.yusuan` file (for trying the editor
//! on a large package): `cargo run --release -p yusuan-model --example
//! generate -- 600 2000 20000 /tmp/yusuan-20000.yusuan`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = |i: usize, default: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let path = args.get(3).cloned().unwrap_or_else(|| "generated.yusuan".into());
    let p = yusuan_model::generate::department(n(0, 600), n(1, 2000), n(2, 20_000));
    if let Err(e) = yusuan_model::file::save(std::path::Path::new(&path), &p) {
        eprintln!("错误：{e}");
        std::process::exit(2);
    }
    println!(
        "{path}: {} 行基本支出，{} 个项目",
        p.basic_lines.len(),
        p.projects.len()
    );
}
