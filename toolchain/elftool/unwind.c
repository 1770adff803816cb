/* One CFI unwinding step over .eh_frame (the DWARF call frame information
 * GCC emits by default on x86-64): find the FDE covering pc, run its CIE's
 * and its own instructions up to pc, and rebuild the caller's registers from
 * the rule set: CFA = register + offset (or a small DWARF expression),
 * saved registers read from the dumped stack. Every read is bounds checked:
 * the image is data, not trusted. */
#include <string.h>

#include "backtrace.h"

enum rule_kind { R_SAME, R_UNDEF, R_OFFSET, R_VAL_OFFSET, R_REGISTER, R_EXPR, R_VAL_EXPR };

struct rule {
	enum rule_kind kind;
	int64_t off;                 /* offset, or register number */
	const unsigned char *expr;   /* R_EXPR, R_VAL_EXPR */
	uint64_t expr_len;
};

struct row {
	int cfa_reg;                 /* -1: cfa_expr */
	int64_t cfa_off;
	const unsigned char *cfa_expr;
	uint64_t cfa_expr_len;
	struct rule reg[DW_NREGS];
};

struct cur {
	const unsigned char *p, *end;
	int bad;
};

static uint64_t u8(struct cur *c)
{
	if (c->p >= c->end) {
		c->bad = 1;
		return 0;
	}
	return *c->p++;
}

static uint64_t uN(struct cur *c, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v |= u8(c) << (8 * i);
	return v;
}

static uint64_t uleb(struct cur *c)
{
	uint64_t v = 0;
	for (int shift = 0; !c->bad; shift += 7) {
		uint64_t b = u8(c);
		if (shift < 64)
			v |= (b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
	}
	return v;
}

static int64_t sleb(struct cur *c)
{
	uint64_t v = 0, b = 0;
	int shift = 0;
	do {
		b = u8(c);
		if (shift < 64)
			v |= (b & 0x7f) << shift;
		shift += 7;
	} while ((b & 0x80) && !c->bad);
	if (shift < 64 && (b & 0x40))
		v |= ~(uint64_t)0 << shift;
	return (int64_t)v;
}

/* A DW_EH_PE-encoded pointer; here is the address of the field (for pcrel). */
static uint64_t encoded(struct cur *c, unsigned enc, uint64_t here)
{
	uint64_t v;
	if (enc == 0xff)   /* DW_EH_PE_omit */
		return 0;
	switch (enc & 0x0f) {
	case 0x00: v = uN(c, 8); break;
	case 0x01: v = uleb(c); break;
	case 0x02: v = uN(c, 2); break;
	case 0x03: v = uN(c, 4); break;
	case 0x04: v = uN(c, 8); break;
	case 0x09: v = (uint64_t)sleb(c); break;
	case 0x0a: v = (uint64_t)(int64_t)(int16_t)uN(c, 2); break;
	case 0x0b: v = (uint64_t)(int64_t)(int32_t)uN(c, 4); break;
	case 0x0c: v = uN(c, 8); break;
	default: c->bad = 1; return 0;
	}
	switch (enc & 0x70) {
	case 0x00: break;
	case 0x10: v += here; break;          /* pcrel */
	default: c->bad = 1; break;           /* textrel, datarel, funcrel: not emitted for x86-64 */
	}
	if (enc & 0x80)                       /* indirect: would need data memory */
		c->bad = 1;
	return v;
}

struct cie {
	uint64_t code_align;
	int64_t data_align;
	unsigned ra_reg;
	unsigned fde_enc;
	int has_aug_data;
	const unsigned char *insns, *insns_end;
};

static uint64_t addr_of(const struct code_map *m, const unsigned char *p)
{
	return m->eh_frame_addr + (uint64_t)(p - m->eh_frame);
}

static int parse_cie(const struct code_map *m, const unsigned char *start,
		     const unsigned char *end, struct cie *cie)
{
	struct cur c = { start, end, 0 };
	unsigned version = (unsigned)u8(&c);
	if (version != 1 && version != 3)
		return -1;
	const char *aug = (const char *)c.p;
	size_t alen = strnlen(aug, (size_t)(end - c.p));
	if (c.p + alen >= end)
		return -1;
	c.p += alen + 1;
	if (strstr(aug, "eh"))
		c.p += 8;
	cie->code_align = uleb(&c);
	cie->data_align = sleb(&c);
	cie->ra_reg = version == 1 ? (unsigned)u8(&c) : (unsigned)uleb(&c);
	cie->fde_enc = 0;   /* absptr */
	cie->has_aug_data = aug[0] == 'z';
	if (cie->has_aug_data) {
		uint64_t len = uleb(&c);
		const unsigned char *after = c.p + len;
		if (len > (uint64_t)(end - c.p))
			return -1;
		for (const char *a = aug + 1; *a && !c.bad; a++) {
			if (*a == 'R') {
				cie->fde_enc = (unsigned)u8(&c);
			} else if (*a == 'L') {
				u8(&c);
			} else if (*a == 'P') {
				unsigned enc = (unsigned)u8(&c);
				encoded(&c, enc & 0x7f, addr_of(m, c.p));   /* indirect is fine: skipped */
				c.bad = 0;
			} else if (*a == 'S' || *a == 'B') {
				/* signal frame / BTI: no data */
			} else {
				break;   /* unknown: the length lets us skip the rest */
			}
		}
		c.p = after;
	}
	if (c.bad || cie->ra_reg != DW_RIP)
		return -1;
	cie->insns = c.p;
	cie->insns_end = end;
	return 0;
}

/* Finds the FDE covering pc: its CIE and its instructions. */
static int find_fde(const struct code_map *m, uint64_t pc, struct cie *cie,
		    const unsigned char **insns, const unsigned char **insns_end, uint64_t *start_pc)
{
	const unsigned char *p = m->eh_frame, *end = m->eh_frame + m->eh_frame_size;
	while (p && end - p >= 4) {
		struct cur c = { p, end, 0 };
		uint64_t len = uN(&c, 4);
		if (len == 0)
			break;   /* terminator */
		if (len == 0xffffffff)
			len = uN(&c, 8);
		if (c.bad || len > (uint64_t)(end - c.p) || len < 4)
			break;
		const unsigned char *body = c.p, *next = c.p + len;
		uint32_t id = (uint32_t)uN(&c, 4);
		if (id != 0) {   /* an FDE; id is the distance back to its CIE */
			const unsigned char *cie_p = body - id;
			if (cie_p < m->eh_frame || cie_p + 8 > end) {
				p = next;
				continue;
			}
			struct cur cc = { cie_p, end, 0 };
			uint64_t clen = uN(&cc, 4);
			if (clen == 0xffffffff)
				clen = uN(&cc, 8);
			if (cc.bad || clen > (uint64_t)(end - cc.p) || clen < 4 || uN(&cc, 4) != 0) {
				p = next;
				continue;
			}
			struct cie ci;
			if (parse_cie(m, cc.p, cc.p - 4 + clen, &ci) == 0) {
				struct cur f = { c.p, next, 0 };
				uint64_t begin = encoded(&f, ci.fde_enc, addr_of(m, f.p));
				uint64_t range = encoded(&f, ci.fde_enc & 0x0f, 0);
				if (!f.bad && pc >= begin && pc - begin < range) {
					if (ci.has_aug_data) {
						uint64_t alen = uleb(&f);
						if (f.bad || alen > (uint64_t)(next - f.p))
							return -1;
						f.p += alen;
					}
					*cie = ci;
					*insns = f.p;
					*insns_end = next;
					*start_pc = begin;
					return 0;
				}
			}
		}
		p = next;
	}
	return -1;
}

#define MAX_STATES 16

/* Runs CFA instructions, stopping before the row that starts past pc. */
static int run_insns(const struct cie *cie, const unsigned char *p, const unsigned char *end,
		     uint64_t *loc, uint64_t pc, struct row *row, const struct row *initial)
{
	struct row stack[MAX_STATES];
	int depth = 0;
	struct cur c = { p, end, 0 };
	while (c.p < c.end && !c.bad) {
		unsigned op = (unsigned)u8(&c), low = op & 0x3f;
		uint64_t reg, a;
		int64_t off;
		switch (op >> 6) {
		case 1:   /* advance_loc */
			*loc += low * cie->code_align;
			if (*loc > pc)
				return 0;
			continue;
		case 2:   /* offset */
			off = (int64_t)uleb(&c) * cie->data_align;
			if (low < DW_NREGS)
				row->reg[low] = (struct rule){ R_OFFSET, off, NULL, 0 };
			continue;
		case 3:   /* restore */
			if (low < DW_NREGS && initial)
				row->reg[low] = initial->reg[low];
			continue;
		}
		switch (op) {
		case 0x00: break;                                        /* nop */
		case 0x01: *loc = uN(&c, 8); if (*loc > pc) return 0; break;  /* set_loc (absptr) */
		case 0x02: *loc += uN(&c, 1) * cie->code_align; if (*loc > pc) return 0; break;
		case 0x03: *loc += uN(&c, 2) * cie->code_align; if (*loc > pc) return 0; break;
		case 0x04: *loc += uN(&c, 4) * cie->code_align; if (*loc > pc) return 0; break;
		case 0x05:   /* offset_extended */
			reg = uleb(&c);
			off = (int64_t)uleb(&c) * cie->data_align;
			if (reg < DW_NREGS)
				row->reg[reg] = (struct rule){ R_OFFSET, off, NULL, 0 };
			break;
		case 0x06:   /* restore_extended */
			reg = uleb(&c);
			if (reg < DW_NREGS && initial)
				row->reg[reg] = initial->reg[reg];
			break;
		case 0x07:   /* undefined */
			reg = uleb(&c);
			if (reg < DW_NREGS)
				row->reg[reg].kind = R_UNDEF;
			break;
		case 0x08:   /* same_value */
			reg = uleb(&c);
			if (reg < DW_NREGS)
				row->reg[reg].kind = R_SAME;
			break;
		case 0x09:   /* register */
			reg = uleb(&c);
			a = uleb(&c);
			if (reg < DW_NREGS)
				row->reg[reg] = (struct rule){ R_REGISTER, (int64_t)a, NULL, 0 };
			break;
		case 0x0a:   /* remember_state */
			if (depth == MAX_STATES)
				return -1;
			stack[depth++] = *row;
			break;
		case 0x0b:   /* restore_state */
			if (depth == 0)
				return -1;
			*row = stack[--depth];
			break;
		case 0x0c:   /* def_cfa */
			row->cfa_reg = (int)uleb(&c);
			row->cfa_off = (int64_t)uleb(&c);
			break;
		case 0x0d:   /* def_cfa_register */
			row->cfa_reg = (int)uleb(&c);
			break;
		case 0x0e:   /* def_cfa_offset */
			row->cfa_off = (int64_t)uleb(&c);
			break;
		case 0x0f:   /* def_cfa_expression */
			a = uleb(&c);
			if (a > (uint64_t)(c.end - c.p))
				return -1;
			row->cfa_reg = -1;
			row->cfa_expr = c.p;
			row->cfa_expr_len = a;
			c.p += a;
			break;
		case 0x10:   /* expression */
		case 0x16:   /* val_expression */
			reg = uleb(&c);
			a = uleb(&c);
			if (a > (uint64_t)(c.end - c.p))
				return -1;
			if (reg < DW_NREGS)
				row->reg[reg] = (struct rule){ op == 0x10 ? R_EXPR : R_VAL_EXPR, 0, c.p, a };
			c.p += a;
			break;
		case 0x11:   /* offset_extended_sf */
			reg = uleb(&c);
			off = sleb(&c) * cie->data_align;
			if (reg < DW_NREGS)
				row->reg[reg] = (struct rule){ R_OFFSET, off, NULL, 0 };
			break;
		case 0x12:   /* def_cfa_sf */
			row->cfa_reg = (int)uleb(&c);
			row->cfa_off = sleb(&c) * cie->data_align;
			break;
		case 0x13:   /* def_cfa_offset_sf */
			row->cfa_off = sleb(&c) * cie->data_align;
			break;
		case 0x14:   /* val_offset */
		case 0x15:   /* val_offset_sf */
			reg = uleb(&c);
			off = op == 0x14 ? (int64_t)uleb(&c) * cie->data_align : sleb(&c) * cie->data_align;
			if (reg < DW_NREGS)
				row->reg[reg] = (struct rule){ R_VAL_OFFSET, off, NULL, 0 };
			break;
		case 0x2e:   /* GNU_args_size */
			uleb(&c);
			break;
		case 0x2f:   /* GNU_negative_offset_extended */
			reg = uleb(&c);
			off = -(int64_t)uleb(&c) * cie->data_align;
			if (reg < DW_NREGS)
				row->reg[reg] = (struct rule){ R_OFFSET, off, NULL, 0 };
			break;
		default:
			return -1;
		}
	}
	return c.bad ? -1 : 0;
}

/* The few DWARF expression operations GCC uses in CFI on x86-64 (stack
 * realignment: breg + deref). push_cfa: start with the CFA on the stack. */
static int eval_expr(const unsigned char *p, uint64_t len, const struct regs *r,
		     const struct fault_report *rep, int push_cfa, uint64_t cfa, uint64_t *out)
{
	uint64_t st[16];
	int n = 0;
	struct cur c = { p, p + len, 0 };
	if (push_cfa)
		st[n++] = cfa;
	while (c.p < c.end && !c.bad) {
		unsigned op = (unsigned)u8(&c);
		if (n >= 15)
			return -1;
		if (op >= 0x70 && op <= 0x8f) {            /* breg0..31 */
			unsigned reg = op - 0x70;
			int64_t off = sleb(&c);
			if (reg >= DW_NREGS || !(r->known & (1u << reg)))
				return -1;
			st[n++] = r->r[reg] + (uint64_t)off;
		} else if (op >= 0x30 && op <= 0x4f) {     /* lit0..31 */
			st[n++] = op - 0x30;
		} else if (op == 0x06) {                   /* deref */
			if (n < 1 || !report_word(rep, st[n - 1], &st[n - 1]))
				return -1;
		} else if (op == 0x23) {                   /* plus_uconst */
			if (n < 1)
				return -1;
			st[n - 1] += uleb(&c);
		} else if (op == 0x08 || op == 0x09) {     /* const1u / const1s */
			st[n++] = op == 0x08 ? uN(&c, 1) : (uint64_t)(int64_t)(int8_t)uN(&c, 1);
		} else if (op == 0x10 || op == 0x11) {     /* constu / consts */
			st[n++] = op == 0x10 ? uleb(&c) : (uint64_t)sleb(&c);
		} else if (op == 0x22 || op == 0x1c || op == 0x1a) {   /* plus, minus, and */
			if (n < 2)
				return -1;
			uint64_t b = st[--n];
			st[n - 1] = op == 0x22 ? st[n - 1] + b : op == 0x1c ? st[n - 1] - b : st[n - 1] & b;
		} else {
			return -1;
		}
	}
	if (c.bad || n < 1)
		return -1;
	*out = st[n - 1];
	return 0;
}

int unwind_step(const struct code_map *m, const struct fault_report *rep,
		struct regs *r, int pc_is_return)
{
	if (!m->eh_frame || !(r->known & (1u << DW_RIP)))
		return -1;
	uint64_t pc = r->r[DW_RIP] - (pc_is_return ? 1 : 0);
	struct cie cie;
	const unsigned char *insns, *insns_end;
	uint64_t loc;
	if (find_fde(m, pc, &cie, &insns, &insns_end, &loc) < 0)
		return -1;

	struct row row, initial;
	memset(&row, 0, sizeof row);   /* every register: same value */
	row.cfa_reg = DW_RSP;
	uint64_t cie_loc = 0;
	if (run_insns(&cie, cie.insns, cie.insns_end, &cie_loc, UINT64_MAX, &row, NULL) < 0)
		return -1;
	initial = row;
	if (run_insns(&cie, insns, insns_end, &loc, pc, &row, &initial) < 0)
		return -1;

	uint64_t cfa;
	if (row.cfa_reg < 0) {
		if (eval_expr(row.cfa_expr, row.cfa_expr_len, r, rep, 0, 0, &cfa) < 0)
			return -1;
	} else {
		if (row.cfa_reg >= DW_NREGS || !(r->known & (1u << row.cfa_reg)))
			return -1;
		cfa = r->r[row.cfa_reg] + (uint64_t)row.cfa_off;
	}
	if (row.reg[DW_RIP].kind == R_UNDEF)
		return 0;   /* the outermost frame */

	struct regs caller = *r;
	for (int i = 0; i < DW_NREGS; i++) {
		const struct rule *ru = &row.reg[i];
		uint64_t v, addr;
		switch (ru->kind) {
		case R_SAME:
			break;
		case R_UNDEF:
			caller.known &= ~(1u << i);
			break;
		case R_OFFSET:
			if (report_word(rep, cfa + (uint64_t)ru->off, &v)) {
				caller.r[i] = v;
				caller.known |= 1u << i;
			} else {
				caller.known &= ~(1u << i);
			}
			break;
		case R_VAL_OFFSET:
			caller.r[i] = cfa + (uint64_t)ru->off;
			caller.known |= 1u << i;
			break;
		case R_REGISTER:
			if (ru->off < DW_NREGS && (r->known & (1u << ru->off))) {
				caller.r[i] = r->r[ru->off];
				caller.known |= 1u << i;
			} else {
				caller.known &= ~(1u << i);
			}
			break;
		case R_EXPR:
		case R_VAL_EXPR:
			if (eval_expr(ru->expr, ru->expr_len, r, rep, 1, cfa, &addr) == 0 &&
			    (ru->kind == R_VAL_EXPR || report_word(rep, addr, &addr))) {
				caller.r[i] = addr;
				caller.known |= 1u << i;
			} else {
				caller.known &= ~(1u << i);
			}
			break;
		}
	}
	/* The return address sits just below the CFA; the caller's rsp is the CFA. */
	if (row.reg[DW_RIP].kind == R_SAME) {
		if (!report_word(rep, cfa - 8, &caller.r[DW_RIP]))
			return -1;
		caller.known |= 1u << DW_RIP;
	}
	if (!(caller.known & (1u << DW_RIP)))
		return -1;
	caller.r[DW_RSP] = cfa;
	caller.known |= 1u << DW_RSP;
	*r = caller;
	return 1;
}
