//! The `howtokb` binary: parse arguments, run the library, map the summary
//! to an exit code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Extract(args) => {
            let config = args.config();
            let quiet = args.quiet || args.stdout;
            let bar = cli::Bar::new(quiet);
            match howtokb::run(&config, &bar) {
                Ok(summary) => {
                    if !quiet {
                        eprintln!("{}", summary.line());
                    }
                    if summary.errors > 0 {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => {
                    eprintln!("howtokb: {e}");
                    ExitCode::from(2)
                }
            }
        }
        cli::Command::Merge(args) => match howtokb::sink::merge::merge(&args.output) {
            Ok(s) => {
                if !args.quiet {
                    eprintln!(
                        "merged {} parts: {} articles, {} errors into {}",
                        s.parts,
                        s.articles,
                        s.errors,
                        args.output.display()
                    );
                }
                if s.errors > 0 {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
            Err(e) => {
                eprintln!("howtokb: {e}");
                ExitCode::from(2)
            }
        },
    }
}
