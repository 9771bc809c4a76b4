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
            let bar = cli::Bar::new(args.quiet);
            match howtokb::run(&config, &bar) {
                Ok(summary) => {
                    if !args.quiet {
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
    }
}
