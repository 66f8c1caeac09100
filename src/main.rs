//! The `acta` binary: the command line and the GUI both live in the library (`acta::cli`), so
//! this file only hands over to it.

fn main() -> std::process::ExitCode {
    acta::cli::main()
}
