"""The ABI gate's own test: tests/capi/check_abi.sh passes the baseline and
compatible additions, and fails each kind of break, on copies of
abi/libbaton.abi changed the way a careless edit of baton.h would.

Usage: abi_gate_test.py CHECK_ABI BASELINE SUPPRESSIONS
"""
import os
import re
import subprocess
import sys
import tempfile


def drop_function(abi, name):
    """The ABI without function `name` (its declaration and ELF symbol)."""
    abi = re.sub(r"    <elf-symbol name='%s'[^\n]*\n" % name, "", abi)
    return re.sub(r"    <function-decl name='%s'.*?</function-decl>\n" % name, "", abi,
                  flags=re.S)


def drop_last_member(abi, struct):
    """The ABI with `struct` one member shorter at the end (its size too)."""
    decl = re.search(r"    <class-decl name='%s' size-in-bits='(\d+)'.*?</class-decl>\n"
                     % struct, abi, re.S)
    members = list(re.finditer(r"      <data-member access='public' "
                               r"layout-offset-in-bits='(\d+)'>\n.*?</data-member>\n",
                               decl.group(0), re.S))
    last = members[-1]
    shorter = decl.group(0)[:last.start()] + decl.group(0)[last.end():]
    shorter = shorter.replace("size-in-bits='%s'" % decl.group(1),
                              "size-in-bits='%s'" % last.group(1), 1)
    return abi.replace(decl.group(0), shorter)


def drop_middle_member(abi, struct):
    """The ABI with the second member of `struct` gone and the rest moved up."""
    decl = re.search(r"    <class-decl name='%s' size-in-bits='(\d+)'.*?</class-decl>\n"
                     % struct, abi, re.S).group(0)
    members = list(re.finditer(r"      <data-member access='public' "
                               r"layout-offset-in-bits='(\d+)'>\n.*?</data-member>\n",
                               decl, re.S))
    step = int(members[2].group(1)) - int(members[1].group(1))
    out = decl[:members[1].start()]
    for m in members[2:]:
        offset = int(m.group(1))
        out += m.group(0).replace("'%d'" % offset, "'%d'" % (offset - step), 1)
    out += decl[members[-1].end():]
    return abi.replace(decl, out)


def shrink_embedded(abi):
    """baton_load_balance one double shorter, with the members of
    baton_reassign_summary that follow it moved up, as a compiler would."""
    abi = drop_last_member(abi, "baton_load_balance")
    decl = re.search(r"    <class-decl name='baton_reassign_summary' .*?</class-decl>\n",
                     abi, re.S).group(0)
    moved = decl.replace("size-in-bits='1216'", "size-in-bits='1088'", 1)
    moved = moved.replace("layout-offset-in-bits='832'", "layout-offset-in-bits='768'")
    moved = moved.replace("layout-offset-in-bits='1152'", "layout-offset-in-bits='1024'")
    assert moved.count("1088") == 1 and "'768'" in moved and "'1024'" in moved
    return abi.replace(decl, moved)


def retype_parameter(abi, function, parameter, new_type):
    decl = re.search(r"    <function-decl name='%s'.*?</function-decl>\n" % function,
                     abi, re.S).group(0)
    type_id = re.search(r"<(?:type-decl|typedef-decl) name='%s'[^>]* id='([^']*)'"
                        % new_type, abi).group(1)
    changed = re.sub(r"type-id='[^']*' name='%s'" % parameter,
                     "type-id='%s' name='%s'" % (type_id, parameter), decl)
    return abi.replace(decl, changed)


def main():
    check, baseline_path, suppressions = sys.argv[1:4]
    with open(baseline_path) as f:
        base = f.read()
    # (what, baseline, current, passes)
    cases = [
        ("unchanged", base, base, True),
        ("a function added", drop_function(base, "baton_org_copy"), base, True),
        ("an options struct grown at the end",
         drop_last_member(base, "baton_reassign_options"), base, True),
        ("a spec grown at the end", drop_last_member(base, "baton_rep_spec"), base, True),
        ("a function removed", base, drop_function(base, "baton_org_copy"), False),
        ("a parameter retyped", base,
         retype_parameter(base, "baton_org_count", "kind", "size_t"), False),
        ("a struct member inserted in the middle",
         drop_middle_member(base, "baton_team_spec"), base, False),
        ("a struct shrunk at the end", base,
         drop_last_member(base, "baton_reassign_options"), False),
        ("an embedded struct grown at the end",
         shrink_embedded(base), base, False),
        ("the SONAME changed", base,
         base.replace("soname='libbaton.so.0'", "soname='libbaton.so.1'"), False),
    ]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for what, old, new, passes in cases:
            old_path, new_path = os.path.join(tmp, "old.abi"), os.path.join(tmp, "new.abi")
            for path, text in ((old_path, old), (new_path, new)):
                with open(path, "w") as f:
                    f.write(text)
            assert old != new or what == "unchanged", what
            run = subprocess.run(["bash", check, new_path, "-", old_path, suppressions],
                                 capture_output=True, text=True)
            ok = (run.returncode == 0) == passes
            print("%s %s: check_abi.sh exit %d (expected %s)"
                  % ("ok  " if ok else "FAIL", what, run.returncode,
                     "pass" if passes else "failure"))
            if not ok:
                failures += 1
                print(run.stdout + run.stderr)
    print("%d of %d cases as expected" % (len(cases) - failures, len(cases)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
