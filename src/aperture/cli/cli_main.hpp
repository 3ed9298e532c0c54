// The command line: one dispatch table from subcommand to run function.
#pragma once

#include <aperture/report/disclaimer.hpp>

namespace aperture::cli {

// Exit codes shared by every command.
enum ExitCode : int {
  k_exit_ok = 0,        // done; for identify: a license found in every input
  k_exit_error = 1,     // an input could not be read, or the command failed
  k_exit_usage = 2,     // bad arguments
  k_exit_no_license = 3 // identify: some input holds no license
};

// Every command's output says this.
using report::k_disclaimer;

// Runs the `aperture` command line. Catches aperture::Error once, here.
int cli_main(int argc, char** argv);

}  // namespace aperture::cli
