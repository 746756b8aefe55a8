fn main() {
    let spec = match codegen::load::load(std::path::Path::new("spec")) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    };
    if let Err(e) = codegen::validate::validate(&spec) {
        eprintln!("{e}");
        std::process::exit(1)
    }
    println!(
        "{} services, {} operations, {} types",
        spec.services.len(),
        spec.operation_count(),
        spec.type_count()
    );
}
