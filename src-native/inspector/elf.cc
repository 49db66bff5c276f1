#include "elf.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>

namespace inspector {

namespace {

template <typename T>
bool at(const std::string& data, uint64_t offset, T* out)
{
  if (offset > data.size() || data.size() - offset < sizeof(T)) return false;
  memcpy(out, data.data() + offset, sizeof(T));
  return true;
}

std::string stringAt(const std::string& data, uint64_t tableOffset, uint64_t tableSize, uint64_t index)
{
  if (index >= tableSize || tableOffset > data.size()) return "";
  uint64_t start = tableOffset + index;
  uint64_t end = tableOffset + tableSize;
  if (end > data.size()) end = data.size();
  if (start >= end) return "";
  const char* p = data.data() + start;
  size_t n = strnlen(p, end - start);
  return std::string(p, n);
}

} // namespace


bool readElfDynamic(const std::string& path, ElfDynamic* out, std::string* error)
{
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *error = "cannot read '" + path + "'";
    return false;
  }
  std::string data((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());

  Elf64_Ehdr header;
  if (!at(data, 0, &header) || memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) {
    *error = "'" + path + "' is not an ELF file";
    return false;
  }
  if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB) {
    *error = "'" + path + "' is not a 64-bit little-endian ELF file";
    return false;
  }
  if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shoff == 0) {
    *error = "'" + path + "' has no section headers";
    return false;
  }

  std::vector<Elf64_Shdr> sections(header.e_shnum);
  for (size_t i = 0; i < sections.size(); i++) {
    if (!at(data, header.e_shoff + i * sizeof(Elf64_Shdr), &sections[i])) {
      *error = "'" + path + "' is truncated";
      return false;
    }
  }

  for (const Elf64_Shdr& section : sections) {
    if (section.sh_type == SHT_DYNSYM && section.sh_entsize == sizeof(Elf64_Sym) &&
        section.sh_link < sections.size()) {
      const Elf64_Shdr& strings = sections[section.sh_link];
      uint64_t count = section.sh_size / sizeof(Elf64_Sym);
      for (uint64_t i = 1; i < count; i++) {
        Elf64_Sym sym;
        if (!at(data, section.sh_offset + i * sizeof(Elf64_Sym), &sym)) break;
        ElfSymbol symbol;
        symbol.name = stringAt(data, strings.sh_offset, strings.sh_size, sym.st_name);
        if (symbol.name.empty()) continue;
        symbol.value = sym.st_value;
        symbol.size = sym.st_size;
        symbol.type = ELF64_ST_TYPE(sym.st_info);
        symbol.binding = ELF64_ST_BIND(sym.st_info);
        symbol.defined = sym.st_shndx != SHN_UNDEF;
        out->symbols.push_back(symbol);
      }
    } else if (section.sh_type == SHT_DYNAMIC && section.sh_link < sections.size()) {
      const Elf64_Shdr& strings = sections[section.sh_link];
      uint64_t count = section.sh_size / sizeof(Elf64_Dyn);
      for (uint64_t i = 0; i < count; i++) {
        Elf64_Dyn entry;
        if (!at(data, section.sh_offset + i * sizeof(Elf64_Dyn), &entry)) break;
        if (entry.d_tag == DT_NULL) break;
        if (entry.d_tag == DT_NEEDED) {
          out->needed.push_back(stringAt(data, strings.sh_offset, strings.sh_size, entry.d_un.d_val));
        }
      }
    }
  }
  return true;
}

} // namespace inspector
