"""Generates the bad-argument matrix of the C API (tests/capi/bad_arguments).

Reads every prototype of baton.h and the functions libbaton.so exports,
derives each parameter's kind from its C type and name (a handle, an output
buffer with its capacity, an array with its count, a string, a versioned
struct and its fields, ...), adds what the prototypes cannot say from
functions.txt (which NULLs are valid, which ints are enumerations, how to
make a handle, the valid values of a spec), and writes a C file with one
case per bad value of every parameter: NULL for every pointer, a destroyed
handle, a handle of another type, zero and huge sizes and counts,
out-of-range enumerations, non-UTF-8 strings, NaN and +-infinity.

A function exported or declared but not described in functions.txt, or
with a parameter whose kind cannot be derived, becomes a failing case that
says which line to add (see README.md).

Usage: generate.py HEADER FUNCTIONS_TXT LIBRARY OUT_C
"""
import re
import shlex
import subprocess
import sys

NON_UTF8 = r'"\xff\xfe invalid \xc0\xaf"'
HUGE_COUNTS = ["SIZE_MAX", "(size_t)UINT32_MAX + 1"]
SCALAR_TYPES = {"size_t", "uint64_t", "uint32_t", "uint8_t", "int64_t", "int32_t", "int",
                "unsigned", "double"}


# ---- reading baton.h --------------------------------------------------------


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", " ", text, flags=re.S)


def split_decl(decl):
    """'const char* const* ids' -> ('const char* const*', 'ids')."""
    decl = " ".join(decl.split())
    m = re.match(r"(.*?)\s*\b(\w+)$", decl)
    ctype = re.sub(r"\s*\*", "*", m.group(1)).strip()
    return ctype, m.group(2)


class Header:
    def __init__(self, path):
        text = open(path).read()
        code = strip_comments(text)
        self.functions = {}
        for m in re.finditer(r"BATON_API\s+([^;(]*?)\s*\b(baton_\w+)\s*\(([^)]*)\)\s*;",
                             code, re.S):
            ret = re.sub(r"\s*\*", "*", " ".join(m.group(1).split()))
            params = [] if m.group(3).strip() == "void" else [
                split_decl(p) for p in m.group(3).split(",")]
            self.functions[m.group(2)] = (ret, params)
        self.opaque = set(re.findall(r"typedef struct (baton_\w+) \1;", code))
        self.structs = {}
        for m in re.finditer(r"typedef struct (baton_\w+) \{(.*?)\} \1;", text, re.S):
            self.structs[m.group(1)] = self.fields(m.group(2))
        self.macros = set(re.findall(r"#define (BATON_\w+)", code))

    @staticmethod
    def fields(body):
        out = []
        for m in re.finditer(r"([^;]*?);[ \t]*(?:/\*\*<(.*?)\*/)?", body, re.S):
            decl = strip_comments(m.group(1)).strip()
            if decl:
                ctype, name = split_decl(decl)
                out.append((ctype, name, " ".join((m.group(2) or "").split())))
        return out


def exported_functions(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines()
            if line.split()[-1].startswith("baton_")}


# ---- reading functions.txt --------------------------------------------------


class Descriptions:
    def __init__(self, path):
        self.functions, self.params, self.structs, self.handles = {}, {}, {}, {}
        for number, line in enumerate(open(path), 1):
            line = line.split(" #")[0].strip() if not line.startswith("#") else ""
            if not line:
                continue
            what, name, *rest = shlex.split(line, posix=False) + [""]
            rest = [r for r in rest if r]
            if what == "handle":
                self.handles[name] = " ".join(rest)
            elif what == "param":
                self.params[name] = rest[0]
            elif what in ("function", "struct"):
                rules = {}
                for rule in rest:
                    key, _, value = rule.partition("=")
                    rules[key] = value
                (self.functions if what == "function" else self.structs)[name] = rules
            else:
                sys.exit("functions.txt:%d: unknown line kind %r" % (number, what))


# ---- the matrix -------------------------------------------------------------


class Case:
    """One call: the valid arguments with one change, and what must happen."""

    def __init__(self, label, setup, expect, naming=None):
        self.label, self.setup, self.expect, self.naming = label, setup, expect, naming


class Function:
    def __init__(self, name, ret, params, header, described, rules):
        self.name, self.ret, self.params = name, ret, params
        self.header, self.described, self.rules = header, described, rules
        self.locals, self.cases, self.problems = [], [], []
        self.deferred = rules.get("deferred")
        self.names = [p for _, p in params]

    def rule(self, param):
        return self.rules.get(param) or self.described.params.get(param)

    def valid(self, param, default):
        return self.rules.get("valid:" + param, default)

    def add(self, label, setup, expect="error", naming=None):
        self.cases.append(Case(label, setup, expect, naming))

    def build(self):
        groups = self.group()
        for kind, members in groups:
            getattr(self, "kind_" + kind)(*members)
        return self

    def group(self):
        """Parameters in groups: (buf..., cap, needed), (array..., count), singles."""
        params, groups, used = self.params, [], set()
        for i, (ctype, name) in enumerate(params):
            if ctype == "size_t" and name == "cap":
                bufs = []
                j = i - 1
                while j >= 0 and params[j][0].endswith("*") and not params[j][0].startswith(
                        "const") and params[j][0].rstrip("*") not in self.header.opaque:
                    bufs.insert(0, params[j])
                    j -= 1
                needed = params[i + 1] if i + 1 < len(params) and params[i + 1][1] == "needed" \
                    else None
                groups.append(("outbuf", (bufs, params[i], needed)))
                used.update([b[1] for b in bufs] + [name] + ([needed[1]] if needed else []))
            elif ctype == "size_t" and (name in ("count", "size", "rows") or
                                        name.endswith("_count")):
                arrays = [p for p in params[:i] if p[1] not in used and (
                    p[0] in ("const void*", "const char* const*") or (
                        p[0].startswith("const ") and p[0].endswith("*") and
                        p[0][6:-1] in SCALAR_TYPES))]
                groups.append(("inarray", (arrays, params[i])))
                used.update([a[1] for a in arrays] + [name])
        for ctype, name in params:
            if name not in used:
                groups.append(("single", ((ctype, name),)))
        order = {name: k for k, (_, name) in enumerate(params)}
        return sorted(groups, key=lambda g: min(order[m[1]] for m in flatten(g[1])))

    # -- locals -------------------------------------------------------------

    def local(self, text):
        if text not in self.locals:
            self.locals.append(text)

    def kind_single(self, param):
        ctype, name = param
        base = ctype.replace("const ", "").rstrip("*")
        rule = self.rule(name)
        if ctype.endswith("**") and base in self.header.opaque:
            self.local("%s* s_%s = NULL;" % (base, name))
            self.local("%s p_%s = &s_%s;" % (ctype, name, name))
            self.add("%s=NULL" % name, "p_%s = NULL;" % name, naming=name)
        elif ctype.endswith("*") and base in self.header.opaque:
            self.handle(ctype, base, name)
        elif ctype.endswith("*") and base in self.header.structs:
            self.struct(ctype, base, name)
        elif ctype == "const char*":
            self.string(name, rule)
        elif ctype.endswith("*") and base in SCALAR_TYPES and ctype.count("*") == 1 \
                and not ctype.startswith("const"):
            self.local("%s s_%s = 0;" % (base, name))
            self.local("%s p_%s = &s_%s;" % (ctype, name, name))
            if rule != "nullable":
                self.add("%s=NULL" % name, "p_%s = NULL;" % name, naming=name)
            else:
                self.add("%s=NULL" % name, "p_%s = NULL;" % name, expect="any")
        elif rule == "any" or ctype == "baton_progress_fn" or (ctype == "void*" and
                                                               name == "payload"):
            self.local("%s p_%s = %s;" % (ctype, name, self.valid(name, "0")))
        elif ctype in ("int", "unsigned", "int32_t", "uint32_t", "size_t", "int64_t",
                       "double"):
            self.scalar(ctype, name, rule)
        else:
            self.problems.append(
                "parameter %s (%s): no kind derives from its type; describe it in "
                "functions.txt (e.g. %s=any, %s=range:LO..HI, %s=index, %s=day)"
                % (name, ctype, name, name, name, name))

    def handle(self, ctype, base, name):
        self.local("%s p_%s = %s;" % (ctype, name, self.valid(name, "bm_fixture_%s()" % base)))
        if self.ret == "void":  # destroy: a bad handle is left alone
            expect = "void"
        else:
            expect = "error"
        if self.rule(name) == "nullable":
            self.add("%s=NULL" % name, "p_%s = NULL;" % name, "any")
        else:
            self.add("%s=NULL" % name, "p_%s = NULL;" % name, expect, name)
        self.add("%s=destroyed" % name, "p_%s = bm_destroyed_%s();" % (name, base), expect, name)
        for other in sorted(self.header.opaque - {base}):
            if other in self.described.handles:
                self.add("%s=%s" % (name, other),
                         "p_%s = (%s)(void*)bm_fixture_%s();" % (name, ctype, other),
                         expect, name)

    def struct(self, ctype, base, name):
        init = "BATON_" + base[len("baton_"):].upper() + "_INIT"
        fields = self.header.structs[base]
        if init not in self.header.macros or not fields or fields[0][1] != "version":
            self.problems.append("parameter %s (%s): not a versioned struct with %s"
                                 % (name, ctype, init))
            return
        self.local("%s s_%s = %s;" % (base, name, init))
        valid = dict(self.described.structs.get(base, {}))
        valid.update({k[len(name) + 1:]: v for k, v in self.rules.items()
                      if k.startswith(name + ".")})
        for field, value in valid.items():
            if value != "nullable" and not field.startswith("elem:"):
                self.local("s_%s.%s = %s;" % (name, field, value))
        self.local("%s p_%s = &s_%s;" % (ctype, name, name))
        if self.ret == "void":
            self.add("%s=NULL" % name, "p_%s = NULL;" % name, "void")
            return
        self.add("%s=NULL" % name, "p_%s = NULL;" % name, naming=name)
        self.add("%s->version=0" % name, "s_%s.version = 0;" % name, naming="version")
        self.add("%s->version=999" % name, "s_%s.version = 999;" % name, naming="version")
        if ctype.startswith("const "):
            self.fields_of(name, fields, valid)

    def fields_of(self, name, fields, valid):
        """Bad values inside an input struct: every field that has one."""
        self.rules.setdefault("base", "ok")
        for ctype, field, comment in fields[1:]:
            s = "s_%s.%s" % (name, field)
            label = "%s->%s" % (name, field)
            if ctype == "double":
                for value in ("NAN", "INFINITY", "-INFINITY"):
                    self.add("%s=%s" % (label, value), "%s = %s;" % (s, value))
            elif ctype == "const char*":
                self.add("%s=non-UTF-8" % label, "%s = %s;" % (s, NON_UTF8))
            elif ctype == "const char* const*":
                count = next((f for _, f, _ in fields if f.endswith("_count") and
                              belongs(field, f[:-6])), None)
                if count is None:
                    continue
                # Every array of that count gets one valid element first, so
                # that the element changed is the only thing wrong.
                siblings = [f for t, f, _ in fields if t == ctype and belongs(f, count[:-6])]
                set_one = ""
                for sibling in siblings:
                    self.local("const char* a_%s_%s[1] = {%s};" % (
                        name, sibling, valid.get("elem:" + sibling, '"x"')))
                    set_one += "s_%s.%s = a_%s_%s; " % (name, sibling, name, sibling)
                set_one += "s_%s.%s = 1;" % (name, count)
                if valid.get(field) != "nullable":
                    self.add("%s=NULL,%s=1" % (label, count), set_one + " %s = NULL;" % s)
                    self.add("%s[0]=NULL" % label, set_one + " a_%s_%s[0] = NULL;"
                             % (name, field))
                self.add("%s[0]=non-UTF-8" % label, set_one + " a_%s_%s[0] = %s;"
                         % (name, field, NON_UTF8))
                for huge in HUGE_COUNTS:
                    self.add("%s=1 element,%s=%s" % (label, count, huge),
                             set_one + " s_%s.%s = %s;" % (name, count, huge))
            elif re.match(r"BATON_[A-Z_]+_\*", comment):
                bad = ["(uint32_t)1 << 31"] if ctype == "uint32_t" else ["-1", "INT_MAX"]
                for value in bad:
                    self.add("%s=%s" % (label, value), "%s = %s;" % (s, value))
            elif ctype == "int32_t" and "BATON_NO_DAY" in comment:
                self.add("%s=INT32_MAX" % label, "%s = INT32_MAX;" % s)

    def string(self, name, rule):
        value = self.valid(name, '"out"' if rule == "path" else '"x"')
        self.local("const char* p_%s = %s;" % (name, value))
        self.add("%s=NULL" % name, "p_%s = NULL;" % name,
                 "any" if rule in ("nullable", "any") else "error", None if rule else name)
        if rule != "any":
            self.add("%s=non-UTF-8" % name, "p_%s = %s;" % (name, NON_UTF8),
                     "any" if rule == "path" else "error")

    def scalar(self, ctype, name, rule):
        rule = rule or ""
        if rule.startswith("range:"):
            low, high = rule[len("range:"):].split("..")
            self.local("%s p_%s = %s;" % (ctype, name, self.valid(name, low)))
            for value in ("(%s) - 1" % low, "(%s) + 1" % high, "INT_MIN", "INT_MAX"):
                self.add("%s=%s" % (name, value), "p_%s = %s;" % (name, value))
        elif rule == "index":
            self.local("%s p_%s = 0;" % (ctype, name))
            huge = "UINT32_MAX" if ctype == "uint32_t" else "SIZE_MAX"
            self.add("%s=%s" % (name, huge), "p_%s = %s;" % (name, huge))
        elif rule == "day":
            self.local("%s p_%s = 20758;" % (ctype, name))
            for value in ("INT32_MAX", "INT32_MIN + 1"):
                self.add("%s=%s" % (name, value), "p_%s = %s;" % (name, value))
        elif ctype == "double":
            self.local("double p_%s = %s;" % (name, self.valid(name, "0.5")))
            for value in ("NAN", "INFINITY", "-INFINITY"):
                self.add("%s=%s" % (name, value), "p_%s = %s;" % (name, value))
        else:
            self.problems.append(
                "parameter %s (%s): say which values are valid in functions.txt "
                "(%s=any, %s=range:LO..HI, %s=index or %s=day)"
                % (name, ctype, name, name, name, name))

    def kind_outbuf(self, bufs, cap, needed):
        for ctype, name in bufs:
            element = "unsigned char" if ctype == "void*" else ctype[:-1]
            self.local("%s s_%s[4096];" % (element, name))
            self.local("%s p_%s = s_%s;" % (ctype, name, name))
        self.local("size_t p_cap = 4096;")
        if needed:
            self.local("size_t s_needed = 0;")
            self.local("size_t* p_needed = &s_needed;")
            self.add("needed=NULL", "p_needed = NULL;", "any")
        text = any(c == "char*" for c, _ in bufs)
        for ctype, name in bufs:
            nullable = self.rule(name) == "nullable"
            self.add("%s=NULL" % name, "p_%s = NULL;" % name, "any" if nullable else "error")
        self.add("cap=0", "p_cap = 0;", "error" if text else "any")
        all_nullable = all(self.rule(n) == "nullable" for _, n in bufs)
        self.add("%s=NULL,cap=SIZE_MAX" % ",".join(n for _, n in bufs),
                 "".join("p_%s = NULL; " % n for _, n in bufs) + "p_cap = SIZE_MAX;",
                 "any" if all_nullable else "error")
        self.add("%s=NULL,cap=0" % ",".join(n for _, n in bufs),
                 "".join("p_%s = NULL; " % n for _, n in bufs) + "p_cap = 0;", "any")

    def kind_inarray(self, arrays, count):
        _, cname = count
        self.local("size_t p_%s = %s;" % (cname, self.valid(cname, "2")))
        for ctype, name in arrays:
            if ctype == "const char* const*":
                self.local("const char* s_%s[] = %s;" % (name, self.valid(name, '{"x1", "x2"}')))
            elif ctype == "const void*":
                self.local("const void* s_%s = bm_snapshot(&p_%s);" % (name, cname))
            else:
                self.local("%s s_%s[] = %s;" % (ctype[6:-1], name, self.valid(name, "{0, 0}")))
            self.local("%s p_%s = s_%s;" % (ctype, name, name))
        for ctype, name in arrays:
            nullable = self.rule(name) == "nullable"
            self.add("%s=NULL" % name, "p_%s = NULL;" % name, "any" if nullable else "error",
                     None if nullable else name)
            if ctype == "const char* const*":
                self.add("%s[0]=NULL" % name, "s_%s[0] = NULL;" % name)
                self.add("%s[0]=non-UTF-8" % name, "s_%s[0] = %s;" % (name, NON_UTF8))
            if ctype == "const void*":
                self.add("%s=not a snapshot" % name,
                         "p_%s = \"BATONSNP but no more\"; p_%s = 20;" % (name, cname))
                self.add("%s=truncated" % name, "p_%s -= 1;" % cname)
        self.add("%s=0" % cname, "p_%s = 0;" % cname,
                 "error" if any(c == "const void*" for c, _ in arrays) else "any")
        for huge in HUGE_COUNTS:
            # A huge count with real (short) arrays must be refused by the count
            # alone; bytes can only be checked against what they say of themselves.
            if not any(c == "const void*" for c, _ in arrays):
                self.add("%s=%s" % (cname, huge), "p_%s = %s;" % (cname, huge))
            self.add("%s=%s,arrays NULL" % (cname, huge),
                     "".join("p_%s = NULL; " % n for _, n in arrays) +
                     "p_%s = %s;" % (cname, huge))


def belongs(field, prefix):
    """Whether array `field` is counted by `<prefix>_count`: departing,
    leavers (leaver_count), pin_accounts (pin_count)."""
    return field in (prefix, prefix + "s") or field.startswith(prefix + "_")


def flatten(members):
    out = []
    for m in members:
        if isinstance(m, tuple) and m and isinstance(m[0], str):
            out.append(m)
        elif isinstance(m, (list, tuple)):
            out.extend(flatten(m))
    return [m for m in out if m]


# ---- writing C --------------------------------------------------------------


def c_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def call_expr(fn):
    return "%s(%s)" % (fn.name, ", ".join("p_" + n for n in fn.names))


def write_case(out, fn, index, case, deferred):
    out.append("static int case_%d(void) { /* %s: %s */" % (index, fn.name, case.label))
    out.extend("  " + line for line in fn.locals)
    if case.setup:
        out.append("  " + case.setup)
    out.append("  bm_arm();")
    if fn.ret == "void":
        out.append("  %s;" % call_expr(fn))
        out.append("  return BM_PASS;")
    elif fn.ret == "int":
        out.append("  const int rc = %s;" % call_expr(fn))
        if case.expect == "error" and deferred:
            out.append("  if (rc == BATON_OK) {")
            out.append("    bm_arm();")
            out.append("    return bm_deferred(%s, %s);" % (deferred, c_string(deferred)))
            out.append("  }")
        out.append("  return bm_check(rc, BM_%s, %s);" % (
            case.expect.upper(), c_string(case.naming) if case.naming else "NULL"))
    else:  # a pointer (a name): NULL is its error
        out.append("  const void* result = (const void*)%s;" % call_expr(fn))
        out.append("  return bm_check_name(result, BM_%s);"
                   % ("ANY" if case.expect == "any" else "ERROR"))
    out.append("}")


def write_base(out, fn, index, deferred):
    """The valid call, which must succeed (and apply), so that each bad value
    is what makes its call fail."""
    out.append("static int case_%d(void) { /* %s: every argument valid */" % (index, fn.name))
    out.extend("  " + line for line in fn.locals)
    out.append("  bm_arm();")
    out.append("  const int rc = %s;" % call_expr(fn))
    if deferred:
        out.append("  if (rc == BATON_OK) {")
        out.append("    bm_arm();")
        out.append("    return bm_base(%s, %s);" % (deferred, c_string(deferred)))
        out.append("  }")
    out.append("  return bm_base(rc, %s);" % c_string(fn.name))
    out.append("}")


def generate(header, described, exported):
    out = ['/* Generated by generate.py from baton.h and functions.txt; do not edit. */',
           '#include "harness.h"',
           '/* Each case declares every local its function may need. */',
           '#pragma GCC diagnostic ignored "-Wunused-variable"', ""]
    table = []
    handles = sorted(described.handles)
    out.extend("static %s* bm_fixture_%s(void);" % (base, base) for base in handles)
    for base in handles:
        out.append("BM_HANDLE(%s, %s)" % (base, described.handles[base]))
    out.append("void bm_make_fixtures(void) {")
    out.extend("  (void)bm_fixture_%s();" % base for base in handles)
    out.append("}")
    index = 0
    for name in sorted(set(header.functions) | exported):
        problems = []
        if name not in header.functions:
            problems.append("exported by libbaton.so but not declared in baton.h")
        if name not in exported:
            problems.append("declared in baton.h but not exported by libbaton.so")
        if name not in described.functions:
            problems.append("not described to the bad-argument matrix: add a line "
                            "\"function %s\" to tests/capi/bad_arguments/functions.txt, "
                            "with a rule for each parameter the prototype does not "
                            "explain (tests/capi/bad_arguments/README.md)" % name)
        fn = None
        if not problems:
            ret, params = header.functions[name]
            fn = Function(name, ret, params, header, described,
                          dict(described.functions[name])).build()
            problems = fn.problems
            for base in {p[0].replace("const ", "").rstrip("*") for p in params}:
                if base in header.opaque and base not in described.handles:
                    problems.append("handle type %s: add \"handle %s <how to make one into "
                                    "h>\" to functions.txt" % (base, base))
        if problems:
            out.append("static int case_%d(void) {" % index)
            out.append("  return bm_undescribed(%s);" % c_string(
                name + ": " + "; ".join(problems)))
            out.append("}")
            table.append((index, name, "described"))
            index += 1
            continue
        deferred = fn.deferred.replace("$", "p_") if fn.deferred else None
        if fn.rules.get("base") == "ok" or deferred:
            write_base(out, fn, index, deferred)
            table.append((index, name, "every argument valid"))
            index += 1
        for case in fn.cases:
            write_case(out, fn, index, case, deferred)
            table.append((index, name, case.label))
            index += 1
    for name in sorted(set(described.functions) - set(header.functions) - exported):
        out.append("static int case_%d(void) {" % index)
        out.append("  return bm_undescribed(%s);" % c_string(
            name + ": described in tests/capi/bad_arguments/functions.txt but not in "
            "baton.h; remove its line"))
        out.append("}")
        table.append((index, name, "described"))
        index += 1
    out.append("const bm_case bm_cases[] = {")
    for i, name, label in table:
        out.append("    {%s, %s, case_%d}," % (c_string(name), c_string(label), i))
    out.append("};")
    out.append("const size_t bm_case_count = %d;" % len(table))
    out.append("const size_t bm_function_count = %d;"
               % len(set(header.functions) | exported))
    return "\n".join(out) + "\n"


def main():
    header_path, functions_path, library, out_path = sys.argv[1:5]
    text = generate(Header(header_path), Descriptions(functions_path),
                    exported_functions(library))
    with open(out_path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
