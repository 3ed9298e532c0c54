#include <aperture/cli/cli_main.hpp>

int main(int argc, char** argv) {
  return aperture::cli::cli_main(argc, argv);
}
