/* What the backtrace needs to know about an image's code: the executable
 * segments' bytes (to recognise return addresses by the call before them),
 * the function symbols, and where .eh_frame is. Images are ET_EXEC, so file
 * bytes are the loaded bytes at their link addresses. */
#include <stdlib.h>
#include <string.h>
#include <gelf.h>

#include "backtrace.h"

static int in_text(const struct code_map *m, uint64_t addr);

static int sym_cmp(const void *a, const void *b)
{
	const struct func_sym *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->rank - y->rank;
}

static void load_symbols(struct code_map *m, Elf_Scn *scn, const Elf64_Shdr *sh)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	if (!d || sh->sh_entsize != sizeof(Elf64_Sym) || !d->d_buf)
		return;
	size_t n = d->d_size / sizeof(Elf64_Sym);
	struct func_sym *s = calloc(n ? n : 1, sizeof *s);
	if (!s)
		return;
	const Elf64_Sym *sym = d->d_buf;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int type = ELF64_ST_TYPE(sym[i].st_info), bind = ELF64_ST_BIND(sym[i].st_info);
		/* untyped labels too: entry points written in assembly (_start) */
		if ((type != STT_FUNC && type != STT_NOTYPE) || sym[i].st_shndx == SHN_UNDEF ||
		    sym[i].st_shndx >= SHN_LORESERVE || !in_text(m, sym[i].st_value))
			continue;
		const char *name = elf_strptr(m->img->elf, sh->sh_link, sym[i].st_name);
		if (!name || !*name)
			continue;
		s[k].addr = sym[i].st_value;
		s[k].size = sym[i].st_size;
		s[k].name = name;
		s[k].rank = (type == STT_FUNC ? 0 : 3) +
			    (bind == STB_GLOBAL ? 0 : bind == STB_WEAK ? 1 : 2);
		k++;
	}
	qsort(s, k, sizeof *s, sym_cmp);
	free(m->syms);
	m->syms = s;
	m->nsyms = k;
}

int code_map_init(struct code_map *m, struct image *img)
{
	memset(m, 0, sizeof *m);
	m->img = img;
	m->entry = img->ehdr->e_entry;
	for (size_t i = 0; i < img->phnum && m->ntext < 8; i++) {
		const Elf64_Phdr *ph = &img->phdr[i];
		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X) ||
		    !range_ok(img, ph->p_offset, ph->p_filesz))
			continue;
		m->text[m->ntext].vaddr = ph->p_vaddr;
		m->text[m->ntext].filesz = ph->p_filesz;
		m->text[m->ntext].offset = ph->p_offset;
		m->ntext++;
	}

	size_t shstrndx;
	const Elf64_Ehdr *eh = img->ehdr;
	if (eh->e_shnum == 0 || eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !range_ok(img, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr)) ||
	    elf_getshdrstrndx(img->elf, &shstrndx) != 0)
		return 0;   /* no sections: raw addresses and stack scanning only */
	int have_symtab = 0;
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(img->elf, scn))) {
		Elf64_Shdr *sh = elf64_getshdr(scn);
		if (!sh || (sh->sh_type != SHT_NOBITS && !range_ok(img, sh->sh_offset, sh->sh_size)))
			continue;
		const char *name = elf_strptr(img->elf, shstrndx, sh->sh_name);
		if (sh->sh_type == SHT_SYMTAB) {
			load_symbols(m, scn, sh);
			have_symtab = 1;
		} else if (sh->sh_type == SHT_DYNSYM && !have_symtab) {
			load_symbols(m, scn, sh);
		} else if (name && strcmp(name, ".eh_frame") == 0 && sh->sh_type == SHT_PROGBITS) {
			m->eh_frame = img->buf + sh->sh_offset;
			m->eh_frame_size = sh->sh_size;
			m->eh_frame_addr = sh->sh_addr;
		}
	}
	return 0;
}

void code_map_free(struct code_map *m)
{
	free(m->syms);
	m->syms = NULL;
}

const unsigned char *code_bytes(const struct code_map *m, uint64_t addr, size_t len)
{
	for (int i = 0; i < m->ntext; i++) {
		uint64_t v = m->text[i].vaddr, n = m->text[i].filesz;
		if (addr >= v && addr - v <= n && len <= n - (addr - v))
			return m->img->buf + m->text[i].offset + (addr - v);
	}
	return NULL;
}

static int in_text(const struct code_map *m, uint64_t addr)
{
	return code_bytes(m, addr, 1) != NULL;
}

/* Is there an indirect call (ff /2) of exactly len bytes ending at ra? Its
 * ModRM byte decides the length: register, [reg], [reg+disp8], [reg+disp32],
 * [rip+disp32], each optionally with a SIB byte (and a REX prefix before,
 * which does not change where the ModRM byte is). */
static int indirect_call_of_len(const unsigned char *end, size_t len)
{
	const unsigned char *op = end - len;
	if (op[0] != 0xff)
		return 0;
	unsigned modrm = op[1], mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
	if (reg != 2)
		return 0;
	size_t need = 2;
	if (mod != 3 && rm == 4) {   /* SIB */
		need++;
		if (mod == 0 && (op[2] & 7) == 5)
			need += 4;   /* no base: disp32 */
	}
	if (mod == 0 && rm == 5)
		need += 4;           /* rip-relative */
	else if (mod == 1)
		need += 1;
	else if (mod == 2)
		need += 4;
	return need == len;
}

int code_is_return_address(const struct code_map *m, uint64_t ra)
{
	if (ra < 8 || !in_text(m, ra))
		return 0;
	const unsigned char *end = code_bytes(m, ra - 7, 7);
	if (!end)
		return 0;
	end += 7;
	/* call rel32: the target must be code too */
	if (end[-5] == 0xe8) {
		int32_t rel = (int32_t)((uint32_t)end[-4] | (uint32_t)end[-3] << 8 |
					(uint32_t)end[-2] << 16 | (uint32_t)end[-1] << 24);
		if (in_text(m, ra + (uint64_t)(int64_t)rel))
			return 1;
	}
	for (size_t len = 2; len <= 7; len++)
		if (indirect_call_of_len(end, len))
			return 1;
	return 0;
}

const struct func_sym *code_symbol(const struct code_map *m, uint64_t addr)
{
	/* the last symbol at or below addr, then back over its aliases */
	size_t lo = 0, hi = m->nsyms;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	size_t i = lo - 1;
	while (i > 0 && m->syms[i - 1].addr == m->syms[i].addr)
		i--;
	/* Among aliases the best rank sorts first; prefer one whose size covers addr. */
	for (size_t j = i; j < m->nsyms && m->syms[j].addr == m->syms[i].addr; j++)
		if (addr - m->syms[j].addr < m->syms[j].size)
			return &m->syms[j];
	/* Unsized (labels and functions written in assembly): the nearest one. */
	if (m->syms[i].size == 0 && in_text(m, addr))
		return &m->syms[i];
	return NULL;
}
