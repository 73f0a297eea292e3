#include "commands.hpp"

int main(int argc, char** argv) {
    return hostingctl::cli::run(argc, argv);
}
