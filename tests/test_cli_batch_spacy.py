"""The console script (through its entry point) and extract_many."""
import json
import shutil
import subprocess
import sys
import threading

import pytest

import minsheng_ie
from minsheng_ie.cli import main

from pathlib import Path

from .conftest import GOLD


def run(*args, stdin=None):
    """Through the installed console script, as a user runs it."""
    exe = shutil.which("minsheng-ie") or str(Path(sys.executable).with_name("minsheng-ie"))
    assert Path(exe).exists(), "the minsheng-ie console script is not installed"
    return subprocess.run([exe, *args], input=stdin, capture_output=True, text=True, timeout=300)


def test_console_script_help():
    p = run("--help")
    assert p.returncode == 0 and "extract" in p.stdout and "parse" in p.stdout


def test_extract_jsonl(capsys):
    assert main(["extract", "已完成87间", "--format", "jsonl"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["entities"][0]["value"] == 87 and rec["entities"][0]["rule"] == "quantity.number_unit"


def test_extract_stdin_lines_csv():
    p = run("extract", "--file", "-", "--lines", "--format", "csv", "--ref-date", "2020-03-31",
            stdin="已完成87间\n6月底前完成\n")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.strip().splitlines()
    assert lines[0].startswith("id,label,start,end,text,value,unit,") and len(lines) == 3
    assert "DEADLINE" in lines[2]


def test_extract_table(capsys):
    assert main(["extract", "牵头单位：市教育局", "--format", "table"]) == 0
    assert "ORG" in capsys.readouterr().out


def test_parse_each_format(capsys):
    path = str(next(GOLD.glob("002_*.txt")))
    assert main(["parse", path, "--format", "csv"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("file,number,section,name,deadline,targets,progress") and len(out) == 21
    assert main(["parse", path, "--format", "jsonl"]) == 0
    recs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(recs) == 20 and recs[0]["number"] == "1" and recs[0]["name"] == "“四好农村路”建设"
    assert set(recs[0]["fields"]) >= {"name", "target", "progress", "responsible"}
    assert recs[0]["summary"]["lead_units"] == ["区住建局"]
    assert main(["parse", path, "--format", "units"]) == 0
    recs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {r["field"] for r in recs} >= {"name", "target", "progress", "responsible"}
    assert main(["parse", "--sample"]) == 0
    assert "区住建局" in capsys.readouterr().out


def test_eval_prints_table(capsys):
    assert main(["eval", str(next(GOLD.glob("000_*.jsonl")))]) == 0
    out = capsys.readouterr().out
    assert "micro" in out and "QUANTITY" in out


def test_eval_pred_file(tmp_path, capsys):
    gold = next(GOLD.glob("004_*.jsonl"))
    pred = tmp_path / "pred.jsonl"
    assert main(["parse", str(gold.with_suffix(".txt")), "--format", "units"]) == 0
    pred.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["eval", str(gold), "--pred", str(pred)]) == 0
    assert "micro" in capsys.readouterr().out


def test_rules_commands(capsys):
    assert main(["rules", "list"]) == 0
    assert "quantity.number_unit" in capsys.readouterr().out
    assert main(["rules", "test"]) == 0
    assert " 0 failed" in capsys.readouterr().out
    assert main(["rules", "lint"]) == 0


def test_errors_exit_non_zero(tmp_path):
    p = run("parse", str(tmp_path / "missing.txt"))
    assert p.returncode == 2 and "no such file" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    bad = tmp_path / "rules"
    bad.mkdir()
    (bad / "r.yaml").write_text("rules: [", encoding="utf-8")
    p = run("rules", "lint", "--rules", str(bad))
    assert p.returncode == 2 and "r.yaml" in p.stderr
    p = run("extract", "6月底", "--ref-date", "soon")
    assert p.returncode == 2 and "ref_date" in p.stderr
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": 1}\n', encoding="utf-8")
    p = run("eval", str(gold))
    assert p.returncode == 2 and "g.jsonl:1" in p.stderr


def test_extract_many_equals_one_by_one():
    texts = [u for u in (GOLD / "001_5b83448298b42065.txt").read_text(encoding="utf-8").splitlines() if u.strip()]
    one = [minsheng_ie.extract(t, ref_date="2024-07-10") for t in texts]
    assert minsheng_ie.extract_many(texts, ref_date="2024-07-10") == one
    many = minsheng_ie.default_extractor().extract_many(texts * 20, ref_date="2024-07-10", n_process=2)
    assert many == one * 20


def test_extract_many_with_another_thread_running():
    """Forking with a thread running could copy a lock that thread holds: then the workers
    are spawned and build their own extractor, with the same results."""
    texts = [u for u in (GOLD / "003_f3baf62a97bf9d38.txt").read_text(encoding="utf-8").splitlines() if u.strip()]
    one = [minsheng_ie.extract(t, ref_date="2024-07-10") for t in texts]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        many = minsheng_ie.default_extractor().extract_many(texts * 10, ref_date="2024-07-10", n_process=2)
    finally:
        stop.set()
        other.join()
    assert many == one * 10


def test_extract_many_per_text_fields():
    r = minsheng_ie.extract_many(["区教育局", "区教育局"], field=["responsible", None])
    assert [x.entities[0].role for x in r] == ["lead", "mention"]
    with pytest.raises(TypeError, match="int"):
        minsheng_ie.extract_many(["a", 1])


def test_cli_segmenter_spacy_pkuseg(tmp_path, capsys):
    from .test_segmenters import TRAIN
    import spacy_pkuseg
    train = tmp_path / "train.txt"
    train.write_text("\n".join(TRAIN * 3) + "\n", encoding="utf-8")
    spacy_pkuseg.train(str(train), str(train), str(tmp_path / "model"), train_iter=2)
    capsys.readouterr()   # what training printed
    assert main(["extract", "已完成87间，牵头单位：市教育局", "--format", "jsonl",
                 "--segmenter", "spacy-pkuseg", "--pkuseg-model", str(tmp_path / "model")]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert [(e["label"], e["text"]) for e in rec["entities"]] == [("QUANTITY", "87间"), ("ORG", "市教育局")]
    assert main(["extract", "已完成87间", "--segmenter", "spacy-pkuseg"]) == 2
    assert "pkuseg_model" in capsys.readouterr().err


def test_progress_counts_files_and_units(tmp_path):
    a, b = next(GOLD.glob("000_*.txt")), next(GOLD.glob("004_*.txt"))
    p = run("parse", str(a), str(b), "--progress", "--format", "csv")
    assert p.returncode == 0 and "2/2" in p.stderr and "file" in p.stderr
    p = run("extract", "--file", "-", "--lines", "--progress", "--format", "jsonl", stdin="已完成87间\n6月底前\n完成5所\n")
    assert p.returncode == 0 and "3/3" in p.stderr and "unit" in p.stderr


def test_lint_reports_the_users_rules_only_unless_all(tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "r.yaml").write_text(
        "rules:\n  - id: user.no_doc\n    label: QUANTITY\n    priority: 10\n    value: quantity\n"
        "    pattern: [{IS_NUM: true, NAME: num}, {TEXT: 根桩位, NAME: unit}]\n"
        "    examples:\n      match: [{text: 3根桩位, expect: [{text: 3根桩位, value: 3}]}]\n", encoding="utf-8")
    assert main(["rules", "lint", "--rules", str(mine)]) == 1
    out = capsys.readouterr().out
    assert "user.no_doc" in out and "key 'description'" in out and "key 'examples -> no_match'" in out
    assert "1 user rules linted" in out and "quantity.number_unit" not in out
