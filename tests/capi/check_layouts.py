"""Struct layouts of baton.h, old against new, by Baton's rule: a versioned
struct (its first member is `unsigned version`) may only grow at the end, with
every old member where it was; any other struct may not change at all.

abidiff checks the functions and their types; this checks the layouts,
including what abidiff's suppression of growth at the end would let through
(a struct embedded in a versioned one that grows and moves the members after
it). Used by check_abi.sh.

Usage: check_layouts.py BASELINE CURRENT   (abidw XML; exit 1 on a break)
"""
import sys
import xml.etree.ElementTree as ET


class Abi:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.types = {}
        self.structs = {}
        for node in root.iter():
            type_id = node.get("id")
            if type_id and node.tag != "elf-symbol":
                self.types.setdefault(type_id, node)
            if (node.tag == "class-decl" and node.get("size-in-bits") is not None
                    and node.get("name", "").startswith("baton_")):
                self.structs.setdefault(node.get("name"), node)

    def signature(self, type_id, depth=0):
        """A type as C spells it; structs by name (each is checked on its own)."""
        node = self.types.get(type_id)
        if node is None or depth > 20:
            return "?"
        sig = lambda t: self.signature(t, depth + 1)
        tag = node.tag
        if tag == "type-decl":
            return "%s:%s" % (node.get("name"), node.get("size-in-bits", "-"))
        if tag == "typedef-decl":
            return sig(node.get("type-id"))
        if tag == "pointer-type-def":
            return sig(node.get("type-id")) + "*"
        if tag == "qualified-type-def":
            return ("const " if node.get("const") == "yes" else "") + sig(node.get("type-id"))
        if tag == "class-decl":
            return "struct " + node.get("name", "?")
        if tag == "array-type-def":
            return "%s[%s]" % (sig(node.get("type-id")), node.get("size-in-bits"))
        if tag == "function-type":
            parts = [sig(p.get("type-id")) for p in node if p.tag in ("parameter", "return")]
            return "fn(%s)" % ",".join(parts)
        return "%s %s" % (tag, node.get("name", ""))

    def members(self, name):
        node = self.structs[name]
        out = []
        for member in node.findall("data-member"):
            var = member.find("var-decl")
            out.append((var.get("name"), int(member.get("layout-offset-in-bits")),
                        self.signature(var.get("type-id"))))
        return int(node.get("size-in-bits")), out


def main():
    old, new = Abi(sys.argv[1]), Abi(sys.argv[2])
    problems = []
    for name in sorted(old.structs):
        if name not in new.structs:
            problems.append("%s: no longer defined in baton.h" % name)
            continue
        old_size, old_members = old.members(name)
        new_size, new_members = new.members(name)
        versioned = bool(old_members) and old_members[0][0] == "version"
        kept = new_members[:len(old_members)] == old_members
        if versioned and not (kept and new_size >= old_size):
            problems.append("%s: a versioned struct may only grow at the end" % name)
        elif not versioned and (new_members != old_members or new_size != old_size):
            problems.append("%s: a struct without a version may not change" % name)
        else:
            continue
        for label, size, members in (("baseline", old_size, old_members),
                                     ("now", new_size, new_members)):
            problems.append("  %s (%d bits): %s" % (label, size, ", ".join(
                "%s@%d %s" % m for m in members)))
    for line in problems:
        print("check_layouts: " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
