// The dynamic symbol table of a shared library, read from its file: which
// objects it exports (module record candidates), which symbols it needs from
// elsewhere, and which libraries it names as DT_NEEDED.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace inspector {

struct ElfSymbol
{
  std::string name;
  uint64_t value = 0;  // Address relative to the load base.
  uint64_t size = 0;
  unsigned char type = 0;     // STT_*
  unsigned char binding = 0;  // STB_*
  bool defined = false;
};

struct ElfDynamic
{
  std::vector<ElfSymbol> symbols;
  std::vector<std::string> needed;
};

// Reads `path` (an ELF64 shared object of this machine). Returns false and
// sets `error` when the file cannot be read or is not such an object.
bool readElfDynamic(const std::string& path, ElfDynamic* out, std::string* error);

} // namespace inspector
