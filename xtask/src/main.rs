fn main() {
    match codegen::load::load(std::path::Path::new("spec")) {
        Ok(spec) => println!(
            "{} services, {} operations, {} types",
            spec.services.len(),
            spec.operation_count(),
            spec.type_count()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    }
}
